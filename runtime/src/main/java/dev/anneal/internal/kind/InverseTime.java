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
 * {@code @InverseTime}: {@code from / (1 + rate * t / every)^power}, the ratio floored when {@code
 * staircase} (Keras {@code InverseTimeDecay}; DL4J {@code InverseSchedule} with {@code power}).
 */
public record InverseTime(double from, double rate, long every, boolean staircase, double power)
    implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.required("rate", DOUBLE),
          Attr.optionalSteps("every", LONG, 1L),
          Attr.optional("staircase", BOOLEAN, false),
          Attr.optional("power", DOUBLE, 1.0));

  public static InverseTime of(Part p) {
    return new InverseTime(p.d("from"), p.d("rate"), p.l("every"), p.b("staircase"), p.d("power"));
  }

  @Override
  public Kind kind() {
    return Kind.INVERSE_TIME;
  }

  @Override
  public void check(Checker check) {
    if (rate < 0) {
      check.error("rate", "must be >= 0, was " + number(rate));
    }
    check.positive("every", every);
    if (power < 0) {
      check.error("power", "must be >= 0, was " + number(power));
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
    return "inverse time: "
        + number(from)
        + " / (1 + "
        + number(rate)
        + " * "
        + (staircase ? "floor(t / " : "(t / ")
        + count(every)
        + "))"
        + (power == 1 ? "" : "^" + number(power));
  }

  /**
   * {@code from / d^power}, {@code d = 1 + t * (rate / every)} (or {@code floor(t / every) *
   * rate}).
   */
  public static final class Folded implements Curve {
    private final InverseTime body;
    public final double from;
    public final double rate;
    public final long every;
    public final boolean staircase;
    public final double ratePerStep;
    public final double power;

    Folded(InverseTime body) {
      this.body = body;
      this.from = body.from;
      this.rate = body.rate;
      this.every = body.every;
      this.staircase = body.staircase;
      this.ratePerStep = body.rate / body.every;
      this.power = body.power;
    }

    @Override
    public InverseTime body() {
      return body;
    }

    @Override
    public long divisor() {
      return every;
    }

    @Override
    public double at(long t) {
      double d =
          1 + (staircase ? Steps.toDouble(t / every) * rate : Steps.toDouble(t) * ratePerStep);
      return from / (power == 1 ? d : Math.pow(d, power));
    }
  }
}
