package dev.anneal.benchmarks;

import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every fill benchmark works on: {@code groups} parameter groups of the warm-up + cosine
 * schedule {@link BenchSchedules#warmupCosine()} (generated), in three cases:
 *
 * <ul>
 *   <li>{@code scale}: per-group scales only (layer-wise decay {@code 0.9^(g % 32)}, no delays);
 *   <li>{@code delayed}: the same scales plus staggered unfreezing, the top eighth of the groups
 *       from step 0, the next eighth from step 1,000, ..., the bottom eighth from step 7,000;
 *   <li>{@code rows}: batched per-row steps, {@code fill(long[] steps, out)}, random steps in [0,
 *       12,000).
 * </ul>
 *
 * <p>The step of the scale and delayed cases advances by 37 on every call and wraps at 12,000, so
 * every call sees a different mix of frozen, warming-up, annealing and finished groups.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Five warm-up seconds: a vector kernel's first call over a million groups runs interpreted for
// over a second, and with three the first measured iteration still caught it being compiled.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 500, timeUnit = TimeUnit.MILLISECONDS)
public abstract class FillState {
  static final LrSchedule SCHEDULE = Generated.WARMUP_COSINE;

  @Param({"8", "1024", "1048576"})
  public int groups;

  ParamGroups scaled;
  ParamGroups delayed;
  long[] rowSteps;
  float[] outFloat;
  double[] outDouble;
  private long step;

  @Setup
  public void setUp() {
    double[] scales = new double[groups];
    long[] delays = new long[groups];
    for (int g = 0; g < groups; g++) {
      scales[g] = Math.pow(0.9, g % 32);
      delays[g] = (long) (groups - 1 - g) * 8 / groups * 1_000;
    }
    scaled = ParamGroups.of(scales);
    delayed = ParamGroups.of(scales, delays);
    SplittableRandom random = new SplittableRandom(42);
    rowSteps = new long[groups];
    for (int i = 0; i < groups; i++) {
      rowSteps[i] = random.nextLong(AtBenchmark.RANGE);
    }
    outFloat = new float[groups];
    outDouble = new double[groups];
    step = 0;
  }

  final long step() {
    long s = step + 37;
    if (s >= AtBenchmark.RANGE) {
      s -= AtBenchmark.RANGE;
    }
    step = s;
    return s;
  }
}
