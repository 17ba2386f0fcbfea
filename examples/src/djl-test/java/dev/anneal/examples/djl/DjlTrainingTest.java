package dev.anneal.examples.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import dev.anneal.EarlyStopper;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.djl.AnnealTracker;
import dev.anneal.djl.ClipListener;
import dev.anneal.examples.DemoSchedules;
import dev.anneal.examples.DemoSchedulesImpl;
import dev.anneal.examples.DigitsArrays;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real DJL training (PyTorch CPU from the native jar, offline) with the tracker in the optimizer.
 */
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

    DjlTraining.Result result =
        DjlTraining.train(data, tracker, DjlTraining.Controls.NONE, EPOCHS, 1, null);

    assertEquals(updates, result.updates());
    assertEquals(DemoSchedules.STEPS_PER_EPOCH, DjlTraining.stepsPerEpoch(data.train().rows()));
    // DJL numbers updates 1..N, every parameter (2 weights, 2 biases) once per update.
    assertEquals(1, ((TreeMap<Integer, Set<String>>) tracker.parametersByUpdate).firstKey());
    assertEquals(
        (int) updates, ((TreeMap<Integer, Set<String>>) tracker.parametersByUpdate).lastKey());
    assertEquals((int) updates, tracker.parametersByUpdate.size());
    for (Set<String> parameters : tracker.parametersByUpdate.values()) {
      assertEquals(4, parameters.size(), parameters.toString());
    }
    // The rate of update n is the schedule's step n - 1: warm-up from 0 first, the end of the
    // cosine last.
    for (Map.Entry<Integer, Float> e : tracker.rateByUpdate.entrySet()) {
      assertEquals((float) schedule.at(e.getKey() - 1), e.getValue(), "update " + e.getKey());
    }
    assertEquals(0f, tracker.rateByUpdate.get(1));
    assertEquals(EPOCHS, result.epochs().size());
    assertTrue(result.testAccuracy() > 0.9, "test accuracy " + result.testAccuracy());
    assertTrue(result.epochs().get(1).loss() < result.epochs().get(0).loss(), "loss decreases");
    assertEquals(0, result.stoppedEpoch());
  }

  /**
   * Shuffled training labels: nothing to learn that carries over to the validation rows, so the
   * validation loss stops improving within a few epochs; the plateau must cut, the stopper must end
   * the run before the last epoch and put the best epoch's weights back, and the clip must have
   * shrunk some step's gradient.
   */
  @Test
  void onShuffledLabelsThePlateauCutsTheStopperStopsAndTheClipRuns() throws Exception {
    DigitsArrays.Split clean = DigitsArrays.load();
    DigitsArrays.Part t = clean.train();
    float[] shuffled = t.labels().clone();
    Random random = new Random(7);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      float tmp = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = tmp;
    }
    DigitsArrays.Split data =
        new DigitsArrays.Split(
            new DigitsArrays.Part(
                t.name() + ", labels shuffled",
                t.features(),
                shuffled,
                t.rows(),
                t.dim(),
                t.classes()),
            clean.validation(),
            clean.test());
    DemoSchedules hp = new DemoSchedulesImpl();
    PlateauSchedule lr = hp.plateau();
    DjlTraining.Controls controls = DjlTraining.Controls.of(hp, lr, true, true);

    DjlTraining.Result result =
        DjlTraining.train(
            data, new AnnealTracker(lr), controls, DemoSchedules.EPOCHS, 1, System.out);

    // The plateau fired, and the optimizer saw the lower rate.
    assertTrue(lr.scale() < 1, "scale " + lr.scale());
    assertFalse(controls.plateau().cuts().isEmpty());
    float lowest = Float.MAX_VALUE;
    for (DjlTraining.Epoch e : result.epochs()) {
      lowest = Math.min(lowest, e.lastLr());
    }
    assertTrue(lowest < (float) DemoSchedules.PEAK, "lowest rate " + lowest);
    // The stopper stopped before the last epoch, after the epoch its listener reported.
    EarlyStopper stopper = controls.stop().stopper();
    assertTrue(stopper.stopped());
    assertTrue(
        result.stoppedEpoch() > 0 && result.stoppedEpoch() < DemoSchedules.EPOCHS,
        "stopped after epoch " + result.stoppedEpoch());
    assertEquals(result.stoppedEpoch(), controls.stop().stoppedEpoch());
    assertEquals(result.stoppedEpoch(), result.epochs().size());
    assertEquals(result.stoppedEpoch() * DemoSchedules.STEPS_PER_EPOCH, result.updates());
    // The best epoch's weights are back: the final validation loss is the best one, not the last.
    int best = controls.stop().bestEpoch();
    assertTrue(best >= 1 && best < result.stoppedEpoch(), "best epoch " + best);
    assertEquals(stopper.best(), result.epochs().get(best - 1).validationLoss(), 0.0);
    double last = result.epochs().get(result.stoppedEpoch() - 1).validationLoss();
    assertTrue(
        Math.abs(result.validationLoss() - stopper.best()) < 1e-4 * stopper.best(),
        "restored validation loss " + result.validationLoss() + ", best " + stopper.best());
    assertTrue(Math.abs(last - stopper.best()) > 1e-3 * stopper.best(), "last " + last);
    // The clip ran on every update and shrank some.
    ClipListener clip = controls.clip();
    assertEquals(result.updates(), clip.steps());
    assertTrue(clip.clippedSteps() > 0, "clipped steps " + clip.clippedSteps());
    assertTrue(clip.maxNorm() > DjlTraining.CLIP_MAX, "largest norm " + clip.maxNorm());
  }

  /**
   * Both ways of clipping a DJL model's gradients ({@code float[]} round trip through {@code
   * GradientClip}, and NDArray operations) write the real gradients, agree with each other, and
   * leave the gradients alone when the norm is under {@code max} (timings: {@link ClipTiming}).
   */
  @Test
  void bothClipWaysAgreeAndWriteTheModelsGradients() {
    DigitsArrays.Part train = DigitsArrays.load().train();
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("clip-test")) {
      model.setBlock(
          new SequentialBlock()
              .add(Linear.builder().setUnits(DjlTraining.HIDDEN_UNITS).build())
              .add(Activation::relu)
              .add(Linear.builder().setUnits(train.classes()).build()));
      try (Trainer trainer =
          model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
        int rows = DjlTraining.BATCH_SIZE;
        trainer.initialize(new Shape(rows, train.dim()));
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDArray x =
              manager.create(
                  Arrays.copyOf(train.features(), rows * train.dim()),
                  new Shape(rows, train.dim()));
          NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
          collector.backward(
              trainer
                  .getLoss()
                  .evaluate(
                      new NDList(manager.create(Arrays.copyOf(train.labels(), rows))),
                      new NDList(logits)));
        }
        List<NDArray> grads = ClipListener.gradients(trainer);
        assertEquals(4, grads.size());
        float[][] saved = read(grads);
        NDArray[] savedInEngine = grads.stream().map(NDArray::duplicate).toArray(NDArray[]::new);
        double norm = l2(saved);
        assertTrue(norm > 0, "gradient norm " + norm);

        // Above the norm: nothing changes, bit for bit.
        assertEquals(
            norm,
            ClipListener.clipWithArrays(GradientClip.norm(2 * norm).build(), grads),
            1e-6 * norm);
        assertDeepEquals(saved, read(ClipListener.gradients(trainer)));
        assertEquals(norm, ClipListener.clipWithNdArrays(2 * norm, 1e-6, grads), 1e-5 * norm);
        assertDeepEquals(saved, read(ClipListener.gradients(trainer)));

        // A tenth of the norm: the model's gradients (read again through the parameters) now have
        // it.
        double max = norm / 10;
        assertEquals(
            norm, ClipListener.clipWithArrays(GradientClip.norm(max).build(), grads), 1e-6 * norm);
        float[][] viaArrays = read(ClipListener.gradients(trainer));
        assertEquals(max, l2(viaArrays), 1e-5 * max);
        ClipTiming.restore(grads, savedInEngine);
        assertDeepEquals(saved, read(ClipListener.gradients(trainer)));
        assertEquals(norm, ClipListener.clipWithNdArrays(max, 1e-6, grads), 1e-5 * norm);
        float[][] viaNd = read(ClipListener.gradients(trainer));
        for (int i = 0; i < saved.length; i++) {
          for (int j = 0; j < saved[i].length; j++) {
            assertEquals(
                viaArrays[i][j],
                viaNd[i][j],
                1e-5 * Math.abs(viaArrays[i][j]) + 1e-9,
                "gradient " + i + "[" + j + "]");
          }
        }
        // The engine-side copies were not touched by clipping the gradients restored from them.
        assertDeepEquals(saved, read(Arrays.asList(savedInEngine)));
        grads.forEach(NDArray::close);
      }
    }
  }

  private static float[][] read(List<NDArray> grads) {
    float[][] out = new float[grads.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = grads.get(i).toFloatArray();
    }
    return out;
  }

  private static double l2(float[][] arrays) {
    double sum = 0;
    for (float[] a : arrays) {
      for (float v : a) {
        sum += (double) v * v;
      }
    }
    return Math.sqrt(sum);
  }

  private static void assertDeepEquals(float[][] expected, float[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], "gradient " + i);
    }
  }
}
