package dev.anneal.examples;

import dev.anneal.EarlyStopper;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.PlateauSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Trains one {@link Mlp} per (configuration, seed) and records what happened. The learning rate is
 * queried once per iteration (mini-batch), the way a training loop uses a generated schedule; the
 * validation set is evaluated after every epoch, and a plateau controller or an early stopper (if
 * the configuration has one) observes its loss there. The test set is used once, at the end.
 */
final class Trainer {

  /**
   * A configuration to compare. Each run takes fresh schedules and controllers from a new generated
   * config instance ({@code parts}), since controllers hold state. Without {@code groups} one rate
   * drives every layer ({@code at(step)}); with groups (hidden layer first, then output) {@code
   * fill(step, groups, lr)} gives each layer its own scaled and delayed rate. {@code momentum},
   * {@code stopper} and {@code clip} may be null (constant momentum 0.9, no early stopping, no
   * clipping).
   */
  record Config(
      String id,
      String name,
      Function<DemoSchedules, LrSchedule> lr,
      ParamGroups groups,
      Function<DemoSchedules, LrSchedule> momentum,
      Function<DemoSchedules, EarlyStopper> stopper,
      GradientClip clip) {
    Config {
      if (groups != null && groups.size() != Mlp.LAYERS) {
        throw new IllegalArgumentException("one group per layer expected, got " + groups);
      }
    }

    /** A plain schedule: no groups, no momentum schedule, no controllers, no clip. */
    static Config of(String id, String name, Function<DemoSchedules, LrSchedule> lr) {
      return new Config(id, name, lr, null, null, null, null);
    }

    Config withClip(String id, String name, GradientClip clip) {
      return new Config(id, name, lr, groups, momentum, stopper, clip);
    }
  }

  /**
   * The outcome of one run: per epoch the mean training loss and the validation loss and accuracy;
   * final test loss and accuracy (of the restored best weights when early stopping stopped the
   * run); the epochs (1-based) after which a plateau controller cut the rate; the epoch at which
   * early stopping stopped (0 if it did not) and the best epoch it restored; the rate each layer
   * used at each iteration ({@code lr[layer][iteration]}, iterations not run stay NaN) and the
   * fraction of steps whose gradient the clip shrank.
   */
  record Run(
      Config config,
      int seed,
      double[] epochLoss,
      double[] valLoss,
      double[] valAccuracy,
      double testLoss,
      double testAccuracy,
      List<Integer> cuts,
      int stoppedEpoch,
      int bestEpoch,
      double clippedFraction,
      double seconds,
      double[][] lr) {
    double finalLoss() {
      return epochLoss[epochsRun() - 1];
    }

    int epochsRun() {
      return stoppedEpoch == 0 ? epochLoss.length : stoppedEpoch;
    }
  }

  static final int HIDDEN_UNITS = 64;

  private final Dataset.Split data;
  private final int epochs;
  private final int batchSize;
  private final long scheduleSteps;
  private final double lrScale;
  private final Mlp.Optimizer optimizer;

  Trainer(Dataset.Split data, int epochs, int batchSize, long scheduleSteps, double lrScale) {
    this(data, epochs, batchSize, scheduleSteps, lrScale, Mlp.Optimizer.SGD);
  }

  /**
   * @param scheduleSteps the number of steps the schedules are declared for; when the run has a
   *     different number of iterations, iterations are mapped linearly onto that range
   * @param lrScale multiplies every rate (1 for the digits the schedules were tuned on)
   */
  Trainer(
      Dataset.Split data,
      int epochs,
      int batchSize,
      long scheduleSteps,
      double lrScale,
      Mlp.Optimizer optimizer) {
    this.data = data;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.scheduleSteps = scheduleSteps;
    this.lrScale = lrScale;
    this.optimizer = optimizer;
  }

  int stepsPerEpoch() {
    return (data.train().size() + batchSize - 1) / batchSize;
  }

  long iterations() {
    return (long) epochs * stepsPerEpoch();
  }

  int epochs() {
    return epochs;
  }

