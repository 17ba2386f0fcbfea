package dev.anneal;

/**
 * Which rule set a {@link ReduceOnPlateau} controller follows.
 *
 * <p>{@link #PYTORCH} and {@link #KERAS} reproduce those libraries' counting exactly, including
 * their quirks; they reduce a learning rate held in LR units and so need a {@link Constant} body
 * (the LR they own). {@link #ANNEAL} is the documented default rule set and works on any curve.
 */
public enum Compat {
  /**
   * anneal's rules: an observation improves when it beats the best by more than {@code
   * max(absThreshold, relThreshold * |best|)}; {@code patience} consecutive non-improving
   * observations outside cool-down reduce the scale. See {@link ReduceOnPlateau}.
   */
  ANNEAL,
  /**
   * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: {@code num_bad_epochs > patience}, {@code
   * threshold_mode} {@code 'rel'} ({@code relThreshold}) or {@code 'abs'} ({@code absThreshold}),
   * {@code min_lr = minScale * value} and {@code eps = 1e-8} on the LR change.
   */
  PYTORCH,
  /**
   * {@code keras.callbacks.ReduceLROnPlateau} (Keras 3): {@code wait >= patience}, {@code min_delta
   * = absThreshold} ({@code relThreshold} is not used), {@code min_lr = minScale * value} and its
   * {@code old_lr > np.float32(min_lr)} check.
   */
  KERAS
}
