package dev.anneal;

import dev.anneal.internal.clip.ClipKernels;
import dev.anneal.internal.clip.ClipRules;
import dev.anneal.internal.clip.Clipper;
import dev.anneal.internal.clip.Clipping;
import dev.anneal.internal.kind.Kind;
import java.util.Objects;

/**
 * Gradient clipping declared by {@link ClipNorm}, {@link ClipValue} or {@link AdaptiveClip}:
 * immutable and thread-safe (each call works only on the arrays it is given; clipping the same
 * arrays from two threads at once is the caller's race). {@code apply} clips in place, allocates
 * nothing and checks every argument before writing anything ({@link IllegalArgumentException}).
 *
 * <p>Norms are accumulated in {@code double} for {@code float[]} gradients too. A {@code float}
 * element is clipped as {@code (float) ((double) g * factor)}: the factor is computed in {@code
 * double}, multiplied in {@code double}, rounded once, so results equal the float64 reference
 * rounded to float up to the rounding of the norm. Sums may be added in any order (several
 * accumulators, vector lanes), so norms differ from a sequential sum by rounding (relative {@code
 * 1e-15} or so). The Vector API kernels run when {@code jdk.incubator.vector} is loaded (see {@code
 * --add-modules}); {@code -Danneal.vector=false} keeps plain loops.
 *
 * <pre>{@code
 * GradientClip clip = GradientClip.norm(1.0).build();      // @ClipNorm(max = 1.0)
 * double total = clip.apply(weightGrads, biasGrads);       // float[]... or double[]...
 * GradientClip agc = GradientClip.adaptive();              // @AdaptiveClip
 * agc.apply(weights, weightGrads, outputs);                // row-major (outputs x inputs)
 * }</pre>
 */
