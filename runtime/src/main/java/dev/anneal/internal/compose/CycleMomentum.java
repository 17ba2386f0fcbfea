package dev.anneal.internal.compose;

import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.Plan;
import dev.anneal.internal.Steps;
import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Checker;
import dev.anneal.internal.kind.Cyclic;
import dev.anneal.internal.kind.OneCycle;
import java.util.List;
import java.util.function.Function;

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
   * The momentum cycled against an LR, by the LR's folded curve: one record per curve {@link
   * #unsupported} admits. The runtime evaluates it with {@link #at}; generated code asks {@link
   * #match}, which hands each case its own type, so admitting a third curve does not compile until
   * every evaluator has its case.
   */
  public sealed interface Momentum {
    /** The momentum at {@code step >= 0}. */
    double at(long step);

    /** {@code oneCycle}'s result against a one-cycle LR, {@code cyclic}'s against a cyclic one. */
    <R> R match(Function<OfOneCycle, R> oneCycle, Function<OfCyclic, R> cyclic);
  }

  /**
   * Against a one-cycle LR: {@link OneCycle.Folded#momentum}{@code (t, base, max)}, the LR's phases
   * with {@code peak -> base}, {@code initial -> max}, {@code min -> max}, at {@code min(t, steps -
   * 1)}.
   */
  public record OfOneCycle(OneCycle.Folded lr, double base, double max) implements Momentum {
    @Override
    public double at(long step) {
      return lr.momentum(step, base, max);
    }

    @Override
    public <R> R match(Function<OfOneCycle, R> oneCycle, Function<OfCyclic, R> cyclic) {
      return oneCycle.apply(this);
    }
  }

  /**
   * Against a cyclic LR: the LR's folded curve with {@code low = max} and {@code height = base -
   * max} ({@link Cyclic.Folded#momentum}), evaluated by the LR's own {@code at}.
   */
  public record OfCyclic(Cyclic.Folded curve) implements Momentum {
    @Override
    public double at(long step) {
      return curve.at(step);
    }

    @Override
    public <R> R match(Function<OfOneCycle, R> oneCycle, Function<OfCyclic, R> cyclic) {
      return cyclic.apply(this);
    }
  }

  /**
   * The momentum between {@code base} and {@code max} against {@code lr}, a plain one-cycle or
   * cyclic LR ({@link #unsupported} admits no other).
   *
   * @throws IllegalArgumentException when {@code lr}'s curve is neither
   */
  public static Momentum momentum(Plan lr, double base, double max) {
    if (lr.curve() instanceof OneCycle.Folded o) {
      return new OfOneCycle(o, base, max);
    }
    if (lr.curve() instanceof Cyclic.Folded c) {
      return new OfCyclic(c.momentum(base, max));
    }
    throw new IllegalArgumentException(
        "not a one-cycle or cyclic schedule: " + lr.declaration().toSource());
  }

  /** The evaluator: the {@link Momentum} against the LR's curve. */
  public static final class Folded implements Declared {
    private final Plain lr;
    private final double base;
    private final double max;
    private final Momentum momentum;

    Folded(Plain lr, double base, double max) {
      this.lr = lr;
      this.base = base;
      this.max = max;
      this.momentum = momentum(lr.plan(), base, max);
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
      return momentum.at(step);
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
