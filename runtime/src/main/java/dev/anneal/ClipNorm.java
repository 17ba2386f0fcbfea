package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gradient clipping by norm: {@code total = ||grads||_norm} over all arrays (or per array with
 * {@link ClipScope#EACH}), then every element is multiplied by {@code min(1, max / (total + eps))}.
 * {@link GradientClip#apply(float[][])} returns the total norm before clipping.
 *
 * <p>PyTorch: {@code torch.nn.utils.clip_grad_norm_(parameters, max_norm = max, norm_type = norm,
 * error_if_nonfinite = (nonFinite == ERROR))} (its {@code eps} is the fixed {@code 1e-6}); Optax:
 * {@code clip_by_global_norm(max)} (no {@code eps}, L2 only).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ClipNorm {
  /** Largest norm the gradients keep; {@code > 0} and finite. */
  double max();

  /** Order of the norm: {@code 1}, {@code 2} or {@code Double.POSITIVE_INFINITY} (max abs). */
  double norm() default 2;

  /** Added to the norm in the denominator (PyTorch's {@code 1e-6}); {@code >= 0} and finite. */
  double eps() default 1e-6;

  /** One norm over all arrays ({@link ClipScope#GLOBAL}) or one per array. */
  ClipScope scope() default ClipScope.GLOBAL;

  /** What a NaN or infinite norm does. */
  ClipNonFinite nonFinite() default ClipNonFinite.PROPAGATE;
}