  Mlp.Optimizer optimizer() {
    return optimizer;
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

  /** A new model with the seed's initial weights (the generator then shuffles the batches). */
  Mlp model(SplittableRandom random) {
    Dataset train = data.train();
    return new Mlp(train.dim(), HIDDEN_UNITS, train.classes(), random, optimizer);
  }

  Run run(Config config, int seed, ProgressBar progress) {
    long start = System.nanoTime();
    Dataset train = data.train();
    DemoSchedules parts = new DemoSchedulesImpl(); // fresh controller state for this run
    LrSchedule schedule = config.lr().apply(parts);
    LrSchedule momentum = config.momentum() == null ? null : config.momentum().apply(parts);
    EarlyStopper stopper = config.stopper() == null ? null : config.stopper().apply(parts);
    PlateauSchedule plateau = schedule instanceof PlateauSchedule p ? p : null;
    // One generator per seed for both init and shuffling: the same seed gives every schedule the
    // same initial weights and the same batches.
    SplittableRandom random = new SplittableRandom(seed);
    Mlp model = model(random);
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    double[] perLayer = new double[Mlp.LAYERS]; // reused every step: fill() writes into it
    double[][] used = new double[Mlp.LAYERS][Math.toIntExact(iterations())];
    for (double[] u : used) {
      java.util.Arrays.fill(u, Double.NaN);
    }
    double[] epochLoss = new double[epochs];
    double[] valLoss = new double[epochs];
    double[] valAccuracy = new double[epochs];
    List<Integer> cuts = new ArrayList<>();
    double[][] best = null;
    int stoppedEpoch = 0;
    int bestEpoch = 0;
    long clipped = 0;
    long iteration = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      Shuffle.inPlace(order, random);
      double lossSum = 0;
      int seen = 0;
      for (int from = 0; from < order.length; from += batchSize, iteration++) {
        long step = scheduleStep(iteration);
        if (config.groups() == null) {
          double lr = schedule.at(step);
          perLayer[Mlp.HIDDEN_LAYER] = lr;
          perLayer[Mlp.OUTPUT_LAYER] = lr;
        } else {
          schedule.fill(step, config.groups(), perLayer);
        }
        if (lrScale != 1) {
          perLayer[Mlp.HIDDEN_LAYER] *= lrScale;
          perLayer[Mlp.OUTPUT_LAYER] *= lrScale;
        }
        int to = Math.min(from + batchSize, order.length);
        lossSum += model.gradients(train, order, from, to, perLayer[Mlp.HIDDEN_LAYER] != 0);
        if (config.clip() != null && model.clip(config.clip()) > Main.CLIP_MAX) {
          clipped++;
        }
        model.step(
            perLayer[Mlp.HIDDEN_LAYER],
            perLayer[Mlp.OUTPUT_LAYER],
            momentum == null ? Mlp.MOMENTUM : momentum.at(step));
        seen += to - from;
        for (int layer = 0; layer < Mlp.LAYERS; layer++) {
          used[layer][(int) iteration] = perLayer[layer];
        }
        progress.update(
            epoch + 1,
            epochs,
            (double) to / order.length,
            perLayer[Mlp.OUTPUT_LAYER],
            lossSum / seen);
      }
      epochLoss[epoch] = lossSum / seen;
      Mlp.Evaluation val = model.evaluate(data.validation());
      valLoss[epoch] = val.loss();
      valAccuracy[epoch] = val.accuracy();
      if (plateau != null && plateau.observe(val.loss())) {
        cuts.add(epoch + 1);
      }
      if (stopper != null) {
        boolean stop = stopper.observe(val.loss());
        if (stopper.improved()) {
          best = model.snapshot();
          bestEpoch = epoch + 1;
        }
        if (stop) {
          stoppedEpoch = epoch + 1;
          model.restore(best);
          break;
        }
      }
    }
    Mlp.Evaluation test = model.evaluate(data.test());
    return new Run(
        config,
        seed,
        epochLoss,
        valLoss,
        valAccuracy,
        test.loss(),
        test.accuracy(),
        List.copyOf(cuts),
        stoppedEpoch,
        bestEpoch,
        (double) clipped / iteration,
        (System.nanoTime() - start) / 1e9,
        used);
  }
}
