package dev.anneal;

/**
 * What {@link EarlyStopping} does with a metric that is NaN or infinite (a diverged run or a broken
 * evaluation). Such a metric never becomes the best in any mode.
 */
public enum NonFinite {
  /** Stop at once: {@code observe} returns {@code true}. */
  STOP,
  /** Count it as an observation that does not improve (Keras's behaviour for NaN). */
  COUNT_AS_BAD,
  /**
   * As if {@code observe} had not been called, except that it still takes an index (for {@code
   * startAfter} and {@link EarlyStopper#bestIndex()}).
   */
  IGNORE
}
