package dev.anneal.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anneal.CyclicMode;
import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.Schedules;
import dev.anneal.internal.compose.ComposedSchedule;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The three composites: semantics, lengths, text round trips, allocation-free {@code at}. */
class CompositeScheduleTest {
  private static final LrSchedule WARM = Schedules.linear(0.005, 0.05, 10).build();
  private static final LrSchedule DECAY = Schedules.exponential(0.05, 0.95).build();
  private static final LrSchedule COSINE = Schedules.cosine(0.1, 100).build();
  private static final LrSchedule ONE_CYCLE = Schedules.oneCycle(0.1, 100).build();
  private static final LrSchedule CYCLIC =
      Schedules.cyclic(0.001, 0.01, 25).down(10).mode(CyclicMode.EXP_RANGE).gamma(0.995).build();

  private static long length(LrSchedule s) {
    return ((ComposedSchedule) s).length();
  }

  @Test
  void sequenceIsEachPartAtItsRebasedStep() {
    LrSchedule cut = Schedules.linear(0.1, 0.0, 50).build(); // cut at 20, before its end
    LrSchedule held = Schedules.linear(0.2, 0.05, 10).build(); // ends at 10 of its 30 steps
    LrSchedule[] parts = {cut, held, COSINE, DECAY};
    long[] b = {20, 50, 200};
    LrSchedule s = Schedules.sequence(b, parts);
    Random r = new Random(7);
    for (int k = 0; k < 5000; k++) {
      long step = k < 300 ? k : Math.abs(r.nextLong() >> r.nextInt(64));
      int i = step < 20 ? 0 : step < 50 ? 1 : step < 200 ? 2 : 3;
      long start = i == 0 ? 0 : b[i - 1];
      assertEquals(parts[i].at(step - start), s.at(step), 0, "step " + step);
    }
    assertEquals(0.05, s.at(45), 0); // the second part held its end value
    assertEquals(0.1, s.at(50), 0); // the cosine starts at its own step 0
  }

  @Test
  void productMultipliesLeftToRight() {
    LrSchedule a = Schedules.constant(0.05).build();
    LrSchedule b = Schedules.linear(0.1, 1.0, 10).build();
    LrSchedule c = Schedules.stepDecay(1.0, 0.5, 15).build();
    LrSchedule s = Schedules.product(a, b, c);
    for (long step = 0; step < 2000; step++) {
      assertEquals(a.at(step) * b.at(step) * c.at(step), s.at(step), 0, "step " + step);
    }
  }

  @Test
  void cycleMomentumHoldsItsLastValueAfterTheCycle() {
    LrSchedule m = Schedules.cycleMomentum(ONE_CYCLE);
    assertEquals(0.95, m.at(0), 0);
    assertEquals(0.95, m.at(99), 0); // cos anneal returns its end at p = 1 exactly
    assertEquals(m.at(99), m.at(100), 0);
    assertEquals(m.at(99), m.at(Long.MAX_VALUE), 0);
    double lowest = 1;
    for (long t = 0; t < 100; t++) {
      lowest = Math.min(lowest, m.at(t));
    }
    assertEquals(0.85, lowest, 1e-15); // base at the LR's peak
    // against a cyclic LR: max at every cycle start, opposite to the LR
    LrSchedule c = Schedules.cycleMomentum(CYCLIC, 0.7, 0.95);
    assertEquals(0.95, c.at(0), 0);
    assertEquals(0.95, c.at(35), 0);
    assertTrue(c.at(25) < c.at(24) && CYCLIC.at(25) > CYCLIC.at(24));
  }

  @Test
  void lengths() {
    assertEquals(-1, length(Schedules.sequence(new long[] {50}, COSINE, DECAY)));
    assertEquals(150, length(Schedules.sequence(new long[] {50}, DECAY, COSINE)));
    assertEquals(100, length(Schedules.product(COSINE, WARM)));
    assertEquals(-1, length(Schedules.product(COSINE, DECAY)));
    assertEquals(100, length(Schedules.cycleMomentum(ONE_CYCLE)));
    assertEquals(-1, length(Schedules.cycleMomentum(CYCLIC)));
    LrSchedule warmCosine = Schedules.cosine(0.1, 100).warmup(20).cooldown(30).build();
    assertEquals(30 + 150, length(Schedules.sequence(new long[] {30}, DECAY, warmCosine)));
    assertEquals(
        30 + 150,
        length(Schedules.sequence(new long[] {30}, DECAY, Schedules.product(warmCosine, WARM))));
  }

