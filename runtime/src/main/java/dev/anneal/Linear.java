package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code from + (to - from) * t / steps} for {@code t <= steps}, then {@code to}.
 *
 * <p>PyTorch: {@code LinearLR(start_factor, end_factor, total_iters = steps)} on a base value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Linear {
  /** Value at t = 0. */
  double from();

  /** Value at and after t = steps. */
  double to();

  /** Length of the ramp; {@code > 0}. */
  long steps();
}
