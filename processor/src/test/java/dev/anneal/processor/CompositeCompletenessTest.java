package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.Schedules;
import dev.anneal.internal.compose.Composite;
import dev.anneal.internal.compose.CompositeKind;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The composite checklist of docs/ARCHITECTURE.md, enforced: every composite annotation has its
 * record in the sealed model (built from the attribute model: {@code KindTest} checks the model
 * against the annotation), a builder method, the processor's support, and a golden case that {@code
 * CompositeGenerationTest} (generated code) and {@code CompositeGoldenTest} (runtime) hold to a
 * reference. The processor's and the runtime's dispatch are exhaustive switches over {@link
 * CompositeKind}: a missing case does not compile.
 */
class CompositeCompletenessTest {

  @ParameterizedTest
  @EnumSource(CompositeKind.class)
  void hasARecordInTheSealedModel(CompositeKind kind) throws Exception {
    Class<?> record = null;
    for (Class<?> c : Composite.class.getPermittedSubclasses()) {
      if (c.getSimpleName().equals(kind.simpleName()) && c.isRecord()) {
        record = c;
      }
    }
    assertTrue(
        record != null,
        "no record dev.anneal.internal.compose." + kind.simpleName() + " permitted by Composite");
    Composite built = sample(kind);
    assertEquals(record, built.getClass(), "CompositeKind." + kind + " builds another record");
    assertEquals(kind, built.kind(), kind.simpleName() + ".kind()");
  }

  @ParameterizedTest
  @EnumSource(CompositeKind.class)
  void hasABuilderMethod(CompositeKind kind) {
    String name =
        Character.toLowerCase(kind.simpleName().charAt(0)) + kind.simpleName().substring(1);
    boolean found = false;
    for (Method m : Schedules.class.getMethods()) {
      found |= m.getName().equals(name) && Modifier.isStatic(m.getModifiers());
    }
    assertTrue(found, "no Schedules." + name + "(...)");
  }

  @ParameterizedTest
  @EnumSource(CompositeKind.class)
  void isSupportedByTheProcessor(CompositeKind kind) {
    assertTrue(
        new ScheduleProcessor().getSupportedAnnotationTypes().contains(kind.qualifiedName()),
        "the processor does not claim to read @" + kind.simpleName());
  }

  @ParameterizedTest
  @EnumSource(CompositeKind.class)
  void hasAGoldenCase(CompositeKind kind) throws Exception {
    Path dir = Paths.get(getClass().getResource("/golden/composite").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      boolean found = false;
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".csv"))::iterator) {
        for (String line : Files.readAllLines(f)) {
          found |= line.startsWith("# schedule ") && line.contains("@" + kind.simpleName() + "(");
        }
      }
      assertTrue(
          found,
          "no golden composite case declares @"
              + kind.simpleName()
              + " (add one to processor/src/test/golden/generate_composites.py)");
    }
  }

  /** The record of {@code kind} built from the attribute model with a name for every reference. */
  private static Composite sample(CompositeKind kind) {
    java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (var a : kind.attrs()) {
      switch (a.type()) {
        case STRING -> values.put(a.name(), "a");
        case STRING_ARRAY -> values.put(a.name(), java.util.List.of("a", "b"));
        case LONG_ARRAY -> values.put(a.name(), new long[] {1});
        default -> {} // optional numbers take their defaults
      }
    }
    return kind.build(values);
  }
}
