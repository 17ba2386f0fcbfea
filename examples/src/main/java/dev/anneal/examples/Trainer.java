package dev.anneal.examples;

import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import java.util.SplittableRandom;

/**
 * Trains one {@link Mlp} per (configuration, seed) and records what happened. The learning rate is
 * queried once per iteration (mini-batch), the way a training loop uses a generated schedule.
 */
final class Trainer {

  /**
   * A schedule to compare. Without {@code groups} one rate drives every layer ({@code at(step)});
   * with groups (hidden layer first, then output) {@code fill(step, groups, lr)} gives each layer
   * its own scaled and delayed rate.
   */
  record Config(String id, String name, LrSchedule schedule, ParamGroups groups) {
    Config {
      if (groups != null && groups.size() != Mlp.LAYERS) {
        throw new IllegalArgumentException("one group per layer expected, got " + groups);
      }
    }
  }

  /**
   * The outcome of one run: mean training loss of each epoch, final test accuracy, wall time, and
   * the rate each layer actually used at each iteration ({@code lr[layer][iteration]}).
   */
  record Run(Config config, int seed, double[] epochLoss, double testAccuracy, double seconds, double[][] lr) {
    double finalLoss() {
      return epochLoss[epochLoss.length - 1];
    }
  }

  static final int HIDDEN_UNITS = 64;

  private final Dataset.Split data;
  private final int epochs;
  private final int batchSize;
  private final long scheduleSteps;
  private final double lrScale;

  /**
   * @param scheduleSteps the number of steps the schedules are declared for; when the run has a
   *     different number of iterations, iterations are mapped linearly onto that range
   * @param lrScale multiplies every rate (1 for the digits the schedules were tuned on)
   */
  Trainer(Dataset.Split data, int epochs, int batchSize, long scheduleSteps, double lrScale) {
    this.data = data;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.scheduleSteps = scheduleSteps;
    this.lrScale = lrScale;
  }

  int stepsPerEpoch() {
    return (data.train().size() + batchSize - 1) / batchSize;
  }

  long iterations() {
    return (long) epochs * stepsPerEpoch();
  }

  /**
   * The schedule step for a training iteration: the iteration itself when the run has the budget
   * the schedules were declared for (the default), otherwise stretched or squeezed so that every
   * run sees the whole schedule (floor of {@code iteration * scheduleSteps / iterations}).
   */
  long scheduleStep(long iteration) {
    long n = iterations();
    return n == scheduleSteps ? iteration : Math.multiplyExact(iteration, scheduleSteps) / n;
  }

  Run run(Config config, int seed, ProgressBar progress) {
    long start = System.nanoTime();
    Dataset train = data.train();
    // One generator per seed for both init and shuffling: the same seed gives every schedule the
    // same initial weights and the same batches.
    SplittableRandom random = new SplittableRandom(seed);
    Mlp model = new Mlp(train.dim(), HIDDEN_UNITS, train.classes(), random);
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    double[] perLayer = new double[Mlp.LAYERS]; // reused every step: fill() writes into it
    double[][] used = new double[Mlp.LAYERS][Math.toIntExact(iterations())];
    double[] epochLoss = new double[epochs];
    long iteration = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      Shuffle.inPlace(order, random);
      double lossSum = 0;
      int seen = 0;
      for (int from = 0; from < order.length; from += batchSize, iteration++) {
        long step = scheduleStep(iteration);
        if (config.groups() == null) {
          double lr = config.schedule().at(step);
          perLayer[Mlp.HIDDEN_LAYER] = lr;
          perLayer[Mlp.OUTPUT_LAYER] = lr;
        } else {
          config.schedule().fill(step, config.groups(), perLayer);
        }
        if (lrScale != 1) {
          perLayer[Mlp.HIDDEN_LAYER] *= lrScale;
          perLayer[Mlp.OUTPUT_LAYER] *= lrScale;
        }
        int to = Math.min(from + batchSize, order.length);
        lossSum += model.trainBatch(
            train, order, from, to, perLayer[Mlp.HIDDEN_LAYER], perLayer[Mlp.OUTPUT_LAYER]);
        seen += to - from;
        for (int layer = 0; layer < Mlp.LAYERS; layer++) {
          used[layer][(int) iteration] = perLayer[layer];
        }
        progress.update(epoch + 1, epochs, (double) to / order.length, perLayer[Mlp.OUTPUT_LAYER], lossSum / seen);
      }
      epochLoss[epoch] = lossSum / seen;
    }
    double accuracy = model.accuracy(data.test());
    return new Run(config, seed, epochLoss, accuracy, (System.nanoTime() - start) / 1e9, used);
  }
}
