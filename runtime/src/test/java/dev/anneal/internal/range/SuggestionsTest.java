package dev.anneal.internal.range;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  /** fastai's valley, transcribed loop for loop (O(n^2)): the reference for the O(n log n) one. */
  private static int fastaiValley(double[] losses, int from, int to) {
    int n = to - from;
    int maxStart = 0;
    int maxEnd = 0;
    int[] lds = new int[n];
    java.util.Arrays.fill(lds, 1);
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (losses[from + i] < losses[from + j] && lds[i] < lds[j] + 1) {
          lds[i] = lds[j] + 1;
        }
        if (lds[maxEnd] < lds[i]) {
          maxEnd = i;
          maxStart = maxEnd - lds[maxEnd];
        }
      }
    }
    double sections = (maxEnd - maxStart) / 3.0;
    int idx = maxStart + (int) sections + (int) (sections / 2);
    return from + (idx < 0 ? idx + n : idx);
  }

  @Test
  void valleyAgreesWithFastaisLoopOnRandomCurves() {
    Random random = new Random(10);
    for (int n = 0; n < 20_000; n++) {
      int length = 2 + random.nextInt(n < 10_000 ? 12 : 200);
      double[] losses = new double[length + 6];
      int shape = random.nextInt(4);
      for (int i = 0; i < losses.length; i++) {
        losses[i] =
            switch (shape) {
              case 0 -> random.nextInt(4); // many ties
              case 1 -> random.nextDouble();
              case 2 -> 10 - i + random.nextInt(3); // mostly decreasing
              default -> Math.abs(i - losses.length / 2.0) + random.nextGaussian();
            };
      }
      int from = random.nextInt(4);
      int to = from + length;
      assertEquals(
          fastaiValley(losses, from, to),
          Suggestions.valley(losses, from, to),
          () -> java.util.Arrays.toString(losses) + " from " + from + " to " + to);
    }
  }

  @Test
  void valleyOfAMillionPointsIsNotQuadratic() {
    // fastai's loop takes about 1 s for 20,000 points here, so about 45 minutes for 1,000,000.
    double[] losses = new double[1_000_000];
    Random random = new Random(1);
    for (int i = 0; i < losses.length; i++) {
      losses[i] = Math.abs(i - 600_000) * 1e-5 + random.nextDouble();
    }
    int valley =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> Suggestions.valley(losses, 0, losses.length));
    assertTrue(valley >= 0 && valley < losses.length, "valley " + valley);
  }
}
