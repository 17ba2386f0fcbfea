package dev.anneal.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.EarlyStoppingListener.EarlyStoppedException;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Pair;
import dev.anneal.EarlyStopper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A DJL training listener around an anneal {@link EarlyStopper}: after each epoch it feeds the
 * stopper the metric (by default the validation loss), keeps a copy of the parameters whenever the
 * metric becomes the best, and when the stopper says stop it puts the best parameters back and
 * throws DJL's own {@link EarlyStoppedException}, as DJL's {@code EarlyStoppingListener} does, so
 * the caller catches it around {@code EasyTrain.fit}:
 *
 * <pre>{@code
 * EarlyStopListener stop = new EarlyStopListener(new TrainImpl().stop());
 * config.addTrainingListeners(TrainingListener.Defaults.basic()).addTrainingListeners(stop);
 * try {
 *   EasyTrain.fit(trainer, epochs, trainSet, validationSet);
 * } catch (EarlyStoppingListener.EarlyStoppedException e) {
 *   // stopped after epoch e.getStopEpoch(); the model holds the parameters of stop.bestEpoch()
 * }
 * }</pre>
 *
 * <p>Add it last: the exception skips the listeners after it. The copy of the best parameters is
 * engine memory ({@code NDArray.duplicate()} of each parameter); with {@code restoreBest = false}
 * no copy is made and the model keeps its last parameters. Not thread-safe, as the training loop.
 */
public final class EarlyStopListener extends TrainingListenerAdapter {
  private final EarlyStopper stopper;
  private final ToDoubleFunction<Trainer> metric;
  private final boolean restoreBest;
  private final List<NDArray> best = new ArrayList<>();
  private int epoch;
  private int bestEpoch;
  private int stoppedEpoch;

  /** Observes the validation loss and restores the best parameters on a stop. */
  public EarlyStopListener(EarlyStopper stopper) {
    this(stopper, PlateauListener::validationLoss, true);
  }

  /** Observes {@code metric} after each epoch; {@code restoreBest}: see the class comment. */
  public EarlyStopListener(
      EarlyStopper stopper, ToDoubleFunction<Trainer> metric, boolean restoreBest) {
    this.stopper = Objects.requireNonNull(stopper, "stopper");
    this.metric = Objects.requireNonNull(metric, "metric");
    this.restoreBest = restoreBest;
  }

  @Override
  public void onTrainingBegin(Trainer trainer) {
    epoch = 0;
    bestEpoch = 0;
    stoppedEpoch = 0;
  }

  @Override
  public void onEpoch(Trainer trainer) {
    epoch++;
    double value = metric.applyAsDouble(trainer);
    boolean stop = stopper.observe(value);
    if (stopper.improved()) {
      bestEpoch = epoch;
      if (restoreBest) {
        snapshot(trainer);
      }
    }
    if (stop) {
      stoppedEpoch = epoch;
      if (restoreBest && bestEpoch > 0) {
        restore(trainer);
      }
      throw new EarlyStoppedException(
          epoch,
          String.format(
              Locale.ROOT,
              "%s: metric %s after epoch %d, best %s after epoch %d%s",
              stopper,
              value,
              epoch,
              stopper.best(),
              bestEpoch,
              restoreBest && bestEpoch > 0 ? " (parameters restored)" : ""));
    }
  }

  /**
   * Copies of the parameters made by PyTorch ({@code duplicate()}), so they own their memory; the
   * previous copies are freed.
   */
  private void snapshot(Trainer trainer) {
    best.forEach(NDArray::close);
    best.clear();
    for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
      best.add(p.getValue().getArray().duplicate());
    }
  }

  /**
   * Copies the best parameters back in place ({@code set(new NDIndex(":"), copy)}, from the
   * PyTorch-owned copies; {@code set(float[])} would leave the parameter pointing at a freed Java
   * buffer in DJL's PyTorch engine), then frees the copies.
   */
  private void restore(Trainer trainer) {
    int i = 0;
    for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
      p.getValue().getArray().set(new NDIndex(":"), best.get(i++));
    }
    best.forEach(NDArray::close);
    best.clear();
  }

  /** The stopper it feeds. */
  public EarlyStopper stopper() {
    return stopper;
  }

  /** The epoch (from 1) whose metric was the best; 0 before any. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The epoch (from 1) after which training stopped; 0 if it has not. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }
}
