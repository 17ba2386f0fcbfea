package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code from / (1 + rate * t / every)^power}; with {@code staircase} the ratio {@code t /
 * every} is floored.
 *
 * <p>Keras: {@code InverseTimeDecay(from, decay_steps = every, decay_rate = rate, staircase)}
 * (power 1); DL4J: {@code InverseSchedule(ITERATION, from, gamma = rate, power)} (every 1).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface InverseTime {
  /** Value at t = 0. */
  double from();

  /** Decay rate; {@code >= 0}. */
  double rate();

  /** Steps per unit of decay; {@code > 0}. */
  long every() default 1;

  /** Decay in discrete jumps. */
  boolean staircase() default false;

  /** Exponent of the denominator (DL4J {@code InverseSchedule}); {@code >= 0}. */
  double power() default 1;
}
