package dev.anneal.examples.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import dev.anneal.LrSchedule;
import dev.anneal.examples.DemoSchedules;
import dev.anneal.examples.DemoSchedulesImpl;
import dev.anneal.examples.DigitsArrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real DJL training (PyTorch CPU from the native jar, offline) with the tracker in the optimizer. */
class DjlTrainingTest {
  private static final int EPOCHS = 2;

  @BeforeAll
  static void offline() {
    DjlTraining.offlineDefaults();
  }

  /** Records what DJL's SGD asks the tracker: the update counts and the rates it got back. */
  private static final class Recording implements Tracker {
    final Tracker delegate;
    final Map<Integer, Set<String>> parametersByUpdate = new TreeMap<>();
    final Map<Integer, Float> rateByUpdate = new TreeMap<>();

    Recording(Tracker delegate) {
      this.delegate = delegate;
    }

    @Override
    public float getNewValue(int numUpdate) {
      return delegate.getNewValue(numUpdate);
    }

    @Override
    public synchronized float getNewValue(String parameterId, int numUpdate) {
      float rate = delegate.getNewValue(parameterId, numUpdate);
      parametersByUpdate.computeIfAbsent(numUpdate, k -> new HashSet<>()).add(parameterId);
      Float previous = rateByUpdate.put(numUpdate, rate);
      assertTrue(previous == null || previous == rate, "one rate per update");
      return rate;
    }
  }

  @Test
  void sgdAsksForUpdatesOneToNAndLearns() throws Exception {
    DigitsArrays.Split data = DigitsArrays.load();
    long updates = EPOCHS * DjlTraining.stepsPerEpoch(data.train().rows());
    LrSchedule schedule = DjlTraining.fit(new DemoSchedulesImpl().cosine(), updates);
    Recording tracker = new Recording(new AnnealTracker(schedule));

    DjlTraining.Result result = DjlTraining.train(data, tracker, DjlTraining.Controls.NONE, EPOCHS, 1, null);

    assertEquals(updates, result.updates());
    assertEquals(DemoSchedules.STEPS_PER_EPOCH, DjlTraining.stepsPerEpoch(data.train().rows()));
    // DJL numbers updates 1..N, every parameter (2 weights, 2 biases) once per update.
    assertEquals(1, ((TreeMap<Integer, Set<String>>) tracker.parametersByUpdate).firstKey());
    assertEquals((int) updates, ((TreeMap<Integer, Set<String>>) tracker.parametersByUpdate).lastKey());
    assertEquals((int) updates, tracker.parametersByUpdate.size());
    for (Set<String> parameters : tracker.parametersByUpdate.values()) {
      assertEquals(4, parameters.size(), parameters.toString());
    }
    // The rate of update n is the schedule's step n - 1: warm-up from 0 first, the end of the cosine last.
    for (Map.Entry<Integer, Float> e : tracker.rateByUpdate.entrySet()) {
      assertEquals((float) schedule.at(e.getKey() - 1), e.getValue(), "update " + e.getKey());
    }
    assertEquals(0f, tracker.rateByUpdate.get(1));
    assertEquals(EPOCHS, result.epochs().size());
    assertTrue(result.testAccuracy() > 0.9, "test accuracy " + result.testAccuracy());
    assertTrue(result.epochs().get(1).loss() < result.epochs().get(0).loss(), "loss decreases");
    assertEquals(0, result.stoppedEpoch());
  }
}
