package dev.anneal.processor.internal;

import dev.anneal.internal.Attr;
import dev.anneal.internal.compose.CompositeKind;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.optim.Spec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads an annotation of any family (a body, a modifier, a controller, a clip, a composite, an
 * optimizer) into values by its {@link Attr} model, with one conversion per {@link Attr.Type}.
 * Values are taken as written; whether they make sense is {@link Validator}'s job.
 */
final class AnnotationValues {
  private AnnotationValues() {}

  /**
   * The values written explicitly on {@code mirror}, as the model's Java types, in the order
   * written; {@code null} when one is broken, not in {@code attrs}, or a required one is missing:
   * javac reports each of those itself ("incompatible types", "cannot find symbol", "missing a
   * default value").
   */
  static Map<String, Object> explicit(AnnotationMirror mirror, List<Attr> attrs) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      String name = e.getKey().getSimpleName().toString();
      Attr attr = attr(attrs, name);
      Object v = attr == null ? null : convert(attr, e.getValue().getValue());
      if (v == null) {
        return null;
      }
      given.put(name, v);
    }
    for (Attr a : attrs) {
      if (a.isRequired() && !given.containsKey(a.name())) {
        return null;
      }
    }
    return given;
  }

  /** Every attribute of {@code attrs} in declaration order: as given, else the model's default. */
  static Map<String, Object> withDefaults(Map<String, Object> given, List<Attr> attrs) {
    Map<String, Object> all = new LinkedHashMap<>();
    for (Attr a : attrs) {
      all.put(a.name(), given.containsKey(a.name()) ? given.get(a.name()) : a.defaultValue());
    }
    return all;
  }

  private static Attr attr(List<Attr> attrs, String name) {
    for (Attr a : attrs) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /**
   * An annotation value ({@link AnnotationValue#getValue}) as the model's Java type, or {@code
   * null} for a broken value.
   */
  static Object convert(Attr attr, Object v) {
    // a switch expression: a new attribute type does not compile until it is read here
    return switch (attr.type()) {
      case DOUBLE -> v instanceof Number n ? n.doubleValue() : null;
      case LONG -> v instanceof Number n ? n.longValue() : null;
      case INT -> v instanceof Integer ? v : null;
      case BOOLEAN -> v instanceof Boolean ? v : null;
      case DOUBLE_ARRAY -> numbers(v, true);
      case LONG_ARRAY -> numbers(v, false);
      case STRING -> v instanceof String ? v : null;
      case STRING_ARRAY -> strings(v);
      case ENUM -> constant(attr, v);
    };
  }

  /** A {@code double[]} or a {@code long[]}, or {@code null} when an element is broken. */
  private static Object numbers(Object v, boolean doubles) {
    if (!(v instanceof List<?> list)) {
      return null;
    }
    double[] ds = new double[list.size()];
    long[] ls = new long[list.size()];
    for (int i = 0; i < list.size(); i++) {
      Object x = list.get(i) instanceof AnnotationValue a ? a.getValue() : null;
      if (!(x instanceof Number n)) {
        return null;
      }
      ds[i] = n.doubleValue();
      ls[i] = n.longValue();
    }
    return doubles ? ds : ls;
  }

  /** A {@code List<String>} (the names a composite refers to), or {@code null}. */
  private static List<String> strings(Object v) {
    if (!(v instanceof List<?> list)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (Object x : list) {
      if (!(x instanceof AnnotationValue a) || !(a.getValue() instanceof String s)) {
        return null;
      }
      names.add(s);
    }
    return names;
  }

  /** The Java enum constant of {@code attr}'s enum type named by {@code v}, or {@code null}. */
  private static Enum<?> constant(Attr attr, Object v) {
    if (!(v instanceof VariableElement e)) {
      return null;
    }
    String constant = e.getSimpleName().toString();
    for (Enum<?> c : attr.enumType().getEnumConstants()) {
      if (c.name().equals(constant)) {
        return c;
      }
    }
    return null;
  }

  /** The schedule annotation (body, modifier, controller, stopper, clip) {@code a} is, or null. */
  static Kind kindOf(AnnotationMirror a) {
    String name = qualifiedName(a);
    return name == null ? null : Kind.ofQualifiedName(name);
  }

  /** The composite annotation {@code a} is, or {@code null}. */
  static CompositeKind compositeKindOf(AnnotationMirror a) {
    String name = qualifiedName(a);
    return name == null ? null : CompositeKind.ofQualifiedName(name);
  }

  /** The optimizer annotation {@code a} is, or {@code null}. */
  static Spec.Family optimizerOf(AnnotationMirror a) {
    String name = qualifiedName(a);
    return name == null ? null : Spec.Family.ofQualifiedName(name);
  }

  /**
   * The simple name of the method annotation of any family (a schedule annotation, a composite, an
   * optimizer) called {@code qualifiedName}, or {@code null}: what reports an annotation that
   * nothing reads name.
   */
  static String methodAnnotation(String qualifiedName) {
    Kind kind = Kind.ofQualifiedName(qualifiedName);
    if (kind != null) {
      return kind.simpleName();
    }
    CompositeKind composite = CompositeKind.ofQualifiedName(qualifiedName);
    if (composite != null) {
      return composite.simpleName();
    }
    Spec.Family family = Spec.Family.ofQualifiedName(qualifiedName);
    return family == null ? null : family.simpleName();
  }

  /** The annotation called {@code qualifiedName} on {@code e}, or {@code null}. */
  static AnnotationMirror mirror(Element e, String qualifiedName) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (qualifiedName.equals(qualifiedName(a))) {
        return a;
      }
    }
    return null;
  }

  private static String qualifiedName(AnnotationMirror a) {
    Element e = a.getAnnotationType().asElement();
    return e instanceof TypeElement t ? t.getQualifiedName().toString() : null;
  }
}
