package dev.anneal.internal.kind;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Literals;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API. One annotation of a declaration (a body or a modifier) with every attribute
 * resolved: explicit values plus defaults. Immutable; arrays are copied in and out.
 */
public final class Part {
  private final Kind kind;
  private final Map<String, Object> values;
  private final Set<String> explicit;

  private Part(Kind kind, Map<String, Object> values, Set<String> explicit) {
    this.kind = kind;
    this.values = values;
    this.explicit = explicit;
  }

  /**
   * A part from explicitly given values; missing optional attributes take their defaults.
   *
   * @throws IllegalArgumentException naming the attribute if one is unknown, of the wrong type, or
   *     required and missing
   */
  public static Part of(Kind kind, Map<String, ?> given) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : given.keySet()) {
      if (kind.attr(name) == null) {
        throw new IllegalArgumentException(
            "@" + kind.simpleName() + " has no attribute '" + name + "'");
      }
    }
    for (Attr a : kind.attrs()) {
      Object v = given.get(a.name());
      if (v == null) {
        if (a.isRequired()) {
          throw new IllegalArgumentException(
              "@" + kind.simpleName() + "." + a.name() + " is required but was not given");
        }
        v = a.defaultValue();
      }
      values.put(a.name(), copyChecked(kind, a, v));
    }
    return new Part(
        kind,
        Collections.unmodifiableMap(values),
        Collections.unmodifiableSet(new java.util.LinkedHashSet<>(given.keySet())));
  }

  private static Object copyChecked(Kind kind, Attr a, Object v) {
    boolean ok =
        switch (a.type()) {
          case DOUBLE -> v instanceof Double;
          case LONG -> v instanceof Long;
          case INT -> v instanceof Integer;
          case BOOLEAN -> v instanceof Boolean;
          case DOUBLE_ARRAY -> v instanceof double[];
          case LONG_ARRAY -> v instanceof long[];
          case ENUM -> a.enumType().isInstance(v);
          // names of other schedules: a composite's attributes, never a Kind annotation's
          case STRING, STRING_ARRAY -> false;
        };
    if (ok && v instanceof double[] ds) {
      v = ds.clone();
    } else if (ok && v instanceof long[] ls) {
      v = ls.clone();
    }
    if (!ok) {
      throw new IllegalArgumentException(
          "@" + kind.simpleName() + "." + a.name() + " must be of type " + a.type() + ", was " + v);
    }
    return v;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether {@code name} was given explicitly rather than defaulted. */
  public boolean isExplicit(String name) {
    return explicit.contains(name);
  }

  /** The value of {@code name} as stored (arrays copied). */
  public Object value(String name) {
    Object v = get(name);
    if (v instanceof double[]) {
      return ((double[]) v).clone();
    }
    return v instanceof long[] ? ((long[]) v).clone() : v;
  }

  public double d(String name) {
    return (Double) get(name);
  }

  public long l(String name) {
    return (Long) get(name);
  }

  public int i(String name) {
    return (Integer) get(name);
  }

  public boolean b(String name) {
    return (Boolean) get(name);
  }

  public double[] ds(String name) {
    return ((double[]) get(name)).clone();
  }

  public long[] ls(String name) {
    return ((long[]) get(name)).clone();
  }

  public <E extends Enum<E>> E e(String name, Class<E> type) {
    return type.cast(get(name));
  }

  private Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "@" + kind.simpleName() + " has no attribute '" + name + "'");
    }
    return v;
  }

  /**
   * Java annotation source for this part, listing explicit attributes only, e.g.
   * {@code @Cosine(from = 0.1, steps = 19_500)}. Used in generated javadoc and messages.
   */
  public String toSource() {
    StringBuilder sb = new StringBuilder("@").append(kind.simpleName());
    String sep = "(";
    for (Attr a : kind.attrs()) {
      if (!explicit.contains(a.name())) {
        continue;
      }
      sb.append(sep).append(a.name()).append(" = ").append(Literals.source(values.get(a.name())));
      sep = ", ";
    }
    if (!sep.equals("(")) {
      sb.append(')');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Part)) {
      return false;
    }
    Part p = (Part) o;
    if (p.kind != kind) {
      return false;
    }
    for (Attr a : kind.attrs()) {
      if (!Arrays.deepEquals(
          new Object[] {values.get(a.name())}, new Object[] {p.values.get(a.name())})) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = kind.hashCode();
    for (Attr a : kind.attrs()) {
      h = 31 * h + Arrays.deepHashCode(new Object[] {values.get(a.name())});
    }
    return h;
  }

  @Override
  public String toString() {
    return toSource();
  }
}
