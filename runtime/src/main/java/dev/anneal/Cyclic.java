package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: a triangular wave between {@code low} and {@code high}, rising over {@code up} steps and
 * falling over {@code down} steps, with the amplitude scaled by {@link CyclicMode}.
 *
 * <p>PyTorch: {@code CyclicLR(base_lr = low, max_lr = high, step_size_up = up, step_size_down =
 * down, mode, gamma)} (closed form, {@code scale_mode} as PyTorch picks it for each mode).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Cyclic {
  /** Lower bound of the wave (PyTorch {@code base_lr}). */
  double low();

  /** Upper bound of the wave (PyTorch {@code max_lr}); {@code > low}. */
  double high();

  /** Steps from low to high; {@code > 0}. */
  long up();

  /** Steps from high back to low; {@link #SAME_AS_UP} (the default) means {@code up}. */
  long down() default SAME_AS_UP;

  /** How the amplitude changes over cycles. */
  CyclicMode mode() default CyclicMode.TRIANGULAR;

  /** Per-step amplitude factor for {@link CyclicMode#EXP_RANGE}; in {@code (0, 1]}. */
  double gamma() default 1;

  /** Marker: {@code down} equals {@code up}. */
  long SAME_AS_UP = 0;
}
