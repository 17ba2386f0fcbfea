package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code from * factor^(number of milestones <= t)}.
 *
 * <p>PyTorch: {@code MultiStepLR(milestones, gamma = factor)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface MultiStep {
  /** Value before the first milestone. */
  double from();

  /** Steps at which the value is multiplied by {@code factor}; strictly increasing, {@code > 0}. */
  long[] milestones();

  /** Multiplier applied at each milestone; {@code > 0}. */
  double factor();
}
