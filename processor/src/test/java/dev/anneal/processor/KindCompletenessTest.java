package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.Schedules;
import dev.anneal.internal.Kernels;
import dev.anneal.internal.Plan;
import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Periodic;
import dev.anneal.processor.internal.emit.Emitters;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

  // ---- restarts: every kind whose folded curve is Periodic, in every evaluator ----

  /** Restart shapes each periodic body runs under: equal and growing cycles, both scales. */
  private static final List<String> RESTARTS =
      List.of(
          "@Restarts(decay = 0.5, limit = 3)",
          "@Restarts(growth = 1.5, decay = 0.7, limit = 5)",
          "@Restarts(decay = 0.5, limit = 4, scale = RestartScale.AMPLITUDE)",
          "@Warmup(steps = 7) @Restarts(growth = 2, limit = 6, scale = RestartScale.AMPLITUDE)",
          "@Restarts(limit = 2)");

  /** Body kinds whose folded curve {@code @Restarts} can repeat. */
  static Stream<Kind> periodicBodies() {
    return bodies().filter(KindCompletenessTest::foldsPeriodic);
  }

  private static boolean foldsPeriodic(Kind kind) {
    try {
      return Periodic.class.isAssignableFrom(
          Class.forName(Body.class.getPackageName() + "." + kind.simpleName() + "$Folded"));
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no " + kind.simpleName() + ".Folded", e);
    }
  }

  private static Compiled restarted;

  /** One config with every periodic body under every restart shape: {@code v<k>_<r>}. */
  private static synchronized Compiled restarted() throws Exception {
    if (restarted == null) {
      StringBuilder src =
          new StringBuilder("package test;\n\nimport dev.anneal.*;\n\n@Schedule\ninterface R {\n");
      for (Kind kind : periodicBodies().toList()) {
        for (int r = 0; r < RESTARTS.size(); r++) {
          src.append("  ")
              .append(restartedDeclaration(kind, r))
              .append("\n  double v")
              .append(kind.ordinal())
              .append('_')
              .append(r)
              .append("(long step);\n");
        }
      }
      restarted = Compiled.of("test", "R", src.append("}\n").toString());
    }
    return restarted;
  }

  private static String restartedDeclaration(Kind kind, int r) throws Exception {
    String restarts = RESTARTS.get(r);
    if (kind == Kind.CONSTANT) { // no amplitude above its end value: AMPLITUDE is an error there
      restarts = restarts.replace("AMPLITUDE", "START");
    }
    return restarts + " " + periodicGoldenBody(kind);
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void aBodyIsPeriodicOnlyWhenItsFoldedCurveIs(Kind kind) throws Exception {
    for (String declaration : goldenDeclarations(kind)) {
      Plan plan = Plan.parse(declaration);
      if (plan.body().periodic()) {
        assertTrue(
            plan.curve() instanceof Periodic,
            declaration + ": periodic() is true but its folded curve is not Periodic");
      }
    }
  }

  /**
   * The kinds {@code @Restarts}' message names (derived from each record's {@code periodic()}) are
   * exactly those whose folded curve is {@link Periodic}: a body that says {@code periodic()} over
   * a curve that is not one fails here, golden case or not.
   */
  @Test
  void theKindsRestartsNamesAreThePeriodicCurves() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Plan.parse("@Restarts @StepDecay(from = 0.1, factor = 0.5, every = 10)"));
    String message = e.getMessage();
    String list = message.substring(message.indexOf('(') + 1, message.indexOf(')'));
    List<String> named = new java.util.ArrayList<>();
    for (String entry : list.split(", ")) {
      named.add(entry.split(" ")[0].substring(1));
    }
    assertEquals(
        periodicBodies().map(Kind::simpleName).sorted().toList(),
        named.stream().sorted().toList(),
        message);
  }

  @ParameterizedTest
  @MethodSource("periodicBodies")
  void hasARestartEmitter(Kind kind) {
    assertTrue(
        Emitters.hasPeriodic(kind),
        kind.simpleName() + "Emitter must implement PeriodicEmitter (its folded curve restarts)");
  }

  @ParameterizedTest
  @MethodSource("periodicBodies")
  void restartsAgreeInEveryEvaluator(Kind kind) throws Exception {
    Compiled compiled = restarted();
    for (int r = 0; r < RESTARTS.size(); r++) {
      String declaration = restartedDeclaration(kind, r);
      Plan plan = Plan.parse(declaration);
      long stride = Math.max(1, (plan.warmupSteps + 3 * plan.period) / 200);
      long[] steps = new long[256];
      for (int i = 0; i < steps.length; i++) {
        steps[i] = i * stride + i % 3;
      }
      steps[steps.length - 1] = 1L << 50; // the kernels take steps below 2^51
      double[] out = new double[steps.length];
      assertTrue(Kernels.fill(plan, steps, out), "no vector kernel took " + declaration);
      var generated = compiled.function("v" + kind.ordinal() + "_" + r);
      for (int i = 0; i < steps.length; i++) {
        double want = plan.at(steps[i]);
        assertTrue(Double.isFinite(want), declaration + " at " + steps[i]);
        assertEquals(
            Double.doubleToRawLongBits(want),
            Double.doubleToRawLongBits(generated.applyAsDouble(steps[i])),
            declaration + ": generated vs builder at " + steps[i]);
        assertEquals(want, out[i], 1e-15 * Math.abs(want) + 1e-15, declaration + " at " + steps[i]);
      }
    }
  }

  /** The body of the first golden case of {@code kind} that {@code @Restarts} can repeat. */
  private static String periodicGoldenBody(Kind kind) throws Exception {
    for (String declaration : goldenDeclarations(kind)) {
      Plan plan = Plan.parse(declaration);
      if (plan.body().periodic()) {
        return plan.declaration().body().toSource();
      }
    }
    throw new AssertionError(
        "no golden case declares a @"
            + kind.simpleName()
            + " that @Restarts can repeat (add one to processor/src/test/golden/generate.py)");
  }

  /** Every golden declaration that uses {@code kind}. */
  private static List<String> goldenDeclarations(Kind kind) throws Exception {
    Path dir = Paths.get(KindCompletenessTest.class.getResource("/golden").toURI());
    List<String> out = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (!f.toString().endsWith(".csv")) {
          continue;
        }
        for (String line : Files.readAllLines(f)) {
          if (line.startsWith("# anneal: ") && line.contains("@" + kind.simpleName() + "(")) {
            out.add(line.substring("# anneal: ".length()));
          }
        }
      }
    }
    return out;
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
