package dev.anneal.internal.compose;

import dev.anneal.internal.Plan;
import java.util.List;

/** Internal, not API. A plain declaration (one body and its modifiers) as a {@link Declared}. */
public record Plain(Plan plan) implements Declared {

  /** Warm-up, body (with its restarts) and cool-down, or -1 when the body never ends. */
  @Override
  public long length() {
    return plan.bodyLength < 0 ? -1 : plan.warmupSteps + plan.bodyLength + plan.cooldownSteps;
  }

  @Override
  public double at(long step) {
    return plan.at(step);
  }

  @Override
  public List<Declared> parts() {
    return List.of();
  }

  @Override
  public String toSource(List<String> partNames) {
    return plan.declaration().toSource();
  }

  /** Whether the declaration is its body alone (no warm-up, cool-down or restarts). */
  public boolean isBodyOnly() {
    return plan.declaration().parts().size() == 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Plain p && p.plan.declaration().equals(plan.declaration());
  }

  @Override
  public int hashCode() {
    return plan.declaration().hashCode();
  }

  @Override
  public String toString() {
    return plan.declaration().toSource();
  }
}
