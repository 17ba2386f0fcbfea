package dev.anneal;

import dev.anneal.internal.Checks;

/**
 * A schedule: the value at each step. Reading it ({@code at}, the {@code fill}s) is thread-safe,
 * and generated classes and {@link Schedules} builders allocate nothing per call.
 *
 * <p>This type does not promise immutability: the schedules of generated classes, of {@link
 * Schedules} and of composites are immutable pure functions of the step, while a {@link
 * PlateauSchedule} is stateful (its values follow its latest {@code observe}) and says so. Code
 * that needs a pure function refuses controllers, as composites do.
 *
 * <p>The {@code fill} methods evaluate many values at once. Generated classes and builder schedules
 * override them with kernels that use the JDK Vector API when {@code jdk.incubator.vector} is
 * present; these defaults are the plain loops they must agree with.
 */
@FunctionalInterface
public interface LrSchedule {

  /**
   * The value at {@code step}.
   *
   * @throws IllegalArgumentException if {@code step < 0}
   */
  double at(long step);

  /**
   * Per-group values: {@code out[g] = groups.scale(g) * at(step - groups.delay(g))} when {@code
   * step >= groups.delay(g)}, else 0 (a group not unfrozen yet).
   *
   * @throws IllegalArgumentException if {@code out} is shorter than {@code groups.size()} or {@code
   *     step < 0}; nothing is written then
   */
  default void fill(long step, ParamGroups groups, float[] out) {
    Checks.fill(step, groups, out.length);
    for (int g = 0, n = groups.size(); g < n; g++) {
      long local = step - groups.delay(g);
      out[g] = local < 0 ? 0f : (float) (groups.scale(g) * at(local));
    }
  }

  /** {@code double[]} variant of {@link #fill(long, ParamGroups, float[])}. */
  default void fill(long step, ParamGroups groups, double[] out) {
    Checks.fill(step, groups, out.length);
    for (int g = 0, n = groups.size(); g < n; g++) {
      long local = step - groups.delay(g);
      out[g] = local < 0 ? 0.0 : groups.scale(g) * at(local);
    }
  }

  /**
   * Batched values: {@code out[i] = at(steps[i])} for every {@code i < steps.length} (per-row step
   * counters, e.g. embedding rows).
   *
   * @throws IllegalArgumentException if {@code out} is shorter than {@code steps} or a step is
   *     negative; nothing is written then
   */
  default void fill(long[] steps, float[] out) {
    Checks.fill(steps, out.length);
    for (int i = 0; i < steps.length; i++) {
      out[i] = (float) at(steps[i]);
    }
  }

  /** {@code double[]} variant of {@link #fill(long[], float[])}. */
  default void fill(long[] steps, double[] out) {
    Checks.fill(steps, out.length);
    for (int i = 0; i < steps.length; i++) {
      out[i] = at(steps[i]);
    }
  }
}
