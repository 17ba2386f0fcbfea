package dev.anneal.internal;

import dev.anneal.ParamGroups;

/**
 * Internal, not API. Entry point of the fill kernels that generated classes and builder schedules
 * call. Each method returns {@code false} when the caller should run its own scalar loop instead;
 * when it returns {@code true} it has validated the arguments exactly as {@code LrSchedule}'s
 * defaults do (throwing before anything is written) and filled {@code out}.
 *
 * <p>What runs:
 *
 * <ul>
 *   <li>Groups without delays share one step: the value is computed once with {@link Plan#at} and
 *       scaled per group, a loop C2 auto-vectorizes (faster than a hand-written vector loop).
 *   <li>Delayed groups and per-row steps: the Vector API kernels of {@code
 *       dev.anneal.internal.vector.VectorKernels}, when the {@code jdk.incubator.vector} module is
 *       in the boot layer ({@code --add-modules jdk.incubator.vector}), there are at least {@link
 *       #ONE_VECTOR one vector} of elements (fewer: the scalar loop is faster), and every step is
 *       below {@link #STEP_LIMIT}. Otherwise the caller's scalar loop.
 * </ul>
 *
 * <p>What they compute (docs/REFERENCE.md §5, "The vector path and its rounding contract"): the
 * shared-step path multiplies {@link Plan#at} by each scale, exactly as the caller's loop does. The
 * vector kernels perform {@link Plan#at}'s operations in {@link Plan#at}'s order (multiply, add,
 * divide, compare, step conversion, table lookup: the same operations on the same operands, no
 * fused multiply-add); only the calls to {@code cos}, {@code exp} and {@code log} (SVML vector
 * routines instead of {@link Math}'s, and {@code pow} as {@code exp(k * log(x))}) may round
 * differently. So a {@code double[]} fill equals {@code scale * at(step)} bit for bit wherever that
 * step's formula calls none of them, and is within 1e-15 relative + 1e-15 x peak where it does; a
 * {@code float[]} fill is that double rounded to float. {@code KernelContractTest} holds every body
 * kind, shape and mode to this.
 *
 * <p>System properties, read once: {@code anneal.vector=false} makes every method return {@code
 * false} (the plain loops only); {@code anneal.vector=true} uses the vector kernels even where they
 * are not known to be fast (without C2, off x86-64); {@code anneal.vector.threshold=N} overrides
 * the threshold (tests use 0).
 */
public final class Kernels {
  /**
   * The Vector API kernels, implemented by {@code dev.anneal.internal.vector.VectorKernels}.
   * Arguments are validated, steps are below {@link #STEP_LIMIT} and {@link #supports} holds.
   */
  public interface Provider {
    /** Lanes per vector: the kernels need at least this many elements to vectorize anything. */
    int lanes();

    /** Whether the kernels evaluate this plan exactly; if not the caller's scalar loop runs. */
    boolean supports(Plan plan);

    void fill(Plan plan, long step, double[] scales, long[] delays, int n, float[] out);

    void fill(Plan plan, long step, double[] scales, long[] delays, int n, double[] out);

    void fill(Plan plan, long[] steps, float[] out);

    void fill(Plan plan, long[] steps, double[] out);
  }

  /**
   * Steps the vector kernels take: below 2^51 a step converts to {@code double} exactly with
   * integer adds and the kernels' quotients are exact. Larger steps (past 2 * 10^15) use the scalar
   * loop.
   */
  public static final long STEP_LIMIT = 1L << 51;

  /**
   * Fewest elements for the vector kernels by default: one full vector ({@link Provider#lanes}, 4
   * doubles with AVX2, 8 with AVX-512). Measured with JMH (warm-up + cosine, delayed groups and
   * per-row steps, float and double, JDK 17 and 25, AVX2 and AVX-512): with one full vector the
   * kernels already beat the scalar loop (about 30-45 ns against 50-65 ns at 4 elements with AVX2,
   * 30-65 ns against 95-120 ns at 8 with AVX-512); with fewer elements than lanes there is nothing
   * to vectorize and the caller's loop (over the generated, constant-folded {@code at}) is faster.
   */
  static final int ONE_VECTOR = -1;

  /** Fewest groups for the shared-step path: one evaluation pays off from two groups on. */
  static final int UNIFORM_THRESHOLD = 2;

