package dev.anneal;

/** Phase shape of {@link OneCycle}, as PyTorch {@code OneCycleLR(anneal_strategy)}. */
public enum Anneal {
  /** {@code end + (start - end) * (1 + cos(pi * p)) / 2}. */
  COSINE,
  /** {@code start + (end - start) * p}. */
  LINEAR
}
