package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gradient clipping by value: every element is clamped to {@code [-max, max]} (NaN stays NaN).
 * {@link GradientClip#apply(float[][])} returns the largest absolute element before clipping.
 *
 * <p>PyTorch: {@code torch.nn.utils.clip_grad_value_(parameters, clip_value = max)}; Optax: {@code
 * clip(max_delta = max)}; Keras: {@code clipvalue}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ClipValue {
  /** Largest absolute value an element keeps; {@code > 0} and finite. */
  double max();
}
