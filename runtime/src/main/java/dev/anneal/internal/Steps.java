package dev.anneal.internal;

/** Internal, not API. The one message for a negative step. */
public final class Steps {
  private Steps() {}

  /** The exception every schedule throws for a negative step. */
  public static IllegalArgumentException negative(long step) {
    return new IllegalArgumentException("step must be >= 0, was " + step);
  }
}
