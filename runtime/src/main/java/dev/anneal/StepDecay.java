package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code from * factor^floor(t / every)}.
 *
 * <p>PyTorch: {@code StepLR(step_size = every, gamma = factor)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface StepDecay {
  /** Value at t = 0. */
  double from();

  /** Multiplier applied every {@code every} steps; {@code > 0}. */
  double factor();

  /** Steps between decays; {@code > 0}. */
  long every();
}
