package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Modifier: the schedule becomes a {@link PlateauSchedule}, the declared curve times a scale that a
 * monitored metric lowers when it stops improving. {@code scale()} starts at 1; {@code
 * observe(metric)} is called once per evaluation.
 *
 * <p>Rules ({@link Compat#ANNEAL}, the default), after the first {@code startAfter} observations,
 * which are ignored entirely:
 *
 * <ul>
 *   <li>an observation improves when it is finite and beats {@code best} by more than {@code
 *       max(absThreshold, relThreshold * |best|)} (less for {@link Goal#MINIMIZE}, more for {@link
 *       Goal#MAXIMIZE}); the first finite one always improves; NaN and infinite metrics never
 *       improve, never become {@code best} and count as non-improving;
 *   <li>an improving observation becomes {@code best} (also during cool-down);
 *   <li>after {@code patience} consecutive non-improving observations outside cool-down, {@code
 *       scale = max(scale * factor, minScale)}, the count resets, and the next {@code cooldown}
 *       observations do not count.
 * </ul>
 *
 * <p>{@link Compat#PYTORCH} is {@code torch.optim.lr_scheduler.ReduceLROnPlateau(mode, factor,
 * patience, threshold, threshold_mode, cooldown, min_lr, eps=1e-8)} and {@link Compat#KERAS} is
 * {@code keras.callbacks.ReduceLROnPlateau(mode, factor, patience, min_delta, cooldown, min_lr)},
 * exactly; both need a {@link Constant} body of value {@code v}: LR = {@code scale * v}, {@code
 * min_lr = minScale * v}. PyTorch's {@code threshold_mode='rel'} is {@code relThreshold} with
 * {@code absThreshold = 0}, {@code 'abs'} is {@code absThreshold} with {@code relThreshold = 0};
 * Keras's {@code min_delta} is {@code absThreshold} ({@code relThreshold} is not used).
 *
 * <p>Counts ({@code patience}, {@code cooldown}, {@code startAfter}) are {@code int}: they count
 * evaluations, not steps.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ReduceOnPlateau {
  /** Which way the metric should move (PyTorch/Keras {@code mode}). */
  Goal goal() default Goal.MINIMIZE;

  /** Multiplier applied at each reduction; in (0, 1). */
  double factor() default 0.1;

  /**
   * Non-improving observations tolerated: {@code >= 1} for {@link Compat#ANNEAL} ({@code patience}
   * of them reduce), {@code >= 0} for PYTORCH ({@code patience + 1} reduce) and KERAS.
   */
  int patience() default 10;

  /** Relative improvement threshold (PyTorch {@code threshold}, mode 'rel'); in [0, 1). */
  double relThreshold() default 1e-4;

  /** Absolute improvement threshold (PyTorch 'abs' mode, Keras {@code min_delta}); {@code >= 0}. */
  double absThreshold() default 0;

  /** Observations after a reduction that do not count; {@code >= 0}. */
  int cooldown() default 0;

  /** Lower bound of the scale ({@code min_lr / value}); in [0, 1). */
  double minScale() default 0;

  /** Observations ignored entirely at the start (e.g. during warm-up); {@code >= 0}. */
  int startAfter() default 0;

  /** Rule set: anneal's, or PyTorch's or Keras's exactly. */
  Compat compat() default Compat.ANNEAL;
}
