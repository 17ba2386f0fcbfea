package dev.anneal.examples;

import dev.anneal.Anneal;
import dev.anneal.Constant;
import dev.anneal.Cooldown;
import dev.anneal.Cosine;
import dev.anneal.Cyclic;
import dev.anneal.CyclicMode;
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
import dev.anneal.Ramp;
import dev.anneal.Restarts;
import dev.anneal.Schedule;
import dev.anneal.Sigmoid;
import dev.anneal.StepDecay;
import dev.anneal.Tanh;
import dev.anneal.Warmup;

/**
 * Every body and modifier, each declared as the well-known schedule it reproduces. The tests
 * compare {@code CatalogImpl} with vectors written by those reference implementations.
 */
@Schedule
public interface Catalog {
  /** PyTorch {@code StepLR(step_size=30, gamma=0.1)}. */
  @StepDecay(from = 0.1, factor = 0.1, every = 30)
  double stepLr(long step);

  /** PyTorch {@code MultiStepLR(milestones=[30, 80, 120], gamma=0.5)}. */
  @MultiStep(
      from = 0.1,
      milestones = {30, 80, 120},
      factor = 0.5)
  double multiStepLr(long step);

  /** PyTorch {@code ExponentialLR(gamma=0.95)}. */
  @Exponential(from = 0.1, rate = 0.95)
  double exponentialLr(long step);

  /** Keras {@code ExponentialDecay(0.1, decay_steps=25, decay_rate=0.5, staircase=True)}. */
  @Exponential(from = 0.1, rate = 0.5, every = 25, staircase = true)
  double kerasExponentialStaircase(long step);

  /** PyTorch {@code CosineAnnealingLR(T_max=100, eta_min=0.001)}. */
  @Cosine(from = 0.1, to = 0.001, steps = 100)
  double cosineAnnealingLr(long step);

  /** Optax {@code warmup_cosine_decay_schedule(..., exponent=2)}. */
  @Warmup(steps = 20, from = 0.001)
  @Cosine(from = 0.05, to = 0.0005, steps = 130, exponent = 2.0)
  double optaxWarmupCosineExponent2(long step);

  /** PyTorch {@code CosineAnnealingWarmRestarts(T_0=10, T_mult=2)}. */
  @Restarts(growth = 2.0)
  @Cosine(from = 0.05, to = 0.0, steps = 10)
  LrSchedule warmRestarts();

  /** anneal: growing restarts of a linear decay, three cycles, start value halving. */
  @Restarts(growth = 2.0, decay = 0.5, limit = 3)
  @Linear(from = 0.1, to = 0.01, steps = 20)
  LrSchedule linearRestarts();

  /** Keras {@code PolynomialDecay(0.1, 50, end_learning_rate=0.001, cycle=True)}. */
  @Polynomial(from = 0.1, to = 0.001, steps = 50, cycle = true)
  double kerasPolynomialCycle(long step);

  /**
   * Optax {@code exponential_decay(0.1, transition_steps=10, decay_rate=0.5, staircase=True,
   * end_value=0.002)}.
   */
  @Exponential(from = 0.1, rate = 0.5, every = 10, staircase = true, to = 0.002)
  double optaxExponentialEndValue(long step);

  /** Keras {@code InverseTimeDecay(0.1, decay_steps=5, decay_rate=0.5)}. */
  @InverseTime(from = 0.1, rate = 0.5, every = 5)
  double kerasInverseTime(long step);

  /** DL4J {@code InverseSchedule(ITERATION, initialValue=0.05, gamma=0.01, power=2)}. */
  @InverseTime(from = 0.05, rate = 0.01, power = 2.0)
  double dl4jInverse(long step);

  /** DL4J {@code SigmoidSchedule(ITERATION, initialValue=0.1, gamma=-0.01, stepSize=500)}. */
  @Sigmoid(from = 0.1, gamma = -0.01, center = 500)
  double dl4jSigmoid(long step);

  /** timm {@code TanhLRScheduler(t_initial=100, lb=-3, ub=5, lr_min=1e-4)}. */
  @Tanh(from = 0.2, to = 0.0001, steps = 100, lower = -3.0, upper = 5.0)
  double timmTanh(long step);

  /**
   * timm {@code TanhLRScheduler(t_initial=40, lr_min=1e-4, cycle_mul=2, cycle_decay=0.5,
   * cycle_limit=3)}.
   */
  @Restarts(growth = 2.0, decay = 0.5, limit = 3)
  @Tanh(from = 0.1, to = 0.0001, steps = 40)
  LrSchedule timmTanhCycles();

  /** Hugging Face {@code get_inverse_sqrt_schedule(num_warmup_steps=50)}. */
  @Warmup(steps = 50)
  @InverseSqrt(from = 0.001, timescale = 50.0)
  double inverseSqrt(long step);

  /**
   * PyTorch {@code CyclicLR(0.0001, 0.01, step_size_up=15, step_size_down=25, mode="triangular2")}.
   */
  @Cyclic(low = 0.0001, high = 0.01, up = 15, down = 25, mode = CyclicMode.TRIANGULAR2)
  LrSchedule cyclicTriangular2();

  /**
   * PyTorch {@code OneCycleLR(max_lr=0.1, total_steps=157, pct_start=0.2, ..., three_phase=True)}.
   */
  @OneCycle(
      peak = 0.1,
      steps = 157,
      pctStart = 0.2,
      divFactor = 20.0,
      finalDivFactor = 500.0,
      anneal = Anneal.LINEAR,
      threePhase = true)
  LrSchedule oneCycleThreePhaseLinear();

  /** Keras {@code PiecewiseConstantDecay(boundaries=[40, 90, 150], values=[...])}. */
  @Piecewise(
      steps = {0, 41, 91, 151},
      values = {0.1, 0.05, 0.01, 0.001})
  double kerasPiecewise(long step);

  /** Optax {@code piecewise_interpolate_schedule("linear", ...)}. */
  @Piecewise(
      steps = {0, 40, 100, 160},
      values = {0.1, 0.05, 0.005000000000000001, 0.015000000000000003},
      interpolation = Interpolation.LINEAR)
  double optaxPiecewiseLinear(long step);

  /** PyTorch {@code ConstantLR(factor=0.25, total_iters=12)}. */
  @Warmup(steps = 12, from = 0.0125, shape = Ramp.CONSTANT)
  @Constant(value = 0.05)
  double constantLr(long step);

  /** Hugging Face {@code get_wsd_schedule(..., decay_type="1-sqrt", min_lr_ratio=0.02)}. */
  @Warmup(steps = 30, from = 1.1999999999999999e-05)
  @Constant(value = 0.0006, steps = 120)
  @Cooldown(steps = 90, to = 1.1999999999999999e-05, shape = Ramp.SQRT)
  LrSchedule warmupStableDecay();
}
