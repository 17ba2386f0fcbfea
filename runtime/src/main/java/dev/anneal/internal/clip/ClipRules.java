package dev.anneal.internal.clip;

import dev.anneal.ClipNonFinite;
import dev.anneal.ClipScope;
import dev.anneal.internal.Attr;
import dev.anneal.internal.kind.ControlAttributes;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API. The domain of every attribute of {@code @ClipNorm}, {@code @ClipValue} and
 * {@code @AdaptiveClip}, shared by the run-time factories of {@code GradientClip} (which throw the
 * first problem) and the annotation processor (which reports each on its attribute).
 */
public final class ClipRules {
  public static final String CLIP_NORM = "ClipNorm";
  public static final String CLIP_VALUE = "ClipValue";
  public static final String ADAPTIVE_CLIP = "AdaptiveClip";

  /** {@code @ClipNorm}'s attributes (declared in {@link ControlAttributes}). */
  public static final List<Attr> CLIP_NORM_ATTRIBUTES = ControlAttributes.CLIP_NORM;

  /** {@code @ClipValue}'s attributes. */
  public static final List<Attr> CLIP_VALUE_ATTRIBUTES = ControlAttributes.CLIP_VALUE;

  /** {@code @AdaptiveClip}'s attributes. */
  public static final List<Attr> ADAPTIVE_CLIP_ATTRIBUTES = ControlAttributes.ADAPTIVE_CLIP;

  /** The problems of a clip annotation as read. */
  public static List<Problem> problems(Part p) {
    return switch (Clipping.of(p.kind())) {
      case NORM ->
          clipNorm(
              p.d("max"),
              p.d("norm"),
              p.d("eps"),
              p.e("scope", ClipScope.class),
              p.e("nonFinite", ClipNonFinite.class));
      case VALUE -> clipValue(p.d("max"));
      case ADAPTIVE -> adaptiveClip(p.d("clipping"), p.d("eps"));
    };
  }

  private ClipRules() {}

  /** Problems of {@code @ClipNorm(max, norm, eps, scope, nonFinite)}, in attribute order. */
  public static List<Problem> clipNorm(
      double max, double norm, double eps, ClipScope scope, ClipNonFinite nonFinite) {
    List<Problem> out = new ArrayList<>();
    positive(out, CLIP_NORM, "max", max);
    if (norm != 1 && norm != 2 && norm != Double.POSITIVE_INFINITY) {
      out.add(problem(CLIP_NORM, "norm", "must be 1, 2 or Double.POSITIVE_INFINITY, was " + norm));
    }
    nonNegative(out, CLIP_NORM, "eps", eps);
    if (scope == null) {
      out.add(problem(CLIP_NORM, "scope", "must not be null"));
    }
    if (nonFinite == null) {
      out.add(problem(CLIP_NORM, "nonFinite", "must not be null"));
    }
    return out;
  }

  /** Problems of {@code @ClipValue(max)}. */
  public static List<Problem> clipValue(double max) {
    List<Problem> out = new ArrayList<>();
    positive(out, CLIP_VALUE, "max", max);
    return out;
  }

  /** Problems of {@code @AdaptiveClip(clipping, eps)}, in attribute order. */
  public static List<Problem> adaptiveClip(double clipping, double eps) {
    List<Problem> out = new ArrayList<>();
    positive(out, ADAPTIVE_CLIP, "clipping", clipping);
    nonNegative(out, ADAPTIVE_CLIP, "eps", eps);
    return out;
  }

  /** Throws an {@link IllegalArgumentException} with the first problem's message, if any. */
  public static void check(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).message());
    }
  }

  private static void positive(List<Problem> out, String annotation, String name, double v) {
    if (!Double.isFinite(v)) {
      out.add(problem(annotation, name, "must be finite, was " + v));
    } else if (!(v > 0)) {
      out.add(problem(annotation, name, "must be > 0, was " + v));
    }
  }

  private static void nonNegative(List<Problem> out, String annotation, String name, double v) {
    if (!Double.isFinite(v)) {
      out.add(problem(annotation, name, "must be finite, was " + v));
    } else if (!(v >= 0)) {
      out.add(problem(annotation, name, "must be >= 0, was " + v));
    }
  }

  private static Problem problem(String annotation, String attribute, String rule) {
    return Problem.error(
        Kind.ofSimpleName(annotation), attribute, "@" + annotation + "." + attribute + " " + rule);
  }
}
