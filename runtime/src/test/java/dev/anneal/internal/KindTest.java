package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.anneal.internal.compose.CompositeKind;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The attribute model ({@link Kind} for bodies, modifiers, controllers and clips; {@link
 * CompositeKind} for composites; {@link Spec.Family} for optimizers) must describe the annotations
 * exactly: names, types, defaults, read reflectively from the annotation classes.
 */
class KindTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void catalogueMatchesAnnotation(Kind kind) throws Exception {
    matches(kind.qualifiedName(), kind.simpleName(), kind.attrs());
  }

  @ParameterizedTest
  @EnumSource(CompositeKind.class)
  void compositeModelMatchesAnnotation(CompositeKind kind) throws Exception {
    matches(kind.qualifiedName(), kind.simpleName(), kind.attrs());
  }

  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void optimizerModelMatchesAnnotation(Spec.Family family) throws Exception {
    matches(family.qualifiedName(), family.simpleName(), family.attrs());
  }

  /** The spec's defaults (what the builder starts from and the parser fills in) are the model's. */
  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void optimizerDefaultsAreTheModels(Spec.Family family) throws Exception {
    Map<String, Object> values = OptimText.values(OptimText.defaults(family));
    Class<?> annotation = Class.forName(family.qualifiedName());
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object annotationDefault = annotation.getDeclaredMethod(e.getKey()).getDefaultValue();
      Object expected =
          annotationDefault instanceof Enum
              ? ((Enum<?>) annotationDefault).name()
              : annotationDefault;
      assertEquals(expected, e.getValue(), "@" + family.simpleName() + "." + e.getKey());
    }
    assertEquals(
        family.attrs().stream().filter(a -> a.type() != Attr.Type.STRING).count(),
        values.size(),
        "constant attributes of @" + family.simpleName());
  }

  private static void matches(String qualifiedName, String simpleName, List<Attr> attrs)
      throws Exception {
    Class<?> annotation = Class.forName(qualifiedName);
    List<String> declared =
        Arrays.stream(annotation.getDeclaredMethods())
            .map(Method::getName)
            .sorted()
            .collect(Collectors.toList());
    List<String> catalogued = attrs.stream().map(Attr::name).sorted().collect(Collectors.toList());
    assertEquals(declared, catalogued, "attributes of @" + simpleName);

    for (Attr attr : attrs) {
      Method m = annotation.getDeclaredMethod(attr.name());
      Object annotationDefault = m.getDefaultValue();
      String where = "@" + simpleName + "." + attr.name();
      if (attr.isRequired()) {
        assertNull(annotationDefault, where + " is required in the catalogue but has a default");
        continue;
      }
      assertNotNull(annotationDefault, where + " has a default in the catalogue but is required");
      if (annotationDefault instanceof double[]) {
        assertArrayEquals((double[]) annotationDefault, (double[]) attr.defaultValue(), where);
      } else if (annotationDefault instanceof long[]) {
        assertArrayEquals((long[]) annotationDefault, (long[]) attr.defaultValue(), where);
      } else {
        assertEquals(annotationDefault, attr.defaultValue(), where);
      }
      assertEquals(
          expectedType(attr.type()),
          m.getReturnType().isEnum() ? Enum.class : m.getReturnType(),
          where);
    }
  }

  private static Class<?> expectedType(Attr.Type type) {
    return switch (type) {
      case DOUBLE -> double.class;
      case LONG -> long.class;
      case INT -> int.class;
      case BOOLEAN -> boolean.class;
      case DOUBLE_ARRAY -> double[].class;
      case LONG_ARRAY -> long[].class;
      case ENUM -> Enum.class;
      case STRING -> String.class;
      case STRING_ARRAY -> String[].class;
    };
  }
}
