package dev.anneal.benchmarks;

import static dev.anneal.benchmarks.BenchSchedules.*;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.CyclicalTracker;
import ai.djl.training.tracker.FactorTracker;
import ai.djl.training.tracker.LinearTracker;
import ai.djl.training.tracker.MultiFactorTracker;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.PolynomialDecayTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import dev.anneal.Interpolation;
import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One schedule value per call, four ways side by side, for every kind:
 *
 * <ul>
 *   <li>{@code <kind>_generated}: the processor's class, {@code new
 *       BenchSchedulesImpl().<kind>().at(step)}, held in a static final field;
 *   <li>{@code <kind>_handwritten}: {@link HandWritten}, the same curve specialized by hand;
 *   <li>{@code <kind>_builder}: the run-time builder's schedule ({@link Schedules}), held in a
 *       field;
 *   <li>{@code <kind>_djl}: DJL's equivalent tracker where there is one, called as DJL's optimizers
 *       call it, {@code tracker.getNewValue(parameterId, updateCount)} (float, int steps).
 * </ul>
 *
 * <p>One method per (kind, variant) keeps every call site monomorphic, and JMH runs each method in
 * a fresh fork, so no type profile carries over from another schedule. The step changes on every
 * call: a pre-computed sweep over [0, 12,000) (the schedules are sized for 10,000 steps, so the
 * hold-after-the-end branch is taken too), monotone like a training loop's counter, read through a
 * wrapping index.
 *
 * <p>DJL notes: DJL 0.36 has no tracker for step decay (its {@code FactorTracker} lost the step
 * size), inverse time, inverse square root, 1cycle or general piecewise; no cool-down either, so
 * {@code composed_djl} is warm-up + cosine only. {@code MultiFactorTracker} is stateful: it
 * advances an index and multiplies its base value as steps pass milestones, is only right for
 * increasing steps, and after the first sweep it has passed all milestones and returns a field.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class AtBenchmark {
  /** Sweep length: a power of two, so the index wraps with a mask. */
  private static final int SWEEP = 4096;

  /** Steps swept: the 10,000 of the schedules and 20% past their end. */
  static final long RANGE = 12_000;

  private static final String PARAMETER_ID = "dense0_weight";

  private final long[] steps = new long[SWEEP];
  private final int[] intSteps = new int[SWEEP];
  private int cursor;

  public AtBenchmark() {
    for (int i = 0; i < SWEEP; i++) {
      steps[i] = i * RANGE / SWEEP;
      intSteps[i] = (int) steps[i];
    }
  }

  private long step() {
    return steps[cursor++ & (SWEEP - 1)];
  }

  private int intStep() {
    return intSteps[cursor++ & (SWEEP - 1)];
  }

  // ---- constant ----

  private final LrSchedule constantBuilder = Schedules.constant(PEAK).build();

  private final ParameterTracker constantDjl = Tracker.fixed((float) PEAK);

  @Benchmark
  public double constant_generated() {
    return Generated.CONSTANT.at(step());
  }

  @Benchmark
  public double constant_handwritten() {
    return HandWritten.constant(step());
  }

  @Benchmark
  public double constant_builder() {
    return constantBuilder.at(step());
  }

  @Benchmark
  public float constant_djl() {
    return constantDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- stepDecay ----

  private final LrSchedule stepDecayBuilder =
      Schedules.stepDecay(PEAK, STEP_DECAY_FACTOR, STEP_DECAY_EVERY).build();

  @Benchmark
  public double stepDecay_generated() {
    return Generated.STEP_DECAY.at(step());
  }

  @Benchmark
  public double stepDecay_handwritten() {
    return HandWritten.stepDecay(step());
  }

  @Benchmark
  public double stepDecay_builder() {
    return stepDecayBuilder.at(step());
  }

  // ---- multiStep ----

  private final LrSchedule multiStepBuilder =
      Schedules.multiStep(PEAK, MULTI_STEP_FACTOR, MILESTONE_1, MILESTONE_2, MILESTONE_3).build();

  private final ParameterTracker multiStepDjl =
      MultiFactorTracker.builder()
          .setBaseValue((float) PEAK)
          .setSteps(new int[] {(int) MILESTONE_1, (int) MILESTONE_2, (int) MILESTONE_3})
          .optFactor((float) MULTI_STEP_FACTOR)
          .build();

  @Benchmark
  public double multiStep_generated() {
    return Generated.MULTI_STEP.at(step());
  }

  @Benchmark
  public double multiStep_handwritten() {
    return HandWritten.multiStep(step());
  }

  @Benchmark
  public double multiStep_builder() {
    return multiStepBuilder.at(step());
  }

  @Benchmark
  public float multiStep_djl() {
    return multiStepDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- exponential ----

  private final LrSchedule exponentialBuilder =
      Schedules.exponential(PEAK, EXPONENTIAL_RATE).build();

  private final ParameterTracker exponentialDjl =
      FactorTracker.builder()
          .setBaseValue((float) PEAK)
          .setFactor((float) EXPONENTIAL_RATE)
          .build();

  @Benchmark
  public double exponential_generated() {
    return Generated.EXPONENTIAL.at(step());
  }

  @Benchmark
  public double exponential_handwritten() {
    return HandWritten.exponential(step());
  }

  @Benchmark
  public double exponential_builder() {
    return exponentialBuilder.at(step());
  }

  @Benchmark
  public float exponential_djl() {
    return exponentialDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- cosine ----

  private final LrSchedule cosineBuilder = Schedules.cosine(PEAK, TOTAL).to(COSINE_TO).build();

  private final ParameterTracker cosineDjl =
      CosineTracker.builder()
          .setBaseValue((float) PEAK)
          .optFinalValue((float) COSINE_TO)
          .setMaxUpdates((int) TOTAL)
          .build();

  @Benchmark
  public double cosine_generated() {
    return Generated.COSINE.at(step());
  }

  @Benchmark
  public double cosine_handwritten() {
    return HandWritten.cosine(step());
  }

  @Benchmark
  public double cosine_builder() {
    return cosineBuilder.at(step());
  }

  @Benchmark
  public float cosine_djl() {
    return cosineDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- linear ----

  private final LrSchedule linearBuilder = Schedules.linear(PEAK, LINEAR_TO, TOTAL).build();

  private final ParameterTracker linearDjl =
      LinearTracker.builder()
          .setBaseValue((float) PEAK)
          .optSlope((float) ((LINEAR_TO - PEAK) / TOTAL))
          .optMinValue((float) LINEAR_TO)
          .build();

  @Benchmark
  public double linear_generated() {
    return Generated.LINEAR.at(step());
  }

  @Benchmark
  public double linear_handwritten() {
    return HandWritten.linear(step());
  }

  @Benchmark
  public double linear_builder() {
    return linearBuilder.at(step());
  }

  @Benchmark
  public float linear_djl() {
    return linearDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- polynomial ----

  private final LrSchedule polynomialBuilder =
      Schedules.polynomial(PEAK, TOTAL).to(POLYNOMIAL_TO).power(POLYNOMIAL_POWER).build();

  private final ParameterTracker polynomialDjl =
      PolynomialDecayTracker.builder()
          .setBaseValue((float) PEAK)
          .setEndLearningRate((float) POLYNOMIAL_TO)
          .setDecaySteps((int) TOTAL)
          .optPower((float) POLYNOMIAL_POWER)
          .build();

  @Benchmark
  public double polynomial_generated() {
    return Generated.POLYNOMIAL.at(step());
  }

  @Benchmark
  public double polynomial_handwritten() {
    return HandWritten.polynomial(step());
  }

  @Benchmark
  public double polynomial_builder() {
    return polynomialBuilder.at(step());
  }

  @Benchmark
  public float polynomial_djl() {
    return polynomialDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- inverseTime ----

  private final LrSchedule inverseTimeBuilder =
      Schedules.inverseTime(PEAK, INVERSE_TIME_RATE).every(INVERSE_TIME_EVERY).build();

  @Benchmark
  public double inverseTime_generated() {
    return Generated.INVERSE_TIME.at(step());
  }

  @Benchmark
  public double inverseTime_handwritten() {
    return HandWritten.inverseTime(step());
  }

  @Benchmark
  public double inverseTime_builder() {
    return inverseTimeBuilder.at(step());
  }

  // ---- inverseSqrt ----

  private final LrSchedule inverseSqrtBuilder =
      Schedules.inverseSqrt(PEAK, INVERSE_SQRT_TIMESCALE).build();

  @Benchmark
  public double inverseSqrt_generated() {
    return Generated.INVERSE_SQRT.at(step());
  }

  @Benchmark
  public double inverseSqrt_handwritten() {
    return HandWritten.inverseSqrt(step());
  }

  @Benchmark
  public double inverseSqrt_builder() {
    return inverseSqrtBuilder.at(step());
  }

  // ---- cyclic ----

  private final LrSchedule cyclicBuilder = Schedules.cyclic(CYCLIC_LOW, PEAK, CYCLIC_UP).build();

  private final ParameterTracker cyclicDjl =
      CyclicalTracker.builder()
          .optBaseValue((float) CYCLIC_LOW)
          .optMaxValue((float) PEAK)
          .optStepSizeUp((int) CYCLIC_UP)
          .optStepSizeDown((int) CYCLIC_UP)
          .optMode(CyclicalTracker.CyclicalMode.TRIANGULAR)
          .build();

  @Benchmark
  public double cyclic_generated() {
    return Generated.CYCLIC.at(step());
  }

  @Benchmark
  public double cyclic_handwritten() {
    return HandWritten.cyclic(step());
  }

  @Benchmark
  public double cyclic_builder() {
    return cyclicBuilder.at(step());
  }

  @Benchmark
  public float cyclic_djl() {
    return cyclicDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- oneCycle ----

  private final LrSchedule oneCycleBuilder = Schedules.oneCycle(PEAK, TOTAL).build();

  @Benchmark
  public double oneCycle_generated() {
    return Generated.ONE_CYCLE.at(step());
  }

  @Benchmark
  public double oneCycle_handwritten() {
    return HandWritten.oneCycle(step());
  }

  @Benchmark
  public double oneCycle_builder() {
    return oneCycleBuilder.at(step());
  }

  // ---- piecewise ----

  private final LrSchedule piecewiseBuilder =
      Schedules.piecewise(
              new long[] {0, KNOT_1, KNOT_2, KNOT_3},
              new double[] {PEAK, VALUE_1, VALUE_2, VALUE_3})
          .interpolation(Interpolation.LINEAR)
          .build();

  @Benchmark
  public double piecewise_generated() {
    return Generated.PIECEWISE.at(step());
  }

  @Benchmark
  public double piecewise_handwritten() {
    return HandWritten.piecewise(step());
  }

  @Benchmark
  public double piecewise_builder() {
    return piecewiseBuilder.at(step());
  }

  // ---- composed ----

  private final LrSchedule composedBuilder =
      Schedules.cosine(PEAK, COMPOSED_COSINE)
          .to(COSINE_TO)
          .warmup(WARMUP)
          .cooldown(COOLDOWN)
          .build();

  private final ParameterTracker composedDjl =
      WarmUpTracker.builder()
          .setMainTracker(
              CosineTracker.builder()
                  .setBaseValue((float) PEAK)
                  .optFinalValue((float) COSINE_TO)
                  .setMaxUpdates((int) COMPOSED_COSINE)
                  .build())
          .optWarmUpSteps((int) WARMUP)
          .optWarmUpBeginValue(0f)
          .optWarmUpMode(WarmUpTracker.Mode.LINEAR)
          .build();

  @Benchmark
  public double composed_generated() {
    return Generated.COMPOSED.at(step());
  }

  @Benchmark
  public double composed_handwritten() {
    return HandWritten.composed(step());
  }

  @Benchmark
  public double composed_builder() {
    return composedBuilder.at(step());
  }

  @Benchmark
  public float composed_djl() {
    return composedDjl.getNewValue(PARAMETER_ID, intStep());
  }

  // ---- composites: the parts are the config's own schedules ----

  private static final java.util.Map<String, String> PARTS =
      java.util.Map.of(
          "seqWarm", "@Linear(from = 0.01, to = 0.1, steps = 500)",
          "seqDecay", "@Exponential(from = 0.1, rate = 0.9995)",
          "sequence", "@Sequence(schedules = {\"seqWarm\", \"seqDecay\"}, boundaries = 500)",
          "cosine", "@Cosine(from = 0.1, to = 1e-4, steps = 10_000)",
          "factor", "@Linear(from = 0.5, to = 1.0, steps = 500)",
          "product", "@Product(schedules = {\"cosine\", \"factor\"})",
          "oneCycle", "@OneCycle(peak = 0.1, steps = 10_000)",
          "momentum", "@CycleMomentum(of = \"oneCycle\")");

  private final LrSchedule sequenceBuilder = Schedules.parse(PARTS, "sequence");
  private final LrSchedule productBuilder = Schedules.parse(PARTS, "product");
  private final LrSchedule momentumBuilder = Schedules.parse(PARTS, "momentum");

  @Benchmark
  public double sequence_generated() {
    return Generated.SEQUENCE.at(step());
  }

  @Benchmark
  public double sequence_handwritten() {
    return HandWritten.sequence(step());
  }

  @Benchmark
  public double sequence_builder() {
    return sequenceBuilder.at(step());
  }

  @Benchmark
  public double product_generated() {
    return Generated.PRODUCT.at(step());
  }

  @Benchmark
  public double product_handwritten() {
    return HandWritten.product(step());
  }

  @Benchmark
  public double product_builder() {
    return productBuilder.at(step());
  }

  @Benchmark
  public double momentum_generated() {
    return Generated.MOMENTUM.at(step());
  }

  @Benchmark
  public double momentum_handwritten() {
    return HandWritten.momentum(step());
  }

  @Benchmark
  public double momentum_builder() {
    return momentumBuilder.at(step());
  }
}
