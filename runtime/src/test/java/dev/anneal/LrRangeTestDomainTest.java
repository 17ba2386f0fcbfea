package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The domain of {@link LrRangeTest}: which sweeps are accepted, and what every accepted one is. */
class LrRangeTestDomainTest {

  private static String rejected(Supplier<LrRangeTest> create) {
    return assertThrows(IllegalArgumentException.class, create::get).getMessage();
  }

  @Test
  void tooFewStepsForASuggestionAreRejectedNamingTheMinimum() {
    for (int steps = 2; steps < LrRangeTest.MIN_STEPS; steps++) {
      int s = steps;
      String message = rejected(() -> LrRangeTest.exponential(1e-7, 10, s));
      assertTrue(message.contains("LrRangeTest.steps must be in [7, 1000000]"), message);
      assertTrue(message.endsWith("was " + s), message);
      assertTrue(rejected(() -> LrRangeTest.linear(1e-7, 10, s)).endsWith("was " + s));
    }
    // the least accepted number of steps gives a suggestion once swept to the end
    LrRangeTest t =
        LrRangeTest.exponential(1e-3, 1, LrRangeTest.MIN_STEPS).withDivergence(Double.MAX_VALUE);
    double loss = 10;
    while (t.record(loss)) {
      loss *= 0.5;
    }
    assertEquals(LrRangeTest.MIN_STEPS, t.recorded());
    assertTrue(t.valley() > 0 && t.steepest() > 0 && t.steep() > 0 && t.minimum() > 0);
  }

  @Test
  void tooManyStepsAreAnIllegalArgumentNotAnOutOfMemoryError() {
    for (int steps : new int[] {LrRangeTest.MAX_STEPS + 1, Integer.MAX_VALUE}) {
      String message = rejected(() -> LrRangeTest.exponential(1e-7, 10, steps));
      assertTrue(message.contains("[7, 1000000]") && message.endsWith("was " + steps), message);
      assertTrue(rejected(() -> LrRangeTest.linear(1e-7, 10, steps)).endsWith("was " + steps));
    }
    assertEquals(LrRangeTest.MAX_STEPS, LrRangeTest.linear(1, 2, LrRangeTest.MAX_STEPS).steps());
  }

  /** Every LR of every accepted sweep: finite, within [start, end], non-decreasing, exact ends. */
  private static void assertSweep(LrRangeTest t) {
    LrRangeTest all = t.withDivergence(Double.POSITIVE_INFINITY);
    while (all.record(1)) {
      // sweep to the end
    }
    double[] lrs = all.lrs();
    String where = t.toString();
    assertEquals(t.steps(), lrs.length, where);
    assertEquals(t.start(), lrs[0], where);
    assertEquals(t.end(), lrs[lrs.length - 1], where);
    for (int i = 0; i < lrs.length; i++) {
      double lr = lrs[i];
      int at = i;
      assertTrue(
          Double.isFinite(lr) && lr >= t.start() && lr <= t.end(),
          () -> where + ": step " + at + " has LR " + lr);
      if (i > 0) {
        assertTrue(lr >= lrs[i - 1], () -> where + ": step " + at + " goes down to " + lr);
      }
    }
  }

  @Test
  void sweepsWiderThanTheDoubleRangeStayFiniteAndExactAtBothEnds() {
    assertSweep(LrRangeTest.exponential(1e-300, 1e10, 100));
    assertSweep(LrRangeTest.exponential(Double.MIN_VALUE, 1, 100));
    assertSweep(LrRangeTest.exponential(Double.MIN_VALUE, Double.MAX_VALUE, 100));
    assertSweep(LrRangeTest.linear(Double.MIN_VALUE, Double.MAX_VALUE, 100));
    assertSweep(LrRangeTest.exponential(Math.nextDown(Double.MAX_VALUE), Double.MAX_VALUE, 100));
    assertSweep(LrRangeTest.exponential(1, Math.nextUp(1.0), 1000));
    // evenly spaced in log-LR even where end / start overflows
    double[] lrs = sweep(LrRangeTest.exponential(1e-300, 1e10, 32));
    for (int i = 1; i < lrs.length; i++) {
      assertEquals(310.0 / 31, Math.log10(lrs[i] / lrs[i - 1]), 1e-9, "step " + i);
    }
  }

