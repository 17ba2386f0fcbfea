package dev.anneal.internal.clip;

import dev.anneal.internal.VectorProviders;

/**
 * Internal, not API. The clipping kernels: {@code dev.anneal.internal.vector.VectorClip} when the
 * {@code jdk.incubator.vector} module is in the boot layer ({@code --add-modules
 * jdk.incubator.vector}) and C2 runs on x86-64, otherwise {@link ScalarClip}. The system property
 * {@code anneal.vector=false} keeps the scalar kernels; {@code anneal.vector=true} forces the
 * vector ones where they are not known to be fast. Loaded once, as {@code Kernels} loads the fill
 * kernels.
 */
public final class ClipKernels {
  /**
   * One pass over {@code a[from, to)}, which the caller has range-checked. Sums and maxima are
   * accumulated in {@code double} whatever the element type; NaN propagates. Implementations may
   * add in any order (several accumulators), so sums differ from a sequential loop by rounding.
   */
  public interface Provider {
    double sumSquares(float[] a, int from, int to);

    double sumSquares(double[] a, int from, int to);

    double sumAbs(float[] a, int from, int to);

    double sumAbs(double[] a, int from, int to);

    /** Largest absolute element, NaN if any element is NaN, 0 for an empty range. */
    double maxAbs(float[] a, int from, int to);

    double maxAbs(double[] a, int from, int to);

    /** {@code a[i] = (float) ((double) a[i] * s)}: multiplied in double, rounded once. */
    void scale(float[] a, int from, int to, double s);

    void scale(double[] a, int from, int to, double s);

    /** {@code a[i] = min(max, max(-max, a[i]))} with NaN kept; {@code max} already a float. */
    void clamp(float[] a, int from, int to, float max);

    void clamp(double[] a, int from, int to, double max);
  }

  private static final String VECTOR = "dev.anneal.internal.vector.VectorClip";
  private static final Provider SCALAR = new ScalarClip();

  private ClipKernels() {}

  /** The kernels {@code GradientClip} uses. */
  public static Provider provider() {
    Provider v = Vector.PROVIDER;
    return v != null ? v : SCALAR;
  }

  /** The scalar kernels, whatever is loaded (for tests and benchmarks). */
  public static Provider scalar() {
    return SCALAR;
  }

  /** The vector kernels, or {@code null} when they are not used. */
  public static Provider vector() {
    return Vector.PROVIDER;
  }

  /** The vector provider, loaded on first use: the JVM initializes this holder once. */
  private static final class Vector {
    static final Provider PROVIDER = VectorProviders.load(VECTOR, Provider.class);
  }
}
