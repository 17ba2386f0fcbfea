package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), PyTorch's {@code torch.optim.AdamW}
 * ({@code foreach=False}), on a method returning {@link Optimizer}. Per element, at the group's
 * step {@code t = 1, 2, ...}, with {@code g} the gradient (times the clip's factor, negated with
 * {@code maximize}) and {@code lr} the schedule's value times the group's scale:
 *
 * <pre>
 * p = p * (1 - lr * weightDecay)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * vmax = max(vmax, v)                          (amsgrad: vmax replaces v below)
 * p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>{@code compat = AdamCompat.KERAS} follows Keras 3's {@code update_step} instead: {@code p = p
 * - m * lr * sqrt(1 - beta2^t) / (1 - beta1^t) / (sqrt(v) + eps)} (epsilon after the bias
 * correction, "epsilon hat"; Keras's own defaults, e.g. {@code eps = 1e-7}, are yours to set).
 *
 * <p>Rules: {@code lr} names a schedule of the config; {@code 0 <= beta1, beta2 < 1}; {@code eps >
 * 0}; {@code weightDecay >= 0}; all finite. Runtime: {@link Optimizer#adamW(LrSchedule)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface AdamW {
  /** Name of the learning-rate schedule method (any schedule, a {@code PlateauSchedule} too). */
  String lr();

  /** Decay of the first moment. */
  double beta1() default 0.9;

  /** Decay of the second moment. */
  double beta2() default 0.999;

  /** Added to the denominator. */
  double eps() default 1e-8;

  /** Decoupled weight decay: {@code p *= 1 - lr * weightDecay} before the update. */
  double weightDecay() default 0.01;

  /** AMSGrad: divide by the largest second moment seen so far. */
  boolean amsgrad() default false;

  /** Ascend instead of descend. */
  boolean maximize() default false;

  /** Whose update formula: PyTorch's (default) or Keras 3's. */
  AdamCompat compat() default AdamCompat.PYTORCH;

  /** Optional schedule whose value replaces {@code beta1} at each step ({@link CycleMomentum}). */
  String beta1Schedule() default "";

  /** Optional {@link GradientClip} method of the config, applied inside the update pass. */
  String clip() default "";
}
