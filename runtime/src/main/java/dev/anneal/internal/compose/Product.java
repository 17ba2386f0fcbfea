package dev.anneal.internal.compose;

import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Steps;
import dev.anneal.internal.kind.Checker;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code @Product}: the parts' values at the same step multiplied left to right (PyTorch {@code
 * ChainedScheduler} of multiplicative factors).
 */
public record Product(List<String> schedules) implements Composite {

  public Product {
    schedules = List.copyOf(schedules);
  }

  @Override
  public CompositeKind kind() {
    return CompositeKind.PRODUCT;
  }

  @Override
  public String referenceAttribute() {
    return "schedules";
  }

  @Override
  public List<String> references() {
    return schedules;
  }

  @Override
  public boolean referencesArray() {
    return true;
  }

  @Override
  public void check(Checker check) {
    if (schedules.size() < 2) {
      check.error(
          "schedules", "must name at least 2 schedules, was " + Composite.quoteAll(schedules));
    }
    Composite.checkNames(this, check);
  }

  /** Steps checked one by one from step 0: every value up to here is evaluated at compile time. */
  static final long EXHAUSTIVE_STEPS = 1 << 16;

  /** Steps sampled (log-spaced) past {@link #EXHAUSTIVE_STEPS}, up to the longest finite part. */
  private static final int SAMPLES = 4096;

  /**
   * Every value must be finite. Each part's values are (its own rules), but their product may
   * overflow anywhere a large value of one part meets a large value of another (in the middle of a
   * phase as well as at its ends). Checked: every step from 0 through the end of the longest part
   * (or {@link #EXHAUSTIVE_STEPS}, whichever comes first); past that, {@link #SAMPLES} log-spaced
   * steps up to the end of the longest part ({@code Long.MAX_VALUE} when a part never ends), and
   * each part's last step and the step after.
   */
  @Override
  public void checkParts(List<Declared> parts, Checker check) {
    Folded f = fold(parts);
    long last = 1;
    TreeSet<Long> probes = new TreeSet<>(List.of(Long.MAX_VALUE));
    for (Declared p : parts) {
      long n = p.length();
      if (n > 0) {
        probes.add(n - 1);
        probes.add(n);
        last = Math.max(last, n);
      } else if (n < 0) {
        last = Long.MAX_VALUE; // a part that never ends: sample its whole range
      }
    }
    long dense = Math.min(last, EXHAUSTIVE_STEPS);
    for (long s = 0; s <= dense; s++) {
      if (!finiteAt(f, s, check)) {
        return;
      }
    }
    if (last > dense) {
      double ratio = Math.pow((double) last / dense, 1.0 / SAMPLES);
      double s = dense;
      for (int i = 0; i < SAMPLES; i++) {
        s *= ratio;
        probes.add(Math.min(last, (long) s));
      }
    }
    for (long s : probes.tailSet(dense, false)) {
      if (!finiteAt(f, s, check)) {
        return;
      }
    }
  }

  private static boolean finiteAt(Folded f, long step, Checker check) {
    double v = f.at(step);
    if (Double.isFinite(v)) {
      return true;
    }
    check.error(
        "schedules",
        "multiply to " + number(v) + " at step " + count(step) + "; every value must be finite");
    return false;
  }

  /** The longest part's length, or -1 when a part never ends. */
  @Override
  public long length(List<Declared> parts) {
    long max = 0;
    for (Declared p : parts) {
      long n = p.length();
      if (n < 0) {
        return -1;
      }
      max = Math.max(max, n);
    }
    return max;
  }

  @Override
  public Folded fold(List<Declared> parts) {
    return new Folded(parts, length(parts));
  }

  @Override
  public String toSource() {
    return "@Product(schedules = " + Composite.quoteAll(schedules) + ")";
  }

  @Override
  public String toString() {
    return toSource();
  }

  /**
   * The evaluator: {@code v = parts[0].at(step); v *= parts[1].at(step); v *= parts[2].at(step);
   * ...}, i.e. {@code ((p0 * p1) * p2) * ...} left to right. Generated code must multiply in this
   * order (floating-point multiplication is not associative).
   */
  public static final class Folded implements Declared {
    private final Declared[] parts;
    private final long length;

    Folded(List<Declared> parts, long length) {
      this.parts = parts.toArray(new Declared[0]);
      this.length = length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public double at(long step) {
      if (step < 0) {
        throw Steps.negative(step);
      }
      Declared[] p = parts;
      double v = p[0].at(step);
      for (int i = 1; i < p.length; i++) {
        v *= p[i].at(step);
      }
      return v;
    }

    @Override
    public List<Declared> parts() {
      return List.of(parts);
    }

    @Override
    public String toSource(List<String> partNames) {
      return new Product(partNames).toSource();
    }
  }
}