  @Test
  void negativeStepsThrowWithTheValue() {
    for (LrSchedule s :
        List.of(
            Schedules.sequence(new long[] {10}, WARM, DECAY),
            Schedules.product(WARM, DECAY),
            Schedules.cycleMomentum(ONE_CYCLE),
            Schedules.cycleMomentum(CYCLIC))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.at(-3));
      assertTrue(e.getMessage().contains("-3"), e.getMessage());
    }
  }

  @Test
  void toStringNamesThePartsAndReadsBack() {
    LrSchedule s = Schedules.sequence(new long[] {10}, WARM, DECAY);
    assertEquals(
        "s0: @Linear(from = 0.005, to = 0.05, steps = 10); s1: @Exponential(from = 0.05,"
            + " rate = 0.95); s2: @Sequence(schedules = {\"s0\", \"s1\"}, boundaries = {10})",
        s.toString());
    LrSchedule shared = Schedules.product(WARM, WARM);
    assertEquals(
        "s0: @Linear(from = 0.005, to = 0.05, steps = 10); s1: @Product(schedules ="
            + " {\"s0\", \"s0\"})",
        shared.toString());
    assertEquals(
        "s0: @OneCycle(peak = 0.1, steps = 100); s1: @CycleMomentum(of = \"s0\", base ="
            + " 0.8, max = 0.9)",
        Schedules.cycleMomentum(ONE_CYCLE, 0.8, 0.9).toString());
    LrSchedule nested =
        Schedules.product(
            Schedules.sequence(new long[] {5, 60}, WARM, Schedules.cycleMomentum(ONE_CYCLE), DECAY),
            Schedules.sequence(new long[] {7}, COSINE, Schedules.product(CYCLIC, WARM)),
            WARM);
    for (LrSchedule x : List.of(s, shared, nested, Schedules.cycleMomentum(CYCLIC, 0.7, 0.95))) {
      LrSchedule back = Schedules.parseNamed(x.toString());
      assertEquals(x, back);
      assertEquals(x.hashCode(), back.hashCode());
      assertEquals(x.toString(), back.toString());
      for (long step = 0; step < 400; step++) {
        assertEquals(x.at(step), back.at(step), 0, x + " at " + step);
      }
      // the same entries one per line, in another order, read by name
      Map<String, String> named = new LinkedHashMap<>();
      String last = null;
      for (String entry : x.toString().split("; ")) {
        int colon = entry.indexOf(':');
        named.put(entry.substring(0, colon), entry.substring(colon + 2));
        last = entry.substring(0, colon);
      }
      Map<String, String> reversed = new LinkedHashMap<>();
      List<String> keys = new java.util.ArrayList<>(named.keySet());
      java.util.Collections.reverse(keys);
      keys.forEach(k -> reversed.put(k, named.get(k)));
      assertEquals(x, Schedules.parse(reversed, last));
    }
    assertNotEquals(s, Schedules.sequence(new long[] {11}, WARM, DECAY));
    // a plain schedule's toString reads back through the named form too
    assertEquals(COSINE, Schedules.parseNamed(COSINE.toString()));
    // a plain entry by name is the builder's plain schedule
    assertEquals(COSINE, Schedules.parse(Map.of("lr", COSINE.toString()), "lr"));
  }

  @Test
  void aThousandParts() {
    int n = 1000;
    LrSchedule[] parts = new LrSchedule[n];
    long[] b = new long[n - 1];
    Map<String, String> named = new LinkedHashMap<>();
    StringBuilder names = new StringBuilder();
    StringBuilder bounds = new StringBuilder();
    for (int i = 0; i < n; i++) {
      parts[i] = Schedules.linear(i + 1, i + 2, 10).build();
      named.put("p" + i, parts[i].toString());
      names.append(i > 0 ? ", " : "").append("\"p").append(i).append('"');
      if (i > 0) {
        b[i - 1] = 7L * i;
        bounds.append(i > 1 ? ", " : "").append(7L * i);
      }
    }
    LrSchedule built = Schedules.sequence(b, parts);
    named.put("lr", "@Sequence(schedules = {" + names + "}, boundaries = {" + bounds + "})");
    LrSchedule parsed = Schedules.parse(named, "lr");
    assertEquals(built, parsed);
    for (long step = 0; step < 7L * n + 50; step++) {
      int i = (int) Math.min(step / 7, n - 1);
      double expected = parts[i].at(step - 7L * i);
      assertEquals(expected, built.at(step), 0, "step " + step);
      assertEquals(expected, parsed.at(step), 0, "step " + step);
    }
    assertEquals(7L * (n - 1) + 10, length(built));

    LrSchedule factor = Schedules.constant(1.001).build();
    LrSchedule[] factors = new LrSchedule[n];
    java.util.Arrays.fill(factors, factor);
    LrSchedule product = Schedules.product(factors);
    assertEquals(Math.pow(1.001, n), product.at(12_345), 1e-12 * Math.pow(1.001, n));
  }

  @Test
  void fillsAreTheDefaultLoopsOverAt() {
    LrSchedule s =
        Schedules.product(
            Schedules.sequence(new long[] {10}, WARM, DECAY), Schedules.cycleMomentum(ONE_CYCLE));
    long[] steps = {0, 3, 9, 10, 11, 99, 100, 5000};
    double[] out = new double[steps.length];
    float[] outF = new float[steps.length];
    s.fill(steps, out);
    s.fill(steps, outF);
    for (int i = 0; i < steps.length; i++) {
      assertEquals(s.at(steps[i]), out[i], 0);
      assertEquals((float) s.at(steps[i]), outF[i], 0);
    }
    ParamGroups groups = ParamGroups.of(new double[] {1.0, 0.5}, new long[] {0, 20});
    double[] g = new double[2];
    s.fill(30, groups, g);
    assertEquals(s.at(30), g[0], 0);
    assertEquals(0.5 * s.at(10), g[1], 0);
  }

  @Test
  void atAllocatesNothing() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    LrSchedule[] many = new LrSchedule[40];
    long[] b = new long[many.length - 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = i % 2 == 0 ? WARM : COSINE;
      if (i > 0) {
        b[i - 1] = 50L * i;
      }
    }
    List<LrSchedule> schedules =
        List.of(
            Schedules.sequence(new long[] {10}, WARM, DECAY),
            Schedules.sequence(b, many), // binary search
            Schedules.product(WARM, COSINE, DECAY),
            Schedules.cycleMomentum(ONE_CYCLE),
            Schedules.cycleMomentum(CYCLIC),
            Schedules.product(
                Schedules.sequence(new long[] {30}, ONE_CYCLE, COSINE),
                Schedules.cycleMomentum(ONE_CYCLE)));
    double sink = 0;
    for (int k = 0; k < 200; k++) { // warm up the JIT
      sink += sweep(schedules);
    }
    long least = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 5 && least > 0; attempt++) {
      long before = mx.getCurrentThreadAllocatedBytes();
      for (int k = 0; k < 20; k++) {
        sink += sweep(schedules);
      }
      least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - before);
    }
    assertTrue(sink > 0);
    // 20 sweeps make 20 x 6 x 2,500 = 300,000 calls: one 16-byte object per call would be 4.8 MB;
    // the bound leaves room for the measuring call itself
    assertTrue(least < 1024, "allocated " + least + " bytes in 300,000 calls of at");
  }

  private static double sweep(List<LrSchedule> schedules) {
    double sum = 0;
    for (LrSchedule s : schedules) {
      for (long step = 0; step < 2500; step++) {
        sum += s.at(step);
      }
    }
    return sum;
  }
}