  private static double[] sweep(LrRangeTest t) {
    LrRangeTest all = t.withDivergence(Double.POSITIVE_INFINITY);
    while (all.record(1)) {
      // sweep to the end
    }
    return all.lrs();
  }

  /** Starts and ends drawn over the whole positive double range, subnormals and extremes. */
  @Test
  void everySweepOverExtremeStartsAndEndsIsFinite() {
    Random random = new Random(18);
    double[] extremes = {
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Math.nextUp(Double.MIN_VALUE),
      1e-300,
      1e-7,
      1,
      10,
      1e10,
      1e300,
      Math.nextDown(Double.MAX_VALUE),
      Double.MAX_VALUE
    };
    for (int n = 0; n < 3_000; n++) {
      double a = random.nextInt(3) == 0 ? extremes[random.nextInt(extremes.length)] : any(random);
      double b = random.nextInt(3) == 0 ? extremes[random.nextInt(extremes.length)] : any(random);
      if (a == b) {
        continue;
      }
      double start = Math.min(a, b);
      double end = Math.max(a, b);
      int steps = LrRangeTest.MIN_STEPS + random.nextInt(300);
      assertSweep(LrRangeTest.exponential(start, end, steps));
      assertSweep(LrRangeTest.linear(start, end, steps));
    }
  }

  /** A positive finite double with a uniformly drawn bit pattern (subnormals included). */
  private static double any(Random random) {
    double d;
    do {
      d = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
    } while (!(d > 0) || d == Double.POSITIVE_INFINITY);
    return d;
  }

  @Test
  void theSweepOfOrdinaryRangesIsUnchanged() {
    // the pytorch-lr-finder formula, as the golden vectors were computed
    LrRangeTest t = LrRangeTest.exponential(1e-7, 10, 100);
    double[] lrs = sweep(t);
    for (int i = 0; i < 99; i++) {
      assertEquals(1e-7 * Math.pow(10 / 1e-7, i / 99.0), lrs[i], "step " + i);
    }
    assertEquals(10, lrs[99]);
    assertEquals(Arrays.toString(lrs), Arrays.toString(sweep(t)));
  }

  @Test
  void declarationsWriteStepCountsAsToStringDoes() {
    assertEquals(
        "@OneCycle(peak = 0.12, steps = 20_000)",
        new LrRangeTest.OneCycleBounds(0.12).declaration(20_000));
    assertEquals(
        "@Cyclic(low = 0.03, high = 0.12, up = 3_000_000_000L)",
        new LrRangeTest.CyclicBounds(0.03, 0.12).declaration(3_000_000_000L));
    String schedule =
        Schedules.parse(new LrRangeTest.OneCycleBounds(0.12).declaration(20_000)).toString();
    assertTrue(schedule.contains("steps = 20_000"), schedule);
  }

  /**
   * Every declaration a range test suggests parses; one that could not is refused with the rule.
   */
  @Test
  void suggestedDeclarationsParseOrAreRefusedWithTheRule() {
    LrRangeTest.OneCycleBounds bounds = new LrRangeTest.OneCycleBounds(0.12);
    for (long steps = 1; steps <= 40; steps++) {
      String text;
      try {
        text = bounds.declaration(steps);
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().contains("is no schedule: @OneCycle."), e.getMessage());
        continue;
      }
      assertEquals(text, Schedules.parse(text).toString());
    }
    for (long up = 1; up <= 40; up++) {
      String text = new LrRangeTest.CyclicBounds(0.03, 0.12).declaration(up);
      assertEquals(text, Schedules.parse(text).toString());
    }
  }
}
