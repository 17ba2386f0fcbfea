package dev.anneal.internal;

/**
 * Internal, not API. A rule a declaration breaks: where (annotation, attribute, array index) and
 * why. The processor turns it into a diagnostic on that exact annotation value; the builder into an
 * {@link IllegalArgumentException}.
 */
public final class Problem {
  /** Errors stop generation; warnings are silenced by {@code @SuppressWarnings("anneal")}. */
  public enum Severity {
    ERROR,
    WARNING
  }

  private final Severity severity;
  private final Kind kind;
  private final String attribute;
  private final int index;
  private final String message;

  public Problem(Severity severity, Kind kind, String attribute, int index, String message) {
    this.severity = severity;
    this.kind = kind;
    this.attribute = attribute;
    this.index = index;
    this.message = message;
  }

  public Severity severity() {
    return severity;
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The annotation at fault. */
  public Kind kind() {
    return kind;
  }

  /** The attribute at fault, or {@code null} for the annotation as a whole. */
  public String attribute() {
    return attribute;
  }

  /** The array element at fault, or -1. */
  public int index() {
    return index;
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
