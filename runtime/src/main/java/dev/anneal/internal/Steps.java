package dev.anneal.internal;

/**
 * Internal, not API. Steps as numbers: the negative-step message and the step-to-double conversion.
 */
public final class Steps {
  private static final long EXPONENT_2_52 = 0x4330000000000000L;

  private Steps() {}

  /** The exception every schedule throws for a negative step. */
  public static IllegalArgumentException negative(long step) {
    return new IllegalArgumentException("step must be >= 0, was " + step);
  }

  /**
   * {@code (double) n}, the same double, by writing {@code n} into the mantissa of 2^52 and
   * subtracting 2^52 (exact for {@code 0 <= n < 2^52}; other values take the cast).
   *
   * <p>Why not the cast: before JDK 23 (JDK-8323116), C2 compiles it to a {@code cvtsi2sd} that
   * keeps the upper half of its target register, so the conversion waits for whatever last wrote
   * that register; in a loop of schedule calls that is the previous call's {@code exp}, divide or
   * square root, and calls that could overlap run one after another (JMH on JDK 17: inverse square
   * root 12-13 ns per call with the cast, 4-5 ns with this). On later JDKs both cost the same.
   */
  public static double toDouble(long n) {
    if (n >>> 52 == 0) {
      return Double.longBitsToDouble(EXPONENT_2_52 | n) - 0x1p52;
    }
    return n;
  }
}
