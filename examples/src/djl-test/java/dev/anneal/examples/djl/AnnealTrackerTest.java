package dev.anneal.examples.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;
import dev.anneal.LrSchedule;
import dev.anneal.examples.DemoSchedules;
import dev.anneal.examples.DemoSchedulesImpl;
import org.junit.jupiter.api.Test;

/** The tracker alone: plain Java, no engine or native library involved. */
class AnnealTrackerTest {
  private static final LrSchedule COSINE = new DemoSchedulesImpl().cosine();

  @Test
  void updateNGetsStepNMinusOne() {
    Tracker tracker = new AnnealTracker(COSINE);
    for (int n = 1; n <= DemoSchedules.TOTAL_STEPS + 10; n++) {
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
    assertEquals(
        (float) DemoSchedules.PEAK, tracker.getNewValue((int) DemoSchedules.WARMUP_STEPS + 1));
    assertEquals(
        0f, tracker.getNewValue((int) DemoSchedules.TOTAL_STEPS + 1)); // cosine has reached `to`
  }

  @Test
  void nonPositiveUpdatesReadAsStepZero() {
    LrSchedule constant = new DemoSchedulesImpl().constant();
    Tracker tracker = new AnnealTracker(constant);
    assertEquals((float) DemoSchedules.PEAK, tracker.getNewValue(0));
    assertEquals((float) DemoSchedules.PEAK, tracker.getNewValue(-5));
    assertEquals((float) DemoSchedules.PEAK, tracker.getNewValue(Integer.MAX_VALUE));
  }

  @Test
  void exposesItsScheduleAndRejectsNull() {
    assertSame(COSINE, new AnnealTracker(COSINE).schedule());
    assertThrows(NullPointerException.class, () -> new AnnealTracker(null));
  }
}
