package dev.anneal.internal.compose;

import java.util.List;

/** Internal, not API. The composite annotations, with their attributes in declaration order. */
public enum CompositeKind {
  SEQUENCE("Sequence", List.of("schedules", "boundaries")),
  PRODUCT("Product", List.of("schedules")),
  CYCLE_MOMENTUM("CycleMomentum", List.of("of", "base", "max"));

  private final String simpleName;
  private final List<String> attributes;

  CompositeKind(String simpleName, List<String> attributes) {
    this.simpleName = simpleName;
    this.attributes = attributes;
  }

  /** Simple name of the annotation, e.g. {@code "Sequence"}. */
  public String simpleName() {
    return simpleName;
  }

  /** Fully qualified name of the annotation. */
  public String qualifiedName() {
    return "dev.anneal." + simpleName;
  }

  /** Attribute names in declaration order. */
  public List<String> attributes() {
    return attributes;
  }

  /** The kind whose annotation has this simple name, or {@code null}. */
  public static CompositeKind ofSimpleName(String simpleName) {
    for (CompositeKind k : values()) {
      if (k.simpleName.equals(simpleName)) {
        return k;
      }
    }
    return null;
  }

  /** The kind whose annotation has this qualified name, or {@code null}. */
  public static CompositeKind ofQualifiedName(String qualifiedName) {
    for (CompositeKind k : values()) {
      if (k.qualifiedName().equals(qualifiedName)) {
        return k;
      }
    }
    return null;
  }
}
