package dev.anneal.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;

/**
 * The baseline for {@link FillBenchmark}: what a user writes without {@code fill}, a loop over the
 * groups calling the generated {@code at()} for each (same cases, same results).
 */
@Fork(1)
public class FillAtLoop extends FillState {

  @Benchmark
  public float[] scale_float() {
    long s = step();
    float[] out = outFloat;
    for (int g = 0, n = scaled.size(); g < n; g++) {
      out[g] = (float) (scaled.scale(g) * SCHEDULE.at(s));
    }
    return out;
  }

  @Benchmark
  public double[] scale_double() {
    long s = step();
    double[] out = outDouble;
    for (int g = 0, n = scaled.size(); g < n; g++) {
      out[g] = scaled.scale(g) * SCHEDULE.at(s);
    }
    return out;
  }

  @Benchmark
  public float[] delayed_float() {
    long s = step();
    float[] out = outFloat;
    for (int g = 0, n = delayed.size(); g < n; g++) {
      long local = s - delayed.delay(g);
      out[g] = local < 0 ? 0f : (float) (delayed.scale(g) * SCHEDULE.at(local));
    }
    return out;
  }

  @Benchmark
  public double[] delayed_double() {
    long s = step();
    double[] out = outDouble;
    for (int g = 0, n = delayed.size(); g < n; g++) {
      long local = s - delayed.delay(g);
      out[g] = local < 0 ? 0.0 : delayed.scale(g) * SCHEDULE.at(local);
    }
    return out;
  }

  @Benchmark
  public float[] rows_float() {
    long[] steps = rowSteps;
    float[] out = outFloat;
    for (int i = 0; i < steps.length; i++) {
      out[i] = (float) SCHEDULE.at(steps[i]);
    }
    return out;
  }

  @Benchmark
  public double[] rows_double() {
    long[] steps = rowSteps;
    double[] out = outDouble;
    for (int i = 0; i < steps.length; i++) {
      out[i] = SCHEDULE.at(steps[i]);
    }
    return out;
  }
}
