package dev.anneal.internal.kind;

import dev.anneal.internal.Attr;
import java.util.List;

/**
 * Internal, not API. An annotation of any family: a body, modifier, controller, stopper or clip
 * ({@link Kind}), a composite ({@code compose.CompositeKind}), an optimizer ({@code
 * optim.Spec.Family}). What a {@link Problem} names and what the one parser reads by: the
 * annotation's name and its attributes in the {@link Attr} model.
 *
 * <p>Not sealed: the processor loads the runtime from the class path (the unnamed module), where a
 * sealed interface cannot permit classes of other packages.
 */
public interface AnnotationKind {
  /** Simple name of the annotation, e.g. {@code "Cosine"}. */
  String simpleName();

  /** Fully qualified name of the annotation. */
  default String qualifiedName() {
    return "dev.anneal." + simpleName();
  }

  /** Attributes in declaration order. */
  List<Attr> attrs();

  /** The attribute called {@code name}, or {@code null}. */
  default Attr attr(String name) {
    for (Attr a : attrs()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /**
   * This annotation as Java source with these values (by attribute name): the canonical text
   * ({@link Attr#text}).
   */
  default String text(java.util.function.Function<String, Object> valueOf) {
    return Attr.text(simpleName(), attrs(), valueOf);
  }

  /** The member of {@code kinds} whose annotation has this qualified name, or {@code null}. */
  static <K extends AnnotationKind> K ofQualifiedName(K[] kinds, String qualifiedName) {
    for (K k : kinds) {
      if (k.qualifiedName().equals(qualifiedName)) {
        return k;
      }
    }
    return null;
  }

  /** The member of {@code kinds} whose annotation has this simple name, or {@code null}. */
  static <K extends AnnotationKind> K ofSimpleName(K[] kinds, String simpleName) {
    for (K k : kinds) {
      if (k.simpleName().equals(simpleName)) {
        return k;
      }
    }
    return null;
  }
}
