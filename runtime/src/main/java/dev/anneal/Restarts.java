package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Modifier: warm restarts (SGDR). The body repeats; period {@code i} lasts {@code steps * growth^i}
 * and the body runs over it as if its {@code steps} were that long; its start value ({@code from},
 * {@code peak}, {@code value}) scales by {@code decay^i} while its end value does not. After {@code
 * limit} cycles it holds the final value.
 *
 * <p>For {@link Cosine}, {@link Linear}, {@link Polynomial} (without {@code cycle}), {@link
 * OneCycle}, {@link Tanh} (timm's {@code cycle_mul}, {@code cycle_decay}, {@code cycle_limit}) and
 * {@link Constant} with {@code steps}; not with {@link Cooldown}. PyTorch: {@code
 * CosineAnnealingWarmRestarts(T_0 = steps, T_mult = growth, eta_min = to)}; Keras: {@code
 * CosineDecayRestarts(first_decay_steps = steps, t_mul = growth, m_mul = decay, alpha = to / from)}
 * with {@code scale = AMPLITUDE} (Keras scales the distance to {@code alpha}; with {@code alpha =
 * 0} both scales agree).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Restarts {
  /** Period multiplier per cycle; {@code >= 1}. */
  double growth() default 1;

  /** Start-value multiplier per cycle; {@code > 0}. */
  double decay() default 1;

  /** Number of cycles, after which the final value holds; 0 means unlimited. */
  int limit() default 0;

  /**
   * What {@code decay} scales: the start value ({@link RestartScale#START}, the default) or the
   * amplitude above the end value ({@link RestartScale#AMPLITUDE}).
   */
  RestartScale scale() default RestartScale.START;
}
