package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code from * rate^(t / every)}; with {@code staircase} the exponent is floored.
 *
 * <p>Keras: {@code ExponentialDecay(from, decay_steps = every, decay_rate = rate, staircase)};
 * PyTorch {@code ExponentialLR(gamma = rate)} is {@code every = 1}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Exponential {
  /** Value at t = 0. */
  double from();

  /** Multiplier per {@code every} steps; {@code > 0}. */
  double rate();

  /** Steps over which the value is multiplied by {@code rate}; {@code > 0}. */
  long every() default 1;

  /** Decay in discrete jumps every {@code every} steps instead of continuously. */
  boolean staircase() default false;

  /**
   * Clamp: once the decay (or growth) reaches {@code to} it holds {@code to} (Optax {@code
   * exponential_decay(end_value=)}); {@code Double.NaN}, the default, means none. A clamp on the
   * wrong side of {@code from} (it would hold from step 0) is a compile error.
   */
  double to() default Double.NaN;
}
