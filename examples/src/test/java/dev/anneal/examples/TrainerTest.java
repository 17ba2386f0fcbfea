package dev.anneal.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.LrSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training loop uses exactly the generated schedules, per iteration, and repeats itself. */
class TrainerTest {
  static final Dataset.Split DIGITS = Digits.load();
  static final DemoSchedules SCHEDULES = new DemoSchedulesImpl();

  static Trainer.Config config(String id) {
    return Main.configs().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  static Trainer trainer(int epochs) {
    return new Trainer(DIGITS, epochs, DemoSchedules.BATCH_SIZE, DemoSchedules.TOTAL_STEPS, 1);
  }

  @Test
  void defaultBudgetIsTheDeclaredOne() {
    assertEquals(1_437, DIGITS.train().size());
    assertEquals(360, DIGITS.test().size());
    assertEquals(45, trainer(DemoSchedules.EPOCHS).stepsPerEpoch());
    assertEquals(DemoSchedules.TOTAL_STEPS, trainer(DemoSchedules.EPOCHS).iterations());
  }

  @Test
  void everyIterationUsesTheGeneratedScheduleAtThatStep() {
    // Default budget: iteration i is schedule step i.
    for (String id : List.of("one-cycle", "cyclic", "wsd")) {
      Trainer.Run run = trainer(DemoSchedules.EPOCHS).run(config(id), 1, ProgressBar.silent());
      LrSchedule expected = switch (id) {
        case "one-cycle" -> SCHEDULES.oneCycle();
        case "cyclic" -> SCHEDULES.cyclic();
        default -> SCHEDULES.warmupStableDecay();
      };
      double[] used = run.lr()[Mlp.OUTPUT_LAYER];
      assertEquals(DemoSchedules.TOTAL_STEPS, used.length);
      for (int step = 0; step < used.length; step++) {
        assertEquals(expected.at(step), used[step], id + " at step " + step);
        assertEquals(used[step], run.lr()[Mlp.HIDDEN_LAYER][step], "one rate for both layers");
      }
      assertTrue(run.testAccuracy() > 0.9, id + ": " + run.testAccuracy());
    }
    // Spot checks against the declaration itself, so a wrong schedule cannot agree with itself.
    Trainer.Run wsd = trainer(DemoSchedules.EPOCHS).run(config("wsd"), 1, ProgressBar.silent());
    double[] lr = wsd.lr()[Mlp.OUTPUT_LAYER];
    assertEquals(0, lr[0]);
    assertEquals(DemoSchedules.PEAK / 2, lr[(int) DemoSchedules.WARMUP_STEPS / 2], 1e-15);
    assertEquals(DemoSchedules.PEAK, lr[600]);
    assertTrue(lr[1349] < 0.01 * DemoSchedules.PEAK, "cooled down: " + lr[1349]);
  }

  @Test
  void otherBudgetsStretchTheSchedule() {
    Trainer short2 = trainer(2); // 90 iterations over 1,350 schedule steps
    Trainer.Run run = short2.run(config("warmup-cosine"), 1, ProgressBar.silent());
    double[] used = run.lr()[Mlp.OUTPUT_LAYER];
    assertEquals(90, used.length);
    for (int i = 0; i < used.length; i++) {
      assertEquals(SCHEDULES.cosine().at(i * 1350L / 90), used[i], "iteration " + i);
    }
    assertEquals(15 * 89L, short2.scheduleStep(89));
    assertEquals(DemoSchedules.PEAK, used[6], 1e-15, "warm-up ends at schedule step 90 = iteration 6");
  }

  @Test
  void layerWiseGroupsScaleAndDelayTheHiddenLayer() {
    Trainer.Config layerwise = config("cosine-layerwise");
    Trainer.Run run = trainer(DemoSchedules.EPOCHS).run(layerwise, 1, ProgressBar.silent());
    LrSchedule cosine = SCHEDULES.cosine();
    long delay = Main.HIDDEN_UNFREEZE_STEP;
    for (int step = 0; step < DemoSchedules.TOTAL_STEPS; step++) {
      double output = run.lr()[Mlp.OUTPUT_LAYER][step];
      double hidden = run.lr()[Mlp.HIDDEN_LAYER][step];
      assertEquals(cosine.at(step), output, 1e-12 * DemoSchedules.PEAK, "output at " + step);
      double expected = step < delay ? 0 : Main.HIDDEN_SCALE * cosine.at(step - delay);
      assertEquals(expected, hidden, 1e-12 * DemoSchedules.PEAK, "hidden at " + step);
    }
    assertEquals(0, run.lr()[Mlp.HIDDEN_LAYER][(int) delay - 1], "frozen until its delay");
    assertTrue(run.lr()[Mlp.HIDDEN_LAYER][(int) delay + 10] > 0, "unfrozen after");
    assertTrue(run.testAccuracy() > 0.9, "accuracy " + run.testAccuracy());
  }

  @Test
  void sameSeedSameResultDifferentSeedDifferentResult() {
    Trainer t = trainer(2);
    Trainer.Run a = t.run(config("step-decay"), 7, ProgressBar.silent());
    Trainer.Run b = t.run(config("step-decay"), 7, ProgressBar.silent());
    Trainer.Run c = t.run(config("step-decay"), 8, ProgressBar.silent());
    assertArrayEquals(a.epochLoss(), b.epochLoss());
    assertEquals(a.testAccuracy(), b.testAccuracy());
    assertTrue(a.epochLoss()[1] != c.epochLoss()[1]);
  }
}
