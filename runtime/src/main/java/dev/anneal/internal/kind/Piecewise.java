package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE_ARRAY;
import static dev.anneal.internal.Attr.Type.LONG_ARRAY;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.Interpolation;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Literals;
import dev.anneal.internal.Steps;
import dev.anneal.internal.Tables;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code @Piecewise}: knots {@code steps} (first 0, strictly increasing) with {@code values};
 * {@code STEP} holds {@code values[i]} on {@code [steps[i], steps[i + 1])}, {@code LINEAR} and
 * {@code COSINE} interpolate; after the last knot, the last value. The record copies its arrays in
 * and out.
 */
public record Piecewise(long[] steps, double[] values, Interpolation interpolation)
    implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.requiredSteps("steps", LONG_ARRAY),
          Attr.required("values", DOUBLE_ARRAY),
          Attr.enumerated("interpolation", Interpolation.class, Interpolation.STEP));

  public Piecewise {
    steps = steps.clone();
    values = values.clone();
  }

  public static Piecewise of(Part p) {
    return new Piecewise(p.ls("steps"), p.ds("values"), p.e("interpolation", Interpolation.class));
  }

  @Override
  public long[] steps() {
    return steps.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  @Override
  public Kind kind() {
    return Kind.PIECEWISE;
  }

  @Override
  public void check(Checker check) {
    long[] knots = steps;
    if (knots.length == 0) {
      check.error("steps", "must not be empty");
      return;
    }
    if (knots[0] != 0) {
      check.error(
          "steps",
          0,
          "must be 0 (the first knot is where the body starts), was " + count(knots[0]));
    }
    for (int i = 1; i < knots.length; i++) {
      if (knots[i] <= knots[i - 1]) {
        check.error(
            "steps",
            i,
            "must be strictly increasing, but ["
                + i
                + "] = "
                + count(knots[i])
                + " follows ["
                + (i - 1)
                + "] = "
                + count(knots[i - 1]));
      }
    }
    if (values.length != knots.length) {
      check.error(
          "values",
          "must have one value per knot: steps has "
              + knots.length
              + " elements, values has "
              + values.length);
    }
    if (check.hasErrors()) {
      return;
    }
    for (int i = 1; i < values.length; i++) {
      if (!Double.isFinite(values[i] - values[i - 1])) {
        check.error(
            "values",
            i,
            "differs from values["
                + (i - 1)
                + "] by more than a double can"
                + " hold, was "
                + number(values[i])
                + " after "
                + number(values[i - 1]));
      }
    }
  }

  @Override
  public double start() {
    return values.length == 0 ? Double.NaN : values[0];
  }

  @Override
  public double end() {
    return values.length == 0 ? Double.NaN : values[values.length - 1];
  }

  @Override
  public long length() {
    return steps.length == 0 ? 0 : steps[steps.length - 1];
  }

  @Override
  public Folded fold() {
    return new Folded(this);
  }

  @Override
  public String describe() {
    return "piecewise "
        + interpolation.name().toLowerCase(Locale.ROOT)
        + " through knots "
        + Literals.source(steps)
        + " with values "
        + Literals.source(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Piecewise p
        && Arrays.equals(p.steps, steps)
        && Arrays.equals(p.values, values)
        && p.interpolation == interpolation;
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(steps) * 31 + Arrays.hashCode(values)) * 31 + interpolation.hashCode();
  }

  @Override
  public String toString() {
    return "Piecewise[steps="
        + Arrays.toString(steps)
        + ", values="
        + Arrays.toString(values)
        + ", interpolation="
        + interpolation
        + "]";
  }

  /**
   * Knots, values, and per segment {@code 1 / length} and the slope {@code (v[i+1] - v[i]) /
   * length}: a linear segment is one multiply-add.
   */
  public static final class Folded implements Curve {
    private final Piecewise body;
    private final long[] knots;
    private final double[] values;
    private final double[] knotInv;
    private final double[] knotSlope;
    public final Interpolation interpolation;

    Folded(Piecewise body) {
      this.body = body;
      this.knots = body.steps;
      this.values = body.values;
      this.interpolation = body.interpolation;
      this.knotInv = new double[knots.length];
      this.knotSlope = new double[knots.length];
      for (int i = 0; i + 1 < knots.length; i++) {
        knotInv[i] = 1.0 / (knots[i + 1] - knots[i]);
        knotSlope[i] = (values[i + 1] - values[i]) / (knots[i + 1] - knots[i]);
      }
    }

    @Override
    public Piecewise body() {
      return body;
    }

    /** Number of knots. */
    public int count() {
      return knots.length;
    }

    public long knot(int i) {
      return knots[i];
    }

    public double value(int i) {
      return values[i];
    }

    /** {@code 1 / (knot(i + 1) - knot(i))}. */
    public double inverseLength(int i) {
      return knotInv[i];
    }

    /** {@code (value(i + 1) - value(i)) / (knot(i + 1) - knot(i))}. */
    public double slope(int i) {
      return knotSlope[i];
    }

    /** The segment holding {@code t}: the last {@code i} with {@code knot(i) <= t}. */
    public int segment(long t) {
      return Tables.countAtMost(knots, t) - 1;
    }

    @Override
    public long divisor() {
      return 0;
    }

    @Override
    public double at(long t) {
      int last = knots.length - 1;
      if (t >= knots[last]) {
        return values[last];
      }
      int i = segment(t);
      return switch (interpolation) {
        case STEP -> values[i];
        case LINEAR -> values[i] + knotSlope[i] * Steps.toDouble(t - knots[i]);
        case COSINE -> {
          double p = Steps.toDouble(t - knots[i]) * knotInv[i];
          yield values[i + 1] + (values[i] - values[i + 1]) * (0.5 + 0.5 * Math.cos(Math.PI * p));
        }
      };
    }
  }
}
