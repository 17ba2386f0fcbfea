package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Composite: the momentum (SGD {@code momentum}, Adam {@code beta1}) that PyTorch cycles against a
 * one-cycle or cyclic learning rate ({@code cycle_momentum = True}): the same phases as the LR,
 * moving opposite to it, between {@code base} and {@code max}.
 *
 * <ul>
 *   <li>{@code of} a {@link OneCycle}: PyTorch {@code OneCycleLR(base_momentum = base, max_momentum
 *       = max)}: {@code max -> base} while the LR rises, {@code base -> max} while it falls (three
 *       phases: then {@code max} held), with the LR's anneal function ({@code cos} or {@code
 *       linear}) and phase end steps. After the cycle's last step ({@code steps - 1}) it holds its
 *       last value, {@code max}.
 *   <li>{@code of} a {@link Cyclic}: PyTorch {@code CyclicLR(base_momentum = base, max_momentum =
 *       max)}, every mode: {@code max - (max - base) * f * s} where {@code f} is the LR's position
 *       in its cycle (0 at the cycle start, 1 at the peak) and {@code s} its amplitude scale
 *       ({@code 1}, {@code 1 / 2^i} in cycle {@code i} counted from 0, or {@code gamma^t}).
 * </ul>
 *
 * <p>The defaults are {@code OneCycleLR}'s; {@code CyclicLR}'s are {@code base = 0.8, max = 0.9}:
 * set them.
 *
 * <p>Rules: {@code of} names a plain {@code @OneCycle} or {@code @Cyclic} schedule method of the
 * config (no {@code @Warmup}, {@code @Cooldown} or {@code @Restarts}); {@code base} and {@code max}
 * are finite, {@code 0 <= base <= max} (a warning when {@code max >= 1}). The length is the LR's.
 *
 * <p>Runtime: {@link Schedules#cycleMomentum}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CycleMomentum {
  /** Name of the LR schedule: a plain {@code @OneCycle} or {@code @Cyclic}. */
  String of();

  /** Momentum at the LR's peak (PyTorch {@code base_momentum}); {@code >= 0}. */
  double base() default 0.85;

  /** Momentum where the LR is lowest (PyTorch {@code max_momentum}); {@code >= base}. */
  double max() default 0.95;
}
