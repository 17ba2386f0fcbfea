package dev.anneal.processor.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The methods the generated class must implement, declared or inherited, and the ones it cannot:
 * one inherited along two paths, a package-private abstract method of a superclass in another
 * package. Reports annotated methods that are not abstract, which nothing would read.
 */
final class AbstractMethods {
  private final Elements elements;
  private final Types types;
  private final MethodForms forms;
  private final Reporter reporter;

  AbstractMethods(Elements elements, Types types, MethodForms forms, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.forms = forms;
    this.reporter = reporter;
  }

  /** Abstract methods the generated class must implement, declared or inherited. */
  List<ExecutableElement> of(TypeElement type) {
    List<ExecutableElement> result = new ArrayList<>();
    Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      if (m.getEnclosingElement().getKind().isInterface() && overridesObject(m, object)) {
        continue; // an interface re-declaring toString(): Object's implementation satisfies it
      }
      // The same method inherited along two paths (a diamond) would be implemented twice.
      String key = m.getSimpleName() + types.erasure(m.asType()).toString();
      ExecutableElement other = bySignature.putIfAbsent(key, m);
      if (other != null) {
        reporter.error(
            Messages.inheritedTwice(
                m.getSimpleName(),
                other.getEnclosingElement().getSimpleName(),
                m.getEnclosingElement().getSimpleName(),
                type.getSimpleName()),
            type);
        continue;
      }
      result.add(m);
    }
    // Annotated methods that are not abstract are mistakes too.
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
        for (AnnotationMirror a : m.getAnnotationMirrors()) {
          Element annotation = a.getAnnotationType().asElement();
          String simple =
              annotation instanceof TypeElement t
                  ? AnnotationValues.methodAnnotation(t.getQualifiedName().toString())
                  : null;
          if (simple != null) {
            reporter.error(Messages.annotatedConcreteMethod(simple, m.getSimpleName()), m, a);
          }
        }
      }
    }
    return result;
  }

  /**
   * Whether {@code m} re-declares a public, non-final method of {@code Object} compatibly, so that
   * {@code Object}'s implementation satisfies it (an interface's {@code String toString();}). A
   * re-declaration with another return type is not: {@link MethodForms#objectClash} reports it.
   */
  private boolean overridesObject(ExecutableElement m, TypeElement object) {
    for (ExecutableElement o : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (o.getModifiers().contains(Modifier.PUBLIC)
          && !o.getModifiers().contains(Modifier.FINAL)
          && o.getSimpleName().equals(m.getSimpleName())
          && forms.sameErasedParameters(o, m)
          && forms.returnCompatible(o.getReturnType(), m.getReturnType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Package-private abstract methods of superclasses in other packages: no class outside their
   * package can implement them, and they are not members of the config, so {@link
   * Elements#getAllMembers} does not list them.
   */
  void checkInaccessible(TypeElement config) {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeMirror s = config.getSuperclass(); s.getKind() == TypeKind.DECLARED; ) {
      TypeElement superclass = (TypeElement) types.asElement(s);
      chain.add(superclass);
      s = superclass.getSuperclass();
    }
    for (int i = 0; i < chain.size(); i++) {
      TypeElement owner = chain.get(i);
      if (packageOf(owner).equals(packageOf(config))) {
        continue;
      }
      for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (m.getModifiers().contains(Modifier.ABSTRACT)
            && !isPublicOrProtected(m)
            && !m.getModifiers().contains(Modifier.PRIVATE)
            && !redeclaredInPackage(m, owner, chain.subList(0, i))) {
          reporter.error(
              Messages.inaccessibleAbstractMethod(
                  config.getSimpleName(),
                  MethodForms.shortSignature(m),
                  owner.getQualifiedName(),
                  packageOf(owner).getQualifiedName(),
                  owner.getSimpleName()),
              config);
        }
      }
    }
  }

  /** Whether a class of {@code lower} in {@code owner}'s package re-declares {@code m}. */
  private boolean redeclaredInPackage(
      ExecutableElement m, TypeElement owner, List<TypeElement> lower) {
    for (TypeElement c : lower) {
      if (!packageOf(c).equals(packageOf(owner))) {
        continue;
      }
      for (ExecutableElement x : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (x.getSimpleName().equals(m.getSimpleName()) && forms.sameErasedParameters(x, m)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isPublicOrProtected(ExecutableElement m) {
    return m.getModifiers().contains(Modifier.PUBLIC)
        || m.getModifiers().contains(Modifier.PROTECTED)
        || m.getEnclosingElement().getKind().isInterface();
  }

  private PackageElement packageOf(Element e) {
    return elements.getPackageOf(e);
  }
}
