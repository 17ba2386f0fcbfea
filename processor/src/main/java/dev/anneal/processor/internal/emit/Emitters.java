package dev.anneal.processor.internal.emit;

import dev.anneal.internal.kind.Curve;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Periodic;
import java.util.EnumMap;
import java.util.Map;

/** The emitter of each body kind. */
public final class Emitters {
  /**
   * Each body kind's emitter, found by name: {@code <Name>Emitter} in this package for the
   * annotation {@code @<Name>}, so adding a kind adds its emitter file and no registration here
   * ({@code KindCompletenessTest} fails when one is missing).
   */
  private static final Map<Kind, BodyEmitter<?>> EMITTERS = new EnumMap<>(Kind.class);

  static {
    for (Kind kind : Kind.values()) {
      if (!kind.isBody()) {
        continue;
      }
      String name = Emitters.class.getPackageName() + "." + kind.simpleName() + "Emitter";
      try {
        EMITTERS.put(
            kind, (BodyEmitter<?>) Class.forName(name).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException | ClassCastException e) {
        // no emitter: has(kind) says so, and of(curve) fails naming the kind
      }
    }
  }

  private Emitters() {}

  /** The momentum cycled against a one-cycle LR (see {@code OneCycle.Phases.momentum}). */
  public static void oneCycleMomentum(
      com.palantir.javapoet.CodeBlock.Builder code,
      dev.anneal.internal.kind.OneCycle.Folded lr,
      double base,
      double max,
      String t) {
    OneCycleEmitter.momentum(code, lr, base, max, t);
  }

  /** A {@code private static final long[]} constant table, decoded once (see {@code Table}). */
  public static void longTable(
      java.util.List<com.palantir.javapoet.FieldSpec> fields,
      String name,
      long[] values,
      String doc) {
    Table.longs(fields, name, values, doc);
  }

  /** Whether {@code kind} has an emitter (a test checks every body kind does). */
  public static boolean has(Kind kind) {
    return EMITTERS.containsKey(kind);
  }

  /**
   * Whether {@code kind}'s emitter writes restart cycles (a test checks that every kind whose
   * folded curve is {@link Periodic} has one).
   */
  public static boolean hasPeriodic(Kind kind) {
    return EMITTERS.get(kind) instanceof PeriodicEmitter;
  }

  /** The restart-cycle emitter of {@code curve}'s kind. */
  @SuppressWarnings("unchecked")
  public static <C extends Periodic> PeriodicEmitter<C> periodic(C curve) {
    if (!(of(curve) instanceof PeriodicEmitter<?> e)) {
      throw new IllegalStateException(
          "the emitter of @" + curve.body().kind().simpleName() + " does not write restarts");
    }
    return (PeriodicEmitter<C>) e;
  }

  /** The emitter of {@code curve}'s kind. */
  @SuppressWarnings("unchecked")
  public static <C extends Curve> BodyEmitter<C> of(C curve) {
    BodyEmitter<?> e = EMITTERS.get(curve.body().kind());
    if (e == null) {
      throw new IllegalStateException("no emitter for @" + curve.body().kind().simpleName());
    }
    return (BodyEmitter<C>) e;
  }
}
