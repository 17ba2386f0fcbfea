package dev.anneal.internal.kind;

/**
 * Internal, not API. A rule a declaration breaks: where (annotation, attribute, array index) and
 * why. The one problem type of every annotation family ({@link AnnotationKind}: bodies, modifiers,
 * controllers, clips, composites, optimizers): the processor turns it into a diagnostic on that
 * exact annotation value, the builders and parsers into an {@link IllegalArgumentException}.
 *
 * @param kind the annotation at fault
 * @param attribute the attribute at fault, or {@code null} for the annotation as a whole
 * @param index the array element at fault, or -1
 * @param message the whole message, starting with {@code @Annotation.attribute}
 */
public record Problem(
    Severity severity, AnnotationKind kind, String attribute, int index, String message) {
  /** Errors stop generation; warnings are silenced by {@code @SuppressWarnings("anneal")}. */
  public enum Severity {
    ERROR,
    WARNING
  }

  /** An error on {@code attribute} (not an array element) of {@code kind}. */
  public static Problem error(AnnotationKind kind, String attribute, String message) {
    return new Problem(Severity.ERROR, kind, attribute, -1, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The annotation's simple name, e.g. {@code "ReduceOnPlateau"}. */
  public String annotation() {
    return kind.simpleName();
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
