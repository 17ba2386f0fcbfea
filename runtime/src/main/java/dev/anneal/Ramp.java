package dev.anneal;

/**
 * Shape of a {@link Warmup} or {@link Cooldown} ramp from {@code a} to {@code b}, with progress
 * {@code p} in {@code [0, 1]}.
 */
public enum Ramp {
  /** {@code a + (b - a) * p}. */
  LINEAR,
  /** {@code a + (b - a) * (1 - cos(pi * p)) / 2}. */
  COSINE,
  /** {@code a * (b / a)^p}; both ends {@code > 0}. */
  EXPONENTIAL,
  /** {@code b + (a - b) * (1 - sqrt(p))} (Hugging Face "1-sqrt"); cool-downs only. */
  SQRT,
  /** {@code a} throughout (PyTorch {@code ConstantLR}); warm-ups only. */
  CONSTANT
}
