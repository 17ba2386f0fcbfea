package dev.anneal.benchmarks;

import dev.anneal.EarlyStopper;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Metric controllers: {@code observe} of both (a precomputed noisy, plateauing metric fed
 * cyclically, so reductions, cool-downs and stops all happen), and a plateau schedule's {@code at}
 * beside its plain curve's {@code at} (warm-up + cosine, builder schedule), the step sweeping [0,
 * 20,000) as in {@link AtBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ControllerBenchmark {
  private static final int N = 4096;

  private final double[] metrics = new double[N];
  private final long[] steps = new long[N];
  private int i;

  private LrSchedule curve;
  private PlateauSchedule plateau;
  private PlateauSchedule plateauTorch;
  private EarlyStopper stopper;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(1);
    double v = 2;
    for (int k = 0; k < N; k++) {
      v = r.nextDouble() < 0.05 ? v * 0.9 : v;
      metrics[k] = v + r.nextGaussian() * 1e-3 + (r.nextDouble() < 0.01 ? Double.NaN : 0);
      steps[k] = r.nextLong(20_000);
    }
    curve = Schedules.parse("@Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)");
    plateau = PlateauSchedule.of(curve).factor(0.5).patience(3).cooldown(1).minScale(1e-3).build();
    plateauTorch =
        PlateauSchedule.of(Schedules.constant(0.1).build())
            .factor(0.5)
            .patience(3)
            .minScale(1e-3)
            .compat(dev.anneal.Compat.PYTORCH)
            .build();
    stopper =
        EarlyStopper.builder(10)
            .minDelta(1e-4)
            .nonFinite(dev.anneal.NonFinite.COUNT_AS_BAD)
            .build();
    // a reduced scale for the at() comparison
    for (int k = 0; k < 8; k++) {
      plateau.observe(1);
    }
  }

  @Benchmark
  public boolean plateauObserve() {
    return plateau.observe(metrics[i++ & (N - 1)]);
  }

  @Benchmark
  public boolean plateauObservePytorch() {
    return plateauTorch.observe(metrics[i++ & (N - 1)]);
  }

  @Benchmark
  public boolean earlyStopperObserve() {
    return stopper.observe(metrics[i++ & (N - 1)]);
  }

  @Benchmark
  public double curveAt() {
    return curve.at(steps[i++ & (N - 1)]);
  }

  @Benchmark
  public double plateauAt() {
    return plateau.at(steps[i++ & (N - 1)]);
  }
}
