package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adaptive gradient clipping (AGC, Brock et al. 2021), unit-wise over the rows of a row-major
 * weight matrix ({@link GradientClip#apply(float[], float[], int)}): for every row (one output
 * unit) with parameter norm {@code p} and gradient norm {@code g} (L2), {@code limit = clipping *
 * max(p, eps)}; unless {@code g < limit} the row is multiplied by {@code limit / max(g, 1e-6)}.
 *
 * <p>Optax: {@code adaptive_grad_clip(clipping, eps)} (its {@code unitwise_norm} reduces axis 0 of
 * an {@code (in, out)} kernel: the rows of the PyTorch-layout {@code (out, in)} matrix here).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface AdaptiveClip {
  /** Largest ratio of gradient norm to parameter norm per unit; {@code > 0} and finite. */
  double clipping() default 0.01;

  /** Floor of the parameter norm, so zero-initialized rows still move; {@code >= 0}, finite. */
  double eps() default 1e-3;
}
