package dev.anneal.benchmarks;

import dev.anneal.Constant;
import dev.anneal.Cooldown;
import dev.anneal.Cosine;
import dev.anneal.CycleMomentum;
import dev.anneal.Cyclic;
import dev.anneal.Exponential;
import dev.anneal.Interpolation;
import dev.anneal.InverseSqrt;
import dev.anneal.InverseTime;
import dev.anneal.Linear;
import dev.anneal.LrSchedule;
import dev.anneal.MultiStep;
import dev.anneal.OneCycle;
import dev.anneal.Piecewise;
import dev.anneal.Polynomial;
import dev.anneal.Product;
import dev.anneal.Schedule;
import dev.anneal.Sequence;
import dev.anneal.StepDecay;
import dev.anneal.Warmup;

/**
 * The schedules the benchmarks measure, one per kind, sized for a 10,000-step run. The anneal
 * processor generates {@code BenchSchedulesImpl}; {@link HandWritten}, {@link AtBenchmark}'s
 * builder schedules and DJL trackers implement the same curves with the constants below.
 */
@Schedule
public interface BenchSchedules {
  long TOTAL = 10_000;
  double PEAK = 0.1;

  double STEP_DECAY_FACTOR = 0.5;
  long STEP_DECAY_EVERY = 2_000;

  long MILESTONE_1 = 3_000;
  long MILESTONE_2 = 6_000;
  long MILESTONE_3 = 8_000;
  double MULTI_STEP_FACTOR = 0.1;

  /** Per step (PyTorch ExponentialLR, DJL FactorTracker): 0.1 * 0.9995^t. */
  double EXPONENTIAL_RATE = 0.9995;

  double COSINE_TO = 1e-4;
  double LINEAR_TO = 1e-3;
  double POLYNOMIAL_TO = 1e-4;
  double POLYNOMIAL_POWER = 2;

  double INVERSE_TIME_RATE = 0.5;
  long INVERSE_TIME_EVERY = 1_000;
  double INVERSE_SQRT_TIMESCALE = 1_000;

  double CYCLIC_LOW = 1e-3;
  long CYCLIC_UP = 1_000;

  long KNOT_1 = 2_000;
  long KNOT_2 = 5_000;
  long KNOT_3 = 8_000;
  double VALUE_1 = 0.05;
  double VALUE_2 = 0.01;
  double VALUE_3 = 0.001;

  /** Warm-up + cosine + cool-down (the composed schedule of {@link AtBenchmark}). */
  long WARMUP = 500;

  long COOLDOWN = 1_000;
  long COMPOSED_COSINE = TOTAL - WARMUP - COOLDOWN;

  @Constant(PEAK)
  LrSchedule constant();

  @StepDecay(from = PEAK, factor = STEP_DECAY_FACTOR, every = STEP_DECAY_EVERY)
  LrSchedule stepDecay();

  @MultiStep(
      from = PEAK,
      milestones = {MILESTONE_1, MILESTONE_2, MILESTONE_3},
      factor = MULTI_STEP_FACTOR)
  LrSchedule multiStep();

  @Exponential(from = PEAK, rate = EXPONENTIAL_RATE)
  LrSchedule exponential();

  @Cosine(from = PEAK, to = COSINE_TO, steps = TOTAL)
  LrSchedule cosine();

  @Linear(from = PEAK, to = LINEAR_TO, steps = TOTAL)
  LrSchedule linear();

  @Polynomial(from = PEAK, to = POLYNOMIAL_TO, steps = TOTAL, power = POLYNOMIAL_POWER)
  LrSchedule polynomial();

  @InverseTime(from = PEAK, rate = INVERSE_TIME_RATE, every = INVERSE_TIME_EVERY)
  LrSchedule inverseTime();

  @InverseSqrt(from = PEAK, timescale = INVERSE_SQRT_TIMESCALE)
  LrSchedule inverseSqrt();

  @Cyclic(low = CYCLIC_LOW, high = PEAK, up = CYCLIC_UP)
  LrSchedule cyclic();

  @OneCycle(peak = PEAK, steps = TOTAL)
  LrSchedule oneCycle();

  @Piecewise(
      steps = {0, KNOT_1, KNOT_2, KNOT_3},
      values = {PEAK, VALUE_1, VALUE_2, VALUE_3},
      interpolation = Interpolation.LINEAR)
  LrSchedule piecewise();

  @Warmup(steps = WARMUP)
  @Cosine(from = PEAK, to = COSINE_TO, steps = COMPOSED_COSINE)
  @Cooldown(steps = COOLDOWN)
  LrSchedule composed();

  // ---- composites (PyTorch SequentialLR, ChainedScheduler, OneCycleLR's cycle_momentum) ----

  /** A warm-up from PEAK / 10 that does not end at the decay's first value, then a decay. */
  @Linear(from = PEAK / 10, to = PEAK, steps = WARMUP)
  LrSchedule seqWarm();

  @Exponential(from = PEAK, rate = EXPONENTIAL_RATE)
  LrSchedule seqDecay();

  @Sequence(
      schedules = {"seqWarm", "seqDecay"},
      boundaries = WARMUP)
  LrSchedule sequence();

  /** PyTorch LinearLR(start_factor = 0.5) as a factor. */
  @Linear(from = 0.5, to = 1.0, steps = WARMUP)
  LrSchedule factor();

  @Product(schedules = {"cosine", "factor"})
  LrSchedule product();

  @CycleMomentum(of = "oneCycle")
  LrSchedule momentum();

  /** What {@link FillBenchmark} fills: linear warm-up from 0, cosine to 0. */
  @Warmup(steps = WARMUP)
  @Cosine(from = PEAK, steps = TOTAL - WARMUP)
  LrSchedule warmupCosine();
}
