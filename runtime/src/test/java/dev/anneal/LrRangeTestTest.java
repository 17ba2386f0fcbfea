package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LrRangeTestTest {

  private static void assertMessage(Executable call, String... parts) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + message + "' should contain '" + part + "'");
    }
  }

  @Test
  void badArgumentsNameTheArgumentAndTheValue() {
    assertMessage(() -> LrRangeTest.exponential(-1, 10, 100), "LrRangeTest.start", "-1.0");
    assertMessage(() -> LrRangeTest.exponential(0, 10, 100), "LrRangeTest.start", "0.0");
    assertMessage(() -> LrRangeTest.linear(Double.NaN, 10, 100), "LrRangeTest.start", "NaN");
    assertMessage(
        () -> LrRangeTest.linear(Double.POSITIVE_INFINITY, 10, 100),
        "LrRangeTest.start",
        "Infinity");
    assertMessage(() -> LrRangeTest.exponential(1e-3, 1e-3, 100), "LrRangeTest.end", "0.001");
    assertMessage(() -> LrRangeTest.exponential(1e-3, 1e-4, 100), "LrRangeTest.end", "1.0E-4");
    assertMessage(() -> LrRangeTest.linear(1e-3, Double.NaN, 100), "LrRangeTest.end", "NaN");
    assertMessage(
        () -> LrRangeTest.linear(1e-3, Double.POSITIVE_INFINITY, 100),
        "LrRangeTest.end",
        "Infinity");
    assertMessage(() -> LrRangeTest.exponential(1e-7, 10, 1), "LrRangeTest.steps", "was 1");
    assertMessage(() -> LrRangeTest.linear(1e-7, 10, -3), "LrRangeTest.steps", "was -3");
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
    assertMessage(() -> t.withSmoothing(1.0), "LrRangeTest.smoothing", "1.0");
    assertMessage(() -> t.withSmoothing(-0.1), "LrRangeTest.smoothing", "-0.1");
    assertMessage(() -> t.withSmoothing(Double.NaN), "LrRangeTest.smoothing", "NaN");
    assertMessage(() -> t.withDivergence(1.0), "LrRangeTest.divergence", "1.0");
    assertMessage(() -> t.withDivergence(Double.NaN), "LrRangeTest.divergence", "NaN");
    assertMessage(() -> new LrRangeTest.OneCycleBounds(0), "OneCycleBounds.peak", "0.0");
    assertMessage(() -> new LrRangeTest.OneCycleBounds(Double.NaN), "OneCycleBounds.peak", "NaN");
    assertMessage(() -> new LrRangeTest.CyclicBounds(-1, 1), "CyclicBounds.low", "-1.0");
    assertMessage(() -> new LrRangeTest.CyclicBounds(0.2, 0.1), "CyclicBounds.high", "0.1");
    assertMessage(() -> new LrRangeTest.OneCycleBounds(0.1).declaration(0), "steps", "was 0");
    assertMessage(() -> new LrRangeTest.CyclicBounds(0.1, 0.2).declaration(-5), "up", "was -5");
  }

  @Test
  void defaultsAreFastais() {
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
    assertEquals(0.98, t.smoothing());
    assertEquals(4.0, t.divergence());
    assertTrue(t.isExponential());
    assertFalse(LrRangeTest.linear(1e-7, 10, 100).isExponential());
  }

  @Test
  void sweepsFromStartToEndExactly() {
    for (LrRangeTest t :
        new LrRangeTest[] {
          LrRangeTest.exponential(1e-7, 10, 100),
          LrRangeTest.linear(1e-4, 0.3, 37),
          LrRangeTest.exponential(0.1, 0.7, 7)
        }) {
      double[] lrs = record(t.withDivergence(Double.POSITIVE_INFINITY), constant(t.steps(), 1));
      assertEquals(t.steps(), lrs.length);
      assertEquals(t.start(), lrs[0]);
      assertEquals(t.end(), lrs[lrs.length - 1]);
      for (int i = 1; i < lrs.length; i++) {
        assertTrue(lrs[i] > lrs[i - 1]);
        if (i > 1) {
          // evenly spaced in log-LR (exponential) or in LR (linear)
          double now = t.isExponential() ? Math.log(lrs[i] / lrs[i - 1]) : lrs[i] - lrs[i - 1];
          double was =
              t.isExponential() ? Math.log(lrs[i - 1] / lrs[i - 2]) : lrs[i - 1] - lrs[i - 2];
          assertEquals(was, now, 1e-9 * Math.abs(was));
        }
      }
    }
  }

  /** Feeds {@code feed} until record says stop; returns the LRs lr() gave. */
  private static double[] record(LrRangeTest t, double[] feed) {
    double[] seen = new double[t.steps()];
    int i = 0;
    boolean more = true;
    while (more) {
      seen[i] = t.lr();
      more = t.record(feed[i++]);
    }
    return java.util.Arrays.copyOf(seen, i);
  }

  private static double[] constant(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test
  void sweepToTheEndStopsAtTheLastStep() {
    LrRangeTest t = LrRangeTest.exponential(1e-6, 1, 50);
    for (int i = 0; i < 49; i++) {
      t.lr();
      assertTrue(t.record(2.0 - i * 0.01), "step " + i);
      assertFalse(t.done());
    }
    assertFalse(t.record(1.5));
    assertTrue(t.done());
    assertFalse(t.diverged());
    assertEquals(50, t.recorded());
    assertThrows(IllegalStateException.class, t::lr);
    assertThrows(IllegalStateException.class, () -> t.record(1.0));
  }

  @Test
  void stopsOnceTheSmoothedLossExceedsFourTimesItsMinimum() {
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 500);
    double[] feed = new double[500];
    for (int i = 0; i < feed.length; i++) {
      feed[i] = i < 100 ? 1.0 : 1.0 * Math.exp((i - 100) * 0.05);
    }
    record(t, feed);
    assertTrue(t.done());
    assertTrue(t.diverged());
    int n = t.recorded();
    assertTrue(n > 100 && n < 500, "recorded " + n);
    double[] s = t.smoothed();
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, s[i]);
      if (i < n - 1) {
        assertTrue(s[i] <= 4 * min, "went on past a diverged point " + i);
      } else {
        assertTrue(s[i] > 4 * min, "stopped before diverging");
      }
    }
    assertThrows(IllegalStateException.class, t::lr);
    assertThrows(IllegalStateException.class, () -> t.record(1.0));
  }

  @Test
  void otherDivergenceFactorsAndNone() {
    double[] feed = new double[300];
    for (int i = 0; i < feed.length; i++) {
      feed[i] = Math.exp(i * 0.05);
    }
    LrRangeTest four = LrRangeTest.exponential(1e-7, 10, 300);
    LrRangeTest two = four.withDivergence(2);
    LrRangeTest never = four.withDivergence(Double.POSITIVE_INFINITY);
    record(four, feed);
    record(two, feed);
    record(never, feed);
    assertTrue(two.recorded() < four.recorded());
    assertTrue(two.smoothed()[two.recorded() - 1] > 2 * two.smoothed()[0]);
    assertEquals(300, never.recorded());
    assertFalse(never.diverged());
  }

  @Test
  void withoutSmoothingTheSmoothedLossIsTheLoss() {
    LrRangeTest t = LrRangeTest.linear(1e-4, 1, 40).withSmoothing(0);
    Random r = new Random(42);
    double[] feed = new double[40];
    for (int i = 0; i < feed.length; i++) {
      feed[i] = 1 + r.nextDouble();
    }
    record(t, feed);
    assertEquals(40, t.recorded());
    assertArrayEquals(feed, t.smoothed());
    assertArrayEquals(feed, t.losses());
  }

  @Test
  void aNonFiniteLossStopsWithoutBeingRecorded() {
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
      for (int i = 0; i < 30; i++) {
        assertTrue(t.record(2.0));
      }
      assertFalse(t.record(bad));
      assertTrue(t.done());
      assertTrue(t.diverged());
      assertEquals(30, t.recorded());
      for (double v : t.smoothed()) {
        assertTrue(Double.isFinite(v));
      }
    }
  }

  @Test
  void resultsAreCopies() {
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
    for (int i = 0; i < 60; i++) {
      t.record(3.0 - i * 0.01);
    }
    double[] lrs = t.lrs();
    double[] losses = t.losses();
    double[] smoothed = t.smoothed();
    double[] lrs0 = lrs.clone();
    double[] losses0 = losses.clone();
    double[] smoothed0 = smoothed.clone();
    java.util.Arrays.fill(lrs, -1);
    java.util.Arrays.fill(losses, -1);
    java.util.Arrays.fill(smoothed, -1);
    assertArrayEquals(lrs0, t.lrs());
    assertArrayEquals(losses0, t.losses());
    assertArrayEquals(smoothed0, t.smoothed());
    assertEquals(lrs0[59] * Math.pow(10, 8.0 / 99), t.lr(), 1e-12 * t.lr());
  }

  @Test
  void resetRunsTheSameSweepAgain() {
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
    double[] feed = new double[100];
    Random r = new Random(7);
    for (int i = 0; i < feed.length; i++) {
      feed[i] = 2 + Math.sin(i * 0.1) + 0.1 * r.nextDouble();
    }
    record(t, feed);
    double[] smoothed = t.smoothed();
    double valley = t.valley();
    t.reset();
    assertEquals(0, t.recorded());
    assertFalse(t.done());
    assertEquals(1e-7, t.lr());
    record(t, feed);
    assertArrayEquals(smoothed, t.smoothed());
    assertEquals(valley, t.valley());
  }

  @Test
  void suggestionsNeedTwoPointsAfterSkipping() {
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
    for (int i = 0; i < 16; i++) { // skips 10 first and 5 last: 1 point left
      t.record(2.0 - i * 0.01);
    }
    String m = assertThrows(IllegalStateException.class, t::valley).getMessage();
    assertTrue(m.contains("16 were recorded") && m.contains("first 10"), m);
    assertThrows(IllegalStateException.class, t::steepest);
    assertThrows(IllegalStateException.class, t::steep);
    assertThrows(IllegalStateException.class, t::minimum);
    assertThrows(IllegalStateException.class, t::oneCycle);
    assertThrows(IllegalStateException.class, t::cyclic);
    t.record(1.8);
    double v = t.valley();
    assertTrue(v == t.lrs()[10] || v == t.lrs()[11]);
    t.steepest();
    t.steep();
    t.minimum();
  }

  @Test
  void boundsFollowTheValley() {
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
    for (int i = 0; i < 80; i++) {
      t.record(3.0 - 2.0 / (1 + Math.exp(-(i - 50) * 0.2)));
    }
    assertEquals(t.valley(), t.oneCycle().peak());
    assertEquals(t.valley(), t.cyclic().high());
    assertEquals(t.valley() / 4, t.cyclic().low());
  }

  @Test
  void declarationsRoundToTwoSignificantDigits() {
    // the examples of the documentation
    assertEquals(
        "@OneCycle(peak = 0.12, steps = 1350)",
        new LrRangeTest.OneCycleBounds(0.1234).declaration(1350));
    assertEquals(
        "@Cyclic(low = 0.03, high = 0.12, up = 2000)",
        new LrRangeTest.CyclicBounds(0.12 / 4, 0.1234).declaration(2000));
    Random r = new Random(3);
    // 1.2E-5, 3.0E7, 0.0047, 0.12, 3.0, 45.0, 1200000.0
    java.util.regex.Pattern literal =
        java.util.regex.Pattern.compile(
            "[1-9]\\.[0-9]E-?[0-9]+|0\\.0*[1-9][0-9]?|[1-9][0-9]?\\.[0-9]|[1-9][0-9]*\\.0");
    for (int k = 0; k < 2000; k++) {
      double v = Math.pow(10, -9 + 12 * r.nextDouble());
      LrRangeTest.OneCycleBounds b = new LrRangeTest.OneCycleBounds(v);
      String d = b.declaration(10);
      String text = d.substring("@OneCycle(peak = ".length(), d.indexOf(','));
      assertTrue(literal.matcher(text).matches(), text);
      double parsed = Double.parseDouble(text);
      assertEquals(b.roundedPeak(), parsed, text);
      assertTrue(Math.abs(parsed - v) <= 0.05 * v, v + " -> " + text);
      assertTrue(new java.math.BigDecimal(text).stripTrailingZeros().precision() <= 2, text);
    }
  }

  @Test
  void recordingAllocatesNothing() {
    java.lang.management.ThreadMXBean plain = ManagementFactory.getThreadMXBean();
    assumeTrue(plain instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) plain;
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 1000);
    double[] feed = new double[1000];
    for (int i = 0; i < feed.length; i++) {
      feed[i] = 1 + 1e-3 * i; // never diverges: every sweep records all 1000 points
    }
    double sink = 0;
    for (int k = 0; k < 300; k++) { // warm up the JIT
      sink += sweep(t, feed);
    }
    long least = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 5 && least > 0; attempt++) {
      long before = mx.getCurrentThreadAllocatedBytes();
      for (int k = 0; k < 20; k++) {
        sink += sweep(t, feed);
      }
      least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - before);
    }
    assertTrue(sink > 0);
    // 20 sweeps make 20,000 lr()/record() pairs: one 16-byte object per call would be 320 KB;
    // the bound leaves room for the measuring call itself
    assertTrue(least < 1024, "allocated " + least + " bytes in 20,000 recording steps");
  }

  private static double sweep(LrRangeTest t, double[] feed) {
    t.reset();
    double sum = 0;
    int i = 0;
    while (!t.done()) {
      sum += t.lr();
      t.record(feed[i++]);
    }
    return sum + t.recorded();
  }
}
