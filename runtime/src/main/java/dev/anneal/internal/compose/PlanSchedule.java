package dev.anneal.internal.compose;

import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.internal.Kernels;
import dev.anneal.internal.Plan;

/**
 * Internal, not API. An {@link LrSchedule} that evaluates a {@link Plan}: what the builder returns.
 */
public final class PlanSchedule implements LrSchedule, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final transient Plan plan;

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

  /** Serialized as its declaration, parsed again on reading. */
  private Object writeReplace() {
    return dev.anneal.internal.compose.SerialProxy.schedule(toString());
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("read through its serialization proxy only");
  }

  /** The declaration in annotation syntax, which {@code Schedules.parse} reads back. */
  @Override
  public String toString() {
    return plan.declaration().toSource();
  }
}
