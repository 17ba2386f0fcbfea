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
 * {@code @Polynomial}: Keras {@code PolynomialDecay}, {@code (from - to) * (1 - min(t, S) /
 * S)^power + to}; with {@code cycle}, {@code S = steps * ceil(t / steps)} ({@code steps} at t = 0).
 */
public record Polynomial(double from, double to, long steps, double power, boolean cycle)
    implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.optional("to", DOUBLE, 0.0),
          Attr.requiredSteps("steps", LONG),
          Attr.optional("power", DOUBLE, 1.0),
          Attr.optional("cycle", BOOLEAN, false));

  public static Polynomial of(Part p) {
    return new Polynomial(p.d("from"), p.d("to"), p.l("steps"), p.d("power"), p.b("cycle"));
  }

  @Override
  public Kind kind() {
    return Kind.POLYNOMIAL;
  }

  @Override
  public void check(Checker check) {
    check.positive("steps", steps);
    check.positive("power", power);
    check.endsAbove("to", to, "from", from);
    check.difference("to", to, from);
  }

  @Override
  public double start() {
    return from;
  }

  @Override
  public double end() {
    return cycle ? Double.NaN : to;
  }

  @Override
  public long length() {
    return cycle ? -1 : steps;
  }

  @Override
  public boolean periodic() {
    return !cycle;
  }

  @Override
  public Folded fold() {
    return new Folded(this);
  }

  @Override
  public String describe() {
    return "polynomial: "
        + number(from - to)
        + " * (1 - t / S)^"
        + number(power)
        + " + "
        + number(to)
        + ", S = "
        + (cycle ? count(steps) + " * ceil(t / " + count(steps) + ")" : count(steps));
  }

  /** {@code delta * r^power + to} with {@code r} the remaining fraction of the decay. */
  public static final class Folded implements Periodic {
    private final Polynomial body;
    public final double to;
    public final double from;
    public final double delta;
    public final long steps;
    public final double invSteps;
    public final double power;
    public final boolean cycle;

    Folded(Polynomial body) {
      this.body = body;
      this.from = body.from;
      this.to = body.to;
      this.delta = body.from - body.to;
      this.steps = body.steps;
      this.invSteps = 1.0 / body.steps;
      this.power = body.power;
      this.cycle = body.cycle;
    }

    @Override
    public Polynomial body() {
      return body;
    }

    @Override
    public double at(long t) {
      if (!cycle) {
        return polynomial(Steps.toDouble(steps - t) * invSteps, delta);
      }
      long q = t / steps;
      long m = t - q * steps;
      if (m == 0 && t != 0) {
        return to;
      }
      return polynomial(
          Steps.toDouble(steps - m) / (Steps.toDouble(q + 1) * (double) steps), delta);
    }

    /** {@code delta * r^power + to}, r = remaining fraction. */
    private double polynomial(double r, double delta) {
      return delta * (power == 1 ? r : Math.pow(r, power)) + to;
    }

    @Override
    public double periodic(double t, double p, double invP, double first) {
      return t >= p ? to : polynomial((p - t) * invP, first - to);
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
      return new Cycle(Shape.POLYNOMIAL, to, power, 0, 0);
    }

    @Override
    public long divisor() {
      return steps;
    }
  }
}
