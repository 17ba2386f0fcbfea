package dev.anneal.internal.serial;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * Internal, not API. Reads the streams of the first serialized form, which every anneal object
 * wrote under this name: a schedule's text reads back as today's {@link
 * dev.anneal.internal.compose.SerialProxy} reads it; a stopper, a clip or a per-epoch schedule
 * (which now write forms of their own) is refused with a message that says what to do. Nothing
 * writes this class any more.
 */
public final class SerialProxy implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the text described, as the first form wrote it. */
  private enum Form {
    SCHEDULE,
    STOPPER,
    CLIP,
    STAIR
  }

  // the first form's fields, by name and type, so that its streams read
  private Form form;
  private String text;
  private String state;
  private Serializable part;
  private long count;

  private SerialProxy() {}

  private Object readResolve() throws ObjectStreamException {
    if (form == null) {
      throw new InvalidObjectException("an anneal serial form without its kind");
    }
    return switch (form) {
      case SCHEDULE -> dev.anneal.internal.compose.SerialProxy.read(text);
      case STOPPER ->
          throw earlier(
              "EarlyStopper",
              "build it again with EarlyStopper.parse(\""
                  + text
                  + "\") and restore(EarlyStopper.State.parse(\""
                  + state
                  + "\"))");
      case CLIP ->
          throw earlier("GradientClip", "build it again with GradientClip.parse(\"" + text + "\")");
      case STAIR ->
          throw earlier(
              "per-epoch schedule",
              "build it again with Schedules.stairPerEpoch(" + part + ", " + count + ")");
    };
  }

  private static InvalidObjectException earlier(String what, String todo) {
    return new InvalidObjectException(
        "a "
            + what
            + " serialized by an earlier anneal version, whose form this version does not read: "
            + todo);
  }
}
