package dev.anneal.internal.generated;

import java.util.Arrays;

/**
 * Internal, not API. Look-ups in sorted constant tables, for generated code past the size where a
 * branch ladder would make a method too large, and for the runtime's evaluators.
 */
public final class Tables {
  /** Most cycles a growing {@code @Restarts} may have before step {@code Long.MAX_VALUE}. */
  public static final int MAX_CYCLES = 4096;

  private Tables() {}

  /** How many elements of the increasing array {@code a} are {@code <= x}. */
  public static int countAtMost(long[] a, long x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The cycle containing {@code t}: the last {@code i} with {@code starts[i] <= t}. */
  public static int cycleOf(double[] starts, long t) {
    int i = Arrays.binarySearch(starts, (double) t);
    return i >= 0 ? Math.min(i, starts.length - 2) : -i - 2;
  }

  /**
   * Starts of growing cycles: cycle i lasts {@code steps * growth^i}, computed by repeated
   * multiplication so that integer growth gives exact integer boundaries. Ends with the first start
   * past {@code Long.MAX_VALUE} (or the end of cycle {@code limit - 1}).
   */
  public static double[] cycleStarts(long steps, double growth, int limit) {
    double[] starts = new double[16];
    int n = 0;
    double start = 0;
    double length = steps;
    starts[n++] = 0;
    while ((limit == 0 || n <= limit) && start < 0x1p63 && n <= MAX_CYCLES) {
      start += length;
      length *= growth;
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, 2 * n);
      }
      starts[n++] = start;
    }
    return Arrays.copyOf(starts, n);
  }
}
