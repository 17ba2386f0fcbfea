package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Modifier: starts where the finite body ends, ramps from the body's final value to {@code to} over
 * {@code steps}, then holds {@code to}. With a {@link Constant} body this is warmup-stable-decay
 * (Hugging Face {@code get_wsd_schedule}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Cooldown {
  /** Length of the cool-down; {@code > 0}. */
  long steps();

  /** Value at the end and afterwards. */
  double to() default 0;

  /** Shape of the ramp ({@link Ramp#CONSTANT} is for warm-ups only). */
  Ramp shape() default Ramp.LINEAR;
}
