package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: a constant value, {@code value} at every step. With {@code steps} it has a length, so it
 * can carry {@link Cooldown} (warmup-stable-decay) or {@link Restarts}.
 *
 * <p>PyTorch: {@code ConstantLR} with {@code factor = 1}; Keras/Optax: {@code constant_schedule}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Constant {
  /** The value. */
  double value();

  /** Length in steps; {@link #UNBOUNDED} (the default) means it never ends. */
  long steps() default UNBOUNDED;

  /** Marker for a constant without a length. */
  long UNBOUNDED = 0;
}
