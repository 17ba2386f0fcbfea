package dev.anneal;

/** Which norm {@link ClipNorm} scales by. */
public enum ClipScope {
  /**
   * One norm over all arrays, as if they were concatenated (PyTorch {@code clip_grad_norm_}, Optax
   * {@code clip_by_global_norm}); every array is multiplied by the same factor.
   */
  GLOBAL,
  /** Every array is scaled by its own norm, with the same formula. */
  EACH
}
