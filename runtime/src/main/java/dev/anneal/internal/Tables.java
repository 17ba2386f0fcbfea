package dev.anneal.internal;

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

  /**
   * A {@code long[]} written into generated code as text: the values in base 36, separated by
   * commas, split over several strings (a class file's string constants hold at most 65,535 bytes).
   */
  public static long[] longs(String... chunks) {
    String all = String.join("", chunks);
    if (all.isEmpty()) {
      return new long[0];
    }
    String[] parts = all.split(",", -1);
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Long.parseLong(parts[i], 36);
    }
    return values;
  }

  /** A {@code double[]} written as {@link #longs} of its bits: exact, whatever the value. */
  public static double[] doubles(String... chunks) {
    long[] bits = longs(chunks);
    double[] values = new double[bits.length];
    for (int i = 0; i < bits.length; i++) {
      values[i] = Double.longBitsToDouble(bits[i]);
    }
    return values;
  }

  /** The text {@link #longs} reads back, in chunks of at most {@code chunk} characters. */
  public static java.util.List<String> encode(long[] values, int chunk) {
    java.util.List<String> chunks = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String v = Long.toString(values[i], 36) + (i + 1 < values.length ? "," : "");
      if (current.length() + v.length() > chunk) {
        chunks.add(current.toString());
        current.setLength(0);
      }
      current.append(v);
    }
    chunks.add(current.toString());
    return chunks;
  }

  /** The text {@link #doubles} reads back. */
  public static java.util.List<String> encode(double[] values, int chunk) {
    long[] bits = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Double.doubleToRawLongBits(values[i]);
    }
    return encode(bits, chunk);
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
