package dev.anneal.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.EarlyStoppingListener.EarlyStoppedException;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.anneal.EarlyStopper;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Real DJL training (PyTorch CPU from the native jar, offline) on synthetic data: what the
 * optimizer applied is read back from the parameters.
 */
class DjlListenersTest {
  static final int DIM = 8;
  static final int CLASSES = 3;
  static final int BATCH = 16;

  static SequentialBlock mlp() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(16).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(CLASSES).build());
  }

  static float[] features(Random r, int rows) {
    float[] x = new float[rows * DIM];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** Labels from a fixed linear rule of the features, or random ones ({@code noise}). */
  static float[] labels(Random r, float[] x, boolean noise) {
    int rows = x.length / DIM;
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      y[i] =
          noise
              ? r.nextInt(CLASSES)
              : (x[i * DIM] + x[i * DIM + 1] > 0.5f ? 2 : x[i * DIM + 2] > 0 ? 1 : 0);
    }
    return y;
  }

  static List<float[]> parameters(Trainer trainer) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  /**
   * Plain SGD (no momentum, no weight decay): {@code p' = p - lr * g}, so every update's rate is
   * {@code (p - p') / g}; it must be the schedule's {@code at(n - 1)} for update n.
   */
  @Test
  void theRateSgdAppliedAtUpdateNIsStepNMinusOne() throws Exception {
    LrSchedule lr = Schedules.cosine(0.2, 20).warmup(5, 0.01, dev.anneal.Ramp.LINEAR).build();
    Random r = new Random(3);
    float[] x = features(r, BATCH);
    float[] y = labels(r, x, false);
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("tracker-test")) {
      model.setBlock(mlp());
      Optimizer sgd = Optimizer.sgd().setLearningRateTracker(new AnnealTracker(lr)).build();
      try (Trainer trainer =
          model.newTrainer(
              new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd))) {
        trainer.initialize(new Shape(BATCH, DIM));
        NDArray xs = manager.create(x, new Shape(BATCH, DIM));
        NDArray ys = manager.create(y);
        for (int n = 1; n <= 30; n++) {
          List<float[]> before = parameters(trainer);
          try (GradientCollector c = trainer.newGradientCollector()) {
            NDArray logits = trainer.forward(new NDList(xs)).singletonOrThrow();
            c.backward(trainer.getLoss().evaluate(new NDList(ys), new NDList(logits)));
          }
          List<NDArray> handles = ClipListener.gradients(trainer);
          List<float[]> grads = new ArrayList<>();
          for (NDArray g : handles) {
            grads.add(g.toFloatArray());
            g.close();
          }
          trainer.step();
          List<float[]> after = parameters(trainer);
          int checked = 0;
          for (int a = 0; a < grads.size(); a++) {
            for (int i = 0; i < grads.get(a).length; i++) {
              float g = grads.get(a)[i];
              if (Math.abs(g) > 1e-3) {
                // p - lr * g is rounded to float once: the difference is exact to ulp(p)
                float p = before.get(a)[i];
                double applied = (p - after.get(a)[i]) / (double) g;
                double tolerance = 1.5 * Math.ulp(p) / Math.abs(g) + 1e-6 * lr.at(n - 1);
                assertEquals((float) lr.at(n - 1), applied, tolerance, "update " + n);
                checked++;
              }
            }
          }
          assertTrue(checked > 10, "elements checked " + checked);
        }
      }
    }
  }

  /**
   * Random labels: nothing carries over to validation, so its loss stops improving; the plateau
   * cuts (and SGD applies the lower rate), the stopper ends the run before the last epoch, the clip
   * bounds every gradient it sees.
   */
  @Test
  void onNoiseThePlateauCutsTheStopperStopsAndTheClipBounds() throws Exception {
    Random r = new Random(11);
    float[] x = features(r, 256);
    float[] y = labels(r, x, true);
    float[] vx = features(r, 128);
    float[] vy = labels(r, vx, true);
    PlateauSchedule lr =
        PlateauSchedule.parse("@Constant(value = 0.5) @ReduceOnPlateau(patience = 1)");
    PlateauListener plateau = new PlateauListener(lr);
    EarlyStopListener stop = new EarlyStopListener(EarlyStopper.builder(3).build());
    ClipListener clip = new ClipListener(GradientClip.norm(0.5).build(), 0.5);
    List<Float> rates = new ArrayList<>();
    int epochs = 40;
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("listeners-test")) {
      model.setBlock(mlp());
      AnnealTracker tracker = new AnnealTracker(lr);
      Optimizer sgd =
          Optimizer.sgd()
              .setLearningRateTracker(
                  new ai.djl.training.tracker.Tracker() {
                    @Override
                    public float getNewValue(int numUpdate) {
                      float v = tracker.getNewValue(numUpdate);
                      rates.add(v);
                      return v;
                    }
                  })
              .build();
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(sgd)
              .addTrainingListeners(TrainingListener.Defaults.basic())
              .addTrainingListeners(plateau, clip, stop);
      ArrayDataset train =
          new ArrayDataset.Builder()
              .setData(manager.create(x, new Shape(256, DIM)))
              .optLabels(manager.create(y))
              .setSampling(BATCH, true)
              .build();
      ArrayDataset validation =
          new ArrayDataset.Builder()
              .setData(manager.create(vx, new Shape(128, DIM)))
              .optLabels(manager.create(vy))
              .setSampling(BATCH, false)
              .build();
      int stopped = 0;
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH, DIM));
        try {
          EasyTrain.fit(trainer, epochs, train, validation);
        } catch (EarlyStoppedException e) {
          stopped = e.getStopEpoch();
        }
      }
      assertFalse(plateau.cuts().isEmpty(), "no cut");
      assertTrue(lr.scale() < 1);
      // the optimizer got the lower rate after the first cut
      assertEquals(0.5f, rates.get(0));
      assertTrue(rates.contains((float) (0.5 * 0.1)), "rates " + rates.subList(0, 5));
      assertTrue(stopped > 0 && stopped < epochs, "stopped after " + stopped);
      assertEquals(stopped, stop.stoppedEpoch());
      assertEquals(stopped * (256 / BATCH), clip.steps());
      assertTrue(clip.clippedSteps() > 0, "clipped " + clip.clippedSteps());
      assertTrue(clip.maxNorm() > 0.5);
    }
  }

  /** What the clip listener writes is the model's own gradient: its global norm becomes max. */
  @Test
  void theClipWritesTheModelsGradients() throws Exception {
    Random r = new Random(5);
    float[] x = features(r, BATCH);
    float[] y = labels(r, x, true);
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("clip-test")) {
      model.setBlock(mlp());
      try (Trainer trainer =
          model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
        trainer.initialize(new Shape(BATCH, DIM));
        try (GradientCollector c = trainer.newGradientCollector()) {
          NDArray logits =
              trainer
                  .forward(new NDList(manager.create(x, new Shape(BATCH, DIM))))
                  .singletonOrThrow();
          c.backward(trainer.getLoss().evaluate(new NDList(manager.create(y)), new NDList(logits)));
        }
        List<NDArray> grads = ClipListener.gradients(trainer);
        double norm = l2(grads);
        double max = norm / 10;
        assertEquals(
            norm, ClipListener.clipWithArrays(GradientClip.norm(max).build(), grads), 1e-5 * norm);
        grads.forEach(NDArray::close);
        List<NDArray> again = ClipListener.gradients(trainer);
        assertEquals(max, l2(again), 1e-5 * max);
        again.forEach(NDArray::close);
      }
    }
  }

  static double l2(List<NDArray> arrays) {
    double sum = 0;
    for (NDArray a : arrays) {
      for (float v : a.toFloatArray()) {
        sum += (double) v * v;
      }
    }
    return Math.sqrt(sum);
  }
}
