package dev.anneal.internal.serial;

import dev.anneal.EarlyStopper;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * Internal, not API. The serialization proxy every anneal object writes in its place ({@code
 * writeReplace}): the declaration in annotation syntax, and for a controller its state in the
 * one-line text form of its {@code State} ({@code PlateauSchedule} writes a form of its own, since
 * only it may construct itself). Reading parses the text again ({@code readResolve}), so the stream
 * holds no internal class but this one, and a stream written by one version reads on a later one as
 * long as the declaration does.
 */
public final class SerialProxy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the text describes. */
  private enum Form {
    /** A schedule: one declaration or named entries ({@code Schedules.parseNamed}). */
    SCHEDULE,
    /** An {@code @EarlyStopping} and its state. */
    STOPPER,
    /** A {@code @ClipNorm}, {@code @ClipValue} or {@code @AdaptiveClip}. */
    CLIP,
    /** {@code Schedules.stairPerEpoch(part, count)}. */
    STAIR
  }

  private final Form form;
  private final String text;
  private final String state;
  private final Serializable part;
  private final long count;

  private SerialProxy(Form form, String text, String state, Serializable part, long count) {
    this.form = form;
    this.text = text;
    this.state = state;
    this.part = part;
    this.count = count;
  }

  /** A schedule read back with {@code Schedules.parseNamed(declaration)}. */
  public static SerialProxy schedule(String declaration) {
    return new SerialProxy(Form.SCHEDULE, declaration, null, null, 0);
  }

  /** A clip read back with {@code GradientClip.parse(declaration)}. */
  public static SerialProxy clip(String declaration) {
    return new SerialProxy(Form.CLIP, declaration, null, null, 0);
  }

  /** An early stopper: its declaration and {@code state().toString()}. */
  public static SerialProxy stopper(String declaration, String state) {
    return new SerialProxy(Form.STOPPER, declaration, state, null, 0);
  }

  /**
   * {@code Schedules.stairPerEpoch(perEpoch, iterationsPerEpoch)}.
   *
   * @throws NotSerializableException if {@code perEpoch} is not serializable
   */
  public static SerialProxy stair(LrSchedule perEpoch, long iterationsPerEpoch)
      throws NotSerializableException {
    return new SerialProxy(Form.STAIR, null, null, serializable(perEpoch), iterationsPerEpoch);
  }

  private static Serializable serializable(LrSchedule s) throws NotSerializableException {
    if (s instanceof Serializable) {
      return (Serializable) s;
    }
    throw new NotSerializableException(
        "the schedule " + s + " (" + s.getClass().getName() + ") is not Serializable");
  }

  /** The object again, parsed from the text; a text that does not parse is an invalid stream. */
  private Object readResolve() throws ObjectStreamException {
    try {
      return switch (form) {
        case SCHEDULE -> Schedules.parseNamed(text);
        case CLIP -> GradientClip.parse(text);
        case STOPPER -> {
          EarlyStopper s = EarlyStopper.parse(text);
          s.restore(EarlyStopper.State.parse(state));
          yield s;
        }
        case STAIR -> Schedules.stairPerEpoch((LrSchedule) part, count);
      };
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      InvalidObjectException bad =
          new InvalidObjectException("unreadable anneal " + form + " \"" + text + "\": " + e);
      bad.initCause(e);
      throw bad;
    }
  }
}
