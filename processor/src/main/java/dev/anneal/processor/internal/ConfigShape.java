package dev.anneal.processor.internal;

import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The config type itself: what it may be (an abstract type the generated class can extend: not
 * private, local, inner or generic, with a usable constructor), the generated class's name, a
 * sealed config's {@code permits}, and {@code @Schedule(totalSteps)}.
 */
final class ConfigShape {
  /** Restricted identifiers (JLS 3.9): legal as other names, but not as the name of a type. */
  private static final Set<String> RESTRICTED =
      Set.of("var", "yield", "record", "sealed", "permits");

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;

  ConfigShape(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
  }

  /**
   * Reports what keeps {@code type} from being a config; {@code false} when it is not even an
   * abstract type.
   */
  boolean check(TypeElement type, AnnotationMirror schedule) {
    ElementKind kind = type.getKind();
    boolean abstractClass =
        kind == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT);
    if (kind != ElementKind.INTERFACE && !abstractClass) {
      reporter.error(Messages.notAnAbstractType(type.getSimpleName(), kind), type, schedule);
      return false;
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(Messages.privateType(type.getSimpleName()), type, schedule);
    }
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      reporter.error(Messages.localType(type.getSimpleName()), type, schedule);
    }
    for (Element e = type.getEnclosingElement();
        e.getKind() != ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(
            Messages.nestedInPrivate(type.getSimpleName(), e.getSimpleName()), type, schedule);
        break;
      }
    }
    // Only the config itself must be static: the generated class names it (Outer.Inner.Cfg), which
    // an inner class on the way does not prevent. Member interfaces, records and enums are
    // implicitly static (also in inner classes, since Java 16); a member class is static only when
    // declared so or when it is a member of an interface.
    if (kind == ElementKind.CLASS
        && type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)
        && type.getEnclosingElement().getKind().isClass()) {
      reporter.error(Messages.innerClass(type.getSimpleName()), type, schedule);
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(Messages.typeParameters(type.getSimpleName()), type, schedule);
    }
    if (abstractClass && !hasAccessibleNoArgConstructor(type)) {
      reporter.error(Messages.noUsableConstructor(type.getSimpleName()), type, schedule);
    }
    return true;
  }

  /** A constructor the generated subclass's implicit {@code super()} can call without a try. */
  private boolean hasAccessibleNoArgConstructor(TypeElement type) {
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getParameters().isEmpty()
          && !c.getModifiers().contains(Modifier.PRIVATE)
          && throwsNoCheckedException(c)) {
        return true;
      }
    }
    return false;
  }

  private boolean throwsNoCheckedException(ExecutableElement c) {
    TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    for (TypeMirror t : c.getThrownTypes()) {
      if (!types.isSubtype(t, runtime.asType()) && !types.isSubtype(t, error.asType())) {
        return false;
      }
    }
    return true;
  }

  /** {@code @Schedule(totalSteps)}, or 0 (reported when negative). */
  long totalSteps(TypeElement type, AnnotationMirror schedule) {
    Object total = value(schedule, "totalSteps");
    long totalSteps = total instanceof Long ? (Long) total : 0;
    if (totalSteps < 0) {
      reporter.report(
          true, Messages.negativeTotalSteps(totalSteps), type, schedule, "totalSteps", -1);
    }
    return totalSteps;
  }

  /**
   * The simple name of the class to generate: {@code @Schedule(name)}, reported when it cannot name
   * that class, else the enclosing types' names joined by {@code _} and {@code Impl}.
   */
  String generatedName(TypeElement type, AnnotationMirror schedule) {
    Object name = value(schedule, "name");
    if (name instanceof String && !((String) name).isEmpty()) {
      String n = (String) name;
      if (RESTRICTED.contains(n)) {
        reporter.report(true, Messages.nameRestricted(n), type, schedule, "name", -1);
      } else if (!SourceVersion.isName(n) || n.contains(".")) {
        reporter.report(true, Messages.nameNotIdentifier(n), type, schedule, "name", -1);
      } else if (isAnnealType(n)) {
        reporter.report(true, Messages.nameOfAnnealType(n), type, schedule, "name", -1);
      } else if (n.equals(outermost(type).getSimpleName().toString())) {
        reporter.report(
            true,
            Messages.nameOfTopLevelType(n, outermost(type) == type),
            type,
            schedule,
            "name",
            -1);
      }
      return n;
    }
    StringBuilder sb = new StringBuilder();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      sb.insert(0, sb.length() == 0 ? e.getSimpleName() : e.getSimpleName() + "_");
    }
    return sb.append("Impl").toString();
  }

  /** Whether {@code name} is the simple name of a public type of {@code dev.anneal}. */
  private boolean isAnnealType(String name) {
    PackageElement anneal = elements.getPackageElement("dev.anneal");
    if (anneal == null) {
      return false;
    }
    for (Element e : anneal.getEnclosedElements()) {
      if (e.getModifiers().contains(Modifier.PUBLIC) && e.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  private static TypeElement outermost(TypeElement type) {
    TypeElement t = type;
    while (t.getEnclosingElement() instanceof TypeElement) {
      t = (TypeElement) t.getEnclosingElement();
    }
    return t;
  }

  /**
   * A sealed config must permit the generated class by name; then it is a legal permitted subtype
   * (final, same package), so it is generated as usual.
   */
  void checkSealed(TypeElement type, AnnotationMirror schedule, String generatedName) {
    if (!type.getModifiers().contains(Modifier.SEALED)) {
      return;
    }
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    String qualified = pkg.isEmpty() ? generatedName : pkg + "." + generatedName;
    for (TypeMirror permitted : type.getPermittedSubclasses()) {
      Element e = types.asElement(permitted);
      String name =
          e instanceof TypeElement && permitted.getKind() == TypeKind.DECLARED
              ? ((TypeElement) e).getQualifiedName().toString()
              : permitted.toString(); // not generated yet: javac keeps the name as written
      if (name.equals(qualified) || name.equals(generatedName)) {
        return;
      }
    }
    reporter.error(
        Messages.sealedWithoutGenerated(type.getSimpleName(), generatedName), type, schedule);
  }

  /** {@code @Schedule}'s {@code attribute}, as written or defaulted by the annotation. */
  private Object value(AnnotationMirror mirror, String attribute) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue().getValue();
      }
    }
    return null;
  }
}
