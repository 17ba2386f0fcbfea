package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Modifier: for {@code step < steps}, ramps from {@code from} to the body's value at t = 0 with the
 * given {@link Ramp} shape; the body then runs with {@code t = step - steps}.
 *
 * <p>PyTorch: {@code LinearLR} (or {@code ConstantLR} for {@link Ramp#CONSTANT}) chained with
 * {@code SequentialLR}; Keras {@code CosineDecay(warmup_steps, warmup_target)}; Optax {@code
 * warmup_cosine_decay_schedule}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Warmup {
  /** Length of the warm-up; {@code > 0}. */
  long steps();

  /** Value at step 0. */
  double from() default 0;

  /** Shape of the ramp ({@link Ramp#SQRT} is for cool-downs only). */
  Ramp shape() default Ramp.LINEAR;
}
