package dev.anneal.internal.compose;

import static dev.anneal.internal.Literals.count;

import dev.anneal.internal.Literals;
import dev.anneal.internal.Steps;
import dev.anneal.internal.kind.Checker;
import java.util.Arrays;
import java.util.List;

/**
 * {@code @Sequence}: parts one after another, the step re-based at each boundary (Optax {@code
 * join_schedules}, PyTorch {@code SequentialLR} in closed form).
 */
public record Sequence(List<String> schedules, long[] boundaries) implements Composite {

  public Sequence {
    schedules = List.copyOf(schedules);
    boundaries = boundaries.clone();
  }

  @Override
  public long[] boundaries() {
    return boundaries.clone();
  }

  @Override
  public CompositeKind kind() {
    return CompositeKind.SEQUENCE;
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
    int n = schedules.size();
    if (n < 2) {
      check.error(
          "schedules", "must name at least 2 schedules, was " + Composite.quoteAll(schedules));
    }
    Composite.checkNames(this, check);
    if (n >= 2 && boundaries.length != n - 1) {
      check.error(
          "boundaries",
          "must have exactly one element fewer than schedules ("
              + n
              + " names), had "
              + boundaries.length
              + ": "
              + Literals.source(boundaries));
    }
    for (int i = 0; i < boundaries.length; i++) {
      if (boundaries[i] <= 0) {
        check.error("boundaries", i, "must be > 0, was " + count(boundaries[i]));
      } else if (i > 0 && boundaries[i] <= boundaries[i - 1]) {
        check.error(
            "boundaries",
            i,
            "must be strictly increasing, but ["
                + i
                + "] = "
                + count(boundaries[i])
                + " follows ["
                + (i - 1)
                + "] = "
                + count(boundaries[i - 1]));
      }
    }
  }

  @Override
  public void checkParts(List<Declared> parts, Checker check) {
    long last = parts.get(parts.size() - 1).length();
    long start = boundaries[boundaries.length - 1];
    if (last >= 0 && last > Long.MAX_VALUE - start) {
      check.error(
          "boundaries",
          boundaries.length - 1,
          "makes the schedule longer than"
              + " Long.MAX_VALUE steps: "
              + count(start)
              + " + the last part's length "
              + count(last));
    }
  }

  /** {@code boundaries[last]} plus the last part's length, or -1 when the last part never ends. */
  @Override
  public long length(List<Declared> parts) {
    long last = parts.get(parts.size() - 1).length();
    return last < 0 ? -1 : boundaries[boundaries.length - 1] + last;
  }

  @Override
  public Folded fold(List<Declared> parts) {
    return new Folded(boundaries, parts);
  }

  @Override
  public String toSource() {
    return "@Sequence(schedules = "
        + Composite.quoteAll(schedules)
        + ", boundaries = "
        + Literals.source(boundaries)
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sequence s
        && s.schedules.equals(schedules)
        && Arrays.equals(s.boundaries, boundaries);
  }

  @Override
  public int hashCode() {
    return 31 * schedules.hashCode() + Arrays.hashCode(boundaries);
  }

  @Override
  public String toString() {
    return toSource();
  }

  /**
   * The evaluator: find the segment {@code i} with {@code boundaries[i - 1] <= step <
   * boundaries[i]} (integer comparisons), then {@code parts[i].at(step - boundaries[i - 1])} (for
   * {@code i = 0}: {@code parts[0].at(step)}). No floating-point operation of its own, so generated
   * code returns the same doubles whatever search it uses (a ladder of {@code if (step < b)}, or a
   * binary search past {@link #LADDER_LIMIT} boundaries).
   */
  public static final class Folded implements Declared {
    /** Up to this many boundaries a linear scan; beyond, a binary search. */
    public static final int LADDER_LIMIT = 16;

    private final long[] boundaries;
    private final Declared[] parts;
    private final long length;

    Folded(long[] boundaries, List<Declared> parts) {
      this.boundaries = boundaries.clone();
      this.parts = parts.toArray(new Declared[0]);
      long last = this.parts[this.parts.length - 1].length();
      this.length = last < 0 ? -1 : boundaries[boundaries.length - 1] + last;
    }

    /** Where part {@code i + 1} starts. */
    public long boundary(int i) {
      return boundaries[i];
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
      int i = segment(step);
      return i == 0 ? parts[0].at(step) : parts[i].at(step - boundaries[i - 1]);
    }

    /** The part whose segment holds {@code step >= 0}: the number of boundaries {@code <= step}. */
    public int segment(long step) {
      long[] b = boundaries;
      if (b.length <= LADDER_LIMIT) {
        int i = 0;
        while (i < b.length && step >= b[i]) {
          i++;
        }
        return i;
      }
      int k = Arrays.binarySearch(b, step);
      return k >= 0 ? k + 1 : -k - 1;
    }

    @Override
    public List<Declared> parts() {
      return List.of(parts);
    }

    @Override
    public String toSource(List<String> partNames) {
      return new Sequence(partNames, boundaries).toSource();
    }
  }
}
