package dev.anneal;

/**
 * What {@link Restarts#decay} scales in cycle {@code i}, for a body that runs from its start value
 * {@code from} to its end value {@code to}.
 */
public enum RestartScale {
  /** The start value: cycle {@code i} starts at {@code from * decay^i} (PyTorch, timm). */
  START,
  /**
   * The amplitude above the end value: cycle {@code i} starts at {@code to + (from - to) * decay^i}
   * (Keras {@code CosineDecayRestarts} {@code m_mul} with {@code alpha = to / from}).
   */
  AMPLITUDE
}
