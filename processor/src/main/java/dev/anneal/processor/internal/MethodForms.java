package dev.anneal.processor.internal;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * A method's form and signature: which {@link ScheduleMethod.Form} it has, whether the generated
 * class can implement it next to {@code Object}'s methods, and its signature as messages print it.
 */
final class MethodForms {
  private final Elements elements;
  private final Types types;

  MethodForms(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** The form of {@code m}, or {@code null} when it has none (generic, throws, another type). */
  ScheduleMethod.Form form(ExecutableElement m) {
    if (!m.getTypeParameters().isEmpty() || !m.getThrownTypes().isEmpty()) {
      return null;
    }
    TypeMirror ret = m.getReturnType();
    if (ret.getKind() == TypeKind.DOUBLE
        && m.getParameters().size() == 1
        && m.getParameters().get(0).asType().getKind() == TypeKind.LONG) {
      return ScheduleMethod.Form.VALUE;
    }
    if (m.getParameters().isEmpty() && ret.getKind() == TypeKind.DECLARED) {
      TypeElement r = (TypeElement) types.asElement(ret);
      if (r.getQualifiedName().contentEquals("dev.anneal.LrSchedule")) {
        return ScheduleMethod.Form.OBJECT;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.PlateauSchedule")) {
        return ScheduleMethod.Form.PLATEAU;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.EarlyStopper")) {
        return ScheduleMethod.Form.STOPPER;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.GradientClip")) {
        return ScheduleMethod.Form.CLIP;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.Optimizer")) {
        return ScheduleMethod.Form.OPTIMIZER;
      }
    }
    return null;
  }

  /**
   * Why the generated class cannot implement {@code method} because of the {@code Object} method
   * with the same signature (final, another return type, more access), or {@code null}.
   */
  String objectClash(TypeElement config, ExecutableElement method) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement o : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (o.getModifiers().contains(Modifier.PRIVATE)
          || o.getModifiers().contains(Modifier.STATIC)
          || !o.getSimpleName().equals(method.getSimpleName())
          || !sameErasedParameters(o, method)) {
        continue;
      }
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      String arg = method.getParameters().isEmpty() ? "()" : "(long)";
      Name inheritedFrom = owner.equals(config) ? null : owner.getQualifiedName();
      Name name = method.getSimpleName();
      if (o.getModifiers().contains(Modifier.FINAL)) {
        return Messages.overridesFinalObjectMethod(name, arg, inheritedFrom, o.getSimpleName());
      }
      if (!returnCompatible(method.getReturnType(), o.getReturnType())) {
        return Messages.overridesObjectMethodReturning(
            name, arg, inheritedFrom, o.getSimpleName(), o.getReturnType().toString());
      }
      boolean publicInObject = o.getModifiers().contains(Modifier.PUBLIC);
      if (!method.getModifiers().contains(Modifier.PUBLIC)
          && (publicInObject || !method.getModifiers().contains(Modifier.PROTECTED))) {
        return Messages.overridesObjectMethodWithLessAccess(
            name, arg, inheritedFrom, o.getSimpleName(), publicInObject);
      }
    }
    return null;
  }

  /** Whether {@code a} and {@code b} take the same parameter types, erased. */
  boolean sameErasedParameters(ExecutableElement a, ExecutableElement b) {
    if (a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      TypeMirror x = types.erasure(a.getParameters().get(i).asType());
      if (!types.isSameType(x, types.erasure(b.getParameters().get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a method returning {@code sub} can override one returning {@code sup}. */
  boolean returnCompatible(TypeMirror sub, TypeMirror sup) {
    if (sup.getKind().isPrimitive() || sup.getKind() == TypeKind.VOID) {
      return sub.getKind() == sup.getKind();
    }
    return sub.getKind() == TypeKind.DECLARED
        && types.isSubtype(types.erasure(sub), types.erasure(sup));
  }

  /** The signature as written: {@code <T> double lr(long step) throws E}. */
  static String signature(ExecutableElement m) {
    StringBuilder sb = new StringBuilder();
    if (!m.getTypeParameters().isEmpty()) {
      sb.append('<');
      String sep = "";
      for (Element t : m.getTypeParameters()) {
        sb.append(sep).append(t.getSimpleName());
        sep = ", ";
      }
      sb.append("> ");
    }
    sb.append(m.getReturnType()).append(' ').append(m.getSimpleName()).append('(');
    String sep = "";
    for (VariableElement p : m.getParameters()) {
      sb.append(sep).append(p.asType()).append(' ').append(p.getSimpleName());
      sep = ", ";
    }
    sb.append(')');
    sep = " throws ";
    for (TypeMirror t : m.getThrownTypes()) {
      sb.append(sep).append(t);
      sep = ", ";
    }
    return sb.toString();
  }

  /** {@code double lr(long)}: without parameter names (a class file has none) or throws clause. */
  static String shortSignature(ExecutableElement m) {
    StringBuilder sb =
        new StringBuilder()
            .append(m.getReturnType())
            .append(' ')
            .append(m.getSimpleName())
            .append('(');
    String sep = "";
    for (VariableElement p : m.getParameters()) {
      sb.append(sep).append(p.asType());
      sep = ", ";
    }
    return sb.append(')').toString();
  }
}
