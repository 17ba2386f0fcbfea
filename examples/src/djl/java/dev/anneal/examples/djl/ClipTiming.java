package dev.anneal.examples.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.anneal.GradientClip;
import dev.anneal.djl.ClipListener;
import dev.anneal.examples.DigitsArrays;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Times the two ways {@link ClipListener} could clip a DJL model's gradients to a global L2 norm,
 * on the demo's MLP (64-64-10: 4,810 gradient elements in 4 arrays), with real gradients of one
 * training batch, in the same JVM, alternating the two ways in rounds (no JMH: a rough, labelled
 * measurement, warm-up rounds discarded):
 *
 * <ul>
 *   <li>arrays: {@code toFloatArray()} of each gradient, {@code GradientClip.apply(float[]...)} for
 *       the norm, {@code muli} by the clip's factor;
 *   <li>NDArrays: {@code norm()} of each gradient, one {@code getFloat()} each, {@code muli} by the
 *       factor.
 * </ul>
 *
 * <p>Every call first puts the batch's gradients back ({@code set(NDIndex, NDArray)}) so both ways
 * clip for real (max 1e-3, far below the gradients' norm) and pay their writes; that restore is
 * timed alone too and subtracted. Run: {@code mvn -q -Pdjl -pl examples -am package exec:java
 * -DskipTests -Dexec.args=--clip-timing} (or this class's {@code main} in a JVM of its own).
 */
public final class ClipTiming {
  private static final double MAX = 1e-3;
  private static final double EPS = 1e-6;

  private ClipTiming() {}

  /**
   * Nanoseconds per call of each way (the restore subtracted), and of the restore alone; medians
   * over rounds.
   */
  public record Timing(
      double arraysNanos, double ndArraysNanos, double restoreNanos, int elements) {}

  public static void main(String[] args) {
    DjlTraining.offlineDefaults();
    Timing t = measure(20, 2_000);
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "global L2 clip of %,d gradient elements in 4 arrays"
            + " (DJL PyTorch CPU, 1 thread),"
            + " median of 20 rounds x 2,000 calls:%n",
        t.elements());
    out.printf(
        Locale.ROOT,
        "  toFloatArray + GradientClip.apply, then muli: %8.1f us per call%n",
        t.arraysNanos() / 1e3);
    out.printf(
        Locale.ROOT,
        "  NDArray norm() + muli:                        %8.1f us per call%n",
        t.ndArraysNanos() / 1e3);
    out.printf(
        Locale.ROOT,
        "  (restoring the gradients before each call, %.1f us, subtracted)%n",
        t.restoreNanos() / 1e3);
  }

  /** {@code rounds} rounds of {@code calls} calls of each way; the first two rounds warm up. */
  public static Timing measure(int rounds, int calls) {
    GradientClip clip = GradientClip.norm(MAX).build();
    DigitsArrays.Part train = DigitsArrays.load().train();
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("clip-timing")) {
      model.setBlock(
          new SequentialBlock()
              .add(Linear.builder().setUnits(DjlTraining.HIDDEN_UNITS).build())
              .add(Activation::relu)
              .add(Linear.builder().setUnits(train.classes()).build()));
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss());
      try (Trainer trainer = model.newTrainer(config)) {
        int rows = DjlTraining.BATCH_SIZE;
        trainer.initialize(new Shape(rows, train.dim()));
        float[] x = java.util.Arrays.copyOf(train.features(), rows * train.dim());
        float[] y = java.util.Arrays.copyOf(train.labels(), rows);
        try (GradientCollector collector = trainer.newGradientCollector()) {
          NDArray input = manager.create(x, new Shape(rows, train.dim()));
          NDArray logits = trainer.forward(new NDList(input)).singletonOrThrow();
          NDArray labels = manager.create(y);
          collector.backward(trainer.getLoss().evaluate(new NDList(labels), new NDList(logits)));
        }
        List<NDArray> grads = ClipListener.gradients(trainer);
        int elements = 0;
        NDArray[] saved = new NDArray[grads.size()];
        for (int i = 0; i < saved.length; i++) {
          saved[i] = grads.get(i).duplicate();
          elements += Math.toIntExact(saved[i].size());
        }
        double[] arrays = new double[rounds];
        double[] nd = new double[rounds];
        double[] restore = new double[rounds];
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
          long t0 = System.nanoTime();
          for (int c = 0; c < calls; c++) {
            restore(grads, saved);
          }
          long t1 = System.nanoTime();
          for (int c = 0; c < calls; c++) {
            restore(grads, saved);
            sink += ClipListener.clipWithArrays(clip, grads);
          }
          long t2 = System.nanoTime();
          for (int c = 0; c < calls; c++) {
            restore(grads, saved);
            sink += ClipListener.clipWithNdArrays(MAX, EPS, grads);
          }
          long t3 = System.nanoTime();
          restore[r] = (double) (t1 - t0) / calls;
          arrays[r] = (double) (t2 - t1) / calls - restore[r];
          nd[r] = (double) (t3 - t2) / calls - restore[r];
        }
        if (!(sink > 0)) {
          throw new IllegalStateException("no gradient: " + sink);
        }
        restore(grads, saved);
        grads.forEach(NDArray::close);
        return new Timing(median(arrays, 2), median(nd, 2), median(restore, 2), elements);
      }
    }
  }

  /** Copies {@code saved} into the gradients in place (engine memory to engine memory). */
  static void restore(List<NDArray> grads, NDArray[] saved) {
    for (int i = 0; i < saved.length; i++) {
      grads.get(i).set(new NDIndex(":"), saved[i]);
    }
  }

  private static double median(double[] values, int skip) {
    double[] v = java.util.Arrays.copyOfRange(values, skip, values.length);
    java.util.Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
