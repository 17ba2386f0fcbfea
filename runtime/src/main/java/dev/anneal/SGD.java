package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stochastic gradient descent, PyTorch's {@code torch.optim.SGD} ({@code foreach=False}), on a
 * method returning {@link Optimizer}. Per element, with {@code g} the gradient (times the clip's
 * factor, negated with {@code maximize}) and {@code lr} the schedule's value times the group's
 * scale:
 *
 * <pre>
 * g = g + weightDecay * p                      (when weightDecay != 0)
 * b = t == 1 ? g : momentum * b + (1 - dampening) * g   (when momentum != 0)
 * g = nesterov ? g + momentum * b : b
 * p = p - lr * g
 * </pre>
 *
 * <p>Rules: {@code lr} names a schedule of the config; {@code momentum}, {@code dampening}, {@code
 * weightDecay} finite and {@code >= 0}; {@code nesterov} needs {@code momentum > 0} and {@code
 * dampening = 0}. Runtime: {@link Optimizer#sgd(LrSchedule)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface SGD {
  /** Name of the learning-rate schedule method (any schedule, a {@code PlateauSchedule} too). */
  String lr();

  /** Momentum factor; 0 turns the buffer off. */
  double momentum() default 0;

  /** Dampening of the momentum: the new gradient enters the buffer times {@code 1 - dampening}. */
  double dampening() default 0;

  /** Nesterov momentum. */
  boolean nesterov() default false;

  /** L2 penalty added to the gradient. */
  double weightDecay() default 0;

  /** Ascend instead of descend. */
  boolean maximize() default false;

  /**
   * Optional schedule whose value replaces {@code momentum} at each step ({@link CycleMomentum}).
   */
  String momentumSchedule() default "";

  /** Optional {@link GradientClip} method of the config, applied inside the update pass. */
  String clip() default "";
}
