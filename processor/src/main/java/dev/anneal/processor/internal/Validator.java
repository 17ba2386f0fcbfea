package dev.anneal.processor.internal;

import dev.anneal.internal.Problem;
import dev.anneal.internal.Rules;
import javax.lang.model.element.TypeElement;

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
      for (Problem p : Rules.check(m.declaration(), config.totalSteps())) {
        if (!p.isError() && m.warningsSuppressed()) {
          continue;
        }
        String message = p.isError()
            ? p.message()
            : p.message() + " [suppress with @SuppressWarnings(\"anneal\")]";
        if (reporter.inSource(m.element())) {
          reporter.report(
              p.isError(), message, m.element(), m.mirror(p.kind()), p.attribute(), p.index());
        } else {
          // declared in a class file: javac would show the diagnostic without file or line
          TypeElement owner = (TypeElement) m.element().getEnclosingElement();
          String where = m.name() + "() inherited from " + owner.getQualifiedName() + ": ";
          reporter.report(p.isError(), where + message, config.type(), null, null, -1);
        }
        ok &= !p.isError();
      }
    }
    return ok;
  }
}
