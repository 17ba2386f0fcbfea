package dev.anneal.internal.clip;

import dev.anneal.internal.kind.Kind;

/**
 * Internal, not API. The clip families, each with its annotation: what {@code GradientClip}, the
 * rules and the optimizers dispatch over with exhaustive switches.
 */
public enum Clipping {
  /** {@code @ClipNorm}. */
  NORM(Kind.CLIP_NORM),
  /** {@code @ClipValue}. */
  VALUE(Kind.CLIP_VALUE),
  /** {@code @AdaptiveClip}. */
  ADAPTIVE(Kind.ADAPTIVE_CLIP);

  private final Kind annotation;

  Clipping(Kind annotation) {
    this.annotation = annotation;
  }

  /** The annotation that declares this clip. */
  public Kind annotation() {
    return annotation;
  }

  /**
   * Whether a clip of this family can run inside an optimizer's update: not {@code @AdaptiveClip},
   * whose factors need the weight matrices. The one home of this rule, for the built clip and for
   * the processor.
   */
  public boolean fusable() {
    return switch (this) {
      case NORM, VALUE -> true;
      case ADAPTIVE -> false;
    };
  }

  /**
   * The clip family declared by {@code kind}.
   *
   * @throws IllegalArgumentException if {@code kind} is not a clip annotation
   */
  public static Clipping of(Kind kind) {
    for (Clipping c : values()) {
      if (c.annotation == kind) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a clip annotation: @" + kind.simpleName());
  }
}
