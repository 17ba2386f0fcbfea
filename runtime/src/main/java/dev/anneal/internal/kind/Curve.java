package dev.anneal.internal.kind;

/**
 * A body with its constants folded: what the builder's schedules evaluate, what the processor
 * writes as literals, and what the vector kernels read. {@link #at} is the reference every other
 * evaluator mirrors operation by operation.
 */
public interface Curve {
  /** The body at local step {@code t >= 0} (the timeline handles the end of a finite body). */
  double at(long t);

  /** The declared body this curve folds. */
  Body body();
}
