package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/**
 * {@code @Cosine}: {@code to + (from - to) * ((1 + cos(pi t / steps)) / 2)^exponent} for {@code t
 * <= steps} (PyTorch {@code CosineAnnealingLR}, Keras {@code CosineDecay}, Optax {@code
 * cosine_decay_schedule}).
 */
public record Cosine(double from, double to, long steps, double exponent) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.optional("to", DOUBLE, 0.0),
          Attr.requiredSteps("steps", LONG),
          Attr.optional("exponent", DOUBLE, 1.0));

  public static Cosine of(Part p) {
    return new Cosine(p.d("from"), p.d("to"), p.l("steps"), p.d("exponent"));
  }

  @Override
  public Kind kind() {
    return Kind.COSINE;
  }

  @Override
  public void check(Checker check) {
    check.positive("steps", steps);
    check.positive("exponent", exponent);
    check.endsAbove("to", to, "from", from);
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
    return "cosine: "
        + number(to)
        + " + "
        + number(from - to)
        + " * ((1 + cos(pi * t / "
        + count(steps)
        + ")) / 2)"
        + (exponent == 1 ? "" : "^" + number(exponent));
  }

  /**
   * With exponent 1: {@code mid + half * cos(t * pi / steps)}, {@code mid = to + delta / 2}, {@code
   * half = delta / 2}; otherwise {@code to + delta * (0.5 + 0.5 cos(t * pi / steps))^exponent}.
   */
  public static final class Folded implements Periodic {
    private final Cosine body;
    public final double from;
    public final double to;
    public final double delta;
    public final double exponent;
    public final double piOverSteps;
    public final double mid;
    public final double half;

    Folded(Cosine body) {
      this.body = body;
      this.from = body.from;
      this.to = body.to;
      this.delta = body.from - body.to;
      this.exponent = body.exponent;
      this.piOverSteps = Math.PI / body.steps;
      this.half = 0.5 * delta;
      this.mid = to + half;
    }

    @Override
    public Cosine body() {
      return body;
    }

    @Override
    public double at(long t) {
      double x = Steps.toDouble(t);
      return exponent == 1
          ? mid + half * Math.cos(x * piOverSteps)
          : cosine(x * piOverSteps, delta);
    }

    /** {@code to + delta * ((1 + cos x) / 2)^exponent}. */
    private double cosine(double x, double delta) {
      double c = 0.5 + 0.5 * Math.cos(x);
      return to + delta * (exponent == 1 ? c : Math.pow(c, exponent));
    }

    @Override
    public double periodic(double t, double p, double invP, double first) {
      return t >= p ? to : cosine(t * invP * Math.PI, first - to);
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
      return new Cycle(Shape.COSINE, to, exponent, 0, 0);
    }

    @Override
    public long divisor() {
      return 0;
    }
  }
}
