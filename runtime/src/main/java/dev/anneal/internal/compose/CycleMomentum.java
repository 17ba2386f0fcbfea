package dev.anneal.internal.compose;

import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Steps;
import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Checker;
import dev.anneal.internal.kind.Cyclic;
import dev.anneal.internal.kind.OneCycle;
import java.util.List;

/**
 * {@code @CycleMomentum}: the momentum PyTorch cycles against a one-cycle or cyclic LR ({@code
 * cycle_momentum=True} of {@code OneCycleLR} and {@code CyclicLR}). The evaluation lives beside the
 * LR's: {@link OneCycle.Folded#momentum} and {@link Cyclic.Folded#momentum}.
 */
public record CycleMomentum(String of, double base, double max) implements Composite {
  public static final double DEFAULT_BASE = 0.85;
  public static final double DEFAULT_MAX = 0.95;

  @Override
  public CompositeKind kind() {
    return CompositeKind.CYCLE_MOMENTUM;
  }

  @Override
  public String referenceAttribute() {
    return "of";
  }

  @Override
  public List<String> references() {
    return java.util.Collections.singletonList(of);
  }

  @Override
  public boolean referencesArray() {
    return false;
  }

  @Override
  public void check(Checker check) {
    Composite.checkNames(this, check);
    if (!Double.isFinite(base)) {
      check.error("base", "must be finite, was " + number(base));
    } else if (!(base >= 0)) {
      check.error("base", "must be >= 0, was " + number(base));
    }
    if (!Double.isFinite(max)) {
      check.error("max", "must be finite, was " + number(max));
    } else if (Double.isFinite(base) && !(max >= base)) {
      check.error(
          "max",
          "must be >= base ("
              + number(base)
              + "): the momentum is max where the LR"
              + " is lowest and base at its peak, was "
              + number(max));
    } else if (max >= 1) {
      check.warning(
          "max",
          "is >= 1: SGD momentum >= 1 diverges and Adam's beta1 must be < 1, was " + number(max));
    }
  }

  /** {@code of} must be a plain {@code @OneCycle} or {@code @Cyclic}: no modifier, no composite. */
  @Override
  public void checkReferences(List<Declared> parts, Checker check) {
    String why = unsupported(parts.get(0));
    if (why != null) {
      check.error(
          "of",
          "must name a plain @OneCycle or @Cyclic schedule (without @Warmup,"
              + " @Cooldown or @Restarts), was "
              + Composite.quote(of)
              + ", "
              + why);
    }
  }

  /** Nothing more: the values are the LR's phases between base and max. */
  @Override
  public void checkParts(List<Declared> parts, Checker check) {}

  /**
   * Why {@code part} cannot be cycled against, as a phrase that follows "was", or {@code null} when
   * it can.
   */
  public static String unsupported(Declared part) {
    if (!(part instanceof Plain plain)) {
      return "a composite: " + part.toSource(names(part));
    }
    Body body = plain.plan().body();
    if (!(body instanceof OneCycle) && !(body instanceof Cyclic)) {
      return "a @" + body.kind().simpleName() + " schedule: " + plain;
    }
    if (!plain.isBodyOnly()) {
      return "a schedule with modifiers: " + plain;
    }
    return null;
  }

  private static List<String> names(Declared part) {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < part.parts().size(); i++) {
      names.add("s" + i); // as a composite's toString names its parts
    }
    return names;
  }

  /** The LR's length: {@code @OneCycle.steps}, or -1 for {@code @Cyclic}. */
  @Override
  public long length(List<Declared> parts) {
    return parts.get(0).length();
  }

  @Override
  public Folded fold(List<Declared> parts) {
    return new Folded((Plain) parts.get(0), base, max);
  }

  @Override
  public String toSource() {
    StringBuilder sb = new StringBuilder("@CycleMomentum(of = ").append(Composite.quote(of));
    if (Double.compare(base, DEFAULT_BASE) != 0) {
      sb.append(", base = ").append(number(base));
    }
    if (Double.compare(max, DEFAULT_MAX) != 0) {
      sb.append(", max = ").append(number(max));
    }
    return sb.append(')').toString();
  }

  @Override
  public String toString() {
    return toSource();
  }

  /**
   * The evaluator. Of a one-cycle: {@link OneCycle.Folded#momentum}{@code (t, base, max)}, the LR's
   * phases with {@code peak -> base}, {@code initial -> max}, {@code min -> max}, at {@code min(t,
   * steps - 1)}. Of a cyclic LR: the LR's folded curve with {@code low = max} and {@code height =
   * base - max} ({@link Cyclic.Folded#momentum}), evaluated by the LR's own {@code at}.
   */
  public static final class Folded implements Declared {
    private final Plain lr;
    private final double base;
    private final double max;

    /** Of a one-cycle, else null. */
    private final OneCycle.Folded oneCycle;

    /** Of a cyclic LR: the momentum curve, else null. */
    private final Cyclic.Folded cyclic;

    Folded(Plain lr, double base, double max) {
      this.lr = lr;
      this.base = base;
      this.max = max;
      Object curve = lr.plan().curve();
      this.oneCycle = curve instanceof OneCycle.Folded o ? o : null;
      this.cyclic = curve instanceof Cyclic.Folded c ? c.momentum(base, max) : null;
      if (oneCycle == null && cyclic == null) {
        throw new IllegalArgumentException("not a one-cycle or cyclic schedule: " + lr);
      }
    }

    @Override
    public long length() {
      return lr.length();
    }

    @Override
    public double at(long step) {
      if (step < 0) {
        throw Steps.negative(step);
      }
      return oneCycle != null ? oneCycle.momentum(step, base, max) : cyclic.at(step);
    }

    @Override
    public List<Declared> parts() {
      return List.of(lr);
    }

    @Override
    public String toSource(List<String> partNames) {
      return new CycleMomentum(partNames.get(0), base, max).toSource();
    }
  }
}
