package dev.anneal.internal.kind;

/**
 * A curve that {@code @Restarts} can repeat: a body whose length is its {@code steps} attribute,
 * stretched over a cycle of any length.
 */
public interface Periodic extends Curve {
  /**
   * The body at local step {@code t} of a cycle of length {@code p} ({@code invP = 1 / p}) whose
   * start value is scaled by {@code scale}; the end value is not.
   */
  double periodic(double t, double p, double invP, double scale);
}
