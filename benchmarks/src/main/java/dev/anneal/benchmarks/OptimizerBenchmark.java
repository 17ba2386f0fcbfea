package dev.anneal.benchmarks;

import dev.anneal.BoundOptimizer;
import dev.anneal.Optimizer;
import dev.anneal.benchmarks.vector.BandwidthProbe;
import dev.anneal.internal.optim.OptimKernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One AdamW step ({@code @AdamW(lr = ..., weightDecay = 0.01)}, betas 0.9 / 0.999, eps 1e-8) over
 * {@code float[]} parameters: anneal's {@code BoundOptimizer.step} with the Vector API kernels
 * ({@link #anneal_vector}) and in a fork with {@code -Danneal.vector=false} ({@link
 * #anneal_scalar}); a plain fused Java loop with the same formula ({@link #plain_loop}); and a
 * memory-bandwidth probe with the same traffic (reads gradient, parameter and both moments, writes
 * parameter and both moments: {@link #probe}).
 *
 * <p>Shapes ({@code shape}): one array of 64 Ki floats (its four arrays fit in L2), 100 arrays of
 * 10,000 floats (as {@code benchmarks/torch_optim.py}), 64 arrays of 1 Mi floats (64 Mi floats: 1
 * GiB for the four arrays, memory-bound).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc OptimizerBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx3g"})
public class OptimizerBenchmark {
  private static final double LR = 1e-3;
  private static final double WD = 0.01;

  @Param({"1x65536", "100x10000", "64x1048576"})
  public String shape;

  private float[][] params;
  private float[][] grads;
  private float[][] m;
  private float[][] v;
  private BoundOptimizer adamW;
  private long t;

  @Setup(Level.Trial)
  public void setup() {
    String[] s = shape.split("x");
    int n = Integer.parseInt(s[0]);
    int len = Integer.parseInt(s[1]);
    Random r = new Random(42);
    params = new float[n][len];
    grads = new float[n][len];
    m = new float[n][len];
    v = new float[n][len];
    for (int a = 0; a < n; a++) {
      for (int i = 0; i < len; i++) {
        params[a][i] = (float) r.nextGaussian();
        grads[a][i] = (float) (r.nextGaussian() * 0.01);
      }
    }
    adamW = Optimizer.adamW(k -> LR).weightDecay(WD).build().bind(params);
    // Warm every path on small arrays first: a big array per call reaches C2 only after seconds,
    // and Vector API code is slow (and allocates) until C2 compiles it.
    float[][] small = {new float[203]};
    float[][] sm = {new float[203]};
    float[][] sv = {new float[203]};
    BoundOptimizer warm = Optimizer.adamW(k -> LR).weightDecay(WD).build().bind(small);
    for (int i = 0; i < 30_000; i++) {
      warm.step(small);
      plainAdamW(small, small, sm, sv, i + 1);
      BandwidthProbe.adamTraffic(small, small, sm, sv);
    }
    boolean vector = OptimKernels.vector() != null;
    boolean wantVector = !Boolean.getBoolean("anneal.bench.scalar");
    if (vector != wantVector) {
      throw new IllegalStateException("vector kernels loaded: " + vector);
    }
  }

  @Benchmark
  public float[][] anneal_vector() {
    adamW.step(grads);
    return params;
  }

  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {
        "--add-modules=jdk.incubator.vector",
        "-Xmx3g",
        "-Danneal.vector=false",
        "-Danneal.bench.scalar=true"
      })
  public float[][] anneal_scalar() {
    adamW.step(grads);
    return params;
  }

  @Benchmark
  public float[][] plain_loop() {
    plainAdamW(params, grads, m, v, ++t);
    return params;
  }

  @Benchmark
  public float[][] probe() {
    BandwidthProbe.adamTraffic(params, grads, m, v);
    return params;
  }

  /** What one writes by hand: torch.optim.AdamW's formula in one loop, float arithmetic. */
  static void plainAdamW(float[][] params, float[][] grads, float[][] m, float[][] v, long t) {
    double bc1 = 1 - Math.pow(0.9, t);
    double bc2 = Math.sqrt(1 - Math.pow(0.999, t));
    float decay = (float) (1 - LR * WD);
    float step = (float) (LR / bc1);
    float c2 = (float) bc2;
    for (int a = 0; a < params.length; a++) {
      float[] p = params[a];
      float[] g = grads[a];
      float[] ma = m[a];
      float[] va = v[a];
      for (int i = 0; i < p.length; i++) {
        float gi = g[i];
        float mi = 0.9f * ma[i] + 0.1f * gi;
        float vi = 0.999f * va[i] + 0.001f * gi * gi;
        ma[i] = mi;
        va[i] = vi;
        p[i] = p[i] * decay - step * mi / ((float) Math.sqrt(vi) / c2 + 1e-8f);
      }
    }
  }
}
