package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Composite: the product of other schedules of the same config at the same step, multiplied left to
 * right: {@code ((schedules[0] * schedules[1]) * schedules[2]) ...}. Declare the base value in one
 * part and the others as factors, e.g. {@code @Linear(from = 0.5, to = 1.0, steps = 10)} for
 * PyTorch's {@code LinearLR(start_factor = 0.5, total_iters = 10)}.
 *
 * <p>PyTorch: {@code ChainedScheduler} of multiplicative schedulers ({@code LinearLR}, {@code
 * ConstantLR}, {@code StepLR}, {@code MultiStepLR}, {@code ExponentialLR}), each a factor on {@code
 * lr}; Optax: a product of schedules.
 *
 * <p>Rules: at least 2 schedules, each the name of another schedule method of the config (not a
 * controller; composites may nest; no cycle of references). The length is the longest part's,
 * finite when every part is.
 *
 * <p>Runtime: {@link Schedules#product}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Product {
  /** Names of the factors; at least 2. */
  String[] schedules();
}
