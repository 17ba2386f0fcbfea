package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/** {@code @StepDecay}: {@code from * factor^floor(t / every)} (PyTorch {@code StepLR}). */
public record StepDecay(double from, double factor, long every) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.required("factor", DOUBLE),
          Attr.requiredSteps("every", LONG));

  public static StepDecay of(Part p) {
    return new StepDecay(p.d("from"), p.d("factor"), p.l("every"));
  }

  @Override
  public Kind kind() {
    return Kind.STEP_DECAY;
  }

  @Override
  public void check(Checker check) {
    check.positive("factor", factor);
    check.positive("every", every);
    check.increases("factor", factor);
    if (!check.hasErrors()) {
      long at = Growth.overflowStep(from, Math.log(factor), every, true);
      if (at >= 0) {
        check.error(
            "factor",
            "makes the value grow without bound: "
                + number(from)
                + " * "
                + number(factor)
                + "^floor(t / "
                + count(every)
                + ") overflows to Infinity at step "
                + count(at)
                + "; use a factor <= 1, was "
                + number(factor));
      }
    }
  }

  @Override
  public double start() {
    return from;
  }

  @Override
  public double end() {
    return Double.NaN;
  }

  @Override
  public long length() {
    return -1;
  }

  @Override
  public Folded fold() {
    return new Folded(this);
  }

  @Override
  public String describe() {
    return "step decay: "
        + number(from)
        + " * "
        + number(factor)
        + "^floor(t / "
        + count(every)
        + ")";
  }

  /** {@code from * exp(floor(t / every) * ln(factor))}. */
  public static final class Folded implements Curve {
    private final StepDecay body;
    public final double from;
    public final long every;
    public final double lnFactor;

    Folded(StepDecay body) {
      this.body = body;
      this.from = body.from;
      this.every = body.every;
      this.lnFactor = Math.log(body.factor);
    }

    @Override
    public StepDecay body() {
      return body;
    }

    /** The constants of the vector kernel's exponential lanes: a staircase without a clamp. */
    public Exponential.Terms terms() {
      return new Exponential.Terms(from, every, true, lnFactor, 0, false, false, 0);
    }

    @Override
    public long divisor() {
      return every;
    }

    @Override
    public double at(long t) {
      return from * Math.exp(Steps.toDouble(t / every) * lnFactor);
    }
  }
}
