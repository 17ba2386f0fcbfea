package dev.anneal.processor.internal.emit;

import dev.anneal.internal.Kind;
import dev.anneal.internal.kind.Curve;
import java.util.EnumMap;
import java.util.Map;

/** The emitter of each body kind. */
public final class Emitters {
  private static final Map<Kind, BodyEmitter<?>> EMITTERS = new EnumMap<>(Kind.class);

  static {
    EMITTERS.put(Kind.CONSTANT, new ConstantEmitter());
    EMITTERS.put(Kind.STEP_DECAY, new StepDecayEmitter());
    EMITTERS.put(Kind.MULTI_STEP, new MultiStepEmitter());
    EMITTERS.put(Kind.EXPONENTIAL, new ExponentialEmitter());
    EMITTERS.put(Kind.COSINE, new CosineEmitter());
    EMITTERS.put(Kind.LINEAR, new LinearEmitter());
    EMITTERS.put(Kind.POLYNOMIAL, new PolynomialEmitter());
    EMITTERS.put(Kind.INVERSE_TIME, new InverseTimeEmitter());
    EMITTERS.put(Kind.INVERSE_SQRT, new InverseSqrtEmitter());
    EMITTERS.put(Kind.CYCLIC, new CyclicEmitter());
    EMITTERS.put(Kind.ONE_CYCLE, new OneCycleEmitter());
    EMITTERS.put(Kind.PIECEWISE, new PiecewiseEmitter());
    EMITTERS.put(Kind.TANH, new TanhEmitter());
    EMITTERS.put(Kind.SIGMOID, new SigmoidEmitter());
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

  /** Whether {@code kind} has an emitter (a test checks every body kind does). */
  public static boolean has(Kind kind) {
    return EMITTERS.containsKey(kind);
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
