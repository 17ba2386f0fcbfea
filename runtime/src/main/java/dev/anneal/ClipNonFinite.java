package dev.anneal;

/** What {@link ClipNorm} does when the total norm is NaN or infinite. */
public enum ClipNonFinite {
  /**
   * As PyTorch's {@code clip_grad_norm_(error_if_nonfinite=False)}: the gradients are multiplied by
   * the factor computed from the non-finite norm, NaN for a NaN norm (every element becomes NaN)
   * and 0 for an infinite norm (finite elements become 0, infinite ones NaN).
   */
  PROPAGATE,
  /**
   * As PyTorch's {@code error_if_nonfinite=True}: {@code apply} throws an {@link
   * IllegalArgumentException} before touching any gradient.
   */
  ERROR,
  /**
   * The gradients are left untouched and {@code apply} returns the non-finite norm, so the caller
   * can skip the step (what mixed-precision loss scalers do).
   */
  SKIP
}
