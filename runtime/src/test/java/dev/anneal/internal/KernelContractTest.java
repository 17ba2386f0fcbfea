package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anneal.Anneal;
import dev.anneal.CyclicMode;
import dev.anneal.Interpolation;
import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.Ramp;
import dev.anneal.Schedules;
import dev.anneal.internal.compose.PlanSchedule;
import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Constant;
import dev.anneal.internal.kind.Cosine;
import dev.anneal.internal.kind.Cyclic;
import dev.anneal.internal.kind.Exponential;
import dev.anneal.internal.kind.InverseSqrt;
import dev.anneal.internal.kind.InverseTime;
import dev.anneal.internal.kind.Linear;
import dev.anneal.internal.kind.MultiStep;
import dev.anneal.internal.kind.OneCycle;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.kind.Piecewise;
import dev.anneal.internal.kind.Polynomial;
import dev.anneal.internal.kind.Sigmoid;
import dev.anneal.internal.kind.StepDecay;
import dev.anneal.internal.kind.Tanh;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fill contract (docs/REFERENCE.md §5, "The vector path and its rounding contract", {@link
 * Kernels}): a {@code double[]} fill equals {@link Plan#at} bit for bit, except in a phase whose
 * formula calls {@code cos}, {@code exp} or {@code log} (or {@code pow}, which the kernels write as
 * {@code exp(k * log(x))}), where it may differ by 1e-15 relative + 1e-15 x peak; a {@code float[]}
 * fill is that double rounded to float.
 *
 * <p>Every body kind, modifier shape and enum mode, over batches of in-range steps (below {@link
 * Kernels#STEP_LIMIT}) many vectors long: every phase boundary {@code b - 1, b, b + 1}, a dense run
 * from step 0, random steps, and steps near 2^50; and the same local steps as delayed parameter
 * groups (with frozen groups and random scales). Each step is classified by the phase it falls in:
 * exact phases are compared bit for bit, so a kernel that reorders a multiply-add fails. {@code
 * sqrt} is correctly rounded in the kernels as in {@link Math}, so square-root phases (InverseSqrt,
 * the SQRT cool-down) are held to bit equality too.
 *
 * <p>With {@code -Danneal.test.expectVector=true} (runtime/pom.xml's default execution, with {@code
 * --add-modules jdk.incubator.vector}) each fill must have been taken by the vector kernels: {@link
 * Kernels} reports it handled the call and produced the same bits as the schedule's fill. Without
 * the module the same assertions check the scalar loops.
 */
class KernelContractTest {
  private static final double RELATIVE = 1e-15;
  private static final double ABSOLUTE = 1e-15;

  private static final boolean EXPECT_VECTOR = Boolean.getBoolean("anneal.test.expectVector");
  private static final boolean DISABLED = "false".equals(System.getProperty("anneal.vector"));

  /**
   * {@code anneal.test.exactMath=true}: the vector {@code COS} / {@code EXP} / {@code LOG} compute
   * what {@link Math} does, so {@code cos} and {@code exp} phases must match bit for bit too. True
   * when the Vector API runs its Java fallback, which calls {@link Math} lane by lane, e.g. under
   * C1 only: {@code JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1 -Danneal.vector=true
   * -Danneal.test.exactMath=true"}. It proves the operations around those calls are in {@link
   * Plan#at}'s order.
   */
  private static final boolean EXACT_MATH = Boolean.getBoolean("anneal.test.exactMath");

  private static final long NEAR_2_50 = 1L << 50;

  static Stream<String> schedules() {
    List<String> all = new ArrayList<>();
    // Bodies alone, every enum mode.
    all.addAll(
        List.of(
            "@Constant(value = 0.1, steps = 1000)",
            "@Constant(0.1)",
            "@StepDecay(from = 0.1, factor = 0.7, every = 30)",
            "@MultiStep(from = 0.1, milestones = {30, 80, 81}, factor = 0.3)",
            "@MultiStep(from = 0.1, milestones = {" + range(7, 400, 13) + "}, factor = 0.9)",
            "@Exponential(from = 0.1, rate = 0.97)",
            "@Exponential(from = 0.1, rate = 0.5, every = 7)",
            "@Exponential(from = 0.1, rate = 0.5, every = 7, staircase = true)",
            "@Cosine(from = 0.1, to = 0.001, steps = 1000)",
            "@Cosine(from = 0.1, to = 1e-4, steps = 193, exponent = 2)",
            "@Cosine(from = 0.1, to = 0.01, steps = 60, exponent = 0.5)",
            "@Linear(from = 0.1, to = 0.001, steps = 1000)",
            "@Linear(from = 0.003, to = 0.7, steps = 333)",
            "@Polynomial(from = 0.1, to = 0.001, steps = 1000)",
            "@Polynomial(from = 0.1, to = 0.01, steps = 100, power = 2)",
            "@Polynomial(from = 0.1, to = 0.003, steps = 70, power = 0.7)",
            "@Polynomial(from = 0.1, to = 0.003, steps = 37, cycle = true)",
            "@Polynomial(from = 0.1, to = 0.01, steps = 10, power = 2, cycle = true)",
            "@InverseTime(from = 0.1, rate = 0.3, every = 1)",
            "@InverseTime(from = 0.1, rate = 0.5, every = 10)",
            "@InverseTime(from = 0.1, rate = 0.5, every = 10, staircase = true)",
            "@InverseTime(from = 0.1, rate = 0.3, power = 0.5)",
            "@InverseTime(from = 0.1, rate = 0.5, every = 10, staircase = true, power = 2)",
            "@Exponential(from = 0.1, rate = 0.9, to = 0.02)",
            "@Exponential(from = 0.01, rate = 1.1, every = 3, staircase = true, to = 0.05)",
            "@InverseSqrt(from = 0.1, timescale = 20)",
            "@InverseSqrt(from = 0.3, timescale = 7.3)",
            "@Tanh(from = 0.1, steps = 100)",
            "@Tanh(from = 0.1, to = 0.001, steps = 37, lower = -3, upper = 4)",
            "@Warmup(steps = 10) @Tanh(from = 0.1, steps = 50) @Cooldown(steps = 7, shape = Ramp.SQRT)",
            "@Restarts(growth = 2, decay = 0.5, limit = 5) @Tanh(from = 0.1, to = 0.001, steps = 10)",
            "@Restarts @Tanh(from = 0.1, steps = 9)",
            "@Sigmoid(from = 0.1, gamma = -0.05, center = 100)",
            "@Sigmoid(from = 0.1, gamma = 0.5, center = 20)",
            "@Warmup(steps = 5) @Sigmoid(from = 0.1, gamma = -0.1, center = 0)",
            "@Cyclic(low = 0.001, high = 0.1, up = 10)",
            "@Cyclic(low = 0.001, high = 0.1, up = 7, down = 13)",
            "@Cyclic(low = 0.001, high = 0.1, up = 10, mode = CyclicMode.TRIANGULAR2)",
            "@Cyclic(low = 0.01, high = 0.1, up = 3, down = 5, mode = CyclicMode.TRIANGULAR2)",
            "@Cyclic(low = 0.001, high = 0.1, up = 5, down = 3, mode = CyclicMode.EXP_RANGE,"
                + " gamma = 0.99)",
            "@OneCycle(peak = 0.1, steps = 1000)",
            "@OneCycle(peak = 0.1, steps = 100, threePhase = true)",
            "@OneCycle(peak = 0.1, steps = 137, pctStart = 0.25, anneal = Anneal.LINEAR)",
            "@OneCycle(peak = 0.1, steps = 141, pctStart = 0.2, divFactor = 10, finalDivFactor = 100,"
                + " anneal = Anneal.LINEAR, threePhase = true)",
            "@Piecewise(steps = {0, 10, 20}, values = {1, 0.5, 0.1})",
            "@Piecewise(steps = {0, 10, 23, 1000}, values = {0.1, 0.5, 0.03, 0.001},"
                + " interpolation = Interpolation.LINEAR)",
            "@Piecewise(steps = {0, 3, 20, 21}, values = {0.1, 0.5, 0.2, 0.01},"
                + " interpolation = Interpolation.COSINE)",
            "@Piecewise(steps = {"
                + range(0, 400, 9)
                + "}, values = {"
                + values(45)
                + "},"
                + " interpolation = Interpolation.LINEAR)",
            "@Piecewise(steps = {"
                + range(0, 400, 9)
                + "}, values = {"
                + values(45)
                + "},"
                + " interpolation = Interpolation.COSINE)",
            "@Piecewise(steps = {" + range(0, 400, 9) + "}, values = {" + values(45) + "})"));
    // Every warm-up shape, on an exact body (Linear) and a transcendental one (Cosine).
    for (Ramp shape : List.of(Ramp.LINEAR, Ramp.COSINE, Ramp.EXPONENTIAL, Ramp.CONSTANT)) {
      String warmup = "@Warmup(steps = 77, from = 0.0013, shape = Ramp." + shape + ") ";
      all.add(warmup + "@Linear(from = 0.1, to = 0.001, steps = 500)");
      all.add(warmup + "@Cosine(from = 0.1, to = 0.001, steps = 500)");
    }
    all.add("@Warmup(steps = 100) @Cyclic(low = 0.003, high = 0.1, up = 10)");
    all.add("@Warmup(steps = 13) @MultiStep(from = 0.1, milestones = {30, 80}, factor = 0.3)");
    // Every cool-down shape, after a Linear and a Piecewise body, with warm-ups.
    for (Ramp shape : List.of(Ramp.LINEAR, Ramp.COSINE, Ramp.SQRT, Ramp.EXPONENTIAL)) {
      String cooldown = " @Cooldown(steps = 211, to = 0.0007, shape = Ramp." + shape + ")";
      all.add("@Linear(from = 0.1, to = 0.03, steps = 300)" + cooldown);
      all.add("@Warmup(steps = 50) @Constant(value = 0.1, steps = 800)" + cooldown);
      all.add(
          "@Warmup(steps = 9, shape = Ramp.COSINE, from = 0.001)"
              + " @Piecewise(steps = {0, 10, 23, 100}, values = {0.1, 0.5, 0.03, 0.011},"
              + " interpolation = Interpolation.LINEAR)"
              + cooldown);
    }
    all.add(
        "@Warmup(steps = 5) @OneCycle(peak = 0.1, steps = 130, anneal = Anneal.LINEAR)"
            + " @Cooldown(steps = 50, to = 0)");
    all.add("@Polynomial(from = 0.1, to = 0.02, steps = 300) @Cooldown(steps = 30, to = 0.001)");
    // Restarts: equal cycles and growing cycles (integer and fractional starts), decay, limit.
    String[] restartable = {
      "@Constant(value = 0.1, steps = 37)",
      "@Cosine(from = 0.1, to = 0.001, steps = 37)",
      "@Cosine(from = 0.1, to = 0.001, steps = 37, exponent = 2)",
      "@Linear(from = 0.1, to = 0.001, steps = 37)",
      "@Polynomial(from = 0.1, to = 0.001, steps = 37)",
      "@Polynomial(from = 0.1, to = 0.001, steps = 37, power = 2)",
      "@OneCycle(peak = 0.1, steps = 37)",
      "@OneCycle(peak = 0.1, steps = 37, anneal = Anneal.LINEAR)",
      "@OneCycle(peak = 0.1, steps = 41, anneal = Anneal.LINEAR, threePhase = true)",
    };
    String[] restarts = {
      "@Restarts",
      "@Restarts(decay = 0.7)",
      "@Restarts(limit = 5)",
      "@Restarts(growth = 2, decay = 0.5)",
      "@Restarts(growth = 1.5, limit = 6)",
      "@Restarts(growth = 1.3, decay = 0.9, limit = 7)",
    };
    for (String body : restartable) {
      for (String r : restarts) {
        all.add(r + " " + body);
      }
    }
    all.add(
        "@Warmup(steps = 20) @Restarts(growth = 2, limit = 4)"
            + " @Linear(from = 0.1, to = 0.001, steps = 33)");
    all.add(
        "@Warmup(steps = 20, shape = Ramp.COSINE) @Restarts(decay = 0.5, limit = 3)"
            + " @OneCycle(peak = 0.1, steps = 40, threePhase = true)");
    return all.stream();
  }

  @Test
  void vectorKernelsAreLoadedWhenExpected() {
    assumeTrue(System.getProperty("anneal.test.expectVector") != null, "set by runtime/pom.xml");
    assertEquals(EXPECT_VECTOR && !DISABLED, Kernels.vectorized(), "vector kernels loaded");
  }

  /** Per-row steps: {@code out[i] = at(steps[i])}. */
  @ParameterizedTest
  @MethodSource("schedules")
  void batchedStepsKeepTheContract(String source) {
    LrSchedule schedule = Schedules.parse(source);
    Plan plan = ((PlanSchedule) schedule).plan();
    long[] steps = steps(plan);
    double peak = peak(plan, steps);
    Random random = new Random(source.hashCode());
    List<long[]> batches = new ArrayList<>();
    batches.add(steps); // sorted: neighbouring lanes on neighbouring steps
    long[] shuffled = shuffle(steps, random); // mixed: every vector blends several phases
    batches.add(shuffled);
    batches.add(Arrays.copyOf(shuffled, 64 + random.nextInt(7))); // short, with a partial vector
    for (long[] batch : batches) {
      int n = batch.length;
      for (Fill fill : fills(source)) {
        double[] d = sentinel(new double[n + 1]);
        float[] f = sentinel(new float[n + 1]);
        fill.run(
            () -> {
              schedule.fill(batch, d);
              schedule.fill(batch, f);
            },
            () -> Kernels.fill(plan, batch, d) && Kernels.fill(plan, batch, f));
        Mismatches bad = new Mismatches(source + " (" + fill + ", " + n + " steps)");
        for (int i = 0; i < n; i++) {
          long step = batch[i];
          bad.check(plan.at(step), exact(plan, step), peak, d[i], f[i], "step " + step);
        }
        bad.assertNone();
        assertTrue(Double.isNaN(d[n]) && Float.isNaN(f[n]), "wrote past the batch");
      }
    }
  }

  /** Delayed groups: {@code out[g] = scale(g) * at(step - delay(g))}, or 0 before the delay. */
  @ParameterizedTest
  @MethodSource("schedules")
  void delayedGroupsKeepTheContract(String source) {
    LrSchedule schedule = Schedules.parse(source);
    Plan plan = ((PlanSchedule) schedule).plan();
    long[] locals = steps(plan);
    double peak = peak(plan, locals);
    Random random = new Random(~source.hashCode());
    // The last step the kernels take (every local step fits), and one near 2^50 (fewer do).
    for (long step : new long[] {Kernels.STEP_LIMIT - 1, NEAR_2_50 + 7}) {
      // A whole vector of frozen groups first, then the local steps with more frozen groups
      // scattered among them.
      List<Long> delayList = new ArrayList<>();
      for (long local : locals) {
        if (local <= step) {
          delayList.add(step - local);
        }
      }
      for (int g = 0; g < 8 + delayList.size() / 16; g++) {
        delayList.add(step + 1 + random.nextInt(1000));
      }
      Collections.shuffle(delayList, random);
      for (int g = 0; g < 8; g++) {
        delayList.add(0, step + 1 + g);
      }
      int n = delayList.size();
      long[] delays = delayList.stream().mapToLong(Long::longValue).toArray();
      double[] scales = new double[n];
      for (int g = 0; g < n; g++) {
        scales[g] = random.nextInt(4) == 0 ? 1.0 : 0.01 + 2 * random.nextDouble();
      }
      ParamGroups groups = ParamGroups.of(scales, delays);
      for (Fill fill : fills(source)) {
        double[] d = sentinel(new double[n + 1]);
        float[] f = sentinel(new float[n + 1]);
        fill.run(
            () -> {
              schedule.fill(step, groups, d);
              schedule.fill(step, groups, f);
            },
            () -> Kernels.fill(plan, step, groups, d) && Kernels.fill(plan, step, groups, f));
        Mismatches bad =
            new Mismatches(source + " (" + fill + ", " + n + " groups at step " + step + ")");
        for (int g = 0; g < n; g++) {
          long local = step - delays[g];
          String where = "group " + g + " (scale " + scales[g] + "), local step " + local;
          if (local < 0) {
            bad.check(0.0, true, 0, d[g], f[g], where);
          } else {
            double want = scales[g] * plan.at(local);
            bad.check(want, exact(plan, local), peak * Math.abs(scales[g]), d[g], f[g], where);
          }
        }
        bad.assertNone();
        assertTrue(Double.isNaN(d[n]) && Float.isNaN(f[n]), "wrote past the groups");
      }
    }
  }

  /**
   * How the values are produced: through the schedule's public {@code fill} (the path users take);
   * and, when the vector kernels are expected, through {@link Kernels} directly, which must report
   * that the kernels took the call (not the caller's scalar loop). Both are held to the contract.
   * (Not compared with each other bit for bit: the Vector API computes {@code COS} / {@code EXP} /
   * {@code LOG} with Java code until C2 compiles a kernel, then with vector instructions, so in
   * those phases one call may round differently from a later one.)
   */
  private enum Fill {
    SCHEDULE,
    KERNELS;

    void run(Runnable schedule, BooleanSupplier kernels) {
      if (this == SCHEDULE) {
        schedule.run();
      } else {
        assertTrue(kernels.getAsBoolean(), "the vector kernels took the call");
      }
    }
  }

  private static List<Fill> fills(String source) {
    return EXPECT_VECTOR && !DISABLED
        ? List.of(Fill.SCHEDULE, Fill.KERNELS)
        : List.of(Fill.SCHEDULE);
  }

  // ---- which phases are exact ----

  /** What {@link Plan#at} calls at a step, which decides how closely a fill must match it. */
  enum Phase {
    /** Only multiply, add, divide, compare, conversion, table lookup (and sqrt): bit for bit. */
    EXACT,
    /** Also {@code cos} / {@code exp}: within the tolerance (bit for bit under exact math). */
    MATH,
    /** {@code Math.pow}, which the kernels write {@code exp(k * log(x))}: within the tolerance. */
    POW
  }

  /** Whether a fill must equal {@link Plan#at} bit for bit at {@code step}. */
  static boolean exact(Plan p, long step) {
    Phase phase = phase(p, step);
    return phase == Phase.EXACT || (EXACT_MATH && phase == Phase.MATH);
  }

  static Phase phase(Plan p, long step) {
    if (step < p.warmupSteps) {
      return phase(p.warmupShape);
    }
    long t = step - p.warmupSteps;
    if (p.bodyLength >= 0 && t >= p.bodyLength) {
      long u = t - p.bodyLength;
      return u >= p.cooldownSteps ? Phase.EXACT : phase(p.cooldownShape);
    }
    // With restarts, the start value scales by exp(i * ln(decay)).
    Phase decays = p.restarts && p.decay != 1 ? Phase.MATH : Phase.EXACT;
    Body body = p.body();
    if (body instanceof Constant || body instanceof Linear) {
      return decays;
    } else if (body instanceof MultiStep || body instanceof InverseSqrt) {
      return Phase.EXACT;
    } else if (body instanceof InverseTime c) {
      return c.power() == 1 ? Phase.EXACT : Phase.POW;
    } else if (body instanceof StepDecay || body instanceof Exponential) {
      return Phase.MATH;
    } else if (body instanceof Cosine c) {
      return c.exponent() == 1 ? Phase.MATH : Phase.POW;
    } else if (body instanceof Polynomial c) {
      return c.power() == 1 ? decays : Phase.POW;
    } else if (body instanceof Cyclic c) {
      return c.mode() == CyclicMode.EXP_RANGE ? Phase.MATH : Phase.EXACT;
    } else if (body instanceof OneCycle c) {
      return c.anneal() == Anneal.COSINE ? Phase.MATH : decays;
    } else if (body instanceof Piecewise c) {
      return c.interpolation() == Interpolation.COSINE ? Phase.MATH : Phase.EXACT;
    } else if (body instanceof Tanh || body instanceof Sigmoid) {
      return Phase.MATH;
    }
    throw new AssertionError(body);
  }

  private static Phase phase(Ramp shape) {
    return shape == Ramp.COSINE || shape == Ramp.EXPONENTIAL ? Phase.MATH : Phase.EXACT;
  }

  @Test
  void classificationKnowsEveryPhase() {
    // The classification above is what makes the test strict: check it on known cases.
    Plan warm =
        Plan.parse(
            "@Warmup(steps = 10, shape = Ramp.COSINE)"
                + " @Linear(from = 0.1, to = 0.01, steps = 20)"
                + " @Cooldown(steps = 5, shape = Ramp.EXPONENTIAL, to = 0.001)");
    Phase e = Phase.EXACT;
    Phase m = Phase.MATH;
    assertEquals(
        List.of(m, m, e, e, m, m, e, e),
        List.of(
            phase(warm, 0),
            phase(warm, 9),
            phase(warm, 10),
            phase(warm, 29),
            phase(warm, 30),
            phase(warm, 34),
            phase(warm, 35),
            phase(warm, 1L << 40)));
    String linear = " @Linear(from = 0.1, to = 0.01, steps = 20)";
    assertEquals(e, phase(Plan.parse("@Restarts(growth = 2)" + linear), 77));
    assertEquals(m, phase(Plan.parse("@Restarts(decay = 0.5)" + linear), 77));
    assertEquals(Phase.POW, phase(Plan.parse("@Polynomial(from = 0.1, steps = 20, power = 2)"), 7));
  }

  // ---- steps ----

  /**
   * Sorted, distinct, in-range steps: a dense run from 0, every boundary of the plan with its
   * neighbours, random steps over the schedule and over the whole range, and steps near 2^50.
   */
  static long[] steps(Plan p) {
    TreeSet<Long> at = new TreeSet<>();
    long w = p.warmupSteps;
    List<Long> edges = new ArrayList<>(List.of(0L, w, Kernels.STEP_LIMIT - 1));
    long horizon = 400;
    if (p.bodyLength >= 0 && p.bodyLength < Kernels.STEP_LIMIT) {
      edges.add(w + p.bodyLength);
      edges.add(w + p.bodyLength + p.cooldownSteps);
      horizon = Math.max(horizon, p.bodyLength + p.cooldownSteps);
    }
    // Every step count of the body (steps, every, up, milestones, knots, center...) marks a place
    // where something changes, and so do its multiples for the periodic ones.
    Part declared = p.declaration().body();
    List<Long> counts = new ArrayList<>();
    for (Attr a : declared.kind().attrs()) {
      Object v = declared.value(a.name());
      if (a.unit() != Attr.Unit.STEPS) {
        continue;
      } else if (v instanceof Long) {
        counts.add((Long) v);
      } else if (v instanceof long[]) {
        for (long m : (long[]) v) {
          edges.add(w + m);
        }
      }
    }
    if (p.curve() instanceof Cyclic.Folded c) {
      counts.add(c.period);
      for (long k = 0; k < 12; k++) {
        edges.add(w + k * c.period + c.up);
      }
    }
    counts.add(p.period);
    for (long count : counts) {
      if (count <= 0 || count >= Kernels.STEP_LIMIT) {
        continue;
      }
      for (long k = 0; k <= 12; k++) {
        edges.add(w + k * count);
      }
      horizon = Math.max(horizon, Math.min(12 * count, 1L << 40));
    }
    for (int i = 0; i < p.cycleStarts(); i++) {
      double s = p.cycleStart(i);
      if (s < 1e7) {
        edges.add(w + (long) Math.floor(s));
        edges.add(w + (long) Math.ceil(s));
        horizon = Math.max(horizon, (long) s + 1);
      }
    }
    if (p.curve() instanceof OneCycle.Folded oc) {
      OneCycle.Phases o = oc.phases();
      long length = p.restarts ? p.period : oc.steps;
      // Phase ends of the plain cycle and of the first growing / repeated cycles.
      List<Double> starts = new ArrayList<>();
      if (p.cycleStarts() > 0) {
        for (int i = 0; i + 1 < p.cycleStarts() && i < 6; i++) {
          starts.add(p.cycleStart(i));
          starts.add(p.cycleStart(i + 1) - p.cycleStart(i));
        }
      } else {
        for (long c = 0; c < 6; c++) {
          starts.add((double) c * length);
          starts.add((double) length);
        }
      }
      for (int i = 0; i < starts.size(); i += 2) {
        double start = starts.get(i);
        double cycle = starts.get(i + 1);
        double[] ends = {o.end0(cycle), o.end1(cycle), cycle - 1};
        for (double e : ends) {
          edges.add(w + (long) Math.floor(start + e));
          edges.add(w + (long) Math.ceil(start + e));
        }
      }
    }
    for (long e : edges) {
      for (long d = -1; d <= 1; d++) {
        long s = e + d;
        if (s >= 0 && s < Kernels.STEP_LIMIT) {
          at.add(s);
        }
      }
    }
    long dense = Math.min(w + horizon + 50, 3000);
    for (long s = 0; s <= dense; s++) {
      at.add(s);
    }
    Random random = new Random(p.declaration().hashCode());
    for (int i = 0; i < 200; i++) {
      at.add(w + (long) (random.nextDouble() * 1.3 * horizon));
    }
    for (int i = 0; i < 100; i++) {
      at.add(random.nextLong() & (Kernels.STEP_LIMIT - 1));
      at.add(NEAR_2_50 - 5000 + random.nextInt(10_000));
    }
    for (long d = -1; d <= 1; d++) {
      at.add(NEAR_2_50 + d);
    }
    return at.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] shuffle(long[] a, Random random) {
    List<Long> list = new ArrayList<>();
    for (long v : a) {
      list.add(v);
    }
    Collections.shuffle(list, random);
    return list.stream().mapToLong(Long::longValue).toArray();
  }

  /** The largest magnitude the schedule reaches on these steps (a lower bound of its peak). */
  private static double peak(Plan plan, long[] steps) {
    double peak = 0;
    for (long s : steps) {
      peak = Math.max(peak, Math.abs(plan.at(s)));
    }
    return peak;
  }

  // ---- assertions ----

  /** Collects every violation of one fill, so a failure reports how many and the first ones. */
  private static final class Mismatches {
    final String source;
    final List<String> found = new ArrayList<>();
    int count;

    Mismatches(String source) {
      this.source = source;
    }

    /**
     * {@code d} must equal {@code want} bit for bit when {@code exact}, else lie within the
     * tolerance; {@code f} must be {@code (float) want} when exact, else the float of some value in
     * the tolerance interval (rounding to float is monotone: between the floats of its ends).
     */
    void check(double want, boolean exact, double peak, double d, float f, String where) {
      String problem = null;
      if (exact) {
        if (Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits(want)) {
          problem = "double " + d + " != " + want + " (exact phase, " + ulps(d, want) + " ulp)";
        } else if (Float.floatToRawIntBits(f) != Float.floatToRawIntBits((float) want)) {
          problem = "float " + f + " != (float) " + want + " = " + (float) want;
        }
      } else {
        double tolerance = RELATIVE * Math.abs(want) + ABSOLUTE * peak;
        if (!(Math.abs(d - want) <= tolerance)) {
          problem =
              "double " + d + " vs " + want + ": error " + Math.abs(d - want) + " > " + tolerance;
        } else if (!(f >= (float) (want - tolerance) && f <= (float) (want + tolerance))) {
          problem = "float " + f + " vs " + want + ": not the float of a value within " + tolerance;
        }
      }
      if (problem != null) {
        count++;
        if (found.size() < 8) {
          found.add(where + ": " + problem);
        }
      }
    }

    void assertNone() {
      if (count > 0) {
        fail(
            source
                + ": "
                + count
                + " values break the fill contract, first ones:\n  "
                + String.join("\n  ", found));
      }
    }
  }

  private static long ulps(double a, double b) {
    return Math.abs(Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b));
  }

  private static double[] sentinel(double[] a) {
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static float[] sentinel(float[] a) {
    Arrays.fill(a, Float.NaN);
    return a;
  }

  private static String range(long from, long to, long by) {
    StringBuilder sb = new StringBuilder();
    for (long v = from; v < to; v += by) {
      sb.append(v == from ? "" : ", ").append(v);
    }
    return sb.toString();
  }

  private static String values(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? ", " : "").append(0.1 + 0.05 * Math.sin(i));
    }
    return sb.toString();
  }
}
