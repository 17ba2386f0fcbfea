package dev.anneal.internal.clip;

import dev.anneal.ClipNonFinite;

/**
 * Internal, not API. What {@code GradientClip.apply} does, over any {@link ClipKernels.Provider}
 * (benchmarks time both). Every argument is checked before anything is written; norms are
 * accumulated in {@code double}; one pass computes the norm and a second runs only when something
 * changes.
 */
public final class Clipper {
  /** Optax's {@code unitwise_clip} {@code div_eps}: the floor of the norm it divides by. */
  static final double AGC_DIV_EPS = 1e-6;

  private Clipper() {}

  // ---------------------------------------------------------------------------------- @ClipNorm

  /**
   * {@code @ClipNorm}: returns the total norm (of order {@code p}) over all arrays before clipping.
   *
   * @param each {@code ClipScope.EACH}: every array scaled by its own norm
   */
  public static double norm(
      ClipKernels.Provider k,
      float[][] g,
      double max,
      double p,
      double eps,
      boolean each,
      ClipNonFinite nonFinite) {
    check(g);
    if (each && nonFinite == ClipNonFinite.PROPAGATE) {
      // One pass per array: its norm, then its scaling, adding up the total on the way.
      double total = 0;
      for (float[] a : g) {
        double raw = raw(k, a, p);
        total = combine(total, raw, p);
        scale(k, a, factor(max, finish(raw, p), eps));
      }
      return finish(total, p);
    }
    double total = 0;
    for (float[] a : g) {
      total = combine(total, raw(k, a, p), p);
    }
    total = finish(total, p);
    if (!Double.isFinite(total)) {
      if (nonFinite == ClipNonFinite.ERROR) {
        throw nonFinite(p, total);
      }
      if (nonFinite == ClipNonFinite.SKIP) {
        return total;
      }
    }
    if (each) {
      for (float[] a : g) {
        scale(k, a, factor(max, finish(raw(k, a, p), p), eps));
      }
    } else {
      double f = factor(max, total, eps);
      for (float[] a : g) {
        scale(k, a, f);
      }
    }
    return total;
  }

  /**
   * {@link #norm(ClipKernels.Provider, float[][], double, double, double, boolean, ClipNonFinite)}
   * for {@code double[]}.
   */
  public static double norm(
      ClipKernels.Provider k,
      double[][] g,
      double max,
      double p,
      double eps,
      boolean each,
      ClipNonFinite nonFinite) {
    check(g);
    if (each && nonFinite == ClipNonFinite.PROPAGATE) {
      double total = 0;
      for (double[] a : g) {
        double raw = raw(k, a, p);
        total = combine(total, raw, p);
        scale(k, a, factor(max, finish(raw, p), eps));
      }
      return finish(total, p);
    }
    double total = 0;
    for (double[] a : g) {
      total = combine(total, raw(k, a, p), p);
    }
    total = finish(total, p);
    if (!Double.isFinite(total)) {
      if (nonFinite == ClipNonFinite.ERROR) {
        throw nonFinite(p, total);
      }
      if (nonFinite == ClipNonFinite.SKIP) {
        return total;
      }
    }
    if (each) {
      for (double[] a : g) {
        scale(k, a, factor(max, finish(raw(k, a, p), p), eps));
      }
    } else {
      double f = factor(max, total, eps);
      for (double[] a : g) {
        scale(k, a, f);
      }
    }
    return total;
  }

  /**
   * {@code @ClipNorm} for an optimizer that applies the factor inside its own pass: writes each
   * array's factor into {@code factors} (one for all with {@code GLOBAL}) and scales nothing.
   * Returns the total norm; with {@code ERROR} a non-finite norm throws, with {@code SKIP} the
   * caller skips the step (the factors are then not written).
   */
  public static double factors(
      ClipKernels.Provider k,
      Object[] g,
      double max,
      double p,
      double eps,
      boolean each,
      ClipNonFinite nonFinite,
      double[] factors) {
    double total = 0;
    for (int i = 0; i < g.length; i++) {
      double raw = g[i] instanceof float[] ? raw(k, (float[]) g[i], p) : raw(k, (double[]) g[i], p);
      total = combine(total, raw, p);
      factors[i] = each ? factor(max, finish(raw, p), eps) : raw;
    }
    total = finish(total, p);
    if (!Double.isFinite(total)) {
      if (nonFinite == ClipNonFinite.ERROR) {
        throw nonFinite(p, total);
      }
      if (nonFinite == ClipNonFinite.SKIP) {
        return total;
      }
    }
    if (!each) {
      double f = factor(max, total, eps);
      for (int i = 0; i < g.length; i++) {
        factors[i] = f;
      }
    }
    return total;
  }

  /** PyTorch's {@code clamp(max_norm / (total_norm + eps), max=1.0)}: NaN stays NaN. */
  static double factor(double max, double norm, double eps) {
    return Math.min(max / (norm + eps), 1.0);
  }

  private static double raw(ClipKernels.Provider k, float[] a, double p) {
    return p == 2
        ? k.sumSquares(a, 0, a.length)
        : p == 1 ? k.sumAbs(a, 0, a.length) : k.maxAbs(a, 0, a.length);
  }

  private static double raw(ClipKernels.Provider k, double[] a, double p) {
    return p == 2
        ? k.sumSquares(a, 0, a.length)
        : p == 1 ? k.sumAbs(a, 0, a.length) : k.maxAbs(a, 0, a.length);
  }

  /** Adds an array's sum, or takes the larger maximum (NaN wins, as torch's {@code max}). */
  private static double combine(double total, double raw, double p) {
    return p == Double.POSITIVE_INFINITY ? Math.max(total, raw) : total + raw;
  }

