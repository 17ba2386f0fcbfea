package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.anneal.processor.Sources.compile;
import static dev.anneal.processor.Sources.config;
import static dev.anneal.processor.Sources.file;
import static dev.anneal.processor.Sources.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.LrSchedule;
import dev.anneal.internal.Plan;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that crash annotation processors: malformed annotations, odd names and nesting, inherited
 * methods. Every one must end in diagnostics (javac's or the processor's), never in an exception
 * from the processor, a "could not generate" fallback, or generated code that does not compile.
 * {@link Sources#compile} fails the test on any of those.
 */
class RobustnessTest {

  // ---- malformed annotations: javac reports them, the processor stays quiet and does not crash
  // ----

  /** javac 17 and javac 25 word an unknown enum constant differently. */
  private static final String UNKNOWN_ENUM =
      "cannot find symbol|an enum annotation value must be an enum constant";

  /** {@code (javac's message as a regular expression, line, method lines)}. */
  static Stream<Arguments> malformed() {
    return Stream.of(
        // missing required attributes
        arguments(
            "is missing a default value for the element 'steps'",
            "@Cosine(from = 0.1)",
            new String[] {"  @Cosine(from = 0.1)", "  double lr(long step);"}),
        arguments(
            "is missing a default value for the element 'values'",
            "@Piecewise(steps = {0, 10})",
            new String[] {"  @Piecewise(steps = {0, 10})", "  double lr(long step);"}),
        arguments(
            "is missing a default value for the element 'steps'",
            "@Warmup(from = 0.01)",
            new String[] {
              "  @Warmup(from = 0.01)",
              "  @Cosine(from = 0.1, steps = 100)",
              "  double lr(long step);"
            }),
        arguments(
            "is missing a default value for the element 'high'",
            "@Cyclic(low = 0.1, up = 10)",
            new String[] {"  @Cyclic(low = 0.1, up = 10)", "  double lr(long step);"}),
        arguments(
            "is missing a default value for the element 'value'",
            "@Constant",
            new String[] {"  @Constant", "  double lr(long step);"}),
        // wrong attribute types
        arguments(
            "incompatible types",
            "from = \"0.1\"",
            new String[] {"  @Cosine(from = \"0.1\", steps = 100)", "  double lr(long step);"}),
        arguments(
            "possible lossy conversion from double to long",
            "steps = 1.5",
            new String[] {"  @Cosine(from = 0.1, steps = 1.5)", "  double lr(long step);"}),
        arguments(
            "possible lossy conversion from long to int",
            "limit = 5L",
            new String[] {
              "  @Restarts(limit = 5L)",
              "  @Cosine(from = 0.1, steps = 100)",
              "  double lr(long step);"
            }),
        arguments(
            "incompatible types",
            "staircase = 1",
            new String[] {
              "  @Exponential(from = 0.1, rate = 0.9, staircase = 1)", "  double lr(long step);"
            }),
        arguments(
            "possible lossy conversion from double to long",
            "milestones = {10, 20.5}",
            new String[] {
              "  @MultiStep(from = 0.1, milestones = {10, 20.5}, factor = 0.1)",
              "  double lr(long step);"
            }),
        arguments(
            "incompatible types",
            "values = \"a\"",
            new String[] {"  @Piecewise(steps = {0}, values = \"a\")", "  double lr(long step);"}),
        arguments(
            "incompatible types",
            "from = null",
            new String[] {"  @Cosine(from = null, steps = 100)", "  double lr(long step);"}),
        arguments(
            "incompatible types",
            "mode = Ramp.LINEAR",
            new String[] {
              "  @Cyclic(low = 0.1, high = 0.2, up = 10, mode = Ramp.LINEAR)",
              "  double lr(long step);"
            }),
        arguments(
            "not allowed as annotation value",
            "from = Math.random()",
            new String[] {
              "  @Cosine(from = Math.random(), steps = 100)", "  double lr(long step);"
            }),
        arguments(
            "not allowed as annotation value",
            "steps = STEPS[0]",
            new String[] {
              "  long[] STEPS = {100};",
              "  @Cosine(from = 0.1, steps = STEPS[0])",
              "  double lr(long step);"
            }),
        // unknown enum constants and attributes
        arguments(
            UNKNOWN_ENUM,
            "shape = Ramp.FOO",
            new String[] {
              "  @Warmup(steps = 10, shape = Ramp.FOO)",
              "  @Cosine(from = 0.1, steps = 100)",
              "  double lr(long step);"
            }),
        arguments(
            UNKNOWN_ENUM,
            "interpolation = Interpolation.CUBIC",
            new String[] {
              "  @Piecewise(steps = {0, 10}, values = {1, 2}, interpolation = Interpolation.CUBIC)",
              "  double lr(long step);"
            }),
        arguments(
            UNKNOWN_ENUM,
            "mode = FOO",
            new String[] {
              "  @Cyclic(low = 0.1, high = 0.2, up = 10, mode = FOO)", "  double lr(long step);"
            }),
        arguments(
            "cannot find symbol",
            "bogus = 1",
            new String[] {
              "  @Cosine(from = 0.1, steps = 100, bogus = 1)", "  double lr(long step);"
            }),
        arguments(
            "is not a repeatable annotation",
            "@Warmup(steps = 20)",
            new String[] {
              "  @Warmup(steps = 10)",
              "  @Warmup(steps = 20)",
              "  @Cosine(from = 0.1, steps = 100)",
              "  double lr(long step);"
            }),
        // types that do not exist
        arguments(
            "cannot find symbol",
            "Missing lr();",
            new String[] {"  @Cosine(from = 0.1, steps = 100)", "  Missing lr();"}),
        arguments(
            "cannot find symbol",
            "double lr(Missing step);",
            new String[] {"  @Cosine(from = 0.1, steps = 100)", "  double lr(Missing step);"}));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformed")
  void malformedAnnotationGetsJavacsErrorNotACrash(String message, String line, String[] body) {
    JavaFileObject f = config(body);
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c).hadErrorContainingMatch(message).inFile(f).onLine(line(f, line));
    // every error is about the user's file: none in half-generated code
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertWithMessage("error outside the config:\n%s", Compiled.diagnostics(c))
          .that(d.getSource() == null ? "<none>" : d.getSource().getName())
          .endsWith("Cfg.java");
    }
  }

  /**
   * Most of these errors are "unrecoverable" for javac: it then runs no processor at all, so the
   * processor's own errors on other methods appear only once javac's are fixed. Errors javac can
   * recover from (an unknown type) let the processor run; its structural error comes with javac's.
   */
  @Test
  void processorRunsAlongsideRecoverableErrors() {
    JavaFileObject f =
        config("  @Cosine(from = 0.1, steps = 100)", "  double a(long step);", "  Missing b();");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("cannot find symbol")
        .inFile(f)
        .onLine(line(f, "Missing b();"));
    assertThat(c)
        .hadErrorContaining("abstract method Missing b() is not a schedule")
        .inFile(f)
        .onLine(line(f, "Missing b();"));
  }

  @Test
  void unresolvedSuperInterface() {
    Compilation c =
        compile(
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Cfg extends Missing {",
                "  @Cosine(from = 0.1, steps = 100)",
                "  double lr(long step);",
                "}"));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("cannot find symbol");
  }

  // ---- shapes that must work ----

  @Test
  void configNestedInInterface() {
    Compiled c =
        Compiled.of(
            "test.Outer$Inner",
            file(
                "Outer",
                "package test;",
                "import dev.anneal.*;",
                "public interface Outer {",
                "  @Schedule",
                "  interface Inner {",
                "    @Cosine(from = 0.1, steps = 100)",
                "    double lr(long step);",
                "  }",
                "}"));
    assertEquals("test.Outer_InnerImpl", c.implClass().getName());
    assertThat(c.compilation()).generatedSourceFile("test.Outer_InnerImpl");
    assertEquals(0.1, c.schedule("lr").at(0));
  }

  @Test
  void configNestedInClassesTwoLevelsDeep() {
    Compiled c =
        Compiled.of(
            "test.A$B$C",
            file(
                "A",
                "package test;",
                "import dev.anneal.*;",
                "class A {",
                "  static class B {",
                "    @Schedule",
                "    abstract static class C {",
                "      @Constant(0.25)",
                "      protected abstract double lr(long step);",
                "    }",
                "  }",
                "}"));
    assertEquals("test.A_B_CImpl", c.implClass().getName());
    assertEquals(0.25, c.schedule("lr").at(12));
  }

  @Test
  void configInTheDefaultPackage() {
    Compiled c =
        Compiled.of(
            "",
            "Cfg",
            String.join(
                "\n",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Cfg {",
                "  @Linear(from = 1, to = 0, steps = 10)",
                "  double lr(long step);",
                "}"));
    assertEquals("CfgImpl", c.implClass().getName());
    assertEquals(0.5, c.schedule("lr").at(5));
  }

  @Test
  void scheduleMethodsInheritedFromAScheduleSuperInterface() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Base {",
                "  @Cosine(from = 0.1, steps = 100)",
                "  double lr(long step);",
                "}",
                "@Schedule",
                "interface Cfg extends Base {",
                "  @Constant(5e-4)",
                "  double weightDecay(long step);",
                "}"));
    assertEquals(0.1, c.schedule("lr").at(0));
    assertEquals(5e-4, c.schedule("weightDecay").at(0));
    assertThat(c.compilation()).generatedSourceFile("test.BaseImpl");
  }

  @Test
  void anOverridingRedeclarationWinsOverTheOneItOverrides() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface A {",
                "  @Cosine(from = 0.1, steps = 100)",
                "  double lr(long step);",
                "}",
                "@Schedule",
                "interface B extends A {",
                "  @Override",
                "  @Linear(from = 0.2, to = 0, steps = 100)",
                "  double lr(long step);",
                "}",
                "@Schedule",
                "interface Cfg extends A, B {",
                "}"));
    assertEquals(0.2, c.schedule("lr").at(0));
  }

  /**
   * docs/REFERENCE.md: every abstract method of the config is a schedule, inherited ones included,
   * even from a super-interface without {@code @Schedule} (the check for annotations outside
   * {@code @Schedule} types must not reject them).
   */
  @Test
  void scheduleMethodsInheritedFromAPlainSuperInterface() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "interface Base {",
                "  @Cosine(from = 0.1, steps = 100)",
                "  double lr(long step);",
                "}",
                "@Schedule",
                "interface Cfg extends Base {",
                "}"));
    assertEquals(0.1, c.schedule("lr").at(0));
  }

  @Test
  void abstractClassConfigImplementingAnInterface() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "interface Named {",
                "  String toString();",
                "}",
                "@Schedule",
                "abstract class Cfg implements Named {",
                "  Cfg() {",
                "  }",
                "  @Constant(0.5)",
                "  abstract double lr(long step);",
                "  double twice(long step) {",
                "    return 2 * lr(step);",
                "  }",
                "}"));
    assertEquals(0.5, c.schedule("lr").at(3));
  }

  @Test
  void objectMethodsRedeclaredInAnInterfaceAreIgnored() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  String toString();",
                "  boolean equals(Object o);",
                "  int hashCode();",
                "  @Constant(0.5)",
                "  double lr(long step);"));
    assertEquals(0.5, c.schedule("lr").at(3));
    assertThat(c.compilation()).succeededWithoutWarnings();
  }

  @Test
  void abstractToStringInAnAbstractClassIsNotASchedule() {
    // the generated subclass would have to implement it: an error at the method, not in generated
    // code
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "abstract class Cfg {",
            "  public abstract String toString();",
            "  @Constant(0.5)",
            "  abstract double lr(long step);",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("abstract method java.lang.String toString() is not a schedule")
        .inFile(f)
        .onLine(line(f, "String toString();"));
  }

  @Test
  void unusualMethodNames() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  @Constant(1)",
                "  double _lr(long s);",
                "  @Constant(2)",
                "  double $lr(long s);",
                "  @Constant(3)",
                "  double λ(long step);",
                "  @Constant(4)",
                "  double at(long step);",
                "  @Constant(5)",
                "  LrSchedule fill();",
                "  @Constant(6)",
                "  double INSTANCE(long step);"));
    assertEquals(1, c.schedule("_lr").at(0));
    assertEquals(2, c.schedule("$lr").at(0));
    assertEquals(3, c.schedule("λ").at(0));
    assertEquals(4, c.schedule("at").at(0));
    assertEquals(5, c.schedule("fill").at(0));
    assertEquals(6, c.schedule("INSTANCE").at(0));
  }

  @Test
  void namesThatDifferOnlyInCase() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  @Constant(1)",
                "  double lr(long step);",
                "  @Constant(2)",
                "  double Lr(long step);",
                "  @Constant(3)",
                "  double LR(long step);",
                "  @Constant(4)",
                "  double lrCurve(long step);"));
    assertEquals(1, c.schedule("lr").at(0));
    assertEquals(2, c.schedule("Lr").at(0));
    assertEquals(3, c.schedule("LR").at(0));
    assertEquals(4, c.schedule("lrCurve").at(0));
  }

  @Test
  void valueAndObjectFormsWithTheSameName() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  @Constant(1)",
                "  double lr(long step);",
                "  @Constant(2)",
                "  LrSchedule lr();"));
    assertEquals(
        1,
        c.function("lr").applyAsDouble(0)); // function() picks one of them: check both explicitly
    Object impl = c.instance();
    try {
      assertEquals(1.0, impl.getClass().getMethod("lr", long.class).invoke(impl, 0L));
      assertEquals(2.0, ((LrSchedule) impl.getClass().getMethod("lr").invoke(impl)).at(0));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void noScheduleMethodsGeneratesAnEmptyImpl() {
    Compiled c = Compiled.of("test.Cfg", config());
    assertThat(c.compilation()).succeededWithoutWarnings();
    assertThat(Modifier.isPublic(c.implClass().getModifiers())).isTrue();
    assertThat(c.configClass().isInstance(c.instance())).isTrue();
  }

  @Test
  void parameterNamesOtherThanStep() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  @Linear(from = 1, to = 0, steps = 10)",
                "  double lr(long t);",
                // a parameter named like the nested curve class would hide it
                "  @Linear(from = 2, to = 0, steps = 10)",
                "  double other(long OtherCurve);",
                "  @Linear(from = 3, to = 0, steps = 10)",
                "  double third(long INSTANCE);"));
    assertEquals(0.5, c.schedule("lr").at(5));
    assertEquals(1.0, c.schedule("other").at(5));
    assertEquals(1.5, c.schedule("third").at(5));
  }

  @Test
  void generatedNameLikeACurveClass() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            "test.LrCurve",
            JavaFileObjects.forSourceLines(
                "test.Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule(name = \"LrCurve\")",
                "interface Cfg {",
                "  @Constant(1)",
                "  double lr(long step);",
                "}"));
    assertEquals("test.Cfg", c.configClass().getName());
    assertEquals(1, c.schedule("lr").at(0));
  }

  @Test
  void customGeneratedName() {
    Compilation c =
        compile(
            JavaFileObjects.forSourceLines(
                "test.Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule(name = \"Schedules2\")",
                "interface Cfg {",
                "  @Constant(1)",
                "  double lr(long step);",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.Schedules2");
  }

  @Test
  void attributesFromConstantExpressions() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  long STEPS = 1_000;",
                "  double BASE = 0.05;",
                "  @Warmup(steps = STEPS / 10)",
                "  @Cosine(from = BASE * 2, to = BASE / 100, steps = STEPS - STEPS / 10)",
                "  double lr(long step);",
                "  @Piecewise(steps = {0, STEPS}, values = {BASE, -BASE}, interpolation = Interpolation.LINEAR)",
                "  double knots(long step);",
                "  @Constant(value = 'a', steps = 'b')", // char widens to double and long
                "  double chars(long step);"));
    assertEquals(0.1, c.schedule("lr").at(100));
    assertEquals(0.0, c.schedule("knots").at(500));
    assertEquals(97.0, c.schedule("chars").at(0));
  }

  @Test
  void otherAnnotationsOnScheduleMethodsAreIgnored() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  @Deprecated", "  @Cosine(from = 0.1, steps = 100)", "  double lr(long step);"));
    assertEquals(0.1, c.schedule("lr").at(0));
  }

  @Test
  void manyConfigsInOneCompilation() {
    Compilation c =
        compile(
            config("  @Constant(1)", "  double lr(long step);"),
            file(
                "Other",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Other {",
                "  @Constant(2)",
                "  double lr(long step);",
                "}"),
            JavaFileObjects.forSourceLines(
                "other.Cfg",
                "package other;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Cfg {",
                "  @Constant(3)",
                "  double lr(long step);",
                "}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.CfgImpl");
    assertThat(c).generatedSourceFile("test.OtherImpl");
    assertThat(c).generatedSourceFile("other.CfgImpl");
  }

  @Test
  void errorsInOneConfigDoNotStopTheOthers() {
    JavaFileObject bad = config("  @Cosine(from = 0.1, steps = 0)", "  double lr(long step);");
    JavaFileObject good =
        file(
            "Good",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "interface Good {",
            "  @Constant(2)",
            "  double lr(long step);",
            "}");
    Compilation c = compile(bad, good);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("@Cosine.steps must be > 0, was 0").inFile(bad);
  }

  // ---- extreme values ----

  /** Literals only ({@link Plan#parse} reads no expressions such as {@code Long.MAX_VALUE}). */
  static Stream<String> extremeButValid() {
    return Stream.of(
        "@Cosine(from = 0.1, steps = 9_223_372_036_854_775_807L)",
        "@Linear(from = 0.1, to = 0, steps = 1)",
        "@Constant(value = 0.1, steps = 9_223_372_036_854_775_807L)",
        "@StepDecay(from = 0.1, factor = 0.5, every = 9_223_372_036_854_775_807L)",
        "@StepDecay(from = 0.1, factor = 1e-300, every = 1)",
        "@Exponential(from = 1e300, rate = 1e-300, every = 1)",
        "@MultiStep(from = 0.1, milestones = {1, 9_223_372_036_854_775_807L}, factor = 0.1)",
        "@Cyclic(low = 0, high = 1, up = 1, down = 9_223_372_036_854_775_806L)",
        "@Cyclic(low = 0, high = 1, up = 4_611_686_018_427_387_903L)",
        "@Cyclic(low = 0, high = 1, up = 1, mode = CyclicMode.TRIANGULAR2)",
        "@Cyclic(low = 0, high = 1, up = 1, mode = CyclicMode.EXP_RANGE, gamma = 1e-300)",
        "@OneCycle(peak = 1, steps = 9_223_372_036_854_775_807L)",
        "@OneCycle(peak = 1, steps = 2, pctStart = 0.99)",
        "@Piecewise(steps = {0, 9_223_372_036_854_775_807L}, values = {1, 0}, interpolation = Interpolation.COSINE)",
        "@Piecewise(steps = 0, values = 1)",
        "@InverseSqrt(from = 1, timescale = 1e-300)",
        "@InverseTime(from = 1, rate = 1e300)",
        "@Polynomial(from = 1, steps = 3, power = 1e300, cycle = true)",
        "@Warmup(steps = 9_223_372_036_854_775_806L) @Linear(from = 1, to = 0, steps = 1)",
        "@Warmup(steps = 1, from = 1e-300, shape = Ramp.EXPONENTIAL) @Constant(1e-10)",
        "@Cooldown(steps = 9_223_372_036_854_775_707L, shape = Ramp.SQRT) @Cosine(from = 1, steps = 100)",
        "@Restarts(growth = 2, limit = 57) @Cosine(from = 1, steps = 100)",
        "@Restarts(growth = 1e300) @Linear(from = 1, to = 0, steps = 1)",
        "@Restarts(limit = 2_147_483_647) @Cosine(from = 1, steps = 4_611_686_018_427_387_903L)",
        "@Restarts(decay = 1e-300) @OneCycle(peak = 1, steps = 10)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("extremeButValid")
  void extremeButValidDeclarationsGiveFiniteValues(String declaration) {
    Compiled c = Compiled.of("test.Cfg", config("  " + declaration, "  double lr(long step);"));
    LrSchedule s = c.schedule("lr");
    Plan plan = Plan.parse(declaration);
    for (long step :
        new long[] {
          0,
          1,
          2,
          3,
          1L << 31,
          1L << 53,
          (1L << 53) + 1,
          1L << 62,
          Long.MAX_VALUE / 2,
          Long.MAX_VALUE - 101,
          Long.MAX_VALUE - 100,
          Long.MAX_VALUE - 2,
          Long.MAX_VALUE - 1,
          Long.MAX_VALUE
        }) {
      double v = s.at(step);
      assertWithMessage("%s at %s", declaration, step).that(Double.isFinite(v)).isTrue();
      assertWithMessage("%s at %s (generated vs Plan)", declaration, step)
          .that(Double.doubleToRawLongBits(v))
          .isEqualTo(Double.doubleToRawLongBits(plan.at(step)));
    }
    assertThrows(IllegalArgumentException.class, () -> s.at(-1));
    assertThrows(IllegalArgumentException.class, () -> s.at(Long.MIN_VALUE));
  }

  /** Declarations whose attributes are finite but whose arithmetic would overflow: rejected. */
  static Stream<String> overflowingArithmetic() {
    return Stream.of(
        "@Linear(from = 1e308, to = -1e308, steps = 10)",
        "@Cyclic(low = -1e308, high = 1e308, up = 10)",
        "@Warmup(steps = 10, from = -1e308) @Constant(1e308)",
        // ln(to / from) overflows: Plan.warmupLnRatio = Math.log(1e300 / 1e-300) = Infinity, and at
        // step 0
        // Infinity * 0 = NaN
        "@Warmup(steps = 1, from = 1e-300, shape = Ramp.EXPONENTIAL) @Constant(1e300)",
        "@Cooldown(steps = 10, to = 1e300, shape = Ramp.EXPONENTIAL) @Constant(value = 1e-300, steps = 10)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overflowingArithmetic")
  void finiteAttributesWhoseDifferenceOverflows(String declaration) {
    // Every attribute is finite, but the arithmetic would overflow to infinity or NaN: an error.
    Compilation c = compile(config("  " + declaration, "  double lr(long step);"));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("double");
  }

  // ---- name clashes: the processor cannot write its file ----

  /**
   * When the generated class's name is taken (two configs with the same {@code name}, or a type the
   * user wrote), the Filer refuses the file: a plain error naming the clash, not a crash report.
   */
  @Test
  void twoConfigsWithTheSameGeneratedName() {
    Compilation c =
        compile(
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule(name = \"Same\")",
                "interface Cfg {",
                "  @Constant(1)",
                "  double lr(long step);",
                "}",
                "@Schedule(name = \"Same\")",
                "interface Cfg2 {",
                "  @Constant(2)",
                "  double lr(long step);",
                "}"));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("another type already has that name");
  }

  @Test
  void generatedNameTakenByAUserType() {
    Compilation c =
        compile(
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Cfg {",
                "  @Constant(1)",
                "  double lr(long step);",
                "}",
                "class CfgImpl {",
                "}"));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("another type already has that name");
  }

  /**
   * A type named {@code Math} in scope of the generated class (nested in the config, or in its
   * package) must not capture the formulas' {@code Math.cos(...)} calls.
   */
  @Test
  void typeNamedMathInScope() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  interface Math {",
                "  }",
                "  @Cosine(from = 0.1, steps = 100)",
                "  double lr(long step);"));
    assertEquals(Plan.parse("@Cosine(from = 0.1, steps = 100)").at(50), c.schedule("lr").at(50));
  }

  /**
   * Types the generated class refers to ({@code LrSchedule}, {@code ParamGroups}, {@code Plan},
   * {@code Kernels}, {@code Steps}) may also be the names of the config's own nested types, which
   * the generated class inherits; its references must still reach anneal's.
   */
  @Test
  void nestedTypesNamedLikeAnnealTypes() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            config(
                "  interface LrSchedule {}",
                "  interface ParamGroups {}",
                "  interface Plan {}",
                "  interface Kernels {}",
                "  interface Steps {}",
                "  @Warmup(steps = 10)",
                "  @Cosine(from = 0.1, steps = 100)",
                "  dev.anneal.LrSchedule lr();"));
    String declaration = "@Warmup(steps = 10) @Cosine(from = 0.1, steps = 100)";
    for (long step : new long[] {0, 5, 10, 60, 110, 500}) {
      assertEquals(Plan.parse(declaration).at(step), c.schedule("lr").at(step));
    }
  }

  @Test
  void lrScheduleFormReturnsTheSameObject() {
    Compiled c = Compiled.of("test.Cfg", config("  @Constant(1)", "  LrSchedule lr();"));
    assertSame(c.schedule("lr"), c.schedule("lr"));
  }

  // ---- hostile input: names that shadow, names that cannot be, shapes the generated class cannot
  // take ----

  private static final String[] HOSTILE_DECLARATIONS = {
    "@Warmup(steps = 10, shape = Ramp.COSINE) @Cosine(from = 0.1, steps = 100) @Restarts(growth = 2, decay = 0.5)",
    "@Warmup(steps = 5, from = 1e-3, shape = Ramp.EXPONENTIAL) @Linear(from = 0.1, to = 0.01, steps = 50)"
        + " @Cooldown(steps = 20, shape = Ramp.SQRT)",
    "@Piecewise(steps = {0, 30, 90}, values = {0.1, 0.05, 0.2}, interpolation = Interpolation.COSINE)",
  };

  /** Lines declaring one schedule per {@link #HOSTILE_DECLARATIONS} entry, in both forms. */
  private static List<String> hostileMethods(boolean abstractClass) {
    return hostileMethods(abstractClass, "LrSchedule");
  }

  private static List<String> hostileMethods(boolean abstractClass, String lrSchedule) {
    List<String> lines = new ArrayList<>();
    String prefix = abstractClass ? "public abstract " : "";
    for (int i = 0; i < HOSTILE_DECLARATIONS.length; i++) {
      lines.add("  " + HOSTILE_DECLARATIONS[i]);
      lines.add("  " + prefix + "double v" + i + "(long step);");
      lines.add("  " + HOSTILE_DECLARATIONS[i]);
      lines.add("  " + prefix + lrSchedule + " o" + i + "();");
    }
    return lines;
  }

  /** Every schedule of {@link #hostileMethods} agrees with {@link Plan#parse} on steps 0..399. */
  private static void assertHostileSchedules(Compiled c) {
    for (int i = 0; i < HOSTILE_DECLARATIONS.length; i++) {
      Plan plan = Plan.parse(HOSTILE_DECLARATIONS[i]);
      for (String name : new String[] {"v" + i, "o" + i}) {
        LrSchedule s = c.schedule(name);
        for (long step = 0; step < 400; step++) {
          assertWithMessage("%s at %s", name, step).that(s.at(step)).isEqualTo(plan.at(step));
        }
      }
    }
  }

  /** Names the generated code refers to, or declares, or that java.lang and anneal use. */
  private static final String[] SHADOWING_NAMES = {
    "Steps",
    "Math",
    "Plan",
    "Kernels",
    "LrCurve",
    "GeneratedSchedule",
    "LrSchedule",
    "Curve0",
    "Curve1",
    "CURVE_0",
    "CURVE_1",
    "CYCLE_START",
    "Override",
    "String",
    "Generated",
    "PI",
    "cos",
    "exp",
    "toDouble",
    "negative",
    "Double",
    "Long",
    "Object",
    "step",
    "x",
    "t",
    "dev",
    "java",
    "javax"
  };

  static Stream<Arguments> shadowingMembers() {
    List<Arguments> all = new ArrayList<>();
    for (boolean abstractClass : new boolean[] {false, true}) {
      for (String n : SHADOWING_NAMES) {
        all.add(arguments(abstractClass, "long " + n + " = 5;"));
        all.add(arguments(abstractClass, "interface " + n + " {}"));
      }
      all.add(arguments(abstractClass, "static long cos(long x) { return x; }"));
      all.add(
          arguments(
              abstractClass, "static class Math { static double cos(double x) { return 0; } }"));
    }
    return all.stream();
  }

  /** A member of the config, inherited by the generated class, must not capture its references. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("shadowingMembers")
  void configMembersThatCouldShadowGeneratedReferences(boolean abstractClass, String member) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                (abstractClass ? "abstract class" : "interface") + " Cfg {",
                "  " + member));
    // the config's own LrSchedule must be written qualified when a member hides anneal's
    lines.addAll(
        hostileMethods(
            abstractClass,
            member.equals("interface LrSchedule {}") ? "dev.anneal.LrSchedule" : "LrSchedule"));
    lines.add("}");
    Compiled c = Compiled.of("test.Cfg", JavaFileObjects.forSourceLines("test.Cfg", lines));
    assertHostileSchedules(c);
  }

  static Stream<String> samePackageTypeNames() {
    return Stream.of(
        "Override",
        "String",
        "Generated",
        "Math",
        "GeneratedSchedule",
        "LrSchedule",
        "Plan",
        "Kernels",
        "Double",
        "Long",
        "Object",
        "Curve0",
        "Curve",
        "Curve_0",
        "dev",
        "java");
  }

  /** How the config's sources name anneal's LrSchedule when a type of their package is named so. */
  private static String lrScheduleBeside(String name) {
    return name.equals("LrSchedule") ? "dev.anneal.LrSchedule" : "LrSchedule";
  }

  /**
   * A class of the config's package is in scope of the generated class (unless an import shadows
   * it).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samePackageTypeNames")
  void samePackageTypesNamedLikeGeneratedReferences(String name) {
    List<String> lines =
        new ArrayList<>(
            List.of("package test;", "import dev.anneal.*;", "@Schedule", "interface Cfg {"));
    lines.addAll(hostileMethods(false, lrScheduleBeside(name)));
    lines.add("}");
    Compiled c =
        Compiled.of(
            "test.Cfg",
            "test.CfgImpl",
            JavaFileObjects.forSourceLines("test.Cfg", lines),
            JavaFileObjects.forSourceLines(
                "test." + name, "package test;", "class " + name + " {", "}"));
    assertHostileSchedules(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samePackageTypeNames")
  void configNestedInATypeNamedLikeAGeneratedReference(String name) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "package test;",
                "import dev.anneal.*;",
                "class " + name + " {",
                "@Schedule",
                "interface Cfg {"));
    lines.addAll(hostileMethods(false, lrScheduleBeside(name)));
    lines.add("}");
    lines.add("}");
    Compiled c =
        Compiled.of("test." + name + "$Cfg", JavaFileObjects.forSourceLines("test." + name, lines));
    assertHostileSchedules(c);
  }

  /**
   * {@code @Schedule(name = ...)}: the generated class itself named like something it refers to.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samePackageTypeNames")
  void generatedClassNamedLikeAGeneratedReference(String name) {
    if (name.equals("LrSchedule")) {
      return; // an anneal type: see generatedClassNamedLikeAnAnnealType
    }
    List<String> lines =
        new ArrayList<>(
            List.of(
                "package test;",
                "import dev.anneal.*;",
                "@Schedule(name = \"" + name + "\")",
                "interface Cfg {"));
    lines.addAll(hostileMethods(false));
    lines.add("}");
    Compiled c =
        Compiled.of("test.Cfg", "test." + name, JavaFileObjects.forSourceLines("test.Cfg", lines));
    assertHostileSchedules(c);
  }

  /**
   * A generated class named like a public type of {@code dev.anneal} would hide it, in the config's
   * package, from {@code import dev.anneal.*}: the config's own annotations would change meaning.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"LrSchedule", "Cosine", "Schedule", "ParamGroups", "Ramp", "Schedules"})
  void generatedClassNamedLikeAnAnnealType(String name) {
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule(name = \"" + name + "\")",
            "interface Cfg {",
            "  @Cosine(from = 0.1, steps = 10)",
            "  LrSchedule lr();",
            "}");
    Compilation c = compile(f);
    expectOnlyError(
        c,
        f,
        "@Schedule.name must not be the name of a public type of dev.anneal",
        "@Schedule(name");
    assertThat(c)
        .hadErrorContaining("was \"" + name + "\"")
        .inFile(f)
        .onLine(line(f, "@Schedule(name"))
        .atColumn(Sources.column(f, "@Schedule(name", "\""));
  }

  /** Restricted identifiers (JLS 3.9), keywords, literals and non-names. */
  static Stream<String> namesNoClassCanHave() {
    return Stream.of(
        "var",
        "yield",
        "record",
        "sealed",
        "permits",
        "class",
        "int",
        "goto",
        "const",
        "enum",
        "true",
        "null",
        "_",
        "a.b",
        "a b",
        " Cfg2",
        "Cfg2 ",
        "1a",
        "a-b",
        "non-sealed",
        "a\\tb");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @MethodSource("namesNoClassCanHave")
  void generatedNameThatNoClassCanHave(String name) {
    JavaFileObject f =
        JavaFileObjects.forSourceLines(
            "test.Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule(name = \"" + name + "\")",
            "interface Cfg {",
            "  @Constant(1)",
            "  double lr(long step);",
            "}");
    Compilation c = compile(f);
    expectOnlyError(c, f, "@Schedule.name must be", "@Schedule(name");
    assertThat(c)
        .hadErrorContaining("@Schedule.name")
        .inFile(f)
        .onLine(line(f, "@Schedule(name"))
        .atColumn(Sources.column(f, "@Schedule(name", "\""));
  }

  /**
   * Names that only look odd: contextual keywords other than the restricted identifiers can name a
   * type.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "when", "module", "open", "exports", "to", "with", "non", "$", "Var", "RECORD", "λ"
      })
  void generatedNamesThatAreLegal(String name) {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            "test." + name,
            JavaFileObjects.forSourceLines(
                "test.Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule(name = \"" + name + "\")",
                "interface Cfg {",
                "  @Constant(0.5)",
                "  double lr(long step);",
                "}"));
    assertEquals(0.5, c.schedule("lr").at(7));
  }

  /**
   * Exactly one error, in {@code f} on the line containing {@code lineFragment}; nothing generated
   * for the config, so no error from generated code.
   */
  private static void expectOnlyError(
      Compilation c, JavaFileObject f, String message, String lineFragment) {
    assertThat(c).failed();
    assertWithMessage("errors:\n%s", Compiled.diagnostics(c)).that(c.errors()).hasSize(1);
    assertThat(c).hadErrorContaining(message).inFile(f).onLine(line(f, lineFragment));
  }

  // ---- sealed configs ----

  @Test
  void sealedConfigPermittingOnlyAnotherClass() {
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "sealed interface Cfg permits Other {",
            "  @Constant(1)",
            "  double lr(long step);",
            "}",
            "final class Other implements Cfg {",
            "  public double lr(long step) {",
            "    return 0;",
            "  }",
            "}");
    expectOnlyError(
        compile(f),
        f,
        "sealed @Schedule type Cfg must permit the generated class CfgImpl",
        "@Schedule");
  }

  @Test
  void sealedClassWithoutPermitsClause() {
    // the permitted subclasses are those of the compilation unit: not the generated class
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "abstract sealed class Cfg {",
            "  @Constant(1)",
            "  abstract double lr(long step);",
            "}",
            "final class Other extends Cfg {",
            "  double lr(long step) {",
            "    return 0;",
            "  }",
            "}");
    expectOnlyError(compile(f), f, "must permit the generated class CfgImpl", "@Schedule");
  }

  @Test
  void sealedConfigPermittingAnotherGeneratedName() {
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule(name = \"Gen\")",
            "sealed interface Cfg permits CfgImpl {",
            "  @Constant(1)",
            "  double lr(long step);",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("must permit the generated class Gen")
        .inFile(f)
        .onLine(line(f, "@Schedule"));
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertThat(d.getSource()).isEqualTo(f);
    }
  }

  /**
   * A sealed config that permits the generated class by name: it is final and in the package, so
   * legal.
   */
  static Stream<Arguments> sealedConfigsPermittingTheGeneratedClass() {
    return Stream.of(
        arguments(
            "test.CfgImpl", new String[] {"@Schedule", "sealed interface Cfg permits CfgImpl {"}),
        arguments(
            "test.CfgImpl",
            new String[] {"@Schedule", "sealed interface Cfg permits test.CfgImpl {"}),
        arguments(
            "test.CfgImpl",
            new String[] {"@Schedule", "sealed interface Cfg permits Other, CfgImpl {"}),
        arguments(
            "test.Gen",
            new String[] {"@Schedule(name = \"Gen\")", "sealed interface Cfg permits Gen {"}),
        arguments(
            "test.CfgImpl",
            new String[] {"@Schedule", "abstract sealed class Cfg permits CfgImpl {"}));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("sealedConfigsPermittingTheGeneratedClass")
  void sealedConfigPermittingTheGeneratedClass(String impl, String[] header) {
    boolean abstractClass = header[1].contains("class");
    List<String> lines = new ArrayList<>(List.of("package test;", "import dev.anneal.*;"));
    lines.addAll(List.of(header));
    lines.addAll(hostileMethods(abstractClass));
    lines.add("}");
    lines.add(
        header[1].contains("Other")
            ? "final class Other implements Cfg {" + otherBodies() + "}"
            : "");
    Compiled c = Compiled.of("test.Cfg", impl, JavaFileObjects.forSourceLines("test.Cfg", lines));
    assertThat(Modifier.isFinal(c.implClass().getModifiers())).isTrue();
    assertThat(c.configClass().isSealed()).isTrue();
    assertHostileSchedules(c);
  }

  private static String otherBodies() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < HOSTILE_DECLARATIONS.length; i++) {
      sb.append(" public double v")
          .append(i)
          .append("(long s) { return 0; }")
          .append(" public LrSchedule o")
          .append(i)
          .append("() { return null; }");
    }
    return sb.toString();
  }

  // ---- methods the generated class cannot implement ----

  @Test
  void packagePrivateAbstractMethodOfASuperclassInAnotherPackage() {
    JavaFileObject base =
        JavaFileObjects.forSourceLines(
            "other.Base",
            "package other;",
            "import dev.anneal.*;",
            "public abstract class Base {",
            "  @Constant(1)",
            "  abstract double lr(long step);",
            "}");
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "public abstract class Cfg extends other.Base {",
            "}");
    Compilation c = compile(base, f);
    expectOnlyError(
        c,
        f,
        "Cfg inherits package-private abstract method double lr(long) from other.Base",
        "abstract class Cfg");
  }

  @Test
  void protectedAbstractMethodOfASuperclassInAnotherPackage() {
    JavaFileObject base =
        JavaFileObjects.forSourceLines(
            "other.Base",
            "package other;",
            "import dev.anneal.*;",
            "public abstract class Base {",
            "  @Constant(1)",
            "  protected abstract double lr(long step);",
            "  @Constant(2)",
            "  abstract LrSchedule same();",
            "}");
    // Base2, in Base's package, can implement the package-private same(); the generated class
    // cannot
    JavaFileObject f =
        file(
            "Base2",
            "package other;",
            "import dev.anneal.*;",
            "@Schedule",
            "public abstract class Base2 extends Base {",
            "  LrSchedule same() {",
            "    return null;",
            "  }",
            "}");
    Compiled c =
        Compiled.of(
            "test.Cfg",
            "test.CfgImpl",
            JavaFileObjects.forSourceLines(
                "test.Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "public abstract class Cfg extends other.Base2 {",
                "}"),
            base,
            f);
    assertEquals(1, c.schedule("lr").at(0));
  }

  @Test
  void packagePrivateAbstractMethodTwoPackagesUp() {
    JavaFileObject base =
        JavaFileObjects.forSourceLines(
            "other.Base",
            "package other;",
            "import dev.anneal.*;",
            "public abstract class Base {",
            "  @Constant(1)",
            "  abstract LrSchedule same();",
            "}");
    JavaFileObject mid =
        JavaFileObjects.forSourceLines(
            "other.Mid", "package other;", "public abstract class Mid extends Base {", "}");
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "public abstract class Cfg extends other.Mid {",
            "  @Constant(2)",
            "  abstract double lr(long step);",
            "}");
    expectOnlyError(
        compile(base, mid, f),
        f,
        "Cfg inherits package-private abstract method dev.anneal.LrSchedule same() from other.Base",
        "abstract class Cfg");
  }

  /**
   * {@code (form, kind, clashes with Object)}: which schedule methods named like Object's can be
   * implemented.
   */
  static Stream<Arguments> objectMethodNames() {
    List<Arguments> all = new ArrayList<>();
    for (String name :
        new String[] {
          "wait",
          "toString",
          "getClass",
          "hashCode",
          "equals",
          "notify",
          "notifyAll",
          "clone",
          "finalize"
        }) {
      // double name(long step) clashes only with wait(long); LrSchedule name() with every no-arg
      // method except equals (which has one parameter) and clone (protected, returns Object)
      all.add(arguments("  double " + name + "(long step);", name.equals("wait")));
      all.add(arguments("  abstract double " + name + "(long step);", name.equals("wait")));
      all.add(
          arguments(
              "  LrSchedule " + name + "();", !name.equals("equals") && !name.equals("clone")));
      all.add(
          arguments(
              "  public abstract LrSchedule " + name + "();",
              !name.equals("equals") && !name.equals("clone")));
    }
    // a package-private override of the protected clone() would weaken its access
    all.add(arguments("  abstract LrSchedule clone();", true));
    all.add(arguments("  protected abstract LrSchedule clone();", false));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("objectMethodNames")
  void scheduleMethodsNamedLikeObjectMethods(String method, boolean clashes) {
    boolean abstractClass = method.contains("abstract");
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            (abstractClass ? "abstract class" : "interface") + " Cfg {",
            "  @Constant(0.25)",
            method,
            "  @Constant(0.5)",
            "  " + (abstractClass ? "abstract " : "") + "double lr(long step);",
            "}");
    if (clashes) {
      Compilation c = compile(f);
      expectOnlyError(c, f, "", method.trim());
      return;
    }
    Compiled c = Compiled.of("test.Cfg", f);
    String name =
        method.substring(
            method.indexOf(
                    ' ',
                    method.indexOf("double") >= 0
                        ? method.indexOf("double")
                        : method.indexOf("LrSchedule"))
                + 1,
            method.indexOf('('));
    Object impl = c.instance();
    try {
      if (method.contains("double")) {
        assertEquals(0.25, impl.getClass().getMethod(name, long.class).invoke(impl, 3L));
      } else {
        assertEquals(0.25, ((LrSchedule) impl.getClass().getMethod(name).invoke(impl)).at(3));
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    assertEquals(0.5, c.schedule("lr").at(3));
  }

  /** Our own message where javac has none: the generated class would fail, not the config. */
  @Test
  void lrScheduleFinalizeInAnInterface() {
    JavaFileObject f = config("  @Constant(1)", "  LrSchedule finalize();");
    expectOnlyError(
        compile(f),
        f,
        "schedule method finalize() would override java.lang.Object.finalize(), which returns void: rename it",
        "LrSchedule finalize();");
  }

  // ---- names the file system or the locale cannot take ----

  @Test
  void nonAsciiAndVeryLongMethodNames() {
    String longName = "l" + "o".repeat(248) + "g";
    String[] names = {"λ", "日本", "ŝtep", "𝛌", longName};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      lines.add("  @Warmup(steps = 10) @Cosine(from = 0." + (i + 1) + ", steps = 100)");
      lines.add(
          "  "
              + (i % 2 == 0
                  ? "double " + names[i] + "(long step);"
                  : "LrSchedule " + names[i] + "();"));
    }
    Compiled c = Compiled.of("test.Cfg", config(lines.toArray(new String[0])));
    for (int i = 0; i < names.length; i++) {
      Plan plan = Plan.parse("@Warmup(steps = 10) @Cosine(from = 0." + (i + 1) + ", steps = 100)");
      for (long step = 0; step < 150; step++) {
        assertEquals(plan.at(step), c.schedule(names[i]).at(step), names[i] + " at " + step);
      }
      assertThat(c.schedule(names[i]).toString()).contains(names[i]);
    }
    String source = Sources.generated(c.compilation(), "test.CfgImpl");
    assertWithMessage("non-ASCII in the generated source")
        .that(source.chars().allMatch(ch -> ch < 0x80))
        .isTrue();
    assertThat(source).contains("\\u03bb"); // λ, escaped
    // class files named after the config and an index, never after a method
    for (JavaFileObject g : c.compilation().generatedFiles()) {
      String path = g.toUri().getPath();
      assertWithMessage("generated file %s", path)
          .that(path.substring(path.lastIndexOf('/') + 1))
          .matches("CfgImpl(\\$Curve[0-9]+)?\\.(java|class)|Cfg\\.class");
    }
  }

  /**
   * javac itself must handle a non-ASCII file and class name; the processor must just not get in
   * the way.
   */
  @Test
  void nonAsciiConfigName() {
    Compiled c =
        Compiled.of(
            "test.Ĉfg日本",
            JavaFileObjects.forSourceLines(
                "test.Ĉfg日本",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Ĉfg日本 {",
                "  @Constant(0.5)",
                "  double λ(long step);",
                "}"));
    assertEquals("test.Ĉfg日本Impl", c.implClass().getName());
    assertEquals(0.5, c.schedule("λ").at(0));
    String source = Sources.generated(c.compilation(), "test.Ĉfg日本Impl");
    assertThat(source.chars().allMatch(ch -> ch < 0x80)).isTrue();
  }

  // ---- abstract methods inherited from class files ----

  static Stream<Arguments> classFileSupertypes() {
    return Stream.of(
        arguments(
            "interface Cfg extends LrSchedule {",
            "double at(long)",
            "dev.anneal.LrSchedule",
            "declares no schedule"),
        arguments(
            "interface Cfg extends java.util.function.LongToDoubleFunction {",
            "double applyAsDouble(long)",
            "java.util.function.LongToDoubleFunction",
            "declares no schedule"),
        arguments(
            "interface Cfg extends Runnable {",
            "void run()",
            "java.lang.Runnable",
            "is not a schedule"),
        arguments(
            "abstract class Cfg implements Runnable {",
            "void run()",
            "java.lang.Runnable",
            "is not a schedule"),
        arguments(
            "abstract class Cfg extends java.io.Writer {",
            "void write(char[], int, int)",
            "java.io.Writer",
            "is not a schedule"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classFileSupertypes")
  void unannotatedAbstractMethodInheritedFromAClassFile(
      String header, String method, String owner, String what) {
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            header,
            "  @Constant(1)",
            "  " + (header.contains("class") ? "abstract " : "") + "double lr(long step);",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("Cfg inherits abstract method")
        .inFile(f)
        .onLine(line(f, header));
    assertThat(c).hadErrorContaining(method).inFile(f).onLine(line(f, header));
    assertThat(c)
        .hadErrorContaining("from " + owner + ", which " + what)
        .inFile(f)
        .onLine(line(f, header));
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertWithMessage("unlocated error:\n%s", Compiled.diagnostics(c))
          .that(d.getSource())
          .isNotNull();
      assertThat(d.getSource().getName()).endsWith("Cfg.java");
    }
  }

  @Test
  void classFileSupertypeMethodRedeclaredWithASchedule() {
    Compiled c =
        Compiled.of(
            "test.Cfg",
            file(
                "Cfg",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface Cfg extends LrSchedule, java.util.function.LongToDoubleFunction {",
                "  @Constant(0.5)",
                "  double at(long step);",
                "  @Constant(0.25)",
                "  double applyAsDouble(long step);",
                "}"));
    assertEquals(0.5, ((LrSchedule) c.instance()).at(3));
    assertEquals(0.25, c.schedule("applyAsDouble").at(3));
  }

  /**
   * Annotations are kept in class files: schedules inherited from a compiled supertype work, and
   * their problems are reported on the config (javac gives a class-file element no line).
   */
  @Test
  void schedulesInheritedFromAClassFile(@TempDir Path dir) throws Exception {
    File runtime =
        new File(LrSchedule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Compilation base =
        Compiler.javac()
            .withClasspath(List.of(runtime))
            .compile(
                JavaFileObjects.forSourceLines(
                    "other.Base",
                    "package other;",
                    "import dev.anneal.*;",
                    "public interface Base {",
                    "  @Cosine(from = 0.1, steps = 100)",
                    "  double good(long step);",
                    "  @Cosine(from = 0.1, steps = 0)",
                    "  double bad(long step);",
                    "  @Constant(1)",
                    "  @Linear(from = 1, to = 0, steps = 10)",
                    "  double two(long step);",
                    "}"));
    assertThat(base).succeeded();
    writeClassFiles(base, dir);
    List<File> classpath = List.of(runtime, dir.toFile());
    JavaFileObject bad =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "interface Cfg extends other.Base {",
            "}");
    Compilation c =
        Compiled.javac().withClasspath(classpath).compile(bad); // a new processor each time
    Sources.assertNoCrash(c);
    assertThat(c).failed();
    assertThat(c)
        .hadErrorContaining("bad() inherited from other.Base: @Cosine.steps must be > 0, was 0")
        .inFile(bad)
        .onLine(line(bad, "interface Cfg"));
    assertThat(c).hadErrorContaining("two() has @").inFile(bad).onLine(line(bad, "interface Cfg"));
    assertThat(c)
        .hadErrorContaining("(inherited from other.Base)")
        .inFile(bad)
        .onLine(line(bad, "interface Cfg"));
    assertWithMessage(Compiled.diagnostics(c)).that(c.errors()).hasSize(2);

    JavaFileObject good =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "interface Cfg extends other.Base {",
            "  @Constant(2)",
            "  double bad(long step);",
            "  @Constant(3)",
            "  double two(long step);",
            "}");
    Compilation ok = Compiled.javac().withClasspath(classpath).compile(good);
    assertThat(ok).succeeded();
    writeClassFiles(ok, dir);
    Class<?> impl =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, LrSchedule.class.getClassLoader())
            .loadClass("test.CfgImpl");
    Object instance = impl.getConstructor().newInstance();
    Plan plan = Plan.parse("@Cosine(from = 0.1, steps = 100)");
    for (long step = 0; step < 120; step++) {
      assertEquals(
          plan.at(step), (double) impl.getMethod("good", long.class).invoke(instance, step));
    }
    assertEquals(2.0, impl.getMethod("bad", long.class).invoke(instance, 5L));
  }

  /** The class files of {@code c} under {@code dir}, by package. */
  private static void writeClassFiles(Compilation c, Path dir) throws IOException {
    for (JavaFileObject g : c.generatedFiles()) {
      String path = g.toUri().getPath();
      if (g.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      Path out =
          dir.resolve(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
      Files.createDirectories(out.getParent());
      try (InputStream in = g.openInputStream()) {
        Files.write(out, in.readAllBytes());
      }
    }
  }

  // ---- nesting in inner classes ----

  /** {@code (binary name of the config, outer lines around "@Schedule <header> {")}. */
  static Stream<Arguments> staticConfigsInInnerClasses() {
    return Stream.of(
        arguments("test.Outer$Inner$Cfg", "class Inner {", "interface Cfg {"),
        arguments("test.Outer$Inner$Cfg", "class Inner {", "abstract static class Cfg {"),
        arguments("test.Outer$Inner$R$Cfg", "class Inner { record R() {", "interface Cfg {"),
        arguments("test.Outer$Inner$E$Cfg", "class Inner { enum E { A;", "interface Cfg {"),
        arguments("test.Outer$Inner$I$Cfg", "class Inner { interface I {", "abstract class Cfg {"),
        arguments(
            "test.Outer$Inner$Deeper$Cfg", "class Inner { class Deeper {", "interface Cfg {"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("staticConfigsInInnerClasses")
  void staticConfigNestedInAnInnerClass(String binaryName, String outer, String header) {
    long opened = outer.chars().filter(ch -> ch == '{').count();
    boolean abstractClass = header.contains("class");
    Compiled c =
        Compiled.of(
            binaryName,
            file(
                "Outer",
                "package test;",
                "import dev.anneal.*;",
                "class Outer {",
                outer,
                "@Schedule",
                header,
                "  @Constant(0.5)",
                "  " + (abstractClass ? "abstract " : "") + "double lr(long step);",
                "}",
                "}".repeat((int) opened),
                "}"));
    assertEquals(0.5, c.schedule("lr").at(1));
  }

  @Test
  void innerClassConfigInAnInnerClass() {
    JavaFileObject f =
        file(
            "Outer",
            "package test;",
            "import dev.anneal.*;",
            "class Outer {",
            "  class Inner {",
            "    @Schedule",
            "    abstract class Cfg {",
            "      @Constant(0.1)",
            "      abstract double lr(long step);",
            "    }",
            "  }",
            "}");
    expectOnlyError(
        compile(f),
        f,
        "@Schedule type Cfg must be static: Cfg is an inner (non-static) class",
        "@Schedule");
  }

  @Test
  void anInternalFailureIsOneErrorWithItsTraceOnlyUnderTheTraceOption() {
    String plain =
        dev.anneal.processor.internal.Messages.internalError(
            "test.Cfg", "java.lang.IllegalStateException: broken", null);
    assertThat(plain)
        .isEqualTo(
            "anneal could not generate the implementation of test.Cfg:"
                + " java.lang.IllegalStateException: broken. Please report this with the"
                + " declaration (compile with -Aanneal.trace=true to add the processor's stack"
                + " trace).");
    String traced =
        dev.anneal.processor.internal.Messages.internalError(
            "test.Cfg", "e", "java.lang.IllegalStateException\n\tat a.B.c(B.java:1)\n");
    assertThat(traced).contains("; stack trace:\njava.lang.IllegalStateException\n\tat a.B.c");
    // the option is the processor's own: javac does not warn that nobody recognized it
    Compilation c =
        Compiled.javac()
            .withOptions("-Xlint:all,-processing", "-Werror", "-Aanneal.trace=true")
            .compile(config("  @Constant(0.1)", "  double lr(long step);"));
    assertThat(c).succeededWithoutWarnings();
  }
}
