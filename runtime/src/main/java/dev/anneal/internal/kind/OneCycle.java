package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.BOOLEAN;
import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.Anneal;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/**
 * {@code @OneCycle}: PyTorch {@code OneCycleLR} with its exact phase end steps {@code pctStart *
 * steps - 1} (and {@code 2 * pctStart * steps - 2} for three phases), then {@code steps - 1}; it
 * holds its last value after that.
 */
public record OneCycle(
    double peak,
    long steps,
    double pctStart,
    double divFactor,
    double finalDivFactor,
    Anneal anneal,
    boolean threePhase)
    implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("peak", DOUBLE),
          Attr.requiredSteps("steps", LONG),
          Attr.optional("pctStart", DOUBLE, 0.3),
          Attr.optional("divFactor", DOUBLE, 25.0),
          Attr.optional("finalDivFactor", DOUBLE, 1e4),
          Attr.enumerated("anneal", Anneal.class, Anneal.COSINE),
          Attr.optional("threePhase", BOOLEAN, false));

  public static OneCycle of(Part p) {
    return new OneCycle(
        p.d("peak"),
        p.l("steps"),
        p.d("pctStart"),
        p.d("divFactor"),
        p.d("finalDivFactor"),
        p.e("anneal", Anneal.class),
        p.b("threePhase"));
  }

  /** {@code peak / divFactor}: the value at step 0. */
  public double initial() {
    return peak / divFactor;
  }

  /** {@code initial / finalDivFactor}: the value at the last step. */
  public double min() {
    return initial() / finalDivFactor;
  }

  @Override
  public Kind kind() {
    return Kind.ONE_CYCLE;
  }

  @Override
  public void check(Checker check) {
    check.positive("peak", peak);
    if (steps < 2) {
      check.error("steps", "must be >= 2, was " + count(steps));
    }
    double pct = pctStart;
    if (!(pct > 0 && pct < 1)) {
      check.error("pctStart", "must be in (0, 1), was " + number(pct));
    } else if (steps >= 2) {
      double end0 = pct * steps - 1;
      if (!(end0 > 0)) {
        check.error(
            "pctStart",
            "* steps must be > 1 so that the rising phase ends after step 0 (it"
                + " ends at pctStart * steps - 1 = "
                + number(end0)
                + ")");
      } else if (threePhase && !(2 * pct * steps - 2 < steps - 1)) {
        check.error(
            "pctStart",
            "is too large for threePhase: the falling phase would end at 2 *"
                + " pctStart * steps - 2 = "
                + number(2 * pct * steps - 2)
                + ", not before the last step "
                + count(steps - 1));
      }
    }
    check.positive("divFactor", divFactor);
    check.positive("finalDivFactor", finalDivFactor);
    if (!check.hasErrors()) {
      check.difference("peak", peak, initial());
      if (!Double.isFinite(initial()) || initial() == 0) {
        check.error(
            "divFactor",
            "makes the initial value peak / divFactor = "
                + number(initial())
                + " unusable (it must be finite and > 0), was "
                + number(divFactor));
      } else if (!Double.isFinite(min()) || min() == 0) {
        check.error(
            "finalDivFactor",
            "makes the final value initial / finalDivFactor = "
                + number(min())
                + " unusable (it must be finite and > 0), was "
                + number(finalDivFactor));
      }
    }
  }

  @Override
  public double start() {
    return initial();
  }

  @Override
  public double end() {
    return steps < 2 ? Double.NaN : fold().phases().at(steps - 1);
  }

  @Override
  public long length() {
    return steps;
  }

  @Override
  public boolean periodic() {
    return true;
  }

  @Override
  public Folded fold() {
    return new Folded(this);
  }

  @Override
  public String describe() {
    Phases o = fold().phases();
    return "one-cycle (PyTorch OneCycleLR, "
        + (o.cosine ? "cosine" : "linear")
        + ", "
        + (threePhase ? "three" : "two")
        + " phases): "
        + number(o.initial)
        + " up to "
        + number(peak)
        + " by step "
        + number(o.end0(steps))
        + ", down to "
        + number(o.min)
        + " at step "
        + count(steps - 1);
  }

  /** The phases, evaluated at {@code min(t, steps - 1)}. */
  public static final class Folded implements Periodic {
    private final OneCycle body;
    private final Phases phases;
    public final long steps;

    Folded(OneCycle body) {
      this.body = body;
      this.steps = body.steps;
      this.phases = new Phases(body);
    }

    @Override
    public OneCycle body() {
      return body;
    }

    public Phases phases() {
      return phases;
    }

    @Override
    public double at(long t) {
      return phases.at(Steps.toDouble(Math.min(t, steps - 1)));
    }

    @Override
    public double periodic(double t, double p, double invP, double first) {
      return phases.periodic(t, p, first);
    }

    @Override
    public double first() {
      return phases.peak;
    }

    @Override
    public double last() {
      return phases.min;
    }

    @Override
    public Cycle cycle() {
      return new Cycle(Shape.ONE_CYCLE, phases.min, 1, 0, 0);
    }

    @Override
    public long divisor() {
      return steps;
    }

    /**
     * The momentum PyTorch cycles against this curve ({@code cycle_momentum=True}) at {@code t}:
     * {@link Phases#momentum} at {@code min(t, steps - 1)}, so it holds its last value after the
     * cycle as the LR does.
     */
    public double momentum(long t, double base, double max) {
      return phases.momentum(Steps.toDouble(Math.min(t, steps - 1)), base, max);
    }
  }

  /**
   * PyTorch's phases. Each anneals from its start value at its start step to its end value at its
   * end step, as {@code _annealing_cos} / {@code _annealing_linear} do (dividing by a phase length
   * is a multiplication by its reciprocal, which generated code folds).
   */
  public static final class Phases {
    public final double peak;
    public final double steps;
    public final double pctStart;
    public final boolean cosine;
    public final boolean threePhase;
    public final double initial;
    public final double min;

    Phases(OneCycle b) {
      this.peak = b.peak;
      this.steps = b.steps;
      this.pctStart = b.pctStart;
      this.cosine = b.anneal == Anneal.COSINE;
      this.threePhase = b.threePhase;
      this.initial = b.initial();
      this.min = b.min();
    }

    /** The value at step {@code t <= steps - 1}. */
    public double at(double t) {
      return value(t, steps, peak, initial, min);
    }

    /**
     * Value at local step {@code t} of a restart cycle of length {@code p} whose peak is {@code
     * top} (the peak scaled for the cycle); the initial and final values are not scaled.
     */
    public double periodic(double t, double p, double top) {
      return value(Math.min(t, p - 1), p, top, initial, min);
    }

    /**
     * The momentum (or Adam beta1) PyTorch's {@code OneCycleLR} cycles against the LR at step
     * {@code t <= steps - 1}: the same phases and anneal function with the momentum in place of the
     * LR, {@code max -> base} while the LR rises, {@code base -> max} while it falls, and {@code
     * max} held over a third phase. That is {@link #at}'s evaluation with the constants swapped:
     * {@code peak -> base}, {@code initial -> max}, {@code min -> max} (generated code emits the
     * LR's operations with those literals).
     */
    public double momentum(double t, double base, double max) {
      return value(t, steps, base, max, max);
    }

    /** End step of phase 0 of a cycle of {@code total} steps. */
    public double end0(double total) {
      return pctStart * total - 1;
    }

    /** End step of phase 1 of a three-phase cycle of {@code total} steps. */
    public double end1(double total) {
      return 2 * pctStart * total - 2;
    }

    private double value(double t, double total, double top, double start, double end) {
      double end0 = end0(total);
      if (t <= end0) {
        return anneal(start, top, t * (1 / end0));
      }
      if (threePhase) {
        double end1 = end1(total);
        if (t <= end1) {
          return anneal(top, start, (t - end0) * (1 / (end1 - end0)));
        }
        return anneal(start, end, (t - end1) * (1 / (total - 1 - end1)));
      }
      return anneal(top, end, (t - end0) * (1 / (total - 1 - end0)));
    }

    /** PyTorch {@code _annealing_cos} or {@code _annealing_linear}. */
    public double anneal(double start, double end, double pct) {
      return cosine
          ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1)
          : (end - start) * pct + start;
    }
  }
}
