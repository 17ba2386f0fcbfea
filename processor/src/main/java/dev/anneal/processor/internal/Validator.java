package dev.anneal.processor.internal;

import dev.anneal.internal.Problem;
import dev.anneal.internal.Rules;
import java.util.List;

/**
 * Step 2 of the pipeline: applies the shared {@link Rules} to every schedule of a config and reports
 * each problem on the exact annotation value it is about.
 */
public final class Validator {
  private final Reporter reporter;

  public Validator(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Whether the config has no errors (warnings allowed). */
  public boolean validate(Config config) {
    boolean ok = true;
    for (ScheduleMethod m : config.methods()) {
      List<Problem> problems = m.declaration() != null
          ? Rules.check(m.declaration(), config.totalSteps())
          : Rules.checkAlone(m.alone());
      for (Problem p : problems) {
        if (!p.isError() && m.warningsSuppressed()) {
          continue;
        }
        String message = p.isError()
            ? p.message()
            : p.message() + " [suppress with @SuppressWarnings(\"anneal\")]";
        reporter.report(p.isError(), message, m.element(), m.mirror(p.kind()), p.attribute(), p.index());
        ok &= !p.isError();
      }
    }
    return ok;
  }
}
