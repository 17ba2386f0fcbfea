package dev.anneal.internal.kind;

import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import java.util.List;

/**
 * Collects the problems of one annotation of any family (a body, a modifier, a composite, an
 * optimizer): each names the attribute (and array element) it is about, so the processor can report
 * it on that exact value and the builder can throw it.
 */
public final class Checker {
  private final AnnotationKind kind;
  private final List<Problem> problems;
  private int errors;

  public Checker(AnnotationKind kind, List<Problem> problems) {
    this.kind = kind;
    this.problems = problems;
  }

  /** Whether this checker has reported an error. */
  public boolean hasErrors() {
    return errors > 0;
  }

  public void error(String attr, String message) {
    error(attr, -1, message);
  }

  public void error(String attr, int index, String message) {
    errors++;
    problems.add(
        new Problem(Problem.Severity.ERROR, kind, attr, index, where(attr, index) + message));
  }

  public void warning(String attr, String message) {
    problems.add(new Problem(Problem.Severity.WARNING, kind, attr, -1, where(attr, -1) + message));
  }

  public void positive(String attr, long value) {
    if (value <= 0) {
      error(attr, "must be > 0, was " + count(value));
    }
  }

  public void positive(String attr, double value) {
    if (!(value > 0)) {
      error(attr, "must be > 0, was " + number(value));
    }
  }

  /** A warning when a decay factor above 1 makes the value grow. */
  public void increases(String attr, double factor) {
    if (factor > 1) {
      warning(attr, "is above 1, so this decay increases the value, was " + number(factor));
    }
  }

  /** A warning when a decay ends above where it starts. */
  public void endsAbove(String toAttr, double to, String fromAttr, double from) {
    if (to > from) {
      warning(
          toAttr,
          "is above "
              + fromAttr
              + " ("
              + number(from)
              + "), so this decay increases the value, was "
              + number(to));
    }
  }

  /** An error when {@code a - b} overflows: every difference the evaluators form must be finite. */
  public void difference(String attr, double a, double b) {
    if (!Double.isFinite(a - b)) {
      error(
          attr,
          "is too far from "
              + number(b)
              + " for a double to hold the difference, was "
              + number(a));
    }
  }

  /** {@code "@Cosine.steps "}, {@code "@MultiStep.milestones[2] "} or {@code "@Cooldown "}. */
  private String where(String attr, int index) {
    return "@"
        + kind.simpleName()
        + (attr == null ? "" : "." + attr)
        + (index < 0 ? "" : "[" + index + "]")
        + " ";
  }
}
