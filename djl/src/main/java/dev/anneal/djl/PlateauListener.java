package dev.anneal.djl;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.anneal.PlateauSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A DJL training listener that feeds a {@link PlateauSchedule} one metric per epoch (by default the
 * validation loss): the schedule, used as the optimizer's rate through {@link AnnealTracker}, then
 * lowers its scale when the metric stops improving.
 *
 * <pre>{@code
 * PlateauSchedule lr = new TrainImpl().lr(); // a @ReduceOnPlateau schedule
 * Optimizer sgd = Optimizer.sgd().setLearningRateTracker(new AnnealTracker(lr)).build();
 * config.addTrainingListeners(TrainingListener.Defaults.basic())
 *     .addTrainingListeners(new PlateauListener(lr));
 * EasyTrain.fit(trainer, epochs, trainSet, validationSet);
 * }</pre>
 *
 * <p>Add it after {@code TrainingListener.Defaults.basic()} (whose evaluator listener computes the
 * epoch's validation loss in its own {@code onEpoch}). Not thread-safe, as the training loop.
 */
public final class PlateauListener extends TrainingListenerAdapter {
  private final PlateauSchedule plateau;
  private final ToDoubleFunction<Trainer> metric;
  private final List<Integer> cuts = new ArrayList<>();
  private int epoch;

  /** Observes the validation loss ({@link #validationLoss(Trainer)}). */
  public PlateauListener(PlateauSchedule plateau) {
    this(plateau, PlateauListener::validationLoss);
  }

  /** Observes {@code metric} of the trainer after each epoch. */
  public PlateauListener(PlateauSchedule plateau, ToDoubleFunction<Trainer> metric) {
    this.plateau = Objects.requireNonNull(plateau, "plateau");
    this.metric = Objects.requireNonNull(metric, "metric");
  }

  /**
   * The epoch's validation loss as DJL's evaluator listener recorded it.
   *
   * @throws IllegalStateException if there is none (no validation set, or no {@code
   *     TrainingListener.Defaults.basic()} listeners before this one)
   */
  public static double validationLoss(Trainer trainer) {
    Float loss = trainer.getTrainingResult().getValidateLoss();
    if (loss == null) {
      throw new IllegalStateException(
          "no validation loss after this epoch: pass a validation dataset to EasyTrain.fit and add"
              + " TrainingListener.Defaults.basic() before the anneal listeners");
    }
    return loss;
  }

  @Override
  public void onTrainingBegin(Trainer trainer) {
    epoch = 0;
  }

  @Override
  public void onEpoch(Trainer trainer) {
    epoch++;
    if (plateau.observe(metric.applyAsDouble(trainer))) {
      cuts.add(epoch);
    }
  }

  /** The schedule it feeds. */
  public PlateauSchedule plateau() {
    return plateau;
  }

  /** The epochs (from 1) after which the scale was lowered. */
  public List<Integer> cuts() {
    return List.copyOf(cuts);
  }
}
