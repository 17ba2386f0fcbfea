package dev.anneal.processor.internal;

import dev.anneal.internal.Rules;
import dev.anneal.internal.compose.Declared;
import dev.anneal.internal.compose.Resolver;
import dev.anneal.internal.kind.Problem;
import dev.anneal.internal.optim.OptimRules;
import dev.anneal.internal.optim.OptimText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * Step 2 of the pipeline: applies the shared {@link Rules} to every schedule of a config, resolves
 * the composites' references, and reports each problem on the exact annotation value it is about.
 */
public final class Validator {
  private final Reporter reporter;

  public Validator(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Whether the config has no errors (warnings allowed). */
  public boolean validate(Config config) {
    boolean ok = true;
    // totalSteps is the length of what the loop runs: a part's length is its composite's business
    java.util.Set<String> parts = new java.util.HashSet<>();
    for (ScheduleMethod m : config.methods()) {
      if (m.composite() != null) {
        parts.addAll(m.composite().references());
      }
    }
    for (ScheduleMethod m : config.methods()) {
      if (m.composite() != null) {
        continue;
      }
      if (m.optimizer() != null) {
        ok &= optimizer(config, m);
        continue;
      }
      long totalSteps = parts.contains(m.name()) ? 0 : config.totalSteps();
      List<Problem> problems =
          m.declaration() != null
              ? Rules.check(m.declaration(), totalSteps)
              : Rules.checkAlone(m.alone());
      for (Problem p : problems) {
        ok &= report(config, m, p, m.mirror(p.kind()));
      }
    }
    return composites(config) && ok;
  }

  /**
   * The composites: their rules and references (a part is a plain schedule or another composite of
   * the same config, never a controller), then {@code totalSteps}.
   */
  private boolean composites(Config config) {
    Map<String, Object> declared = new LinkedHashMap<>();
    Map<String, String> notParts = new LinkedHashMap<>();
    Map<String, List<String>> overloads = overloads(config);
    for (String name : config.unreadable()) {
      notParts.put(name, null); // its errors are reported on it; the composite adds none
    }
    boolean any = false;
    boolean ok = true;
    for (ScheduleMethod m : config.methods()) {
      List<String> same = overloads.get(m.name());
      if (same != null) {
        // A name must refer to one method: parts are found by name, so an overload is ambiguous.
        notParts.put(m.name(), Messages.overloadedPart(same));
        if (m.composite() != null) {
          ok &=
              report(
                  config,
                  m,
                  Problem.error(
                      m.composite().kind(), null, Messages.overloadedComposite(m.name(), same)),
                  m.compositeMirror());
        }
      } else if (m.composite() != null) {
        declared.put(m.name(), m.composite());
        any = true;
      } else if (m.declaration() != null && m.declaration().plateau() == null) {
        declared.put(m.name(), m.declaration());
      } else {
        notParts.put(
            m.name(), Messages.notAPart(m.form().name(), m.element().getReturnType().toString()));
      }
    }
    if (!any) {
      return true;
    }
    Resolver resolver = Resolver.resolve(declared, null, notParts);
    for (ScheduleMethod m : config.methods()) {
      if (m.composite() == null || overloads.containsKey(m.name())) {
        continue;
      }
      for (Problem p : resolver.compositeProblems(m.name())) {
        ok &= report(config, m, p, m.compositeMirror());
      }
      Declared resolved = resolver.get(m.name());
      long total = config.totalSteps();
      if (resolved != null && total > 0 && resolved.length() >= 0 && resolved.length() != total) {
        ok &=
            report(
                config,
                m,
                Problem.error(
                    m.composite().kind(),
                    null,
                    Messages.compositeLengthMismatch(
                        m.composite().kind().simpleName(), resolved.length(), total)),
                m.compositeMirror());
      }
    }
    return ok;
  }

  /**
   * An optimizer: the rules of its constant attributes ({@link OptimRules}, as the builder and the
   * parser apply them), then what its names name: {@code lr} and the momentum / beta1 schedule a
   * schedule method, {@code clip} a {@code GradientClip} that can run inside the update.
   */
  private boolean optimizer(Config config, ScheduleMethod m) {
    ScheduleMethod.Optim o = m.optimizer();
    boolean ok = true;
    for (Problem p : OptimRules.check(o.spec())) {
      ok &= report(config, m, p, o.mirror());
    }
    ok &= reference(config, m, "lr", o.lr(), false);
    String schedule = OptimText.scheduleAttribute(o.family());
    if (o.momentum() != null) {
      ok &= reference(config, m, schedule, o.momentum(), false);
    }
    if (o.clip() != null) {
      ok &= reference(config, m, "clip", o.clip(), true);
    }
    return ok;
  }

  /** Whether {@code name}, given to {@code attribute}, names one method of the wanted kind. */
  private boolean reference(
      Config config, ScheduleMethod m, String attribute, String name, boolean clip) {
    ScheduleMethod.Optim o = m.optimizer();
    String attr = "@" + o.family().simpleName() + "." + attribute;
    if (config.unreadable().contains(name)) {
      return true; // its own errors are reported on it, and nothing is generated
    }
    List<ScheduleMethod> named = new java.util.ArrayList<>();
    List<String> candidates = new java.util.ArrayList<>();
    for (ScheduleMethod x : config.methods()) {
      if (x.name().equals(name)) {
        named.add(x);
      }
      if (isClip(x) == clip && (clip || x.form().isSchedule())) {
        candidates.add(x.name());
      }
    }
    String message = null;
    if (named.isEmpty()) {
      message = OptimRules.unknownName(attr, name, candidates);
    } else if (named.size() > 1) {
      List<String> signatures = new java.util.ArrayList<>();
      for (ScheduleMethod x : named) {
        signatures.add(x.element().getReturnType() + " " + x.element());
      }
      message = Messages.optimizerNamesOverload(attr, name, signatures);
    } else {
      ScheduleMethod target = named.get(0);
      boolean fits = clip ? isClip(target) : target.form().isSchedule();
      if (!fits) {
        message =
            OptimRules.wrongKind(
                attr, name, runtimeType(target.form()), clip ? "GradientClip" : "LrSchedule");
      } else if (clip && !OptimRules.fusable(target.alone().kind())) {
        message = OptimRules.clipNotFusable(o.family(), target.source());
      }
    }
    return message == null
        || report(config, m, Problem.error(o.family(), attribute, message), o.mirror());
  }

  private static boolean isClip(ScheduleMethod m) {
    return m.form() == ScheduleMethod.Form.CLIP;
  }

  /** The runtime class a method of this form returns, as the parser names a mistyped entry. */
  private static String runtimeType(ScheduleMethod.Form form) {
    // a switch expression: a new form does not compile until it is named here
    return switch (form) {
      case VALUE, OBJECT -> "LrSchedule";
      case PLATEAU -> "PlateauSchedule";
      case STOPPER -> "EarlyStopper";
      case CLIP -> "GradientClip";
      case OPTIMIZER -> "Optimizer";
    };
  }

  /** Names shared by several methods of the config, each with those methods' signatures. */
  private static Map<String, List<String>> overloads(Config config) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (ScheduleMethod m : config.methods()) {
      byName
          .computeIfAbsent(m.name(), k -> new java.util.ArrayList<>())
          .add(m.element().getReturnType() + " " + m.element());
    }
    byName.values().removeIf(list -> list.size() < 2);
    return byName;
  }

  /**
   * Reports one problem on {@code mirror} (the annotation of {@code p.kind()}); whether it was a
   * warning (or a suppressed one).
   */
  private boolean report(
      Config config,
      ScheduleMethod m,
      Problem p,
      javax.lang.model.element.AnnotationMirror mirror) {
    boolean error = p.isError();
    if (!error && m.warningsSuppressed()) {
      return true;
    }
    String text = error ? p.message() : Messages.suppressible(p.message());
    if (reporter.inSource(m.element())) {
      reporter.report(error, text, m.element(), mirror, p.attribute(), p.index());
    } else {
      // declared in a class file: javac would show the diagnostic without file or line
      TypeElement owner = (TypeElement) m.element().getEnclosingElement();
      String inherited = Messages.inheritedMethod(m.name(), owner.getQualifiedName(), text);
      reporter.report(error, inherited, config.type(), null, null, -1);
    }
    return !error;
  }
}
