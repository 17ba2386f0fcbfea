package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/**
 * {@code @Linear}: {@code from + (to - from) * t / steps} for {@code t <= steps}, then {@code to}.
 */
public record Linear(double from, double to, long steps) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.required("to", DOUBLE),
          Attr.requiredSteps("steps", LONG));

  public static Linear of(Part p) {
    return new Linear(p.d("from"), p.d("to"), p.l("steps"));
  }

  @Override
  public Kind kind() {
    return Kind.LINEAR;
  }

  @Override
  public void check(Checker check) {
    check.positive("steps", steps);
    check.difference("to", to, from);
  }

  @Override
  public double start() {
    return from;
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
    return "linear: " + number(from) + " + " + number(to - from) + " * t / " + count(steps);
  }

  /** {@code from + slope * t}: one multiply-add. */
  public static final class Folded implements Periodic {
    private final Linear body;
    public final double from;
    public final double to;
    public final double slope;

    Folded(Linear body) {
      this.body = body;
      this.from = body.from;
      this.to = body.to;
      this.slope = (body.to - body.from) / body.steps;
    }

    @Override
    public Linear body() {
      return body;
    }

    @Override
    public double at(long t) {
      return from + slope * Steps.toDouble(t);
    }

    @Override
    public double periodic(double t, double p, double invP, double first) {
      return t >= p ? to : first + (to - first) * (t * invP);
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
      return new Cycle(Shape.LINEAR, to, 1, 0, 0);
    }

    @Override
    public long divisor() {
      return 0;
    }
  }
}
