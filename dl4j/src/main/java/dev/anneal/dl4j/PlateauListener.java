package dev.anneal.dl4j;

import dev.anneal.PlateauSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Reduce-on-plateau for DL4J: after each epoch it feeds a {@link PlateauSchedule} a metric (e.g.
 * the validation loss); when the plateau cuts, it installs the declared curve at the new scale as
 * the network's learning-rate schedule ({@link AnnealSchedule}, through {@code
 * setLearningRate(ISchedule)}, which keeps the iteration and epoch counts). The cut is then part of
 * the network's configuration: a model saved with {@code ModelSerializer} and loaded again
 * continues at the reduced rate.
 *
 * <pre>{@code
 * PlateauSchedule lr = new TrainImpl().lr();   // @Cosine(...) @ReduceOnPlateau(factor = 0.5, patience = 3)
 * conf = new NeuralNetConfiguration.Builder().updater(new Sgd(AnnealSchedule.iterations(lr)))...
 * net.addListeners(new PlateauListener(lr, ScheduleType.ITERATION, PlateauListener.loss(validation)));
 * }</pre>
 *
 * <p>Not thread-safe, as the training loop. On Spark, observe on the driver instead (see the
 * module's {@code SparkPlateau}): workers see only their share of the data.
 */
public final class PlateauListener extends BaseTrainingListener {
  private final PlateauSchedule plateau;
  private final ScheduleType type;
  private final ToDoubleFunction<Model> metric;
  private final List<Integer> cuts = new ArrayList<>();

  /**
   * @param plateau the controller; its curve is the schedule installed on a cut
   * @param type whether the network's schedule counts iterations or epochs
   * @param metric evaluated after each epoch, e.g. {@link #loss(DataSetIterator)}
   */
  public PlateauListener(
      PlateauSchedule plateau, ScheduleType type, ToDoubleFunction<Model> metric) {
    if (plateau == null || type == null || metric == null) {
      throw new IllegalArgumentException("plateau, type and metric must not be null");
    }
    AnnealSchedule.of(plateau, type); // fails now if the curve cannot be written as text
    this.plateau = plateau;
    this.type = type;
    this.metric = metric;
  }

  /** The average loss of the model over {@code data} (DL4J's {@code DataSetLossCalculator}). */
  public static ToDoubleFunction<Model> loss(DataSetIterator data) {
    DataSetLossCalculator calculator = new DataSetLossCalculator(data, true);
    return m -> calculator.calculateScore(m);
  }

  @Override
  public void onEpochEnd(Model model) {
    if (plateau.observe(metric.applyAsDouble(model))) {
      install(model, AnnealSchedule.of(plateau, type));
      cuts.add(epochCount(model));
    }
  }

  /** Installs {@code schedule} on every layer, keeping the iteration and epoch counts. */
  static void install(Model model, AnnealSchedule schedule) {
    if (model instanceof MultiLayerNetwork net) {
      net.setLearningRate(schedule);
    } else if (model instanceof ComputationGraph graph) {
      graph.setLearningRate(schedule);
    } else {
      throw new IllegalArgumentException(
          "a MultiLayerNetwork or ComputationGraph, was " + model.getClass().getName());
    }
  }

  private static int epochCount(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return net.getEpochCount();
    }
    return ((ComputationGraph) model).getConfiguration().getEpochCount();
  }

  /** The controller it feeds. */
  public PlateauSchedule plateau() {
    return plateau;
  }

  /** The network's epoch count at each cut (the epochs completed before it, counted from 0). */
  public List<Integer> cuts() {
    return List.copyOf(cuts);
  }
}
