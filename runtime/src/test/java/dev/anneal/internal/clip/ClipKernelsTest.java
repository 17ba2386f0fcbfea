package dev.anneal.internal.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every loaded kernel (scalar always, vector when this JVM has the module) against a sequential
 * {@code double} loop, on random data of many lengths and sub-ranges (tails, unaligned starts),
 * with infinities and NaN mixed in.
 */
class ClipKernelsTest {
  private static final int[] LENGTHS = {
    0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 4099, 65537
  };

  @Test
  void vectorKernelsLoadedExactlyWhenExpected() {
    String expect = System.getProperty("anneal.test.expectVector");
    if (expect != null) {
      assertEquals(Boolean.parseBoolean(expect), ClipKernels.vector() != null);
    }
    assertEquals(
        ClipKernels.vector() != null ? ClipKernels.vector() : ClipKernels.scalar(),
        ClipKernels.provider());
  }

  private static List<ClipKernels.Provider> kernels() {
    List<ClipKernels.Provider> ks = new ArrayList<>();
    ks.add(ClipKernels.scalar());
    if (ClipKernels.vector() != null) {
      ks.add(ClipKernels.vector());
    }
    return ks;
  }

  @Test
  void reductionsMatchASequentialLoop() {
    SplittableRandom r = new SplittableRandom(7);
    for (ClipKernels.Provider k : kernels()) {
      for (int n : LENGTHS) {
        for (int trial = 0; trial < 3; trial++) {
          double[] d = random(r, n);
          float[] f = new float[n];
          for (int i = 0; i < n; i++) {
            f[i] = (float) d[i];
          }
          int from = n < 2 ? 0 : r.nextInt(Math.min(n, 9));
          int to = n - (n - from < 2 ? 0 : r.nextInt(Math.min(n - from, 9)));
          double sq = 0;
          double ab = 0;
          double mx = 0;
          double sqf = 0;
          double abf = 0;
          double mxf = 0;
          for (int i = from; i < to; i++) {
            sq += d[i] * d[i];
            ab += Math.abs(d[i]);
            mx = Math.max(mx, Math.abs(d[i]));
            sqf += (double) f[i] * f[i];
            abf += Math.abs((double) f[i]);
            mxf = Math.max(mxf, Math.abs(f[i]));
          }
          String at = k.getClass().getSimpleName() + " n=" + n + " [" + from + ", " + to + ")";
          close(sq, k.sumSquares(d, from, to), at + " sumSquares double");
          close(ab, k.sumAbs(d, from, to), at + " sumAbs double");
          assertEquals(mx, k.maxAbs(d, from, to), at + " maxAbs double");
          close(sqf, k.sumSquares(f, from, to), at + " sumSquares float");
          close(abf, k.sumAbs(f, from, to), at + " sumAbs float");
          assertEquals(mxf, k.maxAbs(f, from, to), at + " maxAbs float");
        }
      }
    }
  }

  @Test
  void nonFiniteElementsPropagateAtAnyPosition() {
    for (ClipKernels.Provider k : kernels()) {
      for (int n : new int[] {1, 5, 17, 33, 70}) {
        for (int at = 0; at < n; at += Math.max(1, n / 7)) {
          double[] d = new double[n];
          float[] f = new float[n];
          java.util.Arrays.fill(d, 0.5);
          java.util.Arrays.fill(f, 0.5f);
          d[at] = Double.NaN;
          f[at] = Float.NaN;
          String w = k.getClass().getSimpleName() + " n=" + n + " NaN at " + at;
          assertTrue(Double.isNaN(k.sumSquares(d, 0, n)), w);
          assertTrue(Double.isNaN(k.sumAbs(f, 0, n)), w);
          assertTrue(Double.isNaN(k.maxAbs(d, 0, n)), w);
          assertTrue(Double.isNaN(k.maxAbs(f, 0, n)), w);
          d[at] = Double.NEGATIVE_INFINITY;
          f[at] = Float.NEGATIVE_INFINITY;
          assertEquals(Double.POSITIVE_INFINITY, k.sumSquares(f, 0, n), w);
          assertEquals(Double.POSITIVE_INFINITY, k.sumAbs(d, 0, n), w);
          assertEquals(Double.POSITIVE_INFINITY, k.maxAbs(f, 0, n), w);
          assertEquals(Double.POSITIVE_INFINITY, k.maxAbs(d, 0, n), w);
        }
      }
    }
  }

  @Test
  void scaleAndClampAreExactAndStayInRange() {
    SplittableRandom r = new SplittableRandom(11);
    for (ClipKernels.Provider k : kernels()) {
      for (int n : LENGTHS) {
        double[] d = random(r, n);
        if (n > 3) {
          d[1] = Double.NaN;
          d[2] = Double.POSITIVE_INFINITY;
          d[n - 1] = Double.NEGATIVE_INFINITY;
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
          f[i] = (float) d[i];
        }
        int from = n / 3;
        int to = n - n / 5;
        double s = 0.3 + r.nextDouble();
        double m = 0.01 + r.nextDouble() / 10;
        float mf = (float) m;
        double[] ds = d.clone();
        float[] fs = f.clone();
        k.scale(ds, from, to, s);
        k.scale(fs, from, to, s);
        double[] dc = d.clone();
        float[] fc = f.clone();
        k.clamp(dc, from, to, m);
        k.clamp(fc, from, to, mf);
        String w = k.getClass().getSimpleName() + " n=" + n;
        for (int i = 0; i < n; i++) {
          boolean in = i >= from && i < to;
          assertEquals(in ? d[i] * s : d[i], ds[i], w + " scale double " + i);
          assertEquals(in ? (float) (f[i] * s) : f[i], fs[i], w + " scale float " + i);
          assertEquals(in ? Math.min(m, Math.max(-m, d[i])) : d[i], dc[i], w + " clamp " + i);
          assertEquals(in ? Math.min(mf, Math.max(-mf, f[i])) : f[i], fc[i], w + " clampf " + i);
        }
      }
    }
  }

  /** Magnitudes spread over many decades, both signs, some exact zeros. */
  private static double[] random(SplittableRandom r, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = r.nextInt(10) == 0 ? 0 : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-6, 7));
    }
    return d;
  }

  /** Sums of non-negative terms in another order: within a few ulps per term, 1e-13 relative. */
  private static void close(double expected, double actual, String what) {
    double err = expected == 0 ? Math.abs(actual) : Math.abs(actual - expected) / expected;
    if (!(err <= 1e-13)) {
      fail(what + ": expected " + expected + ", was " + actual);
    }
  }
}
