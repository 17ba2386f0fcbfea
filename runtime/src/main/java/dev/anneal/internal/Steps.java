package dev.anneal.internal;

/** Internal, not API. Steps as numbers: the negative-step message and the step-to-double conversion. */
public final class Steps {
  private static final long EXPONENT_2_52 = 0x4330000000000000L;
  /**
   * From JDK 23 on, C2 clears the register before {@code cvtsi2sd} (JDK-8323116), and the cast is
   * the shorter code. A static final: C2 folds the test in {@link #toDouble} away.
   */
  private static final boolean CAST_IS_INDEPENDENT = Runtime.version().feature() >= 23;

  private Steps() {}

  /** The exception every schedule throws for a negative step. */
  public static IllegalArgumentException negative(long step) {
    return new IllegalArgumentException("step must be >= 0, was " + step);
  }

  /**
   * {@code (double) n}, the same double. On JDK 17, C2 compiles the cast to a {@code cvtsi2sd} that
   * leaves the upper half of its target register as it was, so the conversion waits for whatever
   * last wrote that register: in a loop of schedule calls, the previous call's {@code exp}, divide
   * or square root, which chains calls that could overlap. Before JDK 23 this converts through
   * {@link #viaMantissa}, which depends on {@code n} alone.
   */
  public static double toDouble(long n) {
    return CAST_IS_INDEPENDENT ? n : viaMantissa(n);
  }

  /**
   * {@code (double) n} by writing {@code n} into the mantissa of 2^52 and subtracting 2^52: exact
   * for {@code 0 <= n < 2^52}; other values take the cast.
   */
  static double viaMantissa(long n) {
    if (n >>> 52 == 0) {
      return Double.longBitsToDouble(EXPONENT_2_52 | n) - 0x1p52;
    }
    return n;
  }
}
