package dev.anneal.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@code LrSchedule.fill} on the generated schedule, in the cases of {@link FillState}, for {@code
 * float[]} and {@code double[]}. Which path runs is decided once per JVM by the runtime ({@code
 * dev.anneal.internal.Kernels}), so the two subclasses differ only in their fork's JVM options:
 * {@link FillVector} adds {@code jdk.incubator.vector}, {@link FillScalar} sets {@code
 * -Danneal.vector=false}. {@link FillAtLoop} is the baseline without {@code fill}: a loop calling
 * {@code at()} per group.
 */
public abstract class FillBenchmark extends FillState {

  @Benchmark
  public float[] scale_float() {
    SCHEDULE.fill(step(), scaled, outFloat);
    return outFloat;
  }

  @Benchmark
  public double[] scale_double() {
    SCHEDULE.fill(step(), scaled, outDouble);
    return outDouble;
  }

  @Benchmark
  public float[] delayed_float() {
    SCHEDULE.fill(step(), delayed, outFloat);
    return outFloat;
  }

  @Benchmark
  public double[] delayed_double() {
    SCHEDULE.fill(step(), delayed, outDouble);
    return outDouble;
  }

  @Benchmark
  public float[] rows_float() {
    SCHEDULE.fill(rowSteps, outFloat);
    return outFloat;
  }

  @Benchmark
  public double[] rows_double() {
    SCHEDULE.fill(rowSteps, outDouble);
    return outDouble;
  }
}
