package dev.anneal.internal.kind;

/**
 * A curve that {@code @Restarts} can repeat: a body whose length is its {@code steps} attribute,
 * stretched over a cycle of any length. A body whose {@link Body#periodic()} can be true folds to
 * one (its {@code Folded} implements this interface, so the compiler asks for every method below);
 * {@code KindCompletenessTest} fails for a body that says {@code periodic()} over a curve that is
 * not one.
 */
public interface Periodic extends Curve {
  /**
   * The body at local step {@code t} of a cycle of length {@code p} ({@code invP = 1 / p}) whose
   * start value is {@code first} (the body's start value scaled for this cycle by {@code
   * Restarts}); the end value is not scaled.
   */
  double periodic(double t, double p, double invP, double first);

  /** The value the cycle's start scaling applies to ({@code from}, one-cycle's {@code peak}). */
  double first();

  /** The value a cycle ends at, which restarts do not scale (for one-cycle, its minimum). */
  double last();

  /**
   * What the vector kernels need to evaluate a cycle: the shape of the formula and its constants. A
   * new periodic body adds its {@link Shape} constant, and the kernels' exhaustive switch over
   * {@link Shape} then fails to compile until it has its lane code.
   */
  Cycle cycle();

  /** The formula of a cycle, for the vector kernels. */
  enum Shape {
    /** {@code first}. */
    CONSTANT,
    /** {@code to + (first - to) * ((1 + cos(pi t / p)) / 2)^exponent}. */
    COSINE,
    /** {@code first + (to - first) * t / p}. */
    LINEAR,
    /** {@code to + (first - to) * ((p - t) / p)^exponent}. */
    POLYNOMIAL,
    /** {@code to + (first - to) / 2 * (1 - tanh(lower + range * t / p))}. */
    TANH,
    /** PyTorch's one-cycle phases over {@code p} steps, peaking at {@code first}. */
    ONE_CYCLE
  }

  /**
   * A cycle's formula and constants: {@code exponent} is 1 when the shape has none, {@code lower}
   * and {@code range} are {@code TANH}'s.
   */
  record Cycle(Shape shape, double to, double exponent, double lower, double range) {}
}
