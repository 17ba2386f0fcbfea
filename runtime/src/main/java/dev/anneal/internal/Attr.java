package dev.anneal.internal;

import java.util.List;
import java.util.function.Function;

/**
 * Internal, not API. One attribute of a schedule annotation: its name, its type and its default
 * ({@code null} when the attribute is required). The processor reads annotations by these names,
 * the builder sets them by these names, and a test checks that the defaults equal the annotations'.
 */
public final class Attr {
  /** The Java type of an attribute, as declared in the annotation. */
  public enum Type {
    DOUBLE,
    LONG,
    INT,
    BOOLEAN,
    DOUBLE_ARRAY,
    LONG_ARRAY,
    /** An enum constant, stored by its Java enum value. */
    ENUM,
    /** A name of another schedule of the config (composites). */
    STRING,
    /** Names of other schedules of the config (composites). */
    STRING_ARRAY
  }

  /**
   * What an attribute's number means. Declaring a schedule in epochs multiplies every {@link
   * #STEPS} attribute by the iterations per epoch and leaves the others alone.
   */
  public enum Unit {
    /** A step count (or a step position, or a length in steps). */
    STEPS,
    /** Anything else: a value, a factor, a mode, a cycle count. */
    OTHER
  }

  private final String name;
  private final Type type;
  private final Unit unit;
  private final Object defaultValue;
  private final Class<? extends Enum<?>> enumType;
  private final boolean infinityAllowed;

  private Attr(
      String name, Type type, Unit unit, Object defaultValue, Class<? extends Enum<?>> enumType) {
    this(name, type, unit, defaultValue, enumType, false);
  }

  private Attr(
      String name,
      Type type,
      Unit unit,
      Object defaultValue,
      Class<? extends Enum<?>> enumType,
      boolean infinityAllowed) {
    this.name = name;
    this.type = type;
    this.unit = unit;
    this.defaultValue = defaultValue;
    this.enumType = enumType;
    this.infinityAllowed = infinityAllowed;
  }

  /** Whether an infinite value passes the finiteness rule (its own rule then decides). */
  public boolean infinityAllowed() {
    return infinityAllowed;
  }

  /** A required attribute that is not a step count. */
  public static Attr required(String name, Type type) {
    return new Attr(name, type, Unit.OTHER, null, null);
  }

  /** An optional attribute that is not a step count. */
  public static Attr optional(String name, Type type, Object defaultValue) {
    return new Attr(name, type, Unit.OTHER, defaultValue, null);
  }

  /** A required step count. */
  public static Attr requiredSteps(String name, Type type) {
    return new Attr(name, type, Unit.STEPS, null, null);
  }

  /** An optional step count. */
  public static Attr optionalSteps(String name, Type type, Object defaultValue) {
    return new Attr(name, type, Unit.STEPS, defaultValue, null);
  }

  /**
   * An optional number whose domain includes {@code Double.POSITIVE_INFINITY} (a norm's order): the
   * finiteness rule lets infinities through, the attribute's own rule decides.
   */
  public static Attr optionalUpToInfinity(String name, Object defaultValue) {
    return new Attr(name, Type.DOUBLE, Unit.OTHER, defaultValue, null, true);
  }

  public static <E extends Enum<E>> Attr enumerated(
      String name, Class<E> enumType, E defaultValue) {
    return new Attr(name, Type.ENUM, Unit.OTHER, defaultValue, enumType);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Unit unit() {
    return unit;
  }

  /**
   * Whether NaN is this attribute's "not given" value (its default is NaN), so that NaN passes the
   * finiteness rule.
   */
  public boolean nanMeansNone() {
    return defaultValue instanceof Double && Double.isNaN((Double) defaultValue);
  }

  /** The default value, or {@code null} if the attribute is required. */
  public Object defaultValue() {
    return defaultValue;
  }

  /**
   * The default of the attribute called {@code name} in {@code attrs}, typed: what a builder starts
   * from, so that each default is written once, in the attribute list.
   *
   * @throws IllegalArgumentException if there is no such attribute or it is required
   */
  public static <T> T defaultOf(List<Attr> attrs, String name, Class<T> type) {
    for (Attr a : attrs) {
      if (a.name.equals(name) && !a.isRequired()) {
        return type.cast(a.defaultValue);
      }
    }
    throw new IllegalArgumentException("no attribute '" + name + "' with a default");
  }

  public boolean isRequired() {
    return defaultValue == null;
  }

  /** The enum class of an {@link Type#ENUM} attribute, else {@code null}. */
  public Class<? extends Enum<?>> enumType() {
    return enumType;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * An annotation as Java source, the canonical text every family prints: its required attributes
   * and those whose value differs from the default, in attribute order, e.g. {@code @ClipNorm(max =
   * 1.0, norm = Double.POSITIVE_INFINITY)}; {@code @AdaptiveClip} when nothing is written.
   */
  public static String text(String simpleName, List<Attr> attrs, Function<String, Object> valueOf) {
    StringBuilder sb = new StringBuilder();
    for (Attr a : attrs) {
      Object v = valueOf.apply(a.name());
      if (a.isRequired() || !sameValue(v, a.defaultValue())) {
        sb.append(", ").append(a.name()).append(" = ").append(source(v));
      }
    }
    return "@" + simpleName + (sb.length() == 0 ? "" : "(" + sb.substring(2) + ")");
  }

  /** Equal as the text compares: doubles bit for bit (NaN equals NaN, -0.0 is not 0.0). */
  private static boolean sameValue(Object v, Object defaultValue) {
    return v instanceof Double d && defaultValue instanceof Double e
        ? Double.compare(d, e) == 0
        : java.util.Objects.equals(v, defaultValue);
  }

  /**
   * A value as Java source: {@code Double.NaN}, {@code 0.5}, {@code Goal.MAXIMIZE}, {@code 3},
   * {@code "name"}.
   */
  public static String source(Object v) {
    if (v instanceof Double d) {
      return Literals.number(d);
    }
    if (v instanceof String s) { // a schedule's name
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
    return v instanceof Enum<?> e
        ? e.getDeclaringClass().getSimpleName() + "." + e.name()
        : String.valueOf(v);
  }
}
