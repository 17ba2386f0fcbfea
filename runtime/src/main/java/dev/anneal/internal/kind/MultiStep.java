package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG_ARRAY;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Literals;
import dev.anneal.internal.Tables;
import java.util.Arrays;
import java.util.List;

/**
 * {@code @MultiStep}: {@code from * factor^(milestones passed)} (PyTorch {@code MultiStepLR}). The
 * record copies its array in and out.
 */
public record MultiStep(double from, long[] milestones, double factor) implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("from", DOUBLE),
          Attr.requiredSteps("milestones", LONG_ARRAY),
          Attr.required("factor", DOUBLE));

  public MultiStep {
    milestones = milestones.clone();
  }

  public static MultiStep of(Part p) {
    return new MultiStep(p.d("from"), p.ls("milestones"), p.d("factor"));
  }

  @Override
  public long[] milestones() {
    return milestones.clone();
  }

  @Override
  public Kind kind() {
    return Kind.MULTI_STEP;
  }

  @Override
  public void check(Checker check) {
    check.positive("factor", factor);
    check.increases("factor", factor);
    long[] m = milestones;
    if (m.length == 0) {
      check.error("milestones", "must not be empty (use @Constant for a value that never changes)");
    }
    for (int i = 0; i < m.length; i++) {
      if (m[i] <= 0) {
        check.error("milestones", i, "must be > 0, was " + count(m[i]));
      } else if (i > 0 && m[i] <= m[i - 1]) {
        check.error(
            "milestones",
            i,
            "must be strictly increasing, but ["
                + i
                + "] = "
                + count(m[i])
                + " follows ["
                + (i - 1)
                + "] = "
                + count(m[i - 1]));
      }
    }
    if (check.hasErrors()) {
      return;
    }
    for (int k = 1; k <= m.length; k++) {
      double level = from * StrictMath.pow(factor, k);
      if (!Double.isFinite(level)) {
        check.error(
            "factor",
            "makes the value overflow after "
                + k
                + " milestone"
                + (k == 1 ? "" : "s")
                + " (from step "
                + count(m[k - 1])
                + "): "
                + number(from)
                + " * "
                + number(factor)
                + "^"
                + k
                + " is not finite, was "
                + number(factor));
        return;
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
    return "multi-step: "
        + number(from)
        + " * "
        + number(factor)
        + "^(milestones passed), milestones "
        + Literals.source(milestones);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiStep m
        && Double.compare(m.from, from) == 0
        && Double.compare(m.factor, factor) == 0
        && Arrays.equals(m.milestones, milestones);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(from) * 31 * 31
        + Arrays.hashCode(milestones) * 31
        + Double.hashCode(factor);
  }

  @Override
  public String toString() {
    return "MultiStep[from="
        + from
        + ", milestones="
        + Arrays.toString(milestones)
        + ", factor="
        + factor
        + "]";
  }

  /** Milestones and the level after each: {@code levels[k] = from * factor^k}. */
  public static final class Folded implements Curve {
    private final MultiStep body;
    private final long[] milestones;
    private final double[] levels;

    Folded(MultiStep body) {
      this.body = body;
      this.milestones = body.milestones;
      this.levels = new double[milestones.length + 1];
      for (int k = 0; k < levels.length; k++) {
        levels[k] = body.from * StrictMath.pow(body.factor, k);
      }
    }

    @Override
    public MultiStep body() {
      return body;
    }

    /** Number of milestones. */
    public int count() {
      return milestones.length;
    }

    public long milestone(int k) {
      return milestones[k];
    }

    /** The value once {@code k} milestones have passed. */
    public double level(int k) {
      return levels[k];
    }

    @Override
    public long divisor() {
      return 0;
    }

    @Override
    public double at(long t) {
      return levels[Tables.countAtMost(milestones, t)];
    }
  }
}
