package dev.anneal.processor.internal;

import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A method with schedule annotations ({@link Kind}): a schedule (one body, its modifiers, a
 * controller on a {@code PlateauSchedule}) or a stopper or clip alone, each annotation read into a
 * {@link Part} in its {@link PartSlots slot}, and checked against the method's form.
 */
final class DeclarationReader {
  private final MethodForms forms;
  private final Reporter reporter;

  DeclarationReader(MethodForms forms, Reporter reporter) {
    this.forms = forms;
    this.reporter = reporter;
  }

  /** The method, or {@code null} after reporting why it cannot be read (or javac reports it). */
  ScheduleMethod read(
      TypeElement config, ExecutableElement method, String name, ScheduleMethod.Form form) {
    Map<Kind, AnnotationMirror> mirrors = new EnumMap<>(Kind.class);
    PartSlots slots = new PartSlots();
    boolean readable = true;
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    boolean located = reporter.inSource(method);
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Kind kind = AnnotationValues.kindOf(a);
      if (kind == null) {
        continue;
      }
      Part first = slots.occupant(kind);
      if (first != null) {
        String firstName = first.kind().simpleName();
        if (located) {
          reporter.error(
              Messages.twoAnnotations(kind.isBody(), name, firstName, kind.simpleName(), null),
              method,
              a);
        } else {
          reporter.error(
              Messages.twoAnnotations(
                  kind.isBody(), name, firstName, kind.simpleName(), owner.getQualifiedName()),
              config);
        }
        readable = false;
        continue;
      }
      mirrors.put(kind, a);
      Part part = part(kind, a);
      if (part == null) {
        readable = false; // javac reports the malformed annotation itself
        continue;
      }
      slots.put(part);
    }
    if (form == null) {
      if (located) {
        reporter.error(
            Messages.notASchedule(
                MethodForms.signature(method), !owner.equals(config), method.getSimpleName()),
            method);
      } else {
        reporter.error(
            Messages.inheritsNotASchedule(
                config.getSimpleName(),
                MethodForms.shortSignature(method),
                owner.getQualifiedName(),
                method.getSimpleName(),
                owner.getSimpleName()),
            config);
      }
      return null;
    }
    if (!readable) {
      return null;
    }
    if (!form.isSchedule()) {
      return alone(method, name, form, slots.alone(), mirrors);
    }
    Part alone = slots.alone();
    if (alone != null) {
      reporter.error(
          Messages.aloneOnSchedule(
              alone.kind().simpleName(),
              alone.kind().role() == Kind.Role.STOPPER,
              name,
              method.getReturnType().toString()),
          method,
          mirrors.get(alone.kind()));
      return null;
    }
    if (slots.plateau() != null && form != ScheduleMethod.Form.PLATEAU) {
      reporter.error(
          Messages.plateauNeedsPlateauSchedule(name, method.getReturnType().toString()),
          method,
          mirrors.get(Kind.REDUCE_ON_PLATEAU));
      return null;
    }
    if (slots.plateau() == null && form == ScheduleMethod.Form.PLATEAU) {
      reporter.error(Messages.plateauScheduleWithoutController(name), method);
      return null;
    }
    if (slots.body() == null) {
      if (located) {
        reporter.error(Messages.noBody(name, bodyNames()), method);
      } else {
        reporter.error(
            Messages.inheritsNoBody(
                config.getSimpleName(),
                MethodForms.shortSignature(method),
                owner.getQualifiedName(),
                bodyNames()),
            config);
      }
      return null;
    }
    String clash = forms.objectClash(config, method);
    if (clash != null) {
      reporter.error(clash, located ? method : config);
      return null;
    }
    return new ScheduleMethod(
        method, form, slots.declaration(), null, mirrors, MethodReader.suppressed(method));
  }

  /** An {@code EarlyStopper} or {@code GradientClip} method: exactly its one annotation. */
  private ScheduleMethod alone(
      ExecutableElement method,
      String name,
      ScheduleMethod.Form form,
      Part alone,
      Map<Kind, AnnotationMirror> mirrors) {
    Kind.Role role =
        switch (form) {
          case STOPPER -> Kind.Role.STOPPER;
          case CLIP -> Kind.Role.CLIP;
          // the caller reads schedules itself, and an Optimizer method never gets here
          case VALUE, OBJECT, PLATEAU, OPTIMIZER -> throw new IllegalStateException(form.name());
        };
    boolean stopper = role == Kind.Role.STOPPER;
    String returnType = method.getReturnType().toString();
    for (Map.Entry<Kind, AnnotationMirror> e : mirrors.entrySet()) {
      if (e.getKey().role() != role) {
        reporter.error(
            Messages.notForAloneMethod(e.getKey().simpleName(), name, returnType, stopper),
            method,
            e.getValue());
        return null;
      }
    }
    if (alone == null) {
      reporter.error(Messages.aloneUndeclared(name, returnType, stopper), method);
      return null;
    }
    return new ScheduleMethod(method, form, null, alone, mirrors, MethodReader.suppressed(method));
  }

  /** The annotation as a {@link Part}, or {@code null} when javac reports it malformed. */
  private static Part part(Kind kind, AnnotationMirror mirror) {
    Map<String, Object> given = AnnotationValues.explicit(mirror, kind.attrs());
    if (given == null) {
      return null;
    }
    try {
      return Part.of(kind, given);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The simple names of the body annotations, in declaration order. */
  private static List<String> bodyNames() {
    List<String> names = new ArrayList<>();
    for (Kind k : Kind.values()) {
      if (k.isBody()) {
        names.add(k.simpleName());
      }
    }
    return names;
  }
}
