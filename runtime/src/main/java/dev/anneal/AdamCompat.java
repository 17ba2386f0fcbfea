package dev.anneal;

/**
 * Whose update formula {@link Adam} and {@link AdamW} follow. (Not {@link Compat}: that one names
 * plateau rule sets, with an anneal member that has no meaning here.)
 */
public enum AdamCompat {
  /** {@code torch.optim.Adam} / {@code AdamW}: {@code eps} added to {@code sqrt(v_hat)}. */
  PYTORCH,
  /**
   * Keras 3 {@code Adam.update_step} / {@code AdamW}: {@code eps} added to {@code sqrt(v)} after
   * the bias correction moved into the step size ("epsilon hat"); decoupled decay {@code p -= p *
   * wd * lr}.
   */
  KERAS
}