  private static final String VECTOR_KERNELS = "dev.anneal.internal.vector.VectorKernels";

  private static final boolean ENABLED = !VectorProviders.disabled();

  /** {@code anneal.vector.threshold}, or {@link #ONE_VECTOR}. */
  static final int THRESHOLD =
      Math.max(ONE_VECTOR, Integer.getInteger("anneal.vector.threshold", ONE_VECTOR));

  private Kernels() {}

  public static boolean fill(Plan plan, long step, ParamGroups groups, float[] out) {
    int n = groups.size();
    if (!groups.hasDelays()) {
      if (!ENABLED || n < uniformThreshold()) {
        return false;
      }
      Checks.fill(step, groups, out.length);
      double v = plan.at(step);
      double[] scales = GroupArrays.scales(groups);
      for (int g = 0; g < n; g++) {
        out[g] = (float) (scales[g] * v);
      }
      return true;
    }
    Provider k = provider(n);
    if (k == null || step >= STEP_LIMIT || !k.supports(plan)) {
      return false;
    }
    Checks.fill(step, groups, out.length);
    k.fill(plan, step, GroupArrays.scales(groups), GroupArrays.delays(groups), n, out);
    return true;
  }

  public static boolean fill(Plan plan, long step, ParamGroups groups, double[] out) {
    int n = groups.size();
    if (!groups.hasDelays()) {
      if (!ENABLED || n < uniformThreshold()) {
        return false;
      }
      Checks.fill(step, groups, out.length);
      double v = plan.at(step);
      double[] scales = GroupArrays.scales(groups);
      for (int g = 0; g < n; g++) {
        out[g] = scales[g] * v;
      }
      return true;
    }
    Provider k = provider(n);
    if (k == null || step >= STEP_LIMIT || !k.supports(plan)) {
      return false;
    }
    Checks.fill(step, groups, out.length);
    k.fill(plan, step, GroupArrays.scales(groups), GroupArrays.delays(groups), n, out);
    return true;
  }

  public static boolean fill(Plan plan, long[] steps, float[] out) {
    Provider k = provider(steps.length);
    if (k == null || !k.supports(plan) || !inRange(steps, out.length)) {
      return false;
    }
    k.fill(plan, steps, out);
    return true;
  }

  public static boolean fill(Plan plan, long[] steps, double[] out) {
    Provider k = provider(steps.length);
    if (k == null || !k.supports(plan) || !inRange(steps, out.length)) {
      return false;
    }
    k.fill(plan, steps, out);
    return true;
  }

  /**
   * Validates like {@link Checks#fill(long[], int)} (throwing before anything is written) and tells
   * whether every step is below {@link #STEP_LIMIT}. One pass: a step is negative or too large
   * exactly when it has a bit at 51 or above, and C2 vectorizes the OR.
   */
  private static boolean inRange(long[] steps, int outLength) {
    long bits = 0;
    for (long s : steps) {
      bits |= s;
    }
    if (outLength < steps.length || (bits & -STEP_LIMIT) != 0) {
      Checks.fill(steps, outLength);
      return false;
    }
    return true;
  }

  private static Provider provider(int n) {
    if (!ENABLED) {
      return null;
    }
    Provider k = Vector.PROVIDER;
    return k != null && n >= (THRESHOLD == ONE_VECTOR ? k.lanes() : THRESHOLD) ? k : null;
  }

  /** Fewest elements the vector kernels take (no provider: never). */
  static int vectorThreshold() {
    Provider k = ENABLED ? Vector.PROVIDER : null;
    return k == null ? Integer.MAX_VALUE : THRESHOLD == ONE_VECTOR ? k.lanes() : THRESHOLD;
  }

  /** Fewest groups without delays for the shared-step path. */
  static int uniformThreshold() {
    return THRESHOLD == ONE_VECTOR ? UNIFORM_THRESHOLD : Math.min(UNIFORM_THRESHOLD, THRESHOLD);
  }

  /** Whether the vector kernels are in use (loads them). */
  static boolean vectorized() {
    return ENABLED && Vector.PROVIDER != null;
  }

  /** The provider, loaded on first use: the JVM initializes this holder once, thread-safely. */
  private static final class Vector {
    static final Provider PROVIDER = VectorProviders.load(VECTOR_KERNELS, Provider.class);
  }
}
