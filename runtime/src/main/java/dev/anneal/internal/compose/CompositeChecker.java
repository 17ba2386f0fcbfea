package dev.anneal.internal.compose;

import dev.anneal.internal.Problem;
import java.util.List;

/**
 * Internal, not API. Collects the problems of one composite annotation, each naming its attribute
 * and array element, as {@link dev.anneal.internal.kind.Checker} does for a body.
 */
public final class CompositeChecker {
  private final CompositeKind kind;
  private final List<CompositeProblem> problems;
  private int errors;

  public CompositeChecker(CompositeKind kind, List<CompositeProblem> problems) {
    this.kind = kind;
    this.problems = problems;
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public void error(String attr, String message) {
    error(attr, -1, message);
  }

  public void error(String attr, int index, String message) {
    errors++;
    problems.add(
        new CompositeProblem(
            Problem.Severity.ERROR, kind, attr, index, where(attr, index) + message));
  }

  public void warning(String attr, String message) {
    problems.add(
        new CompositeProblem(Problem.Severity.WARNING, kind, attr, -1, where(attr, -1) + message));
  }

  /** {@code "@Sequence.boundaries[2] "} or {@code "@Product "}. */
  private String where(String attr, int index) {
    return "@"
        + kind.simpleName()
        + (attr == null ? "" : "." + attr)
        + (index < 0 ? "" : "[" + index + "]")
        + " ";
  }
}
