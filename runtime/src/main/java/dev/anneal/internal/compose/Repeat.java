package dev.anneal.internal.compose;

import static dev.anneal.internal.Literals.count;

import dev.anneal.internal.Steps;
import dev.anneal.internal.kind.Checker;
import java.util.List;

/**
 * {@code @Repeat}: a finite schedule repeated {@code times} times (0 = forever), the last
 * repetition running on past its end (Optax {@code sgdr_schedule} with equal cycles, DL4J {@code
 * CycleSchedule}, timm {@code cycle_limit}).
 */
public record Repeat(String of, int times) implements Composite {

  /** {@code times} when not given: forever. */
  public static final int DEFAULT_TIMES = 0;

  @Override
  public CompositeKind kind() {
    return CompositeKind.REPEAT;
  }

  @Override
  public String referenceAttribute() {
    return "of";
  }

  @Override
  public List<String> references() {
    return List.of(of);
  }

  @Override
  public boolean referencesArray() {
    return false;
  }

  @Override
  public void check(Checker check) {
    Composite.checkNames(this, check);
    if (times < 0) {
      check.error("times", "must be >= 0 (0 = forever), was " + times);
    }
  }

  @Override
  public void checkParts(List<Declared> parts, Checker check) {
    long length = parts.get(0).length();
    if (length <= 0) {
      check.error(
          "of",
          "must name a schedule that ends (a finite length to repeat), but "
              + Composite.quote(of)
              + (length < 0 ? " never ends" : " has length 0"));
    } else if (times > 0 && length > Long.MAX_VALUE / times) {
      check.error(
          "times",
          "makes the schedule longer than Long.MAX_VALUE steps: "
              + times
              + " * the length of "
              + Composite.quote(of)
              + " "
              + count(length));
    }
  }

  /** {@code times * L}, or -1 when it repeats forever. */
  @Override
  public long length(List<Declared> parts) {
    return times == 0 ? -1 : times * parts.get(0).length();
  }

  @Override
  public Folded fold(List<Declared> parts) {
    return new Folded(parts.get(0), times);
  }

  @Override
  public String toSource() {
    return "@Repeat(of = "
        + Composite.quote(of)
        + (times == DEFAULT_TIMES ? "" : ", times = " + times)
        + ")";
  }

  @Override
  public String toString() {
    return toSource();
  }

  /**
   * The evaluator: {@code of.at(step % L)} before {@code times * L} (always when forever), {@code
   * of.at(step - (times - 1) * L)} after. Generated code performs the same long arithmetic.
   */
  public static final class Folded implements Declared {
    private final Declared of;
    private final int times;
    private final long period;
    private final long end;
    private final long lastStart;

    Folded(Declared of, int times) {
      this.of = of;
      this.times = times;
      this.period = of.length();
      this.end = times == 0 ? Long.MAX_VALUE : times * period;
      this.lastStart = times == 0 ? 0 : (times - 1) * period;
    }

    /** Length of one repetition. */
    public long period() {
      return period;
    }

    /** Where the repetitions end and the last runs on ({@code Long.MAX_VALUE} when forever). */
    public long end() {
      return end;
    }

    /** Where the last repetition starts (0 when forever). */
    public long lastStart() {
      return lastStart;
    }

    @Override
    public long length() {
      return times == 0 ? -1 : end;
    }

    @Override
    public double at(long step) {
      if (step < 0) {
        throw Steps.negative(step);
      }
      return times == 0 || step < end ? of.at(step % period) : of.at(step - lastStart);
    }

    @Override
    public List<Declared> parts() {
      return List.of(of);
    }

    @Override
    public String toSource(List<String> partNames) {
      return new Repeat(partNames.get(0), times).toSource();
    }
  }
}
