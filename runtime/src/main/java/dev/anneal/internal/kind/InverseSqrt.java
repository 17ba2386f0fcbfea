package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;

/**
 * {@code @InverseSqrt}: {@code from * sqrt(timescale / (timescale + t))} (Hugging Face {@code
 * get_inverse_sqrt_schedule}). {@code timescale} is a step count stored as a double.
 */
public record InverseSqrt(double from, double timescale) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(Attr.required("from", DOUBLE), Attr.requiredSteps("timescale", DOUBLE));

  public static InverseSqrt of(Part p) {
    return new InverseSqrt(p.d("from"), p.d("timescale"));
  }

  @Override
  public Kind kind() {
    return Kind.INVERSE_SQRT;
  }

  @Override
  public void check(Checker check) {
    check.positive("timescale", timescale);
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
    return "inverse square root: "
        + number(from)
        + " * sqrt("
        + number(timescale)
        + " / ("
        + number(timescale)
        + " + t))";
  }

  /** As declared: nothing to fold. */
  public static final class Folded implements Curve {
    private final InverseSqrt body;
    public final double from;
    public final double timescale;

    Folded(InverseSqrt body) {
      this.body = body;
      this.from = body.from;
      this.timescale = body.timescale;
    }

    @Override
    public InverseSqrt body() {
      return body;
    }

    @Override
    public long divisor() {
      return 0;
    }

    @Override
    public double at(long t) {
      return from * Math.sqrt(timescale / (timescale + Steps.toDouble(t)));
    }
  }
}