public final class GradientClip implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  // the annotations' defaults, from the attribute model (KindTest reads it against them)
  private static final double DEFAULT_NORM = Kind.CLIP_NORM.defaultValue("norm", Double.class);
  private static final double DEFAULT_EPS = Kind.CLIP_NORM.defaultValue("eps", Double.class);
  private static final ClipScope DEFAULT_SCOPE =
      Kind.CLIP_NORM.defaultValue("scope", ClipScope.class);
  private static final ClipNonFinite DEFAULT_NON_FINITE =
      Kind.CLIP_NORM.defaultValue("nonFinite", ClipNonFinite.class);
  private static final double DEFAULT_CLIPPING =
      Kind.ADAPTIVE_CLIP.defaultValue("clipping", Double.class);
  private static final double DEFAULT_AGC_EPS =
      Kind.ADAPTIVE_CLIP.defaultValue("eps", Double.class);

  private final Clipping kind;

  /** {@code max} of {@code @ClipNorm} / {@code @ClipValue}, {@code clipping} of AGC. */
  private final double max;

  private final double norm;
  private final double eps;
  private final ClipScope scope;
  private final ClipNonFinite nonFinite;

  private GradientClip(
      Clipping kind,
      double max,
      double norm,
      double eps,
      ClipScope scope,
      ClipNonFinite nonFinite) {
    this.kind = kind;
    this.max = max;
    this.norm = norm;
    this.eps = eps;
    this.scope = scope;
    this.nonFinite = nonFinite;
  }

  /**
   * {@code @ClipNorm(max = max)}: a builder with the annotation's defaults (norm 2, eps 1e-6,
   * {@link ClipScope#GLOBAL}, {@link ClipNonFinite#PROPAGATE}); {@link Builder#build} validates.
   */
  public static Builder norm(double max) {
    return new Builder(max, DEFAULT_NORM, DEFAULT_EPS, DEFAULT_SCOPE, DEFAULT_NON_FINITE);
  }

  /**
   * {@code @ClipValue(max = max)}.
   *
   * @throws IllegalArgumentException unless {@code max} is finite and {@code > 0}
   */
  public static GradientClip value(double max) {
    ClipRules.check(ClipRules.clipValue(max));
    return new GradientClip(Clipping.VALUE, max, 0, 0, null, null);
  }

  /**
   * {@code @AdaptiveClip(clipping = clipping, eps = eps)}.
   *
   * @throws IllegalArgumentException unless {@code clipping > 0}, {@code eps >= 0}, both finite
   */
  public static GradientClip adaptive(double clipping, double eps) {
    ClipRules.check(ClipRules.adaptiveClip(clipping, eps));
    return new GradientClip(Clipping.ADAPTIVE, clipping, 0, eps, null, null);
  }

  /** {@code @AdaptiveClip}: {@code clipping = 0.01, eps = 1e-3}. */
  public static GradientClip adaptive() {
    return adaptive(DEFAULT_CLIPPING, DEFAULT_AGC_EPS);
  }

  /**
   * A clip written as its annotation, e.g. {@code "@ClipNorm(max = 1.0, norm = 2)"}, {@code
   * "@ClipValue(max = 0.5)"} or {@code "@AdaptiveClip(clipping = 0.01)"}.
   *
   * @throws IllegalArgumentException if it does not parse or breaks a rule, naming the attribute
   */
  public static GradientClip parse(String declaration) {
    dev.anneal.internal.kind.Part p =
        dev.anneal.internal.AnnotationParser.alone(declaration, Kind.Role.CLIP);
    String error = dev.anneal.internal.Rules.firstError(dev.anneal.internal.Rules.checkAlone(p));
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    return switch (Clipping.of(p.kind())) {
      case NORM ->
          norm(p.d("max"))
              .norm(p.d("norm"))
              .eps(p.d("eps"))
              .scope(p.e("scope", ClipScope.class))
              .nonFinite(p.e("nonFinite", ClipNonFinite.class))
              .build();
      case VALUE -> value(p.d("max"));
      case ADAPTIVE -> adaptive(p.d("clipping"), p.d("eps"));
    };
  }

  private static final float[][] NO_ARRAYS = {};

  /**
   * No arrays: nothing to clip. Returns 0, as PyTorch's {@code clip_grad_norm_} of no parameters
   * does (without this overload, a call with no argument would be ambiguous between the {@code
   * float[]...} and {@code double[]...} forms).
   *
   * @throws IllegalStateException for {@code @AdaptiveClip}, which needs the parameters
   */
  public double apply() {
    return apply(NO_ARRAYS);
  }

  /**
   * Clips {@code grads} in place ({@code @ClipNorm} or {@code @ClipValue}).
   *
   * @return {@code @ClipNorm}: the norm over all arrays before clipping, whatever the scope (0 for
   *     no arrays or empty ones); {@code @ClipValue}: the largest absolute element before clipping
   *     (NaN if an element is NaN)
   * @throws IllegalArgumentException if {@code grads} or an element is null, or the norm is not
   *     finite with {@link ClipNonFinite#ERROR}; nothing is written then
   * @throws IllegalStateException for {@code @AdaptiveClip}, which needs the parameters ({@link
   *     #apply(float[], float[], int)})
   */
  public double apply(float[]... grads) {
    return switch (kind) {
      case NORM ->
          Clipper.norm(
              ClipKernels.provider(), grads, max, norm, eps, scope == ClipScope.EACH, nonFinite);
      case VALUE -> Clipper.value(ClipKernels.provider(), grads, max);
      case ADAPTIVE -> throw needsParams();
    };
  }

  /** {@link #apply(float[][])} for {@code double[]} gradients. */
  public double apply(double[]... grads) {
    return switch (kind) {
      case NORM ->
          Clipper.norm(
              ClipKernels.provider(), grads, max, norm, eps, scope == ClipScope.EACH, nonFinite);
      case VALUE -> Clipper.value(ClipKernels.provider(), grads, max);
      case ADAPTIVE -> throw needsParams();
    };
  }

  /**
   * {@code @AdaptiveClip}: clips {@code grads} in place, row by row. {@code params} and {@code
   * grads} are row-major {@code rows x (length / rows)} matrices (PyTorch's {@code (out, in)}
   * weight layout: a row is an output unit); {@code rows = 1} treats them as one vector (a bias).
   *
   * @return the L2 norm of all of {@code grads} before clipping
   * @throws IllegalArgumentException if an array is null, the lengths differ, {@code rows <= 0} or
   *     {@code rows} does not divide the length; nothing is written then
   * @throws IllegalStateException for {@code @ClipNorm} and {@code @ClipValue}, which take only the
   *     gradients ({@link #apply(float[][])})
   */
  public double apply(float[] params, float[] grads, int rows) {
    if (kind != Clipping.ADAPTIVE) {
      throw noParams();
    }
    return Clipper.adaptive(ClipKernels.provider(), params, grads, rows, max, eps);
  }

  /** {@link #apply(float[], float[], int)} for {@code double[]}. */
  public double apply(double[] params, double[] grads, int rows) {
    if (kind != Clipping.ADAPTIVE) {
      throw noParams();
    }
    return Clipper.adaptive(ClipKernels.provider(), params, grads, rows, max, eps);
  }

  /**
   * For {@link Optimizer}: a {@code @ClipNorm}'s per-array factors without scaling (see {@link
   * Clipper#factors}); {@code @ClipValue} clamps in place and writes factors of 1. Returns the
   * total norm (largest element for {@code @ClipValue}); NaN/infinite with {@code SKIP} means skip.
   */
  double factors(Object[] grads, double[] factors) {
    return switch (kind) {
      case NORM ->
          Clipper.factors(
              ClipKernels.provider(),
              grads,
              max,
              norm,
              eps,
              scope == ClipScope.EACH,
              nonFinite,
              factors);
      case VALUE -> {
        java.util.Arrays.fill(factors, 0, grads.length, 1.0);
        yield grads instanceof float[][] ? apply((float[][]) grads) : apply((double[][]) grads);
      }
      case ADAPTIVE -> throw needsParams();
    };
  }

  /** Whether a non-finite norm makes the optimizer skip its step. */
  boolean skipsNonFinite() {
    return kind == Clipping.NORM && nonFinite == ClipNonFinite.SKIP;
  }

  /** Whether {@link #factors} can run (not {@code @AdaptiveClip}, which needs the matrices). */
  boolean fusable() {
    return kind.fusable();
  }

  private IllegalStateException needsParams() {
    return new IllegalStateException(
        this + " clips against the parameters: call apply(params, grads, rows)");
  }

  private IllegalStateException noParams() {
    return new IllegalStateException(
        this
            + " takes no parameters: call apply(grads...) (apply(params, grads, rows) is for"
            + " @AdaptiveClip)");
  }

  /**
   * The declaration, with the attributes that differ from the defaults: {@code @ClipNorm(max = 1.0,
   * norm = Double.POSITIVE_INFINITY)}.
   */
  @Override
  public String toString() {
    return kind.annotation().text(this::attribute);
  }

  /** The value of an attribute of this clip's annotation, as the attribute model names it. */
  private Object attribute(String name) {
    return switch (name) {
      case "max", "clipping" -> max;
      case "norm" -> norm;
      case "eps" -> eps;
      case "scope" -> scope;
      case "nonFinite" -> nonFinite;
      default -> throw new IllegalStateException("@" + kind.annotation().simpleName() + "." + name);
    };
  }

  /** Serialized as its declaration, parsed again on reading. */
  private Object writeReplace() {
    return new SerialForm(toString());
  }

  /** The serialized form of a clip: its declaration. */
  private static final class SerialForm implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String declaration;

    SerialForm(String declaration) {
      this.declaration = declaration;
    }

    private Object readResolve() throws java.io.ObjectStreamException {
      try {
        return parse(declaration);
      } catch (IllegalArgumentException | NullPointerException e) {
        java.io.InvalidObjectException bad =
            new java.io.InvalidObjectException(
                "unreadable GradientClip \"" + declaration + "\": " + e);
        bad.initCause(e);
        throw bad;
      }
    }
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("read through its serialization proxy only");
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GradientClip)) {
      return false;
    }
    GradientClip c = (GradientClip) o;
    return kind == c.kind
        && Double.compare(max, c.max) == 0
        && Double.compare(norm, c.norm) == 0
        && Double.compare(eps, c.eps) == 0
        && scope == c.scope
        && nonFinite == c.nonFinite;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, max, norm, eps, scope, nonFinite);
  }

  /**
   * An immutable {@code @ClipNorm} builder: every method returns a new builder; {@link #build}
   * validates all attributes and throws the first problem.
   */
  public static final class Builder {
    private final double max;
    private final double norm;
    private final double eps;
    private final ClipScope scope;
    private final ClipNonFinite nonFinite;

    private Builder(double max, double norm, double eps, ClipScope scope, ClipNonFinite nonFinite) {
      this.max = max;
      this.norm = norm;
      this.eps = eps;
      this.scope = scope;
      this.nonFinite = nonFinite;
    }

    /** Order of the norm: 1, 2 (default) or {@code Double.POSITIVE_INFINITY}. */
    public Builder norm(double norm) {
      return new Builder(max, norm, eps, scope, nonFinite);
    }

    /** Added to the norm in the denominator (default 1e-6, as PyTorch); {@code >= 0}. */
    public Builder eps(double eps) {
      return new Builder(max, norm, eps, scope, nonFinite);
    }

    /** {@link ClipScope#GLOBAL} (default) or {@link ClipScope#EACH}. */
    public Builder scope(ClipScope scope) {
      return new Builder(max, norm, eps, scope, nonFinite);
    }

    /** What a non-finite norm does (default {@link ClipNonFinite#PROPAGATE}). */
    public Builder nonFinite(ClipNonFinite nonFinite) {
      return new Builder(max, norm, eps, scope, nonFinite);
    }

    /**
     * The clip.
     *
     * @throws IllegalArgumentException naming the first attribute out of its domain, e.g.
     *     {@code @ClipNorm.norm must be 1, 2 or Double.POSITIVE_INFINITY, was 3.0}
     */
    public GradientClip build() {
      ClipRules.check(ClipRules.clipNorm(max, norm, eps, scope, nonFinite));
      // 2.0 and 2 are the same norm; -0.0 and 0.0 the same eps (equals compares bits).
      return new GradientClip(Clipping.NORM, max, norm, eps == 0 ? 0.0 : eps, scope, nonFinite);
    }
  }
}
