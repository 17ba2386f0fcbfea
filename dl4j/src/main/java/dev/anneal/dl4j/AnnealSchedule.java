package dev.anneal.dl4j;

import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.io.IOException;
import java.io.ObjectInputStream;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * An ND4J {@link ISchedule} over an anneal schedule: {@code valueAt(iteration, epoch) = scale *
 * schedule.at(iteration)} ({@link ScheduleType#ITERATION}) or {@code at(epoch)} ({@link
 * ScheduleType#EPOCH}). DL4J counts both from 0, as anneal's steps.
 *
 * <pre>{@code
 * LrSchedule lr = new TrainImpl().lr();     // or Schedules.parse("@Warmup(steps = 500) @Cosine(...)")
 * new NeuralNetConfiguration.Builder().updater(new Sgd(AnnealSchedule.iterations(lr)))...
 * }</pre>
 *
 * <p>Stored as its declaration text: {@code MultiLayerConfiguration.toJson()} writes {@code
 * {"@class":"dev.anneal.dl4j.AnnealSchedule","declaration":"@Cosine(...)","type":"ITERATION",
 * "scale":1.0}}, {@code fromJson} and Java serialization parse it again ({@code
 * Schedules.parseNamed}), so a saved model carries its schedule. Immutable; equal when the
 * declaration, type and scale are.
 */
public final class AnnealSchedule implements ISchedule {
  private static final long serialVersionUID = 1L;

  @JsonProperty("declaration")
  private final String declaration;

  @JsonProperty("type")
  private final ScheduleType type;

  @JsonProperty("scale")
  private final double scale;

  @JsonIgnore private transient volatile LrSchedule schedule;

  /**
   * The schedule of {@code declaration} (annotation syntax, or named entries for a composite).
   *
   * @throws IllegalArgumentException if it does not parse, {@code type} is null or {@code scale} is
   *     not finite and {@code > 0}
   */
  @JsonCreator
  public AnnealSchedule(
      @JsonProperty("declaration") String declaration,
      @JsonProperty("type") ScheduleType type,
      @JsonProperty("scale") double scale) {
    if (type == null) {
      throw new IllegalArgumentException("type must be ITERATION or EPOCH, was null");
    }
    if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("scale must be finite and > 0, was " + scale);
    }
    this.declaration = declaration;
    this.type = type;
    this.scale = scale;
    this.schedule = Schedules.parseNamed(declaration);
  }

  /** {@code schedule} per iteration; a {@link PlateauSchedule} gives its curve at its scale. */
  public static AnnealSchedule iterations(LrSchedule schedule) {
    return of(schedule, ScheduleType.ITERATION);
  }

  /** {@code schedule} per epoch; a {@link PlateauSchedule} gives its curve at its scale. */
  public static AnnealSchedule epochs(LrSchedule schedule) {
    return of(schedule, ScheduleType.EPOCH);
  }

  /**
   * {@code schedule} as text: a schedule built by anneal (parsed, built, composed or generated); a
   * {@link PlateauSchedule} gives its curve with its current {@code scale()}.
   *
   * @throws IllegalArgumentException if the schedule has no declaration anneal can read back (a
   *     lambda, a generated composite, which names other methods of its config)
   */
  public static AnnealSchedule of(LrSchedule schedule, ScheduleType type) {
    if (schedule == null) {
      throw new IllegalArgumentException("schedule must not be null");
    }
    double scale = 1;
    LrSchedule curve = schedule;
    if (schedule instanceof PlateauSchedule p) {
      scale = p.scale();
      curve = p.curve();
    }
    return new AnnealSchedule(curve.toString(), type, scale);
  }

  /** This schedule with the scale multiplied by {@code factor}: what a plateau cut installs. */
  public AnnealSchedule scaled(double factor) {
    return new AnnealSchedule(declaration, type, scale * factor);
  }

  /** This schedule at {@code scale} instead of its own. */
  public AnnealSchedule withScale(double scale) {
    return new AnnealSchedule(declaration, type, scale);
  }

  @Override
  public double valueAt(int iteration, int epoch) {
    double v = schedule().at(type == ScheduleType.ITERATION ? iteration : epoch);
    return scale == 1 ? v : scale * v;
  }

  /** Immutable: itself. */
  @Override
  public ISchedule clone() {
    return this;
  }

  /** The declaration text, as stored. */
  public String declaration() {
    return declaration;
  }

  public ScheduleType type() {
    return type;
  }

  /** The multiplier of the declared schedule (1 until a plateau cut). */
  public double scale() {
    return scale;
  }

  /**
   * The anneal schedule, without the scale. Parsed again if a serializer skipped {@code readObject}
   * (Kryo's field serializer, which Spark jobs often use, leaves transient fields null).
   */
  public LrSchedule schedule() {
    LrSchedule s = schedule;
    if (s == null) {
      s = Schedules.parseNamed(declaration);
      schedule = s;
    }
    return s;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    try {
      schedule = Schedules.parseNamed(declaration);
    } catch (IllegalArgumentException e) {
      java.io.InvalidObjectException bad =
          new java.io.InvalidObjectException("unreadable schedule \"" + declaration + "\"");
      bad.initCause(e);
      throw bad;
    }
    if (type == null || !(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
      throw new java.io.InvalidObjectException("type " + type + ", scale " + scale);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnnealSchedule s
        && s.type == type
        && Double.compare(s.scale, scale) == 0
        && s.declaration.equals(declaration);
  }

  @Override
  public int hashCode() {
    return (declaration.hashCode() * 31 + type.hashCode()) * 31 + Double.hashCode(scale);
  }

  @Override
  public String toString() {
    return "AnnealSchedule(" + type + (scale == 1 ? "" : ", scale " + scale) + "): " + declaration;
  }
}
