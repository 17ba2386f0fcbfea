package dev.anneal;

/**
 * Which way a monitored metric should move, for {@link ReduceOnPlateau} and {@link EarlyStopping}.
 * PyTorch and Keras call it {@code mode='min'} / {@code mode='max'}.
 */
public enum Goal {
  /** Lower is better (a loss). PyTorch and Keras {@code mode='min'}. */
  MINIMIZE,
  /** Higher is better (an accuracy). PyTorch and Keras {@code mode='max'}. */
  MAXIMIZE
}
