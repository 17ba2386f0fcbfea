package dev.anneal.internal.compose;

import dev.anneal.internal.Problem;

/**
 * Internal, not API. A rule a composite breaks, located as {@link Problem} locates the rules of a
 * body: annotation, attribute, array element ({@code -1} for the whole attribute). The message
 * starts with that location, e.g. {@code @Sequence.boundaries[1] must be > 0, was 0}.
 */
public record CompositeProblem(
    Problem.Severity severity, CompositeKind kind, String attribute, int index, String message) {

  public boolean isError() {
    return severity == Problem.Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
