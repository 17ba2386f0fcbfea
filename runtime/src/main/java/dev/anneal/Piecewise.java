package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: values at knots. {@link Interpolation#STEP} holds {@code values[i]} on {@code [steps[i],
 * steps[i+1])}; {@code LINEAR} and {@code COSINE} interpolate between knots. After the last knot it
 * holds the last value.
 *
 * <p>Keras {@code PiecewiseConstantDecay(boundaries, values)} is {@code STEP} with knots {@code 0,
 * boundaries[i] + 1}; Optax {@code piecewise_interpolate_schedule} is {@code LINEAR}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Piecewise {
  /** Knot steps: first is 0, strictly increasing. */
  long[] steps();

  /** Value at each knot; same length as {@code steps}. */
  double[] values();

  /** How to move between knots. */
  Interpolation interpolation() default Interpolation.STEP;
}
