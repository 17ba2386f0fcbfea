package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code (from - to) * (1 - min(t, S) / S)^power + to} with {@code S = steps}; with {@code
 * cycle}, {@code S = steps * ceil(t / steps)} ({@code S = steps} at t = 0), so the decay restarts
 * from a lower value every {@code steps}.
 *
 * <p>Keras: {@code PolynomialDecay(from, decay_steps = steps, end_learning_rate = to, power,
 * cycle)}; PyTorch: {@code PolynomialLR(total_iters = steps, power)} is {@code to = 0}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Polynomial {
  /** Value at t = 0. */
  double from();

  /** Value at the end of the decay. */
  double to() default 0;

  /** Length of the decay; {@code > 0}. */
  long steps();

  /** Power of the decay; {@code > 0}. */
  double power() default 1;

  /** Repeat the decay with a stretched horizon (Keras {@code cycle = True}); unbounded. */
  boolean cycle() default false;
}
