package dev.anneal.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.LrSchedule;
import java.util.Arrays;
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
    assertEquals(1_152, DIGITS.train().size());
    assertEquals(285, DIGITS.validation().size());
    assertEquals(360, DIGITS.test().size());
    assertEquals(36, trainer(DemoSchedules.EPOCHS).stepsPerEpoch());
    assertEquals(DemoSchedules.TOTAL_STEPS, trainer(DemoSchedules.EPOCHS).iterations());
  }

  @Test
  void everyIterationUsesTheGeneratedScheduleAtThatStep() {
    // Default budget: iteration i is schedule step i.
    for (String id : List.of("one-cycle", "cyclic", "wsd")) {
      Trainer.Run run = trainer(DemoSchedules.EPOCHS).run(config(id), 1, ProgressBar.silent());
      LrSchedule expected =
          switch (id) {
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
      assertEquals(List.of(), run.cuts());
      assertEquals(0, run.stoppedEpoch());
    }
    // Spot checks against the declaration itself, so a wrong schedule cannot agree with itself.
    Trainer.Run wsd = trainer(DemoSchedules.EPOCHS).run(config("wsd"), 1, ProgressBar.silent());
    double[] lr = wsd.lr()[Mlp.OUTPUT_LAYER];
    assertEquals(0, lr[0]);
    assertEquals(DemoSchedules.PEAK / 2, lr[(int) DemoSchedules.WARMUP_STEPS / 2], 1e-15);
    assertEquals(DemoSchedules.PEAK, lr[300]);
    assertTrue(lr[539] < 0.01 * DemoSchedules.PEAK, "cooled down: " + lr[539]);
  }

  @Test
  void otherBudgetsStretchTheSchedule() {
    Trainer short2 = trainer(3); // 108 iterations over 540 schedule steps
    Trainer.Run run = short2.run(config("warmup-cosine"), 1, ProgressBar.silent());
    double[] used = run.lr()[Mlp.OUTPUT_LAYER];
    assertEquals(108, used.length);
    for (int i = 0; i < used.length; i++) {
      assertEquals(SCHEDULES.cosine().at(i * 540L / 108), used[i], "iteration " + i);
    }
    assertEquals(5 * 107L, short2.scheduleStep(107));
    assertEquals(
        DemoSchedules.PEAK,
        used[72 / 5 + 1],
        1e-2 * DemoSchedules.PEAK,
        "warm-up ends at schedule step 72, iteration 14.4");
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
  void plateauCutsTheRateWhenTheValidationLossStalls() {
    Trainer.Run run = trainer(DemoSchedules.EPOCHS).run(config("plateau"), 1, ProgressBar.silent());
    assertTrue(!run.cuts().isEmpty(), "no cut in " + Arrays.toString(run.valLoss()));
    double[] lr = run.lr()[Mlp.OUTPUT_LAYER];
    int perEpoch = (int) DemoSchedules.STEPS_PER_EPOCH;
    double rate = DemoSchedules.PEAK;
    int next = 0;
    for (int epoch = 1; epoch <= DemoSchedules.EPOCHS; epoch++) {
      for (int i = (epoch - 1) * perEpoch; i < epoch * perEpoch; i++) {
        assertEquals(rate, lr[i], 1e-15, "epoch " + epoch);
      }
      if (next < run.cuts().size() && run.cuts().get(next) == epoch) {
        rate *= 0.5; // factor = 0.5, applied from the next epoch on
        next++;
      }
    }
    // Each cut follows two epochs (patience = 2) without a new best validation loss.
    int cut = run.cuts().get(0);
    double best = Double.POSITIVE_INFINITY;
    for (int e = 0; e < cut - 2; e++) {
      best = Math.min(best, run.valLoss()[e]);
    }
    assertTrue(
        run.valLoss()[cut - 2] >= best * (1 - 1e-4) && run.valLoss()[cut - 1] >= best * (1 - 1e-4));
  }

  @Test
  void earlyStoppingStopsAndRestoresTheBestEpoch() {
    Trainer.Run run =
        trainer(DemoSchedules.EPOCHS).run(config("plateau-stop"), 2, ProgressBar.silent());
    // Seed 2 stalls: the stopper (patience 3) ends the run before the budget.
    assertTrue(
        run.stoppedEpoch() > 0 && run.stoppedEpoch() < DemoSchedules.EPOCHS,
        "stopped " + run.stoppedEpoch());
    assertEquals(run.stoppedEpoch() - 3, run.bestEpoch());
    double best = Arrays.stream(run.valLoss(), 0, run.stoppedEpoch()).min().orElseThrow();
    assertEquals(best, run.valLoss()[run.bestEpoch() - 1]);
    assertTrue(
        Double.isNaN(run.lr()[Mlp.OUTPUT_LAYER][run.stoppedEpoch() * 36]),
        "no steps after the stop");
    assertEquals(run.epochsRun(), run.stoppedEpoch());
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
