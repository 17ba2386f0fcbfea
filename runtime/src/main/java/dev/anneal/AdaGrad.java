package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * AdaGrad, PyTorch's {@code torch.optim.Adagrad} ({@code foreach=False}), on a method returning
 * {@link Optimizer}. Per element, at the group's step {@code t = 1, 2, ...}, with {@code g} the
 * gradient (times the clip's factor, negated with {@code maximize}) and {@code lr} the schedule's
 * value times the group's scale:
 *
 * <pre>
 * g = g + weightDecay * p                      (when weightDecay != 0)
 * s = s + g * g                                 (s starts at initialAccumulator)
 * p = p - lr / (1 + (t - 1) * lrDecay) * g / (sqrt(s) + eps)
 * </pre>
 *
 * <p>Rules: {@code lr} names a schedule of the config; {@code lrDecay}, {@code weightDecay}, {@code
 * initialAccumulator} {@code >= 0}; {@code eps > 0}; all finite. Runtime: {@link
 * Optimizer#adaGrad(LrSchedule)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface AdaGrad {
  /** Name of the learning-rate schedule method (any schedule, a {@code PlateauSchedule} too). */
  String lr();

  /** Inverse-time decay of the rate with the step count. */
  double lrDecay() default 0;

  /** L2 penalty added to the gradient. */
  double weightDecay() default 0;

  /** Starting value of the squared-gradient sum. */
  double initialAccumulator() default 0;

  /** Added to the denominator. */
  double eps() default 1e-10;

  /** Ascend instead of descend. */
  boolean maximize() default false;

  /** Optional {@link GradientClip} method of the config, applied inside the update pass. */
  String clip() default "";
}
