package dev.anneal.benchmarks;

import dev.anneal.ClipNonFinite;
import dev.anneal.GradientClip;
import dev.anneal.benchmarks.vector.BandwidthProbe;
import dev.anneal.internal.clip.ClipKernels;
import dev.anneal.internal.clip.Clipper;
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
 * Global L2 gradient clipping of {@code float[]} arrays ({@code @ClipNorm(max)}): anneal with the
 * Vector API kernels ({@link #anneal_vector}, {@code GradientClip.apply} in a fork with {@code
 * jdk.incubator.vector}), anneal's scalar kernels ({@link #anneal_scalar}), a plain Java loop with
 * one {@code double} accumulator ({@link #plain_loop}), and two memory-bandwidth probes over the
 * same arrays: a vector float sum (one read, {@link #probe_read}) and a sum then an in-place
 * multiply (the read + read/write traffic any two-pass clip needs, {@link #probe_read_rmw}).
 *
 * <p>Shapes ({@code shape}): one array of 64 Ki floats (fits in L2), 100 arrays of 10,000 floats
 * (as PyTorch's {@code benchmarks/torch_clip.py}), 64 arrays of 1 Mi floats (64 Mi floats, 256 MB:
 * memory-bound).
 *
 * <p>Every call really clips but the values never change: {@code max = (norm + 1e-6) * (1 -
 * 2^-26)}, so the factor is {@code 1 - 2^-26} (not 1: both passes run, every element is multiplied
 * and stored) and {@code (float) (x * (1 - 2^-26)) == x} for every float ({@code x * 2^-26} is less
 * than half an ulp of {@code x}), so the norm and the work are the same on every call. {@link
 * #setup} checks both, after a JIT warm-up of every method.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc ClipBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class ClipBenchmark {

  @Param({"1x65536", "100x10000", "64x1048576"})
  public String shape;

  private float[][] grads;
  private double max;
  private GradientClip clip;

  @Setup(Level.Trial)
  public void setup() {
    String[] s = shape.split("x");
    int n = Integer.parseInt(s[0]);
    int len = Integer.parseInt(s[1]);
    Random r = new Random(42);
    grads = new float[n][len];
    for (float[] a : grads) {
      for (int i = 0; i < len; i++) {
        a[i] = (float) (r.nextGaussian() * 0.01);
      }
    }
    double norm = Math.sqrt(sumSquares(grads));
    max = (norm + 1e-6) * (1 - 0x1p-26);
    clip = GradientClip.norm(max).build();
    if (ClipKernels.vector() == null) {
      throw new IllegalStateException("run with --add-modules jdk.incubator.vector");
    }
    // JIT warm-up before JMH's own. Until C2 compiles them, Vector API loops run interpreted (or
    // under C1) about a thousand times slower, allocating every vector: ~80 ms per 64 Ki floats.
    // One big array per call reaches C2's thresholds only after seconds (longer than JMH's
    // warm-up), so the kernels are first warmed on a small array (many cheap calls).
    float[][] small = {new float[203]};
    for (int i = 0; i < small[0].length; i++) {
      small[0][i] = (float) (r.nextGaussian() * 0.01);
    }
    double smallMax = (Math.sqrt(sumSquares(small)) + 1e-6) * (1 - 0x1p-26);
    GradientClip smallClip = GradientClip.norm(smallMax).build();
    for (int i = 0; i < 30_000; i++) {
      smallClip.apply(small);
      scalarClip(small, smallMax);
      plainLoop(small, smallMax);
      BandwidthProbe.read(small);
      BandwidthProbe.readRmw(small);
    }
    for (int i = 0; i < 20; i++) {
      anneal_vector();
      anneal_scalar();
      plain_loop();
      probe_read();
      probe_read_rmw();
    }
    float[] before = grads[0].clone();
    double seen = clip.apply(grads);
    double factor = max / (seen + 1e-6);
    if (!(factor < 1)
        || Math.abs(seen - norm) > 1e-9 * norm
        || !java.util.Arrays.equals(before, grads[0])) {
      throw new IllegalStateException("clip not active or values changed: factor " + factor);
    }
  }

  private static double sumSquares(float[][] grads) {
    double s = 0;
    for (float[] a : grads) {
      for (float x : a) {
        s += (double) x * x;
      }
    }
    return s;
  }

  @Benchmark
  public double anneal_vector() {
    return clip.apply(grads);
  }

  @Benchmark
  public double anneal_scalar() {
    return scalarClip(grads, max);
  }

  /** What one would write by hand: a sequential double sum, then a scaling loop. */
  @Benchmark
  public double plain_loop() {
    return plainLoop(grads, max);
  }

  /** One read of every element: float lanes, four accumulators. */
  @Benchmark
  public float probe_read() {
    return BandwidthProbe.read(grads);
  }

  /** The traffic of a two-pass clip: a read, then an in-place multiply by 1 (read + write). */
  @Benchmark
  public float probe_read_rmw() {
    return BandwidthProbe.readRmw(grads);
  }

  private static double scalarClip(float[][] grads, double max) {
    return Clipper.norm(ClipKernels.scalar(), grads, max, 2, 1e-6, false, ClipNonFinite.PROPAGATE);
  }

  private static double plainLoop(float[][] grads, double max) {
    double s = 0;
    for (float[] a : grads) {
      for (float x : a) {
        s += (double) x * x;
      }
    }
    double norm = Math.sqrt(s);
    double f = Math.min(max / (norm + 1e-6), 1.0);
    if (f != 1.0) {
      for (float[] a : grads) {
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) (a[i] * f);
        }
      }
    }
    return norm;
  }
}
