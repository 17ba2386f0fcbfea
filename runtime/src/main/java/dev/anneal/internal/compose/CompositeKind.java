package dev.anneal.internal.compose;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.INT;
import static dev.anneal.internal.Attr.Type.LONG_ARRAY;
import static dev.anneal.internal.Attr.Type.STRING;
import static dev.anneal.internal.Attr.Type.STRING_ARRAY;

import dev.anneal.internal.Attr;
import dev.anneal.internal.kind.AnnotationKind;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Internal, not API. The composite annotations: their attributes in declaration order (the same
 * {@link Attr} model as the bodies', read by the parser and the processor by type), and how the
 * record is built from the values. Adding a composite adds its record, its entry here and its
 * {@code permits} in {@link Composite}; the processor's and kernels' switches over this enum then
 * name what else it needs.
 */
public enum CompositeKind implements AnnotationKind {
  SEQUENCE(
      "Sequence",
      List.of(
          Attr.required("schedules", STRING_ARRAY), Attr.requiredSteps("boundaries", LONG_ARRAY)),
      v -> new Sequence(names(v.get("schedules")), (long[]) v.get("boundaries"))),
  PRODUCT(
      "Product",
      List.of(Attr.required("schedules", STRING_ARRAY)),
      v -> new Product(names(v.get("schedules")))),
  CYCLE_MOMENTUM(
      "CycleMomentum",
      List.of(
          Attr.required("of", STRING),
          Attr.optional("base", DOUBLE, CycleMomentum.DEFAULT_BASE),
          Attr.optional("max", DOUBLE, CycleMomentum.DEFAULT_MAX)),
      v -> new CycleMomentum((String) v.get("of"), (Double) v.get("base"), (Double) v.get("max"))),
  REPEAT(
      "Repeat",
      List.of(Attr.required("of", STRING), Attr.optional("times", INT, Repeat.DEFAULT_TIMES)),
      v -> new Repeat((String) v.get("of"), (Integer) v.get("times")));

  private final String simpleName;
  private final List<Attr> attrs;
  private final Function<Map<String, Object>, Composite> builder;

  CompositeKind(
      String simpleName, List<Attr> attrs, Function<Map<String, Object>, Composite> builder) {
    this.simpleName = simpleName;
    this.attrs = attrs;
    this.builder = builder;
  }

  @Override
  public String simpleName() {
    return simpleName;
  }

  @Override
  public List<Attr> attrs() {
    return attrs;
  }

  /**
   * The record for these values, typed as {@link #attrs()} says ({@code STRING_ARRAY} as a {@code
   * List<String>}); a missing optional attribute takes its default.
   *
   * @throws IllegalArgumentException naming a required attribute that is missing
   */
  public Composite build(Map<String, Object> values) {
    Map<String, Object> all = new java.util.LinkedHashMap<>();
    for (Attr a : attrs) {
      Object v = values.get(a.name());
      if (v == null && a.isRequired()) {
        throw new IllegalArgumentException(
            "@" + simpleName + "." + a.name() + " is required but was not given");
      }
      all.put(a.name(), v == null ? a.defaultValue() : v);
    }
    return builder.apply(all);
  }

  private static List<String> names(Object v) {
    List<String> out = new java.util.ArrayList<>();
    for (Object o : (List<?>) v) {
      out.add((String) o);
    }
    return out;
  }

  /** The kind whose annotation has this qualified name, or {@code null}. */
  public static CompositeKind ofQualifiedName(String qualifiedName) {
    return AnnotationKind.ofQualifiedName(values(), qualifiedName);
  }
}
