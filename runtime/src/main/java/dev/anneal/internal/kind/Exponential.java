package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.BOOLEAN;
import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/**
 * {@code @Exponential}: {@code from * rate^(t / every)}, the exponent floored when {@code
 * staircase} (Keras {@code ExponentialDecay}); once the value reaches {@code to} (when given) it
 * holds {@code to} (Optax {@code exponential_decay(end_value=)}).
 */
public record Exponential(double from, double rate, long every, boolean staircase, double to)
    implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.required("rate", DOUBLE),
          Attr.optionalSteps("every", LONG, 1L),
          Attr.optional("staircase", BOOLEAN, false),
          Attr.optional("to", DOUBLE, Double.NaN));

  public static Exponential of(Part p) {
    return new Exponential(p.d("from"), p.d("rate"), p.l("every"), p.b("staircase"), p.d("to"));
  }

  @Override
  public Kind kind() {
    return Kind.EXPONENTIAL;
  }

  /** Whether a clamp is declared and can act (a rate of 1 never moves). */
  public boolean clamped() {
    return !Double.isNaN(to) && rate != 1;
  }

  @Override
  public void check(Checker check) {
    check.positive("rate", rate);
    check.positive("every", every);
    if (Double.isInfinite(to)) {
      check.error("to", "must be finite (or Double.NaN for no clamp), was " + number(to));
    } else if (!Double.isNaN(to) && rate < 1 && to > from) {
      check.error(
          "to",
          "must be <= from ("
              + number(from)
              + ") for a decay (rate < 1): the clamp"
              + " would hold from step 0, was "
              + number(to));
    } else if (!Double.isNaN(to) && rate >= 1 && to < from) {
      // Optax clamps a rate of 1 as a growth (jnp.minimum): below from, it would hold from step 0.
      check.error(
          "to",
          "must be >= from ("
              + number(from)
              + (rate > 1 ? ") for a growth (rate > 1)" : ") for a constant (rate = 1)")
              + ": the clamp would hold from step 0, was "
              + number(to));
    }
    if (Double.isNaN(to)) {
      check.increases("rate", rate);
    }
    if (!check.hasErrors() && !clamped()) {
      long at = Growth.overflowStep(from, Math.log(rate), every, staircase);
      if (at >= 0) {
        check.error(
            "rate",
            "makes the value grow without bound: it overflows to Infinity at step "
                + count(at)
                + "; clamp it with to = <the largest value>, or use a rate <= 1, was "
                + number(rate));
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
    return "exponential: "
        + number(from)
        + " * "
        + number(rate)
        + "^"
        + (staircase ? "floor(t / " : "(t / ")
        + count(every)
        + ")"
        + (clamped() ? (rate < 1 ? ", at least " : ", at most ") + number(to) : "");
  }

  /**
   * What the vector kernel evaluates for {@code @Exponential} and {@code @StepDecay} (a staircase
   * exponential without a clamp): {@code from * exp(t * lnRatePerStep)}, or {@code from *
   * exp(floor(t / every) * lnRate)} when {@code staircase}, then the clamp to {@code to} when
   * {@code clamped} ({@code max} when it {@code decays}, else {@code min}).
   */
  public record Terms(
      double from,
      long every,
      boolean staircase,
      double lnRate,
      double lnRatePerStep,
      boolean clamped,
      boolean decays,
      double to) {}

  /**
   * {@code from * exp(t * ln(rate) / every)} (or {@code floor(t / every) * ln(rate)}), then the
   * clamp: {@code max} for a decay, {@code min} for a growth.
   */
  public static final class Folded implements Curve {
    private final Exponential body;
    public final double from;
    public final long every;
    public final boolean staircase;
    public final double lnRate;
    public final double lnRatePerStep;

    /** Whether {@link #to} applies; a decay holds at least it, a growth at most it. */
    public final boolean clamped;

    public final boolean decays;
    public final double to;

    Folded(Exponential body) {
      this.body = body;
      this.from = body.from;
      this.every = body.every;
      this.staircase = body.staircase;
      this.lnRate = Math.log(body.rate);
      this.lnRatePerStep = Math.log(body.rate) / body.every;
      this.clamped = body.clamped();
      this.decays = body.rate < 1;
      this.to = body.to;
    }

    @Override
    public Exponential body() {
      return body;
    }

    /** The constants of the vector kernel's exponential lanes. */
    public Terms terms() {
      return new Terms(from, every, staircase, lnRate, lnRatePerStep, clamped, decays, to);
    }

    @Override
    public long divisor() {
      return every;
    }

    @Override
    public double at(long t) {
      double v =
          from
              * Math.exp(
                  staircase
                      ? Steps.toDouble(t / every) * lnRate
                      : Steps.toDouble(t) * lnRatePerStep);
      if (!clamped) {
        return v;
      }
      return decays ? Math.max(v, to) : Math.min(v, to);
    }
  }
}
