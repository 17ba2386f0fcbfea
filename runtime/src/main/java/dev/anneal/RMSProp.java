package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * RMSProp, PyTorch's {@code torch.optim.RMSprop} ({@code foreach=False}), on a method returning
 * {@link Optimizer}. Per element, with {@code g} the gradient (times the clip's factor, negated
 * with {@code maximize}) and {@code lr} the schedule's value times the group's scale:
 *
 * <pre>
 * g = g + weightDecay * p                      (when weightDecay != 0)
 * s = alpha * s + (1 - alpha) * g * g
 * a = alpha * a + (1 - alpha) * g               (centered)
 * d = sqrt(centered ? s - a * a : s) + eps
 * b = momentum * b + g / d; p = p - lr * b      (when momentum != 0)
 * p = p - lr * g / d                            (otherwise)
 * </pre>
 *
 * <p>Rules: {@code lr} names a schedule of the config; {@code 0 <= alpha < 1}; {@code eps > 0};
 * {@code weightDecay >= 0}; {@code momentum >= 0}; all finite. Runtime: {@link
 * Optimizer#rmsProp(LrSchedule)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RMSProp {
  /** Name of the learning-rate schedule method (any schedule, a {@code PlateauSchedule} too). */
  String lr();

  /** Smoothing constant of the squared-gradient average. */
  double alpha() default 0.99;

  /** Added to the denominator. */
  double eps() default 1e-8;

  /** L2 penalty added to the gradient. */
  double weightDecay() default 0;

  /** Momentum factor; 0 turns the buffer off. */
  double momentum() default 0;

  /** Normalize by the estimated variance (the squared average minus the squared mean). */
  boolean centered() default false;

  /** Ascend instead of descend. */
  boolean maximize() default false;

  /**
   * Optional schedule whose value replaces {@code momentum} at each step ({@link CycleMomentum}).
   */
  String momentumSchedule() default "";

  /** Optional {@link GradientClip} method of the config, applied inside the update pass. */
  String clip() default "";
}
