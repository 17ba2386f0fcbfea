package dev.anneal.dl4j.spark;

import dev.anneal.PlateauSchedule;
import dev.anneal.dl4j.AnnealSchedule;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Reduce-on-plateau on Spark, decided on the driver: after each {@code fit} (one pass over the
 * training RDD), {@link #observe} computes the validation loss over the whole cluster ({@code
 * SparkDl4jMultiLayer.calculateScore}, averaged over every example) and feeds it to the {@link
 * PlateauSchedule}; on a cut it installs the curve at the new scale as the driver network's
 * schedule ({@link AnnealSchedule}), which the next {@code fit} broadcasts to every worker with the
 * parameters. Workers never observe: each sees only its share of the data.
 *
 * <pre>{@code
 * SparkPlateau plateau = new SparkPlateau(lr, ScheduleType.ITERATION);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   sparkNet.fit(train);
 *   plateau.observe(sparkNet, validation);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: the driver's training loop.
 */
public final class SparkPlateau {
  private final PlateauSchedule plateau;
  private final ScheduleType type;

  /**
   * @param plateau the controller, whose curve the network's {@link AnnealSchedule} is
   * @param type whether that schedule counts iterations or epochs
   * @throws IllegalArgumentException if the curve cannot be written as text, or an argument is null
   */
  public SparkPlateau(PlateauSchedule plateau, ScheduleType type) {
    if (plateau == null || type == null) {
      throw new IllegalArgumentException("plateau and type must not be null");
    }
    AnnealSchedule.of(plateau, type); // fails now if the curve has no declaration
    this.plateau = plateau;
    this.type = type;
  }

  /**
   * Observes the validation loss of {@code net} over {@code validation}; on a cut, installs the
   * scaled schedule on the driver's network (the next {@code fit} broadcasts it).
   *
   * @return true when this observation cut the rate
   */
  public boolean observe(SparkDl4jMultiLayer net, JavaRDD<DataSet> validation) {
    double loss = net.calculateScore(validation, true);
    if (plateau.observe(loss)) {
      net.getNetwork().setLearningRate(AnnealSchedule.of(plateau, type));
      return true;
    }
    return false;
  }

  /** The controller. */
  public PlateauSchedule plateau() {
    return plateau;
  }
}
