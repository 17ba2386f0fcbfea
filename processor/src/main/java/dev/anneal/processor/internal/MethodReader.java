package dev.anneal.processor.internal;

import dev.anneal.internal.compose.Composite;
import dev.anneal.internal.compose.CompositeKind;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;

/**
 * One abstract method of a config into a {@link ScheduleMethod}, by what it declares: an optimizer
 * or a composite (here, alone on the method), else schedule annotations ({@link
 * DeclarationReader}). Every family's values are read by {@link AnnotationValues}.
 */
final class MethodReader {
  private final MethodForms forms;
  private final DeclarationReader declarations;
  private final Reporter reporter;

  MethodReader(MethodForms forms, Reporter reporter) {
    this.forms = forms;
    this.declarations = new DeclarationReader(forms, reporter);
    this.reporter = reporter;
  }

  /** The method, or {@code null} after reporting why it cannot be read (or javac reports it). */
  ScheduleMethod read(TypeElement config, ExecutableElement method) {
    String name = method.getSimpleName() + "()";
    ScheduleMethod.Form form = forms.form(method);
    Spec.Family family = null;
    AnnotationMirror optimizer = null;
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Spec.Family f = AnnotationValues.optimizerOf(a);
      if (f == null) {
        continue;
      }
      if (family != null) {
        reportOn(
            config,
            method,
            a,
            Messages.twoAnnotations(
                false, name, family.simpleName(), f.simpleName(), inheritedFrom(method)));
        return null;
      }
      family = f;
      optimizer = a;
    }
    if (form != null && (family != null || form == ScheduleMethod.Form.OPTIMIZER)) {
      return optimizer(config, method, name, form, family, optimizer);
    }
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      CompositeKind composite = AnnotationValues.compositeKindOf(a);
      if (composite != null) {
        return composite(config, method, name, form, composite, a);
      }
    }
    return declarations.read(config, method, name, form);
  }

  /**
   * An {@code Optimizer} method: exactly one of {@code @SGD}, {@code @Adam}, {@code @AdamW},
   * {@code @RMSProp}, {@code @AdaGrad}, alone; its attributes typed by the family's attribute
   * model.
   */
  private ScheduleMethod optimizer(
      TypeElement config,
      ExecutableElement method,
      String name,
      ScheduleMethod.Form form,
      Spec.Family family,
      AnnotationMirror mirror) {
    String returnType = method.getReturnType().toString();
    if (family == null) {
      reportOn(config, method, null, Messages.optimizerUndeclared(name, returnType));
      return null;
    }
    if (form != ScheduleMethod.Form.OPTIMIZER) {
      reportOn(
          config,
          method,
          mirror,
          Messages.optimizerNeedsOptimizer(family.simpleName(), name, returnType));
      return null;
    }
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Kind other = AnnotationValues.kindOf(a);
      CompositeKind composite = AnnotationValues.compositeKindOf(a);
      if (other != null || composite != null) {
        String simple = other != null ? other.simpleName() : composite.simpleName();
        reportOn(config, method, a, Messages.notForOptimizer(simple, name, returnType));
        return null;
      }
    }
    String clash = forms.objectClash(config, method);
    if (clash != null) {
      reportOn(config, method, null, clash);
      return null;
    }
    Map<String, Object> given = AnnotationValues.explicit(mirror, family.attrs());
    if (given == null) {
      return null; // javac reports the malformed or missing value itself
    }
    Map<String, Object> typed = AnnotationValues.withDefaults(given, family.attrs());
    String schedule = OptimText.scheduleAttribute(family);
    ScheduleMethod.Optim optim =
        new ScheduleMethod.Optim(
            family,
            OptimText.spec(family, typed),
            (String) typed.get("lr"),
            schedule == null ? null : emptyToNull((String) typed.get(schedule)),
            emptyToNull((String) typed.get("clip")),
            mirror);
    return new ScheduleMethod(method, optim, suppressed(method));
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s; // the annotation's "none"
  }

  /**
   * A composite method: one of {@code @Sequence}, {@code @Product}, {@code @CycleMomentum},
   * {@code @Repeat}, alone (its parts carry their own modifiers), on a {@code double name(long)} or
   * {@code LrSchedule name()}.
   */
  private ScheduleMethod composite(
      TypeElement config,
      ExecutableElement method,
      String name,
      ScheduleMethod.Form form,
      CompositeKind kind,
      AnnotationMirror mirror) {
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Kind other = AnnotationValues.kindOf(a);
      CompositeKind second = AnnotationValues.compositeKindOf(a);
      if (other != null || (second != null && a != mirror)) {
        reporter.error(
            Messages.compositeNotAlone(
                kind.simpleName(), name, other != null ? other.simpleName() : second.simpleName()),
            method,
            a);
        return null;
      }
    }
    if (form != ScheduleMethod.Form.VALUE && form != ScheduleMethod.Form.OBJECT) {
      reporter.error(
          Messages.compositeWrongForm(
              MethodForms.signature(method),
              !method.getEnclosingElement().equals(config),
              method.getSimpleName()),
          method,
          mirror);
      return null;
    }
    Map<String, Object> given = AnnotationValues.explicit(mirror, kind.attrs());
    if (given == null) {
      return null; // javac reports the malformed annotation itself
    }
    Composite composite = kind.build(given);
    return new ScheduleMethod(method, form, composite, mirror, suppressed(method));
  }

  /** The declaring type's name when {@code method} is inherited from a class file, else null. */
  private Name inheritedFrom(ExecutableElement method) {
    return reporter.inSource(method)
        ? null
        : ((TypeElement) method.getEnclosingElement()).getQualifiedName();
  }

  /** An error on {@code mirror} of {@code method}, or on the config when it has no source. */
  private void reportOn(
      TypeElement config, ExecutableElement method, AnnotationMirror mirror, String message) {
    if (!reporter.inSource(method)) {
      reporter.error(message, config);
    } else if (mirror != null) {
      reporter.error(message, method, mirror);
    } else {
      reporter.error(message, method);
    }
  }

  /** Whether {@code @SuppressWarnings("anneal")} (or {@code "all"}) applies to {@code e}. */
  static boolean suppressed(Element e) {
    for (; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null) {
        for (String v : s.value()) {
          if (v.equals("anneal") || v.equals("all")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
