package dev.anneal.benchmarks;

import dev.anneal.ClipNonFinite;
import dev.anneal.ClipScope;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.Schedules;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An exact allocation check to go with JMH's {@code -prof gc}: the bytes the calling thread itself
 * allocates per {@code at} and per {@code fill}, after warm-up, for every generated schedule of
 * {@link BenchSchedules}, the builder's equal schedules, and every fill case and size of {@link
 * FillState}.
 *
 * <p>JMH's {@code gc.alloc.rate.norm} divides the allocations of every thread of the JVM by the
 * operations, so on millisecond-long operations (a fill of a million groups) its own background
 * threads show up as a few hundred bytes per operation. This counts only the benchmark thread
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}), so 0 means 0.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.anneal.benchmarks.AllocationCheck
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.anneal.benchmarks.AllocationCheck
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.anneal.benchmarks.AllocationCheck 1048576
 * </pre>
 *
 * <p>Exits with status 1 if anything allocated.
 */
public final class AllocationCheck {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static double sink;

  /** Calls that take the fill's step (advancing by 37) once over {@code [0, RANGE)}. */
  private static final int SWEEP = (int) (AtBenchmark.RANGE / 37 + 1);

  private AllocationCheck() {}

  public static void main(String[] args) {
    THREADS.setThreadAllocatedMemoryEnabled(true);
    boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    System.out.printf(
        "java %s, jdk.incubator.vector %s, anneal.vector=%s%n",
        Runtime.version(),
        vectorModule ? "present" : "absent",
        System.getProperty("anneal.vector", "(unset)"));
    Map<String, LrSchedule> generated = generated();
    int failures = 0;

    // A first pass over everything, so that the measuring loop itself is compiled.
    for (LrSchedule lr : generated.values()) {
      atBytes(lr);
      LrSchedule builder = builderOf(lr);
      if (builder != null) {
        atBytes(builder);
      }
    }
    System.out.println("\nat(step): bytes per call over 1,000,000 calls, after warm-up");
    for (Map.Entry<String, LrSchedule> e : generated.entrySet()) {
      failures += report("generated " + e.getKey(), atBytes(e.getValue()));
      LrSchedule builder = builderOf(e.getValue());
      if (builder != null) {
        failures += report("builder   " + e.getKey(), atBytes(builder));
      }
    }

    System.out.println("\nfill (warm-up + cosine): bytes per call after warm-up");
    LrSchedule lr = generated.get("warmupCosine");
    // Group counts from the arguments (default 8 1024 1048576): how a kernel compiles depends on
    // what the JVM ran before, so one size alone in a fresh JVM is a check of its own.
    int[] sizes =
        args.length == 0
            ? new int[] {8, 1_024, 1_048_576}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    for (int n : sizes) {
      double[] scales = new double[n];
      long[] delays = new long[n];
      long[] rows = new long[n];
      SplittableRandom random = new SplittableRandom(42);
      for (int g = 0; g < n; g++) {
        scales[g] = Math.pow(0.9, g % 32);
        delays[g] = (long) (n - 1 - g) * 8 / n * 1_000;
        rows[g] = random.nextLong(AtBenchmark.RANGE);
      }
      ParamGroups scaled = ParamGroups.of(scales);
      ParamGroups delayed = ParamGroups.of(scales, delays);
      float[] f = new float[n];
      double[] d = new double[n];
      // At least one whole sweep of the step range, so every phase mix is measured.
      int calls = Math.max(SWEEP, 2_000_000 / n);
      List<Object[]> cases = new ArrayList<>();
      cases.add(new Object[] {"scale   float ", (Fill) s -> lr.fill(s, scaled, f)});
      cases.add(new Object[] {"scale   double", (Fill) s -> lr.fill(s, scaled, d)});
      cases.add(new Object[] {"delayed float ", (Fill) s -> lr.fill(s, delayed, f)});
      cases.add(new Object[] {"delayed double", (Fill) s -> lr.fill(s, delayed, d)});
      cases.add(new Object[] {"rows    float ", (Fill) s -> lr.fill(rows, f)});
      cases.add(new Object[] {"rows    double", (Fill) s -> lr.fill(rows, d)});
      for (Object[] c : cases) {
        failures += report(c[0] + " groups=" + n, fillBytes((Fill) c[1], calls));
      }
    }
    failures += controllerCases();
    failures += clipCases(sizes);
    System.out.println(
        failures == 0 ? "\nOK: nothing allocated" : "\nFAILED: " + failures + " allocate");
    System.exit(failures == 0 ? 0 : 1);
  }

