package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code to + (from - to) / 2 * (1 - tanh(lower + (upper - lower) * t / steps))} for {@code t
 * < steps}, then {@code to}.
 *
 * <p>timm: {@code TanhLRScheduler(t_initial = steps, lr_min = to, lb = lower, ub = upper)} on base
 * LR {@code from}; its cycles ({@code cycle_mul}, {@code cycle_decay}, {@code cycle_limit}) are
 * {@link Restarts @Restarts(growth, decay, limit)}. The value at t = 0 is slightly below {@code
 * from} ({@code tanh(-7)} is not -1), as in timm.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Tanh {
  /** The value the curve starts near (timm's base LR). */
  double from();

  /** Value at and after t = steps. */
  double to() default 0;

  /** Length of the decay; {@code > 0}. */
  long steps();

  /** The argument of tanh at t = 0 (timm {@code lb}). */
  double lower() default -7;

  /** The argument of tanh at t = steps (timm {@code ub}); {@code > lower}. */
  double upper() default 3;
}
