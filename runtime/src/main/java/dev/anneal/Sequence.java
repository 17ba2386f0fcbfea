package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Composite: other schedules of the same config one after another. On {@code [boundaries[i - 1],
 * boundaries[i])} (with {@code boundaries[-1] = 0}) the value is {@code schedules[i]} at {@code
 * step - boundaries[i - 1]}: the step is re-based at each boundary, so every part starts at its own
 * step 0. A part that ends before its boundary holds its final value; one that is still running at
 * its boundary is cut there.
 *
 * <p>Optax: {@code join_schedules(schedules, boundaries)}; PyTorch: {@code SequentialLR(schedulers,
 * milestones = boundaries)} in closed form (torch 1.13 deviates where a part has no closed form, or
 * is itself a {@code SequentialLR}).
 *
 * <p>Rules: at least 2 schedules, each the name of another schedule method of the config (not a
 * controller; composites may nest; no cycle of references); {@code boundaries} has exactly one
 * element fewer than {@code schedules}, each {@code > 0} and strictly increasing. The length is
 * {@code boundaries[last] +} the last part's length, finite when the last part is.
 *
 * <p>Runtime: {@link Schedules#sequence}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Sequence {
  /** Names of the parts, in order; at least 2. */
  String[] schedules();

  /**
   * Steps where part {@code i + 1} takes over; {@code > 0}, strictly increasing, one fewer than
   * {@code schedules}.
   */
  long[] boundaries();
}
