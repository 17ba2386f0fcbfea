package dev.anneal.dl4j;

import dev.anneal.EarlyStopper;
import java.io.IOException;
import java.io.ObjectInputStream;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * An anneal {@link EarlyStopper} as a DL4J {@link EpochTerminationCondition}: {@code terminate}
 * feeds it the epoch's score (from the trainer's {@code ScoreCalculator}) and stops when it says
 * so; DL4J's trainer keeps the best model itself.
 *
 * <pre>{@code
 * new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
 *     .epochTerminationConditions(new EarlyStopCondition(new TrainImpl().stop()))
 *     .scoreCalculator(new DataSetLossCalculator(validation, true)) ...
 * }</pre>
 *
 * <p>Stored as text: the declaration and the stopper's state ({@code EarlyStopper.State}'s one
 * line), in JSON and in Java serialization, so a condition saved mid-run resumes where it was.
 * {@code initialize()} (called by the trainer when it starts) goes back to the state the condition
 * was created with. The stopper's {@code goal} must match the score calculator's direction.
 */
public final class EarlyStopCondition implements EpochTerminationCondition {
  private static final long serialVersionUID = 1L;

  @JsonProperty("declaration")
  private final String declaration;

  /** The state {@link #initialize()} returns to. */
  @JsonProperty("state")
  private final String initial;

  @JsonIgnore private transient EarlyStopper stopper;

  /** Over {@code stopper}, whose current state {@link #initialize()} returns to. */
  public EarlyStopCondition(EarlyStopper stopper) {
    this(stopper.toString(), stopper.state().toString());
  }

  /**
   * @throws IllegalArgumentException if the declaration or the state does not parse, or the state
   *     is another declaration's
   */
  @JsonCreator
  public EarlyStopCondition(
      @JsonProperty("declaration") String declaration, @JsonProperty("state") String state) {
    this.declaration = declaration;
    this.initial = state;
    this.stopper = fresh();
  }

  private EarlyStopper fresh() {
    EarlyStopper s = EarlyStopper.parse(declaration);
    s.restore(EarlyStopper.State.parse(initial));
    return s;
  }

  @Override
  public void initialize() {
    stopper = fresh();
  }

  /**
   * @throws IllegalArgumentException if {@code minimize} disagrees with the stopper's goal
   */
  @Override
  public boolean terminate(int epochNum, double score, boolean minimize) {
    boolean maximize = declaration.contains("Goal.MAXIMIZE");
    if (minimize == maximize) {
      throw new IllegalArgumentException(
          declaration
              + " "
              + (maximize ? "maximizes" : "minimizes")
              + " but the score calculator "
              + (minimize ? "minimizes" : "maximizes"));
    }
    return stopper().observe(score);
  }

  /**
   * The stopper: its state, best and best index. Made from the stored state if a serializer skipped
   * {@code readObject} (Kryo's field serializer leaves transient fields null).
   */
  public EarlyStopper stopper() {
    if (stopper == null) {
      stopper = fresh();
    }
    return stopper;
  }

  /** The current state as text ({@code EarlyStopper.State.parse} reads it). */
  public String state() {
    return stopper().state().toString();
  }

  /** The same condition resuming from the current state. */
  public EarlyStopCondition snapshot() {
    return new EarlyStopCondition(declaration, state());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      stopper = fresh();
    } catch (IllegalArgumentException e) {
      java.io.InvalidObjectException bad = new java.io.InvalidObjectException(e.getMessage());
      bad.initCause(e);
      throw bad;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EarlyStopCondition c
        && c.declaration.equals(declaration)
        && c.initial.equals(initial);
  }

  @Override
  public int hashCode() {
    return declaration.hashCode() * 31 + initial.hashCode();
  }

  @Override
  public String toString() {
    return "EarlyStopCondition(" + declaration + ")";
  }
}
