package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.internal.compose.PlanSchedule;
import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Cyclic;
import dev.anneal.internal.kind.Exponential;
import dev.anneal.internal.kind.InverseTime;
import dev.anneal.internal.kind.OneCycle;
import dev.anneal.internal.kind.Polynomial;
import dev.anneal.internal.kind.StepDecay;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fill kernels against {@link Plan#at}: every body kind and modifier, at phase and cycle edges,
 * with delays, for group counts 1..70 and 1024 (whole vectors and the overlapping last one).
 *
 * <p>runtime/pom.xml runs this class with the Vector API module ({@code
 * anneal.test.expectVector=true}: the vector kernels must load), without it, and with {@code
 * -Danneal.vector=false}; always with {@code anneal.vector.threshold=0}, so the kernels run even on
 * the smallest inputs.
 */
class KernelsTest {
  /**
   * The fill contract (docs/REFERENCE.md §5, "The vector path and its rounding contract"): bit for
   * bit where {@link Plan#at} calls no {@code cos} / {@code exp} / {@code log} / {@code pow} at
   * that step ({@link KernelContractTest#exact}), else 1e-15 relative + 1e-15 * peak; floats are
   * the double rounded to float.
   */
  private static final double RELATIVE = 1e-15;

  private static final double ABSOLUTE = 1e-15;

  private static final int[] COUNTS = counts();

  private static final boolean EXPECT_VECTOR = Boolean.getBoolean("anneal.test.expectVector");
  private static final boolean DISABLED = "false".equals(System.getProperty("anneal.vector"));

  static Stream<String> plans() {
    String manyMilestones = LongStreamJoin.range(5, 200, 5);
    String manyKnots = LongStreamJoin.range(0, 400, 10);
    String manyValues = valuesFor(40);
    return Stream.of(
        // constant, with and without modifiers
        "@Constant(0.1)",
        "@Constant(value = 0.1, steps = 40)",
        "@Warmup(steps = 100, shape = Ramp.COSINE) @Constant(value = 0.1, steps = 800) @Cooldown(steps = 100, shape = Ramp.SQRT)",
        "@Warmup(steps = 5, from = 0.02, shape = Ramp.CONSTANT) @Constant(value = 0.1, steps = 20) @Cooldown(steps = 9, to = 0.001, shape = Ramp.EXPONENTIAL)",
        "@Constant(value = 0.1, steps = 20) @Cooldown(steps = 9, to = 0.002, shape = Ramp.COSINE)",
        "@Constant(value = 0.1, steps = 20) @Cooldown(steps = 9, to = 0.002)",
        // decays
        "@StepDecay(from = 0.1, factor = 0.5, every = 30)",
        "@Warmup(steps = 3) @StepDecay(from = 0.1, factor = 0.9, every = 1)",
        "@MultiStep(from = 0.1, milestones = {30, 80}, factor = 0.1)",
        "@Warmup(steps = 4) @MultiStep(from = 0.1, milestones = {"
            + manyMilestones
            + "}, factor = 0.9)",
        "@Exponential(from = 0.1, rate = 0.97)",
        "@Exponential(from = 0.1, rate = 0.5, every = 7, staircase = true)",
        "@Warmup(steps = 10, from = 0.05, shape = Ramp.CONSTANT) @Exponential(from = 0.1, rate = 0.9, every = 3)",
        "@InverseTime(from = 0.1, rate = 0.5, every = 10)",
        "@InverseTime(from = 0.1, rate = 0.5, every = 10, staircase = true)",
        "@Warmup(steps = 20) @InverseSqrt(from = 0.1, timescale = 20)",
        "@Warmup(steps = 3) @InverseTime(from = 0.1, rate = 0.1, power = 0.75)",
        "@Exponential(from = 0.1, rate = 0.8, every = 2, to = 0.01)",
        "@Warmup(steps = 4) @Tanh(from = 0.1, to = 0.01, steps = 60) @Cooldown(steps = 5)",
        "@Restarts(growth = 2, decay = 0.7) @Tanh(from = 0.1, steps = 8)",
        "@Sigmoid(from = 0.1, gamma = -0.2, center = 30)",
        // annealing to an end
        "@Warmup(steps = 50) @Cosine(from = 0.1, steps = 200)",
        "@Warmup(steps = 7, from = 0.01, shape = Ramp.COSINE) @Cosine(from = 0.1, to = 1e-4, steps = 193, exponent = 2)",
        "@Cosine(from = 0.1, to = 0.01, steps = 60, exponent = 0.5)",
        "@Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)",
        "@Warmup(steps = 10, from = 0.001, shape = Ramp.EXPONENTIAL) @Linear(from = 0.1, to = 0.01, steps = 90)",
        "@Linear(from = 0.01, to = 0.1, steps = 33) @Cooldown(steps = 17, shape = Ramp.LINEAR)",
        "@Polynomial(from = 0.1, to = 0.01, steps = 100, power = 2)",
        "@Polynomial(from = 0.1, steps = 50)",
        "@Polynomial(from = 0.1, to = 0.01, steps = 10, power = 2, cycle = true)",
        "@Warmup(steps = 3) @Polynomial(from = 0.1, steps = 7, cycle = true)",
        // cyclic
        "@Cyclic(low = 0.001, high = 0.1, up = 10)",
        "@Cyclic(low = 0.001, high = 0.1, up = 4, down = 9)",
        "@Cyclic(low = 0.001, high = 0.1, up = 10, mode = CyclicMode.TRIANGULAR2)",
        "@Cyclic(low = 0.01, high = 0.1, up = 1, mode = CyclicMode.TRIANGULAR2)",
        "@Warmup(steps = 6) @Cyclic(low = 0.001, high = 0.1, up = 5, down = 3, mode = CyclicMode.EXP_RANGE, gamma = 0.99)",
        // one-cycle
        "@OneCycle(peak = 0.1, steps = 100)",
        "@OneCycle(peak = 0.1, steps = 100, threePhase = true)",
        "@OneCycle(peak = 0.1, steps = 37, pctStart = 0.25, anneal = Anneal.LINEAR)",
        "@OneCycle(peak = 0.1, steps = 41, pctStart = 0.2, divFactor = 10, finalDivFactor = 100, anneal = Anneal.LINEAR, threePhase = true)",
        "@Warmup(steps = 5) @OneCycle(peak = 0.1, steps = 30) @Cooldown(steps = 5, to = 0)",
        // piecewise
        "@Piecewise(steps = {0, 10, 20}, values = {1, 0.5, 0.1})",
        "@Piecewise(steps = {0, 10, 20}, values = {1, 0.5, 0.1}, interpolation = Interpolation.LINEAR)",
        "@Piecewise(steps = {0, 3, 20, 21}, values = {0.1, 0.5, 0.2, 0.01}, interpolation = Interpolation.COSINE)",
        "@Warmup(steps = 4) @Piecewise(steps = {"
            + manyKnots
            + "}, values = {"
            + manyValues
            + "}, interpolation = Interpolation.LINEAR)",
        "@Piecewise(steps = {"
            + manyKnots
            + "}, values = {"
            + manyValues
            + "}, interpolation = Interpolation.COSINE)",
        // restarts: equal cycles (integer quotient) and growing cycles (table)
        "@Restarts @Cosine(from = 0.1, to = 0.001, steps = 10)",
        "@Warmup(steps = 5) @Restarts(decay = 0.5, limit = 3) @Cosine(from = 0.1, to = 0.001, steps = 10, exponent = 2)",
        "@Restarts(growth = 2, decay = 0.5) @Cosine(from = 0.1, to = 0.001, steps = 10)",
        "@Restarts(growth = 1.5, limit = 4) @Cosine(from = 0.1, steps = 7)",
        "@Restarts(growth = 1.01, decay = 0.9) @Cosine(from = 0.1, steps = 5)",
        "@Restarts(decay = 0.8) @Linear(from = 0.1, to = 0.01, steps = 9)",
        "@Restarts(growth = 3, limit = 3) @Linear(from = 0.1, to = 0.01, steps = 4)",
        "@Restarts(limit = 2) @Polynomial(from = 0.1, to = 0.01, steps = 8, power = 2)",
        "@Restarts(growth = 2, decay = 0.7) @Polynomial(from = 0.1, steps = 6, power = 0.5)",
        "@Restarts(decay = 0.5) @Constant(value = 0.1, steps = 10)",
        "@Restarts(growth = 2, decay = 0.5, limit = 5) @Constant(value = 0.1, steps = 3)",
        "@Restarts(decay = 0.5, limit = 3) @OneCycle(peak = 0.1, steps = 20)",
        "@Restarts(growth = 2, limit = 4) @OneCycle(peak = 0.1, steps = 20, threePhase = true)",
        "@Warmup(steps = 2) @Restarts(growth = 1.5, decay = 0.9) @OneCycle(peak = 0.1, steps = 13, anneal = Anneal.LINEAR)",
        // divisors past 2^52: not exact in the kernels, so the scalar loop runs
        "@StepDecay(from = 0.1, factor = 0.5, every = 9_007_199_254_740_993L)");
  }

  private static String valuesFor(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append(0.1 + 0.05 * Math.sin(i));
    }
    return sb.toString();
  }

  /** Comma-separated {@code from, from + by, ...} below {@code to}. */
  private static final class LongStreamJoin {
    static String range(long from, long to, long by) {
      StringBuilder sb = new StringBuilder();
      for (long v = from; v < to; v += by) {
        sb.append(v == from ? "" : ", ").append(v);
      }
      return sb.toString();
    }
  }

  private static int[] counts() {
    int[] c = new int[71];
    for (int i = 0; i < 70; i++) {
      c[i] = i + 1;
    }
    c[70] = 1024;
    return c;
  }

  // ---- which path runs ----

  @Test
  void vectorKernelsLoadExactlyWhenExpected() {
    assumeTrue(System.getProperty("anneal.test.expectVector") != null, "set by runtime/pom.xml");
    assertEquals(EXPECT_VECTOR, Kernels.vectorized(), "vector kernels loaded");
  }

  @Test
  void thresholdComesFromTheProperty() {
    String t = System.getProperty("anneal.vector.threshold");
    assertEquals(t == null ? Kernels.ONE_VECTOR : Integer.parseInt(t), Kernels.THRESHOLD);
  }

  @Test
  void disabledMeansTheCallersLoopsOnly() {
    assumeTrue(DISABLED);
    Plan plan = Plan.parse("@Warmup(steps = 50) @Cosine(from = 0.1, steps = 200)");
    ParamGroups plain = ParamGroups.layerwise(100, 0.9);
    ParamGroups delayed = delayed(100);
    assertFalse(Kernels.fill(plan, 60, plain, new float[100]));
    assertFalse(Kernels.fill(plan, 60, plain, new double[100]));
    assertFalse(Kernels.fill(plan, 60, delayed, new float[100]));
    assertFalse(Kernels.fill(plan, 60, delayed, new double[100]));
    assertFalse(Kernels.fill(plan, new long[100], new float[100]));
    assertFalse(Kernels.fill(plan, new long[100], new double[100]));
  }

  // ---- values ----

  @ParameterizedTest
  @MethodSource("plans")
  void delayedGroupsMatchPlan(String source) {
    Plan plan = Plan.parse(source);
    LrSchedule schedule = new PlanSchedule(plan);
    long[] locals = interesting(plan);
    double peak = peak(plan, locals);
    long step = locals[locals.length - 1] + 3;
    Random random = new Random(source.hashCode());
    for (int n : COUNTS) {
      for (int round = 0; round < 3; round++) {
        long[] delays = new long[n];
        double[] scales = new double[n];
        for (int g = 0; g < n; g++) {
          int pick = random.nextInt(locals.length + 3);
          // Most groups land on an interesting local step; some are not unfrozen yet.
          delays[g] =
              pick < locals.length
                  ? step - locals[pick]
                  : pick == locals.length
                      ? step + 1
                      : pick == locals.length + 1 ? Long.MAX_VALUE : step + random.nextInt(1000);
          scales[g] = random.nextInt(4) == 0 ? 1.0 : 0.25 + random.nextDouble();
        }
        if (n > 1 && round == 0) {
          delays[0] = 0; // the whole schedule at `step`
          delays[n - 1] = step; // local step 0
        }
        ParamGroups groups = ParamGroups.of(scales, delays);
        checkGroups(source, schedule, plan, step, groups, peak, true);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("plans")
  void delayedGroupsAtEveryInterestingStep(String source) {
    Plan plan = Plan.parse(source);
    LrSchedule schedule = new PlanSchedule(plan);
    long[] locals = interesting(plan);
    double peak = peak(plan, locals);
    // A spread of delays 0..12 puts neighbouring groups on neighbouring steps across each edge.
    int n = 13;
    long[] delays = new long[n];
    double[] scales = new double[n];
    for (int g = 0; g < n; g++) {
      delays[g] = g;
      scales[g] = 1 + 0.1 * g;
    }
    ParamGroups groups = ParamGroups.of(scales, delays);
    for (long local : locals) {
      for (long step = Math.max(0, local - 1); step <= local + n; step++) {
        checkGroups(source, schedule, plan, step, groups, peak, true);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("plans")
  void groupsWithoutDelaysMatchPlan(String source) {
    Plan plan = Plan.parse(source);
    LrSchedule schedule = new PlanSchedule(plan);
    long[] locals = interesting(plan);
    double peak = peak(plan, locals);
    for (int n : new int[] {1, 2, 3, 8, 33, 1024}) {
      ParamGroups groups = ParamGroups.layerwise(n, 0.8);
      for (long step : locals) {
        checkGroups(source, schedule, plan, step, groups, peak, false);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("plans")
  void batchedStepsMatchPlan(String source) {
    Plan plan = Plan.parse(source);
    LrSchedule schedule = new PlanSchedule(plan);
    long[] locals = interesting(plan);
    double peak = peak(plan, locals);
    Random random = new Random(source.hashCode());
    for (int n : COUNTS) {
      long[] steps = new long[n];
      for (int i = 0; i < n; i++) {
        steps[i] = locals[random.nextInt(locals.length)];
      }
      checkBatch(source, schedule, plan, steps, peak, true);
      // Sorted runs: neighbouring rows on neighbouring steps.
      long base = locals[random.nextInt(locals.length)];
      for (int i = 0; i < n; i++) {
        steps[i] = Math.max(0, base - n / 2 + i);
      }
      checkBatch(source, schedule, plan, steps, peak, true);
    }
  }

  @ParameterizedTest
  @MethodSource("plans")
  void stepsPastTheLimitUseTheScalarLoop(String source) {
    Plan plan = Plan.parse(source);
    LrSchedule schedule = new PlanSchedule(plan);
    double peak = peak(plan, interesting(plan));
    long[] steps = new long[40];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = Kernels.STEP_LIMIT - 20 + i;
    }
    steps[7] = Long.MAX_VALUE;
    checkBatch(source, schedule, plan, steps, peak, false);
    assertFalse(Kernels.fill(plan, steps, new double[steps.length]));
    ParamGroups groups = delayed(40);
    checkGroups(source, schedule, plan, Long.MAX_VALUE, groups, peak, false);
    checkGroups(source, schedule, plan, Kernels.STEP_LIMIT, groups, peak, false);
    checkGroups(source, schedule, plan, Kernels.STEP_LIMIT - 1, groups, peak, true);
    assertFalse(Kernels.fill(plan, Kernels.STEP_LIMIT, groups, new double[40]));
  }

  /**
   * The same neighbourhood below the limit: 64 steps (at least two vectors) ending at {@code
   * STEP_LIMIT - 1}, and groups delayed onto them, are the kernels' and keep the contract.
   */
  @ParameterizedTest
  @MethodSource("plans")
  void stepsJustBelowTheLimitUseTheKernels(String source) {
    Plan plan = Plan.parse(source);
    LrSchedule schedule = new PlanSchedule(plan);
    double peak = peak(plan, interesting(plan));
    long[] steps = new long[64];
    long[] delays = new long[64];
    double[] scales = new double[64];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = Kernels.STEP_LIMIT - 64 + i;
      delays[i] = 63 - i;
      scales[i] = 1 + 0.01 * i;
    }
    checkBatch(source, schedule, plan, steps, peak, true);
    ParamGroups groups = ParamGroups.of(scales, delays);
    checkGroups(source, schedule, plan, Kernels.STEP_LIMIT - 1, groups, peak, true);
    if (EXPECT_VECTOR && !DISABLED && supported(plan)) {
      assertTrue(Kernels.fill(plan, steps, new double[64]), "vector kernels took " + source);
      assertTrue(
          Kernels.fill(plan, Kernels.STEP_LIMIT - 1, groups, new float[64]),
          "vector kernels took " + source);
    }
  }

  // ---- validation: throw before writing ----

  @Test
  void shortOutputThrowsBeforeWriting() {
    Plan plan = Plan.parse("@Warmup(steps = 50) @Cosine(from = 0.1, steps = 200)");
    LrSchedule schedule = new PlanSchedule(plan);
    for (int n : new int[] {1, 5, 16, 1024}) {
      for (ParamGroups groups : List.of(delayed(n), ParamGroups.layerwise(n, 0.5))) {
        float[] f = sentinel(new float[n - 1]);
        double[] d = sentinel(new double[n - 1]);
        assertThrows(IllegalArgumentException.class, () -> schedule.fill(60, groups, f));
        assertThrows(IllegalArgumentException.class, () -> schedule.fill(60, groups, d));
        assertRejected(() -> Kernels.fill(plan, 60, groups, f));
        assertRejected(() -> Kernels.fill(plan, 60, groups, d));
        assertUntouched(f);
        assertUntouched(d);
      }
      long[] steps = new long[n];
      float[] f = sentinel(new float[n - 1]);
      double[] d = sentinel(new double[n - 1]);
      assertThrows(IllegalArgumentException.class, () -> schedule.fill(steps, f));
      assertThrows(IllegalArgumentException.class, () -> schedule.fill(steps, d));
      assertRejected(() -> Kernels.fill(plan, steps, f));
      assertRejected(() -> Kernels.fill(plan, steps, d));
      assertUntouched(f);
      assertUntouched(d);
    }
  }

  @Test
  void negativeStepsThrowBeforeWriting() {
    Plan plan = Plan.parse("@Warmup(steps = 50) @Cosine(from = 0.1, steps = 200)");
    LrSchedule schedule = new PlanSchedule(plan);
    for (int n : new int[] {1, 5, 16, 1024}) {
      for (ParamGroups groups : List.of(delayed(n), ParamGroups.layerwise(n, 0.5))) {
        float[] f = sentinel(new float[n]);
        double[] d = sentinel(new double[n]);
        for (long step : new long[] {-1, Long.MIN_VALUE}) {
          assertThrows(IllegalArgumentException.class, () -> schedule.fill(step, groups, f));
          assertThrows(IllegalArgumentException.class, () -> schedule.fill(step, groups, d));
          assertRejected(() -> Kernels.fill(plan, step, groups, f));
          assertRejected(() -> Kernels.fill(plan, step, groups, d));
        }
        assertUntouched(f);
        assertUntouched(d);
      }
      for (int bad : new int[] {0, n / 2, n - 1}) {
        long[] steps = new long[n];
        Arrays.fill(steps, 10);
        steps[bad] = bad % 2 == 0 ? -1 : Long.MIN_VALUE;
        float[] f = sentinel(new float[n]);
        double[] d = sentinel(new double[n]);
        assertThrows(IllegalArgumentException.class, () -> schedule.fill(steps, f));
        assertThrows(IllegalArgumentException.class, () -> schedule.fill(steps, d));
        assertRejected(() -> Kernels.fill(plan, steps, f));
        assertRejected(() -> Kernels.fill(plan, steps, d));
        assertUntouched(f);
        assertUntouched(d);
      }
    }
  }

  @Test
  void emptyInputs() {
    Plan plan = Plan.parse("@Cosine(from = 0.1, steps = 200)");
    LrSchedule schedule = new PlanSchedule(plan);
    schedule.fill(5, ParamGroups.of(), new float[0]);
    schedule.fill(5, ParamGroups.of(), new double[0]);
    schedule.fill(new long[0], new float[0]);
    schedule.fill(new long[0], new double[0]);
  }

  // ---- helpers ----

  /**
   * Fills through {@link PlanSchedule} (whose fills call {@link Kernels}, like generated classes)
   * and compares with {@code scale * plan.at(step - delay)}; checks the kernels took the call when
   * they should.
   */
  private static void checkGroups(
      String source,
      LrSchedule schedule,
      Plan plan,
      long step,
      ParamGroups groups,
      double peak,
      boolean vectorizable) {
    int n = groups.size();
    float[] f = sentinel(new float[n + 1]);
    double[] d = sentinel(new double[n + 1]);
    schedule.fill(step, groups, f);
    schedule.fill(step, groups, d);
    for (int g = 0; g < n; g++) {
      long local = step - groups.delay(g);
      double want = local < 0 ? 0 : groups.scale(g) * plan.at(local);
      boolean exact = local < 0 || KernelContractTest.exact(plan, local);
      String where =
          source + ": group " + g + " of " + n + ", step " + step + ", local step " + local;
      contract(want, exact, peak * Math.abs(groups.scale(g)), d[g], f[g], where);
    }
    assertTrue(Float.isNaN(f[n]) && Double.isNaN(d[n]), "wrote past the groups");
    if (DISABLED) {
      assertFalse(Kernels.fill(plan, step, groups, new double[n]));
    } else if (!groups.hasDelays()) {
      assertEquals(
          n >= Kernels.uniformThreshold(), Kernels.fill(plan, step, groups, new double[n]));
    } else if (EXPECT_VECTOR) {
      boolean handled = vectorizable && n >= Kernels.vectorThreshold() && supported(plan);
      assertEquals(
          handled,
          Kernels.fill(plan, step, groups, new double[n]),
          "vector kernels took " + source);
      assertEquals(
          handled, Kernels.fill(plan, step, groups, new float[n]), "vector kernels took " + source);
    }
  }

  private static void checkBatch(
      String source,
      LrSchedule schedule,
      Plan plan,
      long[] steps,
      double peak,
      boolean vectorizable) {
    int n = steps.length;
    float[] f = sentinel(new float[n + 1]);
    double[] d = sentinel(new double[n + 1]);
    schedule.fill(steps, f);
    schedule.fill(steps, d);
    for (int i = 0; i < n; i++) {
      double want = plan.at(steps[i]);
      String where = source + ": row " + i + " of " + n + ", step " + steps[i];
      contract(want, KernelContractTest.exact(plan, steps[i]), peak, d[i], f[i], where);
    }
    assertTrue(Float.isNaN(f[n]) && Double.isNaN(d[n]), "wrote past the steps");
    if (EXPECT_VECTOR && !DISABLED) {
      boolean handled = vectorizable && n >= Kernels.vectorThreshold() && supported(plan);
      assertEquals(
          handled, Kernels.fill(plan, steps, new double[n]), "vector kernels took " + source);
      assertEquals(
          handled, Kernels.fill(plan, steps, new float[n]), "vector kernels took " + source);
    }
  }

  /** What {@code VectorKernels.supports} accepts: divisors whose quotients are exact in doubles. */
  private static boolean supported(Plan plan) {
    long max = 1L << 52;
    long divisor = 0;
    Body b = plan.body();
    if (b instanceof StepDecay c) {
      divisor = c.every();
    } else if (b instanceof Exponential c) {
      divisor = c.every();
    } else if (b instanceof InverseTime c) {
      divisor = c.every();
    } else if (b instanceof Cyclic c) {
      divisor = c.up() + c.downSteps();
    } else if (b instanceof Polynomial c) {
      divisor = c.steps();
    } else if (b instanceof OneCycle c) {
      divisor = c.steps();
    }
    return divisor < max && plan.period < max;
  }

  /**
   * {@code d} equals {@code want} bit for bit when {@code exact}, else lies within the tolerance;
   * {@code f} is {@code (float) want} when exact, else the float of a value within the tolerance.
   */
  private static void contract(
      double want, boolean exact, double peak, double d, float f, String what) {
    if (exact) {
      if (Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(want)) {
        fail("double " + what + ": want " + want + " bit for bit, got " + d);
      }
      if (Float.floatToRawIntBits(f) != Float.floatToRawIntBits((float) want)) {
        fail("float " + what + ": want " + (float) want + " bit for bit, got " + f);
      }
      return;
    }
    double tolerance = RELATIVE * Math.abs(want) + ABSOLUTE * peak;
    if (!(Math.abs(d - want) <= tolerance)) {
      fail(
          "double "
              + what
              + ": want "
              + want
              + ", got "
              + d
              + " (error "
              + Math.abs(d - want)
              + ")");
    }
    if (!(f >= (float) (want - tolerance) && f <= (float) (want + tolerance))) {
      fail("float " + what + ": want the float of " + want + " +- " + tolerance + ", got " + f);
    }
  }

  /**
   * Steps at and around every edge of the plan, dense and random ones (as KernelContractTest), with
   * room below the kernels' step limit for the groups' spread of delays.
   */
  private static long[] interesting(Plan p) {
    return java.util.Arrays.stream(KernelContractTest.steps(p))
        .filter(s -> s < Kernels.STEP_LIMIT - 64)
        .toArray();
  }

  private static double peak(Plan plan, long[] steps) {
    double peak = 0;
    for (long s : steps) {
      peak = Math.max(peak, Math.abs(plan.at(s)));
    }
    return peak;
  }

  private static ParamGroups delayed(int n) {
    double[] scales = new double[n];
    long[] delays = new long[n];
    for (int g = 0; g < n; g++) {
      scales[g] = 1.0 / (g + 1);
      delays[g] = 3L * g;
    }
    delays[0] = 1; // at least one delay, whatever n
    return ParamGroups.of(scales, delays);
  }

  /** Kernels either throw or leave the call to the caller (whose loop throws): never fill. */
  private static void assertRejected(BooleanSupplier call) {
    try {
      assertFalse(call.getAsBoolean(), "kernels filled despite bad arguments");
    } catch (IllegalArgumentException expected) {
      // validated like LrSchedule's defaults
    }
  }

  private static float[] sentinel(float[] a) {
    Arrays.fill(a, Float.NaN);
    return a;
  }

  private static double[] sentinel(double[] a) {
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static void assertUntouched(float[] a) {
    for (float v : a) {
      assertTrue(Float.isNaN(v), "out was written before the exception");
    }
  }

  private static void assertUntouched(double[] a) {
    for (double v : a) {
      assertTrue(Double.isNaN(v), "out was written before the exception");
    }
  }
}