  @FunctionalInterface
  private interface Fill {
    void at(long step);
  }

  private static Map<String, LrSchedule> generated() {
    BenchSchedulesImpl s = new BenchSchedulesImpl();
    Map<String, LrSchedule> m = new LinkedHashMap<>();
    m.put("constant", s.constant());
    m.put("stepDecay", s.stepDecay());
    m.put("multiStep", s.multiStep());
    m.put("exponential", s.exponential());
    m.put("cosine", s.cosine());
    m.put("linear", s.linear());
    m.put("polynomial", s.polynomial());
    m.put("inverseTime", s.inverseTime());
    m.put("inverseSqrt", s.inverseSqrt());
    m.put("cyclic", s.cyclic());
    m.put("oneCycle", s.oneCycle());
    m.put("piecewise", s.piecewise());
    m.put("composed", s.composed());
    m.put("warmupCosine", s.warmupCosine());
    m.put("sequence", s.sequence());
    m.put("product", s.product());
    m.put("momentum", s.momentum());
    return m;
  }

  /** The builder's schedule for a generated one, read back from its declaration ("name: @...") . */
  private static LrSchedule builderOf(LrSchedule generated) {
    String s = generated.toString();
    int at = s.indexOf('@');
    try {
      return at < 0 ? null : Schedules.parse(s.substring(at));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static double atBytes(LrSchedule lr) {
    double acc = 0;
    for (int i = 0; i < 200_000; i++) {
      acc += lr.at(i % AtBenchmark.RANGE);
    }
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < 1_000_000; i++) {
      acc += lr.at(i % AtBenchmark.RANGE);
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    sink += acc;
    return (after - before) / 1e6;
  }

  /**
   * Warms up (rounds of {@code calls}, at least four, until a round allocates nothing or 20
   * rounds), then measures one more round.
   */
  private static double fillBytes(Fill fill, int calls) {
    long step = 0;
    for (int round = 0; round < 20; round++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < calls; i++) {
        fill.at(step = (step + 37) % AtBenchmark.RANGE);
      }
      if (THREADS.getCurrentThreadAllocatedBytes() == before && round >= 3) {
        break;
      }
    }
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < calls; i++) {
      fill.at(step = (step + 37) % AtBenchmark.RANGE);
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    return (after - before) / (double) calls;
  }

  /**
   * Gradient clipping ({@code GradientClip.apply}): every kind, both element types, over 4 arrays
   * of the given total size; each call clips (its max below the norm) without changing the values
   * much, as in ClipBenchmark.
   */
  private static int clipCases(int[] sizes) {
    System.out.println("\ngradient clipping (4 arrays): bytes per call after warm-up");
    int failures = 0;
    for (int n : sizes) {
      int len = Math.max(1, n / 4);
      float[][] f = new float[4][len];
      double[][] d = new double[4][len];
      // AGC over the first array: 4 rows when they divide it, else one.
      float[] pf = new float[len];
      double[] pd = new double[len];
      int rows = len % 4 == 0 ? 4 : 1;
      SplittableRandom random = new SplittableRandom(7);
      for (int a = 0; a < 4; a++) {
        for (int i = 0; i < len; i++) {
          d[a][i] = random.nextDouble(-0.01, 0.01);
          f[a][i] = (float) d[a][i];
          if (a == 0) {
            pd[i] = random.nextDouble(-1, 1);
            pf[i] = (float) pd[i];
          }
        }
      }
      float[] gf = f[0];
      double[] gd = d[0];
      double norm = Math.sqrt(4 * len / 3.0) * 0.01;
      double almost = 1 - 0x1p-26;
      List<Object[]> cases = new ArrayList<>();
      GradientClip l2 = GradientClip.norm(norm * almost).build();
      GradientClip each = GradientClip.norm(norm / 2 * almost).scope(ClipScope.EACH).build();
      GradientClip l1 = GradientClip.norm(1e-9).norm(1).nonFinite(ClipNonFinite.ERROR).build();
      GradientClip linf = GradientClip.norm(1e-9).norm(Double.POSITIVE_INFINITY).build();
      GradientClip value = GradientClip.value(0.005);
      GradientClip agc = GradientClip.adaptive(1e-9, 1e-3);
      cases.add(new Object[] {"clip l2     float ", (Fill) s -> sink += l2.apply(f)});
      cases.add(new Object[] {"clip l2     double", (Fill) s -> sink += l2.apply(d)});
      cases.add(new Object[] {"clip each   float ", (Fill) s -> sink += each.apply(f)});
      cases.add(new Object[] {"clip l1     double", (Fill) s -> sink += l1.apply(d)});
      cases.add(new Object[] {"clip linf   float ", (Fill) s -> sink += linf.apply(f)});
      cases.add(new Object[] {"clip value  float ", (Fill) s -> sink += value.apply(f)});
      cases.add(new Object[] {"clip value  double", (Fill) s -> sink += value.apply(d)});
      cases.add(new Object[] {"clip agc    float ", (Fill) s -> sink += agc.apply(pf, gf, rows)});
      cases.add(new Object[] {"clip agc    double", (Fill) s -> sink += agc.apply(pd, gd, rows)});
      int calls = Math.max(20, 4_000_000 / n);
      for (Object[] c : cases) {
        failures += report(c[0] + " size=" + n, fillBytes((Fill) c[1], calls));
      }
    }
    return failures;
  }

  private static int report(String what, double bytesPerCall) {
    System.out.printf(
        "  %-34s %10.4f B/call%s%n",
        what, bytesPerCall, bytesPerCall == 0 ? "" : "  <-- allocates");
    return bytesPerCall == 0 ? 0 : 1;
  }

  /** Metric controllers: observe (both, every compat) and a plateau schedule's at and fills. */
  private static int controllerCases() {
    System.out.println("\ncontrollers: bytes per call after warm-up");
    int failures = 0;
    double[] metrics = new double[4096];
    SplittableRandom random = new SplittableRandom(7);
    double v = 2;
    for (int k = 0; k < metrics.length; k++) {
      v = random.nextDouble() < 0.05 ? v * 0.9 : v;
      metrics[k] = v + random.nextGaussian() * 1e-3 + (random.nextDouble() < 0.01 ? Double.NaN : 0);
    }
    LrSchedule curve =
        Schedules.parse("@Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)");
    List<Object[]> cases = new ArrayList<>();
    for (dev.anneal.Compat compat : dev.anneal.Compat.values()) {
      dev.anneal.PlateauSchedule p =
          dev.anneal.PlateauSchedule.of(
                  compat == dev.anneal.Compat.ANNEAL ? curve : Schedules.constant(0.1).build())
              .patience(3)
              .cooldown(1)
              .minScale(1e-3)
              .compat(compat)
              .build();
      cases.add(
          new Object[] {
            "plateau observe " + compat,
            (Fill) s -> sink += p.observe(metrics[(int) (s & 4095)]) ? 1 : 0
          });
    }
    for (dev.anneal.NonFinite nonFinite : dev.anneal.NonFinite.values()) {
      dev.anneal.EarlyStopper e =
          dev.anneal.EarlyStopper.builder(10).minDelta(1e-4).nonFinite(nonFinite).build();
      cases.add(
          new Object[] {
            "stopper observe " + nonFinite,
            (Fill) s -> sink += e.observe(metrics[(int) (s & 4095)]) ? 1 : 0
          });
    }
    dev.anneal.PlateauSchedule reduced = dev.anneal.PlateauSchedule.of(curve).patience(1).build();
    reduced.observe(1);
    reduced.observe(1);
    ParamGroups groups =
        ParamGroups.of(new double[] {1, 0.5, 0.25, 0.125}, new long[] {0, 100, 200, 300});
    double[] d = new double[4];
    float[] f = new float[4];
    long[] rows = {1, 700, 9_000, 19_000};
    cases.add(new Object[] {"plateau at", (Fill) s -> sink += reduced.at(s)});
    cases.add(new Object[] {"plateau fill double", (Fill) s -> reduced.fill(s, groups, d)});
    cases.add(new Object[] {"plateau fill float", (Fill) s -> reduced.fill(s, groups, f)});
    cases.add(new Object[] {"plateau rows double", (Fill) s -> reduced.fill(rows, d)});
    cases.add(new Object[] {"plateau rows float", (Fill) s -> reduced.fill(rows, f)});
    for (Object[] c : cases) {
      failures += report((String) c[0], fillBytes((Fill) c[1], 200_000));
    }
    return failures;
  }
}