  private static double finish(double raw, double p) {
    return p == 2 ? Math.sqrt(raw) : raw;
  }

  private static void scale(ClipKernels.Provider k, float[] a, double f) {
    if (f != 1.0) { // a factor of exactly 1 changes nothing (NaN does)
      k.scale(a, 0, a.length, f);
    }
  }

  private static void scale(ClipKernels.Provider k, double[] a, double f) {
    if (f != 1.0) {
      k.scale(a, 0, a.length, f);
    }
  }

  private static IllegalArgumentException nonFinite(double p, double total) {
    return new IllegalArgumentException(
        "@ClipNorm(nonFinite = ClipNonFinite.ERROR): the total norm of order "
            + p
            + " of the gradients is "
            + total
            + ", so they cannot be clipped; nothing was changed");
  }

  // --------------------------------------------------------------------------------- @ClipValue

  /** {@code @ClipValue}: returns the largest absolute element before clipping (NaN if any). */
  public static double value(ClipKernels.Provider k, float[][] g, double max) {
    check(g);
    double m = 0;
    for (float[] a : g) {
      m = Math.max(m, k.maxAbs(a, 0, a.length));
    }
    if (!(m <= max)) {
      float f = (float) max; // clamping a float to the rounded bound = rounding the double clamp
      for (float[] a : g) {
        k.clamp(a, 0, a.length, f);
      }
    }
    return m;
  }

  /** {@link #value(ClipKernels.Provider, float[][], double)} for {@code double[]}. */
  public static double value(ClipKernels.Provider k, double[][] g, double max) {
    check(g);
    double m = 0;
    for (double[] a : g) {
      m = Math.max(m, k.maxAbs(a, 0, a.length));
    }
    if (!(m <= max)) {
      for (double[] a : g) {
        k.clamp(a, 0, a.length, max);
      }
    }
    return m;
  }

  // ------------------------------------------------------------------------------ @AdaptiveClip

  /**
   * {@code @AdaptiveClip} over the {@code rows} rows of row-major {@code params} and {@code grads}:
   * returns the L2 norm of all of {@code grads} before clipping.
   */
  public static double adaptive(
      ClipKernels.Provider k,
      float[] params,
      float[] grads,
      int rows,
      double clipping,
      double eps) {
    int cols =
        checkAdaptive(
            params == null,
            grads == null,
            params == null ? 0 : params.length,
            grads == null ? 0 : grads.length,
            rows);
    double total = 0;
    for (int from = 0, r = 0; r < rows; r++, from += cols) {
      int to = from + cols;
      double gs = k.sumSquares(grads, from, to);
      total += gs;
      double s =
          adaptiveFactor(Math.sqrt(k.sumSquares(params, from, to)), Math.sqrt(gs), clipping, eps);
      if (s != 1.0) {
        k.scale(grads, from, to, s);
      }
    }
    return Math.sqrt(total);
  }

  /** {@link #adaptive(ClipKernels.Provider, float[], float[], int, double, double)} for doubles. */
  public static double adaptive(
      ClipKernels.Provider k,
      double[] params,
      double[] grads,
      int rows,
      double clipping,
      double eps) {
    int cols =
        checkAdaptive(
            params == null,
            grads == null,
            params == null ? 0 : params.length,
            grads == null ? 0 : grads.length,
            rows);
    double total = 0;
    for (int from = 0, r = 0; r < rows; r++, from += cols) {
      int to = from + cols;
      double gs = k.sumSquares(grads, from, to);
      total += gs;
      double s =
          adaptiveFactor(Math.sqrt(k.sumSquares(params, from, to)), Math.sqrt(gs), clipping, eps);
      if (s != 1.0) {
        k.scale(grads, from, to, s);
      }
    }
    return Math.sqrt(total);
  }

  /**
   * Optax: {@code max_norm = clipping * max(p_norm, eps)}; {@code where(g_norm < max_norm, g, g *
   * (max_norm / max(g_norm, 1e-6)))}. Returns 1 when the row is kept.
   */
  static double adaptiveFactor(double pNorm, double gNorm, double clipping, double eps) {
    double limit = clipping * Math.max(pNorm, eps);
    return gNorm < limit ? 1.0 : limit / Math.max(gNorm, AGC_DIV_EPS);
  }

  private static int checkAdaptive(
      boolean noParams, boolean noGrads, int paramsLength, int gradsLength, int rows) {
    if (noParams) {
      throw new IllegalArgumentException("@AdaptiveClip: params must not be null");
    }
    if (noGrads) {
      throw new IllegalArgumentException("@AdaptiveClip: grads must not be null");
    }
    if (paramsLength != gradsLength) {
      throw new IllegalArgumentException(
          "@AdaptiveClip: params.length " + paramsLength + " != grads.length " + gradsLength);
    }
    if (rows <= 0) {
      throw new IllegalArgumentException("@AdaptiveClip: rows must be > 0, was " + rows);
    }
    if (gradsLength % rows != 0) {
      throw new IllegalArgumentException(
          "@AdaptiveClip: rows " + rows + " does not divide the length " + gradsLength);
    }
    return gradsLength / rows;
  }

  // ------------------------------------------------------------------------------------ checks

  private static void check(Object[] g) {
    if (g == null) {
      throw new IllegalArgumentException("grads must not be null");
    }
    for (int i = 0; i < g.length; i++) {
      if (g[i] == null) {
        throw new IllegalArgumentException("grads[" + i + "] must not be null");
      }
    }
  }
}
