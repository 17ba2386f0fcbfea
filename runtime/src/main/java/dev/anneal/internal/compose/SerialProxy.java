package dev.anneal.internal.compose;

import dev.anneal.LrSchedule;
import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.Declaration;
import dev.anneal.internal.Plan;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * Internal, not API. The serialization proxy the runtime's schedules write in their place ({@code
 * writeReplace}): the declaration in annotation syntax, one declaration or named entries. Reading
 * parses the text again ({@code readResolve}), so the stream holds no internal class but this one,
 * and a stream written by one version reads on a later one as long as the declaration does.
 *
 * <p>It reads through the internal parser and composer, never through {@code dev.anneal}'s
 * builders, so that nothing here depends on the classes above it. The public classes that must
 * construct themselves (controllers, clips, the per-epoch stair) write nested forms of their own.
 */
public final class SerialProxy implements Serializable {
  private static final long serialVersionUID = 2L;

  private final String text;

  private SerialProxy(String text) {
    this.text = text;
  }

  /** A schedule read back as {@code Schedules.parseNamed(declaration)} would read it. */
  public static SerialProxy schedule(String declaration) {
    return new SerialProxy(declaration);
  }

  /**
   * The canonical text of a curve declaration (no {@code @ReduceOnPlateau}), as the builder's
   * schedule of it prints it.
   *
   * @throws IllegalArgumentException if it does not parse or validate alone
   */
  public static String canonical(String declaration) {
    return curve(AnnotationParser.declaration(declaration)).toString();
  }

  /** A plain entry: a curve. A plateau is never written here: it serializes itself. */
  private static LrSchedule curve(Declaration d) {
    if (d.plateau() != null) {
      throw new IllegalArgumentException(
          "@ReduceOnPlateau in a serialized schedule; a PlateauSchedule writes a form of its own");
    }
    return new PlanSchedule(Plan.of(d));
  }

  /** The schedule again, parsed from the text; a text that does not parse is an invalid stream. */
  private Object readResolve() throws ObjectStreamException {
    return read(text);
  }

  /**
   * A serialized schedule's text read back: one declaration or named entries.
   *
   * @throws InvalidObjectException if the text does not parse or validate
   */
  public static LrSchedule read(String text) throws InvalidObjectException {
    try {
      return Composer.parseNamed(text, SerialProxy::curve);
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      InvalidObjectException bad =
          new InvalidObjectException("unreadable anneal schedule \"" + text + "\": " + e);
      bad.initCause(e);
      throw bad;
    }
  }
}
