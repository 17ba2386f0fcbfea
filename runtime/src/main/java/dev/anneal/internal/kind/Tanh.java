package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/**
 * {@code @Tanh}: timm {@code TanhLRScheduler}, {@code to + (from - to) / 2 * (1 - tanh(lower +
 * (upper - lower) * t / steps))} for {@code t < steps}, then {@code to}.
 */
public record Tanh(double from, double to, long steps, double lower, double upper) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.optional("to", DOUBLE, 0.0),
          Attr.requiredSteps("steps", LONG),
          Attr.optional("lower", DOUBLE, -7.0),
          Attr.optional("upper", DOUBLE, 3.0));

  public static Tanh of(Part p) {
    return new Tanh(p.d("from"), p.d("to"), p.l("steps"), p.d("lower"), p.d("upper"));
  }

  @Override
  public Kind kind() {
    return Kind.TANH;
  }

  @Override
  public void check(Checker check) {
    check.positive("steps", steps);
    if (!(lower < upper)) {
      check.error("upper", "must be > lower (" + number(lower) + "), was " + number(upper));
    }
    check.endsAbove("to", to, "from", from);
    check.difference("to", to, from);
    check.difference("upper", upper, lower);
  }

  @Override
  public double start() {
    return fold().at(0);
  }

  @Override
  public double end() {
    return to;
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
    return "tanh: "
        + number(to)
        + " + "
        + number(0.5 * (from - to))
        + " * (1 - tanh("
        + number(lower)
        + " + "
        + number(upper - lower)
        + " * t / "
        + count(steps)
        + "))";
  }

  /** {@code to + half * (1 - tanh(lower + slope * t))}, {@code half = (from - to) / 2}. */
  public static final class Folded implements Periodic {
    private final Tanh body;
    public final double from;
    public final double to;
    public final double half;
    public final double lower;
    public final double range;
    public final double slope;

    Folded(Tanh body) {
      this.body = body;
      this.from = body.from;
      this.to = body.to;
      this.half = 0.5 * (body.from - body.to);
      this.lower = body.lower;
      this.range = body.upper - body.lower;
      this.slope = range / body.steps;
    }

    @Override
    public Tanh body() {
      return body;
    }

    @Override
    public double at(long t) {
      return to + half * (1 - Math.tanh(lower + slope * Steps.toDouble(t)));
    }

    @Override
    public double periodic(double t, double p, double invP, double first) {
      return t >= p ? to : to + 0.5 * (first - to) * (1 - Math.tanh(lower + range * (t * invP)));
    }

    @Override
    public double first() {
      return from;
    }

    @Override
    public double last() {
      return to;
    }

    @Override
    public Cycle cycle() {
      return new Cycle(Shape.TANH, to, 1, lower, range);
    }

    @Override
    public long divisor() {
      return 0;
    }
  }
}
