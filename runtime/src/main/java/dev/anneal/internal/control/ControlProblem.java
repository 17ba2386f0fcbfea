package dev.anneal.internal.control;

/**
 * Internal, not API. A rule a controller declaration breaks: the annotation (simple name, e.g.
 * {@code ReduceOnPlateau}), the attribute at fault and the whole message, e.g.
 * {@code @ReduceOnPlateau.factor must be in (0, 1), was 1.5}. The processor reports it on that
 * exact attribute; the runtime throws it as an {@link IllegalArgumentException}.
 */
public record ControlProblem(String annotation, String attribute, String message) {
  @Override
  public String toString() {
    return message;
  }
}
