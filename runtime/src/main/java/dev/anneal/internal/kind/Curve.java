package dev.anneal.internal.kind;

/**
 * A body with its constants folded: what the builder's schedules evaluate, what the processor
 * writes as literals, and what the vector kernels read. {@link #at} is the reference every other
 * evaluator mirrors operation by operation.
 *
 * <p>Not sealed, so that a new body registers nowhere but in {@link Body}'s {@code permits} and
 * {@code Kind}: the sealed {@link Body} already bounds the curves to the ones its records fold, and
 * {@link Body#fold()}'s abstract return type means a body kind without its folded curve, or a
 * folded curve that does not say what the kernels need ({@link #divisor}), does not compile.
 */
public interface Curve {
  /** The body at local step {@code t >= 0} (the timeline handles the end of a finite body). */
  double at(long t);

  /** The declared body this curve folds. */
  Body body();

  /**
   * The largest divisor the evaluators take a quotient of a step by ({@code every}, a cycle's
   * period, {@code steps}), or 0 when there is none: the vector kernels take quotients in doubles,
   * exact only for divisors below 2^52.
   */
  long divisor();
}
