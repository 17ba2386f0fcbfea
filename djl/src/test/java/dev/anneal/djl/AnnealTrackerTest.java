package dev.anneal.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;
import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import org.junit.jupiter.api.Test;

/** The tracker alone: plain Java, no engine or native library involved. */
class AnnealTrackerTest {
  private static final double PEAK = 0.3;
  private static final long WARMUP_STEPS = 72;
  private static final long TOTAL_STEPS = 540;
  private static final LrSchedule COSINE =
      Schedules.cosine(PEAK, TOTAL_STEPS - WARMUP_STEPS).warmup(WARMUP_STEPS).build();

  @Test
  void updateNGetsStepNMinusOne() {
    Tracker tracker = new AnnealTracker(COSINE);
    for (int n = 1; n <= TOTAL_STEPS + 10; n++) {
      float expected = (float) COSINE.at(n - 1);
      assertEquals(expected, tracker.getNewValue(n), "numUpdate " + n);
      assertEquals(expected, tracker.getNewValue("0.weight", n), "numUpdate " + n);
    }
  }

  @Test
  void firstUpdateIsStepZeroAndWarmupStartsThere() {
    Tracker tracker = new AnnealTracker(COSINE);
    assertEquals(
        0f, tracker.getNewValue(1)); // warm-up from 0, as in PyTorch's first optimizer.step()
    assertEquals((float) PEAK, tracker.getNewValue((int) WARMUP_STEPS + 1));
    assertEquals(0f, tracker.getNewValue((int) TOTAL_STEPS + 1)); // cosine has reached `to`
  }

  @Test
  void nonPositiveUpdatesReadAsStepZero() {
    LrSchedule constant = Schedules.constant(PEAK).build();
    Tracker tracker = new AnnealTracker(constant);
    assertEquals((float) PEAK, tracker.getNewValue(0));
    assertEquals((float) PEAK, tracker.getNewValue(-5));
    assertEquals((float) PEAK, tracker.getNewValue(Integer.MAX_VALUE));
  }

  @Test
  void exposesItsScheduleAndRejectsNull() {
    assertSame(COSINE, new AnnealTracker(COSINE).schedule());
    assertThrows(NullPointerException.class, () -> new AnnealTracker(null));
  }
}
