package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code to + (from - to) * ((1 + cos(pi * t / steps)) / 2)^exponent} for {@code t <= steps},
 * then {@code to}.
 *
 * <p>PyTorch: {@code CosineAnnealingLR(T_max = steps, eta_min = to)}; Keras: {@code CosineDecay}
 * ({@code alpha = to / from}); Optax: {@code cosine_decay_schedule} with {@code exponent}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Cosine {
  /** Value at t = 0. */
  double from();

  /** Value at and after t = steps. */
  double to() default 0;

  /** Length of the decay; {@code > 0}. */
  long steps();

  /** Exponent applied to the cosine factor (Optax); {@code > 0}. */
  double exponent() default 1;
}
