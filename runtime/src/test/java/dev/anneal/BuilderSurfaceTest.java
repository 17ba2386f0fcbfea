package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.internal.Attr;
import dev.anneal.internal.kind.Kind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The builder's surface follows the attribute model: for every body, {@code Schedules.<kind>} takes
 * the required attributes in order and its builder has one setter per optional attribute, named and
 * typed as the attribute; for every modifier, the longest overload of {@code Builder.<modifier>}
 * takes every attribute in order. A new attribute without its builder method fails here.
 */
class BuilderSurfaceTest {

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {
        "CONSTANT", "STEP_DECAY", "MULTI_STEP", "EXPONENTIAL", "COSINE", "LINEAR", "POLYNOMIAL",
        "INVERSE_TIME", "INVERSE_SQRT", "CYCLIC", "ONE_CYCLE", "PIECEWISE", "TANH", "SIGMOID"
      })
  void aBodyFactoryTakesTheRequiredAttributesAndItsBuilderSetsTheOthers(Kind kind) {
    assertTrue(kind.isBody(), kind + " is not a body: update the list");
    Method factory = onlyMethod(Schedules.class, lowerCamel(kind.simpleName()));
    List<Attr> required = new ArrayList<>(kind.attrs().stream().filter(Attr::isRequired).toList());
    if (factory.isVarArgs()) { // the array attribute comes last, as Java requires of varargs
      Attr array = required.stream().filter(a -> type(a).isArray()).findFirst().orElseThrow();
      required.remove(array);
      required.add(array);
    }
    assertEquals(
        types(required), Arrays.asList(factory.getParameterTypes()), "Schedules." + factory);

    Map<String, Class<?>> setters = new TreeMap<>();
    for (Method m : factory.getReturnType().getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
        assertEquals(1, m.getParameterCount(), m.toString());
        setters.put(m.getName(), m.getParameterTypes()[0]);
      }
    }
    Map<String, Class<?>> optional = new TreeMap<>();
    for (Attr a : kind.attrs()) {
      if (!a.isRequired()) {
        optional.put(a.name(), type(a));
      }
    }
    assertEquals(optional, setters, factory.getReturnType().getSimpleName() + "'s setters");
  }

  /** Every body kind is in the list above, so a new one is not skipped silently. */
  @org.junit.jupiter.api.Test
  void everyBodyIsListed() throws Exception {
    String[] listed =
        getClass()
            .getDeclaredMethod(
                "aBodyFactoryTakesTheRequiredAttributesAndItsBuilderSetsTheOthers", Kind.class)
            .getAnnotation(EnumSource.class)
            .names();
    List<String> bodies =
        Arrays.stream(Kind.values()).filter(Kind::isBody).map(Kind::name).toList();
    assertEquals(bodies, Arrays.asList(listed));
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"WARMUP", "COOLDOWN", "RESTARTS"})
  void aModifierOverloadTakesEveryAttributeInOrder(Kind kind) {
    Method longest =
        Arrays.stream(Schedules.Builder.class.getDeclaredMethods())
            .filter(m -> m.getName().equals(lowerCamel(kind.simpleName())))
            .max(Comparator.comparingInt(Method::getParameterCount))
            .orElseThrow(() -> new AssertionError("no Builder." + lowerCamel(kind.simpleName())));
    assertEquals(
        types(kind.attrs()), Arrays.asList(longest.getParameterTypes()), longest.toString());
  }

  private static Method onlyMethod(Class<?> c, String name) {
    List<Method> found = new ArrayList<>();
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals(name) && Modifier.isPublic(m.getModifiers())) {
        found.add(m);
      }
    }
    assertEquals(1, found.size(), c.getSimpleName() + "." + name + ": " + found);
    return found.get(0);
  }

  private static List<Class<?>> types(List<Attr> attrs) {
    List<Class<?>> out = new ArrayList<>();
    attrs.forEach(a -> out.add(type(a)));
    return out;
  }

  private static Class<?> type(Attr a) {
    return switch (a.type()) {
      case DOUBLE -> double.class;
      case LONG -> long.class;
      case INT -> int.class;
      case BOOLEAN -> boolean.class;
      case DOUBLE_ARRAY -> double[].class;
      case LONG_ARRAY -> long[].class;
      case ENUM -> a.enumType();
      case STRING -> String.class;
      case STRING_ARRAY -> String[].class;
    };
  }

  private static String lowerCamel(String simpleName) {
    return Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
  }
}
