package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepsTest {
  /** The same bits as the cast, at both edges of the exact range and past them. */
  @ParameterizedTest
  @ValueSource(
      longs = {
        0,
        1,
        2,
        3,
        1000,
        (1L << 31) - 1,
        1L << 31,
        (1L << 52) - 2,
        (1L << 52) - 1,
        1L << 52,
        (1L << 52) + 1,
        (1L << 53) + 1,
        (1L << 62) + 12345,
        Long.MAX_VALUE,
        -1,
        -2,
        -(1L << 52),
        Long.MIN_VALUE
      })
  void toDoubleIsTheCast(long n) {
    assertEquals(
        Double.doubleToRawLongBits((double) n),
        Double.doubleToRawLongBits(Steps.toDouble(n)),
        "n = " + n);
  }

  @Test
  void toDoubleIsTheCastAcrossMagnitudes() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 1_000_000; i++) {
      long n = random.nextLong() >>> random.nextInt(64);
      assertEquals(
          Double.doubleToRawLongBits((double) n),
          Double.doubleToRawLongBits(Steps.toDouble(n)),
          "n = " + n);
    }
  }

  @Test
  void negativeNamesTheStep() {
    assertEquals("step must be >= 0, was -3", Steps.negative(-3).getMessage());
  }
}
