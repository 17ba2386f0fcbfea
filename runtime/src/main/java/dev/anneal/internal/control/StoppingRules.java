package dev.anneal.internal.control;

import dev.anneal.Goal;
import dev.anneal.NonFinite;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Literals;
import dev.anneal.internal.kind.ControlAttributes;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API. Every attribute of an {@code @EarlyStopping} ({@code patience} has no
 * default). {@link #problems()} lists what breaks the rules, one per attribute at fault.
 */
public record StoppingRules(
    Goal goal,
    int patience,
    double minDelta,
    double baseline,
    int startAfter,
    NonFinite nonFinite) {

  static final String NAME = "EarlyStopping";

  /**
   * The annotation's attributes (declared in {@link ControlAttributes}, which {@code Kind} reads).
   */
  public static final List<Attr> ATTRIBUTES = ControlAttributes.EARLY_STOPPING;

  /** The rules of an {@code @EarlyStopping} as read. */
  public static StoppingRules of(Part p) {
    return new StoppingRules(
        p.e("goal", Goal.class),
        p.i("patience"),
        p.d("minDelta"),
        p.d("baseline"),
        p.i("startAfter"),
        p.e("nonFinite", NonFinite.class));
  }

  /** The annotation's defaults (from {@link #ATTRIBUTES}) with this {@code patience}. */
  public static StoppingRules of(int patience) {
    return of(Part.of(Kind.EARLY_STOPPING, java.util.Map.of("patience", patience)));
  }

  public StoppingRules withGoal(Goal v) {
    return new StoppingRules(v, patience, minDelta, baseline, startAfter, nonFinite);
  }

  public StoppingRules withMinDelta(double v) {
    return new StoppingRules(goal, patience, v, baseline, startAfter, nonFinite);
  }

  public StoppingRules withBaseline(double v) {
    return new StoppingRules(goal, patience, minDelta, v, startAfter, nonFinite);
  }

  public StoppingRules withStartAfter(int v) {
    return new StoppingRules(goal, patience, minDelta, baseline, v, nonFinite);
  }

  public StoppingRules withNonFinite(NonFinite v) {
    return new StoppingRules(goal, patience, minDelta, baseline, startAfter, v);
  }

  private static void add(List<Problem> out, String attribute, String rule, String was) {
    out.add(
        Problem.error(
            Kind.EARLY_STOPPING,
            attribute,
            "@" + NAME + "." + attribute + " " + rule + ", was " + was));
  }

  /** What breaks the rules, in attribute order; empty when valid. */
  public List<Problem> problems() {
    List<Problem> out = new ArrayList<>();
    if (goal == null) {
      add(out, "goal", "must not be null", "null");
    }
    if (patience < 0) {
      add(out, "patience", "must be >= 0", Integer.toString(patience));
    }
    if (!(minDelta >= 0 && minDelta < Double.POSITIVE_INFINITY)) {
      add(out, "minDelta", "must be finite and >= 0", Literals.number(minDelta));
    }
    if (Double.isInfinite(baseline)) {
      add(out, "baseline", "must be finite or Double.NaN (none)", Literals.number(baseline));
    }
    if (startAfter < 0) {
      add(out, "startAfter", "must be >= 0", Integer.toString(startAfter));
    }
    if (nonFinite == null) {
      add(out, "nonFinite", "must not be null", "null");
    }
    return out;
  }

  /** The annotation: {@code patience} always, the other attributes when not default. */
  public String declaration() {
    return StateText.declaration(NAME, this, ATTRIBUTES);
  }

  String canonical() {
    return StateText.canonical(NAME, this, ATTRIBUTES);
  }
}
