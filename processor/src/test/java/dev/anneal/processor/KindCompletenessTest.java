package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.Schedules;
import dev.anneal.internal.Kernels;
import dev.anneal.internal.Kind;
import dev.anneal.internal.Plan;
import dev.anneal.internal.kind.Body;
import dev.anneal.processor.internal.emit.Emitters;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-kind checklist of docs/ARCHITECTURE.md, enforced: every body kind has its home record in
 * the sealed model, an emitter, a builder method, a vector kernel and a golden case (GoldenTest
 * checks the cases' values; CatalogTest checks the catalog entry).
 */
class KindCompletenessTest {

  static Stream<Kind> bodies() {
    return Stream.of(Kind.values()).filter(Kind::isBody);
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void hasAHomeRecordInTheSealedModel(Kind kind) {
    boolean found = false;
    for (Class<?> c : Body.class.getPermittedSubclasses()) {
      found |= c.getSimpleName().equals(kind.simpleName()) && c.isRecord();
    }
    assertTrue(
        found, "no record dev.anneal.internal.kind." + kind.simpleName() + " permitted by Body");
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void hasAnEmitter(Kind kind) {
    assertTrue(Emitters.has(kind), "no emitter for @" + kind.simpleName());
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void hasABuilderMethod(Kind kind) {
    String name =
        Character.toLowerCase(kind.simpleName().charAt(0)) + kind.simpleName().substring(1);
    boolean found = false;
    for (Method m : Schedules.class.getMethods()) {
      found |= m.getName().equals(name) && Modifier.isStatic(m.getModifiers());
    }
    assertTrue(found, "no Schedules." + name + "(...)");
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void hasAVectorKernelAndAGoldenCase(Kind kind) throws Exception {
    String declaration = goldenDeclaration(kind);
    Plan plan = Plan.parse(declaration);
    long[] steps = new long[64];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = 3L * i;
    }
    double[] out = new double[64];
    // the processor's tests run with the Vector API module (see processor/pom.xml)
    assertTrue(Kernels.fill(plan, steps, out), "no vector kernel took " + declaration);
    for (int i = 0; i < steps.length; i++) {
      double want = plan.at(steps[i]);
      assertEquals(want, out[i], 1e-15 * Math.abs(want) + 1e-15, declaration + " at " + steps[i]);
    }
  }

  /** The first golden case whose declaration uses {@code kind}. */
  private static String goldenDeclaration(Kind kind) throws Exception {
    Path dir = Paths.get(KindCompletenessTest.class.getResource("/golden").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (!f.toString().endsWith(".csv")) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (String line : lines) {
          if (line.startsWith("# anneal: ") && line.contains("@" + kind.simpleName() + "(")) {
            return line.substring("# anneal: ".length());
          }
        }
      }
    }
    throw new AssertionError(
        "no golden case declares @"
            + kind.simpleName()
            + " (add one to processor/src/test/golden/generate.py)");
  }
}
