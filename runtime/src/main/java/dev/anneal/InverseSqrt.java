package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code from * sqrt(timescale / (timescale + t))}.
 *
 * <p>Hugging Face: {@code get_inverse_sqrt_schedule(timescale)} after its warm-up.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface InverseSqrt {
  /** Value at t = 0. */
  double from();

  /** Steps over which the value falls to {@code from / sqrt(2)}; {@code > 0}. */
  double timescale();
}
