package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/**
 * {@code @Sigmoid}: DL4J {@code SigmoidSchedule}, {@code from / (1 + exp(-gamma * (t - center)))};
 * it rises towards {@code from} for {@code gamma > 0} and decays from it for {@code gamma < 0}.
 */
public record Sigmoid(double from, double gamma, long center) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.required("gamma", DOUBLE),
          Attr.requiredSteps("center", LONG));

  public static Sigmoid of(Part p) {
    return new Sigmoid(p.d("from"), p.d("gamma"), p.l("center"));
  }

  @Override
  public Kind kind() {
    return Kind.SIGMOID;
  }

  @Override
  public void check(Checker check) {
    if (gamma == 0) {
      check.error("gamma", "must not be 0 (the value would be from / 2 at every step)");
    } else if (gamma > 0) {
      check.warning(
          "gamma",
          "is > 0, so this schedule increases the value towards from, was " + number(gamma));
    }
    if (center < 0) {
      check.error("center", "must be >= 0, was " + count(center));
    }
  }

  @Override
  public double start() {
    return fold().at(0);
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
    return "sigmoid: "
        + number(from)
        + " / (1 + exp("
        + number(-gamma)
        + " * (t - "
        + count(center)
        + ")))";
  }

  /** {@code from / (1 + exp(negGamma * (t - center)))}. */
  public static final class Folded implements Curve {
    private final Sigmoid body;
    public final double from;
    public final double negGamma;
    public final long center;

    Folded(Sigmoid body) {
      this.body = body;
      this.from = body.from;
      this.negGamma = -body.gamma;
      this.center = body.center;
    }

    @Override
    public Sigmoid body() {
      return body;
    }

    @Override
    public long divisor() {
      return 0;
    }

    @Override
    public double at(long t) {
      long d = t - center;
      return from / (1 + Math.exp(negGamma * (d < 0 ? -Steps.toDouble(-d) : Steps.toDouble(d))));
    }
  }
}
