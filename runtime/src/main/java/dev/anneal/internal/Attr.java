package dev.anneal.internal;

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
    ENUM
  }

  private final String name;
  private final Type type;
  private final Object defaultValue;
  private final Class<? extends Enum<?>> enumType;

  private Attr(String name, Type type, Object defaultValue, Class<? extends Enum<?>> enumType) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.enumType = enumType;
  }

  static Attr required(String name, Type type) {
    return new Attr(name, type, null, null);
  }

  static Attr optional(String name, Type type, Object defaultValue) {
    return new Attr(name, type, defaultValue, null);
  }

  static <E extends Enum<E>> Attr enumerated(String name, Class<E> enumType, E defaultValue) {
    return new Attr(name, Type.ENUM, defaultValue, enumType);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** The default value, or {@code null} if the attribute is required. */
  public Object defaultValue() {
    return defaultValue;
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
}
