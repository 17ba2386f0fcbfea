package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import java.util.List;

/** {@code @Constant}: {@code value} at every step; {@code steps = 0} means it never ends. */
public record Constant(double value, long steps) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(Attr.required("value", DOUBLE), Attr.optionalSteps("steps", LONG, 0L));

  public static Constant of(Part p) {
    return new Constant(p.d("value"), p.l("steps"));
  }

  @Override
  public Kind kind() {
    return Kind.CONSTANT;
  }

  @Override
  public void check(Checker check) {
    if (steps < 0) {
      check.error("steps", "must be > 0 (or Constant.UNBOUNDED = 0), was " + count(steps));
    }
  }

  @Override
  public double start() {
    return value;
  }

  @Override
  public double end() {
    return value;
  }

  @Override
  public long length() {
    return steps > 0 ? steps : -1;
  }

  @Override
  public boolean periodic() {
    return steps > 0;
  }

  @Override
  public Folded fold() {
    return new Folded(this);
  }

  @Override
  public String describe() {
    return "constant " + number(value);
  }

  /** The value, as is. */
  public static final class Folded implements Periodic {
    private final Constant body;
    public final double value;

    Folded(Constant body) {
      this.body = body;
      this.value = body.value;
    }

    @Override
    public Constant body() {
      return body;
    }

    @Override
    public double at(long t) {
      return value;
    }

    @Override
    public double periodic(double t, double p, double invP, double first) {
      return first;
    }

    @Override
    public double first() {
      return value;
    }

    @Override
    public double last() {
      return value;
    }

    @Override
    public Cycle cycle() {
      return new Cycle(Shape.CONSTANT, value, 1, 0, 0);
    }

    @Override
    public long divisor() {
      return 0;
    }
  }
}
