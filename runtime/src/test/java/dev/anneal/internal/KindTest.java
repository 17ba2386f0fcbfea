package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalogue in {@link Kind} must describe the annotations exactly: names, types, defaults. */
class KindTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void catalogueMatchesAnnotation(Kind kind) throws Exception {
    Class<?> annotation = Class.forName(kind.qualifiedName());
    List<String> declared =
        Arrays.stream(annotation.getDeclaredMethods())
            .map(Method::getName)
            .sorted()
            .collect(Collectors.toList());
    List<String> catalogued =
        kind.attrs().stream().map(Attr::name).sorted().collect(Collectors.toList());
    assertEquals(declared, catalogued, "attributes of @" + kind.simpleName());

    for (Attr attr : kind.attrs()) {
      Method m = annotation.getDeclaredMethod(attr.name());
      Object annotationDefault = m.getDefaultValue();
      String where = "@" + kind.simpleName() + "." + attr.name();
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
    switch (type) {
      case DOUBLE:
        return double.class;
      case LONG:
        return long.class;
      case INT:
        return int.class;
      case BOOLEAN:
        return boolean.class;
      case DOUBLE_ARRAY:
        return double[].class;
      case LONG_ARRAY:
        return long[].class;
      default:
        return Enum.class;
    }
  }
}
