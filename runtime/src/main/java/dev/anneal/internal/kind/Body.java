package dev.anneal.internal.kind;

/**
 * A declared body, typed: one record per body annotation, built once from the annotation values.
 * Records hold only what the user declared; {@link #fold()} computes what evaluation needs, once.
 */
public sealed interface Body
    permits Constant,
        StepDecay,
        MultiStep,
        Exponential,
        Cosine,
        Linear,
        Polynomial,
        InverseTime,
        InverseSqrt,
        Cyclic,
        OneCycle,
        Piecewise,
        Tanh,
        Sigmoid {

  /** The annotation this body is declared with. */
  Kind kind();

  /**
   * Adds this body's problems: attribute domains, then (when those hold) the arithmetic the
   * evaluators will do. Attributes are already known to be finite.
   */
  void check(Checker check);

  /** The value at local step 0 (what a warm-up ramps to). */
  double start();

  /** The value once the body has ended (what a cool-down starts from); NaN when it never ends. */
  double end();

  /** Natural length in steps, or -1 when the body never ends. */
  long length();

  /**
   * Whether {@code @Restarts} can repeat this body: its length is its {@code steps} attribute and
   * {@link #fold()} returns a {@link Periodic}.
   */
  default boolean periodic() {
    return false;
  }

  /** The folded evaluator; call only on a body without errors. */
  Curve fold();

  /**
   * One-line description of the curve for generated javadoc, e.g. {@code "cosine from 0.1 to 0"}.
   */
  String describe();
}
