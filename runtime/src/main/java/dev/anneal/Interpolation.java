package dev.anneal;

/** How {@link Piecewise} moves between knots. */
public enum Interpolation {
  /** Hold each knot's value until the next knot. */
  STEP,
  /** Straight line between knots. */
  LINEAR,
  /** Half-cosine between knots. */
  COSINE
}
