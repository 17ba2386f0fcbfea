package dev.anneal.internal;

import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;

/**
 * Internal, not API. An {@link LrSchedule} that evaluates a {@link Plan}: what the builder returns.
 */
public final class PlanSchedule implements LrSchedule {
  private final Plan plan;

  public PlanSchedule(Plan plan) {
    this.plan = plan;
  }

  public Plan plan() {
    return plan;
  }

  @Override
  public double at(long step) {
    return plan.at(step);
  }

  @Override
  public void fill(long step, ParamGroups groups, float[] out) {
    if (!Kernels.fill(plan, step, groups, out)) {
      LrSchedule.super.fill(step, groups, out);
    }
  }

  @Override
  public void fill(long step, ParamGroups groups, double[] out) {
    if (!Kernels.fill(plan, step, groups, out)) {
      LrSchedule.super.fill(step, groups, out);
    }
  }

  @Override
  public void fill(long[] steps, float[] out) {
    if (!Kernels.fill(plan, steps, out)) {
      LrSchedule.super.fill(steps, out);
    }
  }

  @Override
  public void fill(long[] steps, double[] out) {
    if (!Kernels.fill(plan, steps, out)) {
      LrSchedule.super.fill(steps, out);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanSchedule
        && ((PlanSchedule) o).plan.declaration().equals(plan.declaration());
  }

  @Override
  public int hashCode() {
    return plan.declaration().hashCode();
  }

  /** The declaration in annotation syntax, which {@code Schedules.parse} reads back. */
  @Override
  public String toString() {
    return plan.declaration().toSource();
  }
}
