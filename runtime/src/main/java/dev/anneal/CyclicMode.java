package dev.anneal;

/** Amplitude policy of {@link Cyclic}, as in PyTorch {@code CyclicLR}. */
public enum CyclicMode {
  /** Constant amplitude. */
  TRIANGULAR,
  /** Amplitude halves each cycle: {@code 1 / 2^(cycle - 1)}. */
  TRIANGULAR2,
  /** Amplitude scales by {@code gamma^t} (t = steps since the body started). */
  EXP_RANGE
}
