package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.anneal.processor.Sources.compile;
import static dev.anneal.processor.Sources.config;
import static dev.anneal.processor.Sources.generated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Plan;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated classes: they compile cleanly under {@code -Xlint:all -Werror}, are deterministic,
 * have the promised shape, and compute exactly (bit for bit) what {@link Plan#at} computes for the
 * same declaration, which is what the runtime builder returns.
 */
class GenerationTest {

  /**
   * Declarations written once, used both as Java annotations and as {@link Plan#parse} input: every
   * body, every modifier and shape, restarts with and without growth, decay and limits, and step
   * counts up to {@code Long.MAX_VALUE}.
   */
  static final List<String> DECLARATIONS =
      List.of(
          // @Constant
          "@Constant(0.1)",
          "@Constant(value = 0.1, steps = 500) @Cooldown(steps = 300, shape = Ramp.LINEAR)",
          "@Warmup(steps = 100) @Constant(value = 0.1, steps = 1000) @Cooldown(steps = 500, shape = Ramp.SQRT)",
          "@Warmup(steps = 100, from = 0.01, shape = Ramp.CONSTANT) @Constant(0.1)",
          "@Restarts(decay = 0.5, limit = 4) @Constant(value = 1, steps = 300)",
          "@Restarts(growth = 2, decay = 0.9) @Constant(value = 1, steps = 30)",
          // @StepDecay
          "@StepDecay(from = 0.1, factor = 0.5, every = 300)",
          "@Warmup(steps = 50, from = 0.001, shape = Ramp.LINEAR) @StepDecay(from = 0.1, factor = 0.1, every = 700)",
          "@StepDecay(from = 0.1, factor = 1, every = 7)",
          // @MultiStep
          "@MultiStep(from = 0.1, milestones = {300, 800, 1500}, factor = 0.1)",
          "@MultiStep(from = 1, milestones = 1, factor = 0.3)",
          // @Exponential
          "@Exponential(from = 0.1, rate = 0.999)",
          "@Exponential(from = 0.1, rate = 0.96, every = 100, staircase = true)",
          "@Exponential(from = 0.1, rate = 0.5, every = 333)",
          "@Exponential(from = 0.1, rate = 1)",
          "@Exponential(from = 0.1, rate = 0.99, to = 0.01)",
          "@Exponential(from = 0.01, rate = 1.01, every = 3, to = 0.1)",
          "@Exponential(from = 0.1, rate = 0.5, every = 100, staircase = true, to = 0.02)",
          // @Cosine
          "@Cosine(from = 0.1, steps = 1000)",
          "@Cosine(from = 0.1, to = 1e-4, steps = 1500, exponent = 2)",
          "@Cosine(from = 0.1, steps = 3)",
          "@Cosine(from = 0.1, steps = 1)",
          "@Warmup(steps = 200) @Cosine(from = 0.1, to = 1e-4, steps = 1500)",
          "@Warmup(steps = 200, from = 1e-3, shape = Ramp.COSINE) @Cosine(from = 0.1, to = 1e-3, steps = 1000)"
              + " @Cooldown(steps = 300, to = 1e-5, shape = Ramp.EXPONENTIAL)",
          "@Warmup(steps = 100, from = 1e-4, shape = Ramp.EXPONENTIAL) @Cosine(from = 0.1, to = 1e-3, steps = 777)"
              + " @Cooldown(steps = 333, shape = Ramp.COSINE)",
          "@Restarts @Cosine(from = 0.1, steps = 300)",
          "@Restarts(growth = 2) @Cosine(from = 0.1, to = 1e-4, steps = 100)",
          "@Restarts(growth = 2, decay = 0.5, limit = 4) @Cosine(from = 0.1, steps = 100)",
          "@Restarts(growth = 1.5, decay = 0.9) @Cosine(from = 0.1, to = 0.001, steps = 70, exponent = 0.5)",
          "@Warmup(steps = 50) @Restarts(growth = 3, limit = 3) @Cosine(from = 0.1, steps = 100)",
          "@Restarts(decay = 0.7) @Cosine(from = 0.1, to = 0.01, steps = 250)",
          // @Linear
          "@Linear(from = 0.1, to = 0.001, steps = 1000)",
          "@Linear(from = 0, to = 1, steps = 7)",
          "@Restarts(growth = 2, limit = 5) @Linear(from = 0.1, to = 0.0, steps = 50)",
          "@Warmup(steps = 30) @Restarts(decay = 0.5, limit = 3) @Linear(from = 1, to = 0.1, steps = 200)",
          // @Polynomial
          "@Polynomial(from = 0.1, to = 1e-4, steps = 1000, power = 2)",
          "@Polynomial(from = 0.1, steps = 300, power = 0.5, cycle = true)",
          "@Polynomial(from = 0.1, to = 0.01, steps = 300, cycle = true)",
          "@Restarts(growth = 2, decay = 0.8, limit = 4) @Polynomial(from = 0.1, to = 0.001, steps = 100, power = 2)",
          "@Restarts @Polynomial(from = 0.1, steps = 100)",
          // @InverseTime
          "@InverseTime(from = 0.1, rate = 0.5, every = 100)",
          "@InverseTime(from = 0.1, rate = 0.5, every = 100, staircase = true)",
          "@InverseTime(from = 0.1, rate = 0)",
          "@InverseTime(from = 0.1, rate = 0.01, power = 0.75)",
          "@InverseTime(from = 0.1, rate = 0.5, every = 100, staircase = true, power = 2)",
          // @Tanh
          "@Tanh(from = 0.1, steps = 1000)",
          "@Tanh(from = 0.1, to = 1e-3, steps = 777, lower = -5, upper = 5)",
          "@Warmup(steps = 50) @Tanh(from = 0.1, steps = 500) @Cooldown(steps = 100)",
          "@Restarts(growth = 2, decay = 0.5, limit = 4) @Tanh(from = 0.1, to = 1e-4, steps = 100)",
          "@Restarts @Tanh(from = 0.1, steps = 300)",
          // @Sigmoid
          "@Sigmoid(from = 0.1, gamma = -0.01, center = 500)",
          "@Sigmoid(from = 0.1, gamma = -0.05, center = 0)",
          "@Warmup(steps = 100) @Sigmoid(from = 0.1, gamma = -0.001, center = 3000)",
          // @InverseSqrt
          "@InverseSqrt(from = 0.1, timescale = 100)",
          "@Warmup(steps = 400) @InverseSqrt(from = 1e-3, timescale = 4000)",
          // @Cyclic
          "@Cyclic(low = 1e-4, high = 1e-2, up = 200)",
          "@Cyclic(low = 1e-4, high = 1e-2, up = 150, down = 350, mode = CyclicMode.TRIANGULAR2)",
          "@Cyclic(low = 1e-4, high = 1e-2, up = 100, mode = CyclicMode.EXP_RANGE, gamma = 0.999)",
          "@Warmup(steps = 100) @Cyclic(low = 1e-3, high = 1e-2, up = 50, down = 1)",
          // @OneCycle
          "@OneCycle(peak = 0.1, steps = 1000)",
          "@OneCycle(peak = 0.1, steps = 1000, pctStart = 0.25, anneal = Anneal.LINEAR, threePhase = true)",
          "@OneCycle(peak = 0.1, steps = 101, pctStart = 0.5, divFactor = 10, finalDivFactor = 100, threePhase = true)",
          "@OneCycle(peak = 1, steps = 3, pctStart = 0.5)",
          "@Restarts(limit = 3) @OneCycle(peak = 0.1, steps = 300)",
          "@Restarts(growth = 2, decay = 0.5) @OneCycle(peak = 0.1, steps = 100, anneal = Anneal.LINEAR)",
          "@OneCycle(peak = 0.1, steps = 500) @Cooldown(steps = 500)",
          // @Piecewise
          "@Piecewise(steps = {0, 100, 500, 1200}, values = {0.1, 0.05, 0.01, 0.001})",
          "@Piecewise(steps = {0, 100, 500, 1200}, values = {0.0, 0.1, 0.01, 0.001}, interpolation = Interpolation.LINEAR)",
          "@Piecewise(steps = {0, 333, 1000}, values = {0.1, 0.02, 0.1}, interpolation = Interpolation.COSINE)",
          "@Piecewise(steps = 0, values = 0.5)",
          "@Piecewise(steps = {0, 1}, values = {1, 2}, interpolation = Interpolation.LINEAR)",
          "@Warmup(steps = 100) @Piecewise(steps = {0, 500}, values = {0.1, 0.01}, interpolation = Interpolation.LINEAR)"
              + " @Cooldown(steps = 200, to = 0.001, shape = Ramp.EXPONENTIAL)",
          // step counts far beyond the 0..2000 range
          "@Cosine(from = 0.1, steps = 9_223_372_036_854_775_807L)",
          "@Warmup(steps = 1_000_000_000_000L) @Linear(from = 1, to = 0, steps = 3_000_000_000_000L)",
          "@Cyclic(low = 0, high = 1, up = 1_000_000_007L, mode = CyclicMode.TRIANGULAR2)",
          "@OneCycle(peak = 1, steps = 1_000_000_000_000_000L, threePhase = true)",
          "@Restarts(growth = 2) @Cosine(from = 1, steps = 1_000_000L)",
          "@Polynomial(from = 1, steps = 1_000_000_007L, power = 3, cycle = true)",
          "@Exponential(from = 1, rate = 0.5, every = 1_000_000_000_000L, staircase = true)",
          "@Warmup(steps = 4_611_686_018_427_387_904L) @Constant(value = 1, steps = 4_611_686_018_427_387_903L)");

  private static Compiled compiled;

  @BeforeAll
  static void compileAll() {
    compiled = Compiled.of(Sources.PACKAGE, "All", source("interface All", DECLARATIONS));
  }

  /**
   * Each of {@code declarations} twice: as {@code double v<i>(long step)} and as {@code LrSchedule
   * o<i>()}.
   */
  private static String source(String header, List<String> declarations) {
    StringBuilder src =
        new StringBuilder("package test;\n\nimport dev.anneal.*;\n\n/** Every declaration. */\n")
            .append("@Schedule\n")
            .append(header)
            .append(" {\n");
    boolean isClass = header.contains("class");
    for (int i = 0; i < declarations.size(); i++) {
      String mods = isClass ? "public abstract " : "";
      src.append("  ")
          .append(declarations.get(i))
          .append('\n')
          .append("  ")
          .append(mods)
          .append("double v")
          .append(i)
          .append("(long step);\n\n")
          .append("  ")
          .append(declarations.get(i))
          .append('\n')
          .append("  ")
          .append(mods)
          .append("LrSchedule o")
          .append(i)
          .append("();\n\n");
    }
    return src.append("}\n").toString();
  }

  static IntStream indices() {
    return IntStream.range(0, DECLARATIONS.size());
  }

  // ---- (a) clean under -Xlint:all -Werror ----

  @Test
  void everyBodyAndModifierIsDeclared() {
    String all = String.join(" ", DECLARATIONS);
    for (Kind k : Kind.values()) {
      if (!k.isCurvePart()) {
        continue; // controllers and clips: ControllerGenerationTest
      }
      assertWithMessage("declarations use @%s", k.simpleName())
          .that(all)
          .contains("@" + k.simpleName());
    }
    for (String shape : new String[] {"LINEAR", "COSINE", "EXPONENTIAL", "SQRT", "CONSTANT"}) {
      assertThat(all).contains("Ramp." + shape);
    }
    for (String mode : new String[] {"TRIANGULAR2", "EXP_RANGE"}) {
      assertThat(all).contains("CyclicMode." + mode);
    }
  }

  @Test
  void compilesWithoutWarningsUnderXlintAllWerror() {
    for (String[] kind :
        new String[][] {
          {"AllInterface", "public interface AllInterface"},
          {"AllClass", "public abstract class AllClass"}
        }) {
      // the abstract-class variant with a sample: the interface variant has them all
      List<String> declarations =
          kind[0].equals("AllClass") ? DECLARATIONS.subList(0, 20) : DECLARATIONS;
      Compilation c =
          Compiled.javac()
              // -processing: anneal claims no annotations (other processors may read them too), so
              // javac's "no processor claimed" note is expected; everything else must be silent.
              .withOptions("-Xlint:all,-processing", "-Werror")
              .compile(Sources.file(kind[0], source(kind[1], declarations).split("\n")));
      Sources.assertNoCrash(c);
      assertThat(c).succeededWithoutWarnings();
      assertThat(c).generatedSourceFile("test." + kind[0] + "Impl");
    }
  }

  // ---- (b) deterministic ----

  @Test
  void generatedSourceAndClassesAreIdenticalAcrossCompilations() {
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < DECLARATIONS.size(); i += 3) {
      sample.add(DECLARATIONS.get(i));
    }
    String src = source("interface All", sample);
    Compilation first = compile(Sources.file("All", src.split("\n")));
    Compilation second = compile(Sources.file("All", src.split("\n")));
    assertEquals(generated(first, "test.AllImpl"), generated(second, "test.AllImpl"));
    List<JavaFileObject> a = classFiles(first);
    List<JavaFileObject> b = classFiles(second);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).toUri(), b.get(i).toUri());
      assertWithMessage("%s", a.get(i).toUri()).that(bytes(a.get(i))).isEqualTo(bytes(b.get(i)));
    }
  }

  private static List<JavaFileObject> classFiles(Compilation c) {
    List<JavaFileObject> files = new ArrayList<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        files.add(f);
      }
    }
    files.sort((x, y) -> x.toUri().toString().compareTo(y.toUri().toString()));
    return files;
  }

  private static byte[] bytes(JavaFileObject f) {
    try (InputStream in = f.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- (c) the class's shape ----

  @Test
  void generatedClassShape() throws ReflectiveOperationException {
    Compilation c =
        compile(
            config(
                "  @Warmup(steps = 500)",
                "  @Cosine(from = 0.1, to = 1e-4, steps = 19_500)",
                "  double lr(long step);",
                "  @Constant(5e-4)",
                "  LrSchedule weightDecay();"));
    assertThat(c).succeededWithoutWarnings();
    String src = generated(c, "test.CfgImpl");
    String declaration = "@Warmup(steps = 500) @Cosine(from = 0.1, to = 1.0E-4, steps = 19_500)";

    // @Generated, naming the processor, on the class
    int classAt = src.indexOf("public final class CfgImpl implements Cfg {");
    assertWithMessage(src).that(classAt).isAtLeast(0);
    String head = src.substring(0, classAt);
    assertThat(head).contains("@Generated(\"dev.anneal.processor.ScheduleProcessor\")");
    // the class javadoc lists each schedule with its declaration
    assertThat(head).contains("/**");
    assertThat(head).contains("{@code lr}: {@code " + declaration + "}");
    assertThat(head).contains("{@code weightDecay}: {@code @Constant(value = 5.0E-4)}");
    // every method's javadoc repeats its declaration
    assertThat(src).contains("{@code " + declaration + "}; see {@link Curve0}");
    // each schedule is a nested class over the runtime's narrow base, and writes only at()
    assertThat(src).contains("private static final class Curve0 extends GeneratedSchedule {");
    assertThat(src).contains("super(\"lr\", 1, \"" + declaration + "\");");
    // generated sources never touch the incubator module
    assertThat(src).doesNotContain("jdk.incubator");

    Class<?> impl = Compiled.classLoader(c).loadClass("test.CfgImpl");
    assertThat(Modifier.isPublic(impl.getModifiers())).isTrue();
    assertThat(Modifier.isFinal(impl.getModifiers())).isTrue();
    assertEquals("test", impl.getPackageName());
    Constructor<?> ctor = impl.getConstructor();
    assertThat(Modifier.isPublic(ctor.getModifiers())).isTrue();
    assertEquals(1, impl.getConstructors().length);
    assertThat(Arrays.asList(impl.getInterfaces()).toString()).contains("test.Cfg");
    Object instance = ctor.newInstance();
    assertEquals(0.1, (double) impl.getMethod("lr", long.class).invoke(instance, 500L));
    Class<?> curve = Compiled.classLoader(c).loadClass("test.CfgImpl$Curve0");
    assertEquals(
        "dev.anneal.internal.generated.GeneratedSchedule", curve.getSuperclass().getName());
    List<String> declared = new ArrayList<>();
    for (java.lang.reflect.Method m : curve.getDeclaredMethods()) {
      declared.add(m.getName());
    }
    assertEquals(List.of("at"), declared);
    Object weightDecay = impl.getMethod("weightDecay").invoke(instance);
    assertEquals("weightDecay: @Constant(value = 5.0E-4)", weightDecay.toString());
  }

  @Test
  void abstractClassConfigIsExtended() throws ReflectiveOperationException {
    Compiled c =
        Compiled.of(
            "test",
            "Cfg",
            String.join(
                "\n",
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "abstract class Cfg {",
                "  protected Cfg() {",
                "  }",
                "  @Cosine(from = 0.1, steps = 100)",
                "  protected abstract double lr(long step);",
                "  @Constant(5e-4)",
                "  abstract LrSchedule wd();",
                "}"));
    assertEquals(c.configClass(), c.implClass().getSuperclass());
    assertThat(Modifier.isFinal(c.implClass().getModifiers())).isTrue();
    assertEquals(0.1, c.schedule("lr").at(0));
    assertEquals(5e-4, c.schedule("wd").at(1_000_000));
  }

  // ---- (d) behaviour of the loaded classes ----

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("indices")
  void negativeStepsThrowWithTheValue(int i) {
    for (LrSchedule s : new LrSchedule[] {value(i), object(i)}) {
      for (long step : new long[] {-1, -12_345, Long.MIN_VALUE}) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> s.at(step), DECLARATIONS.get(i));
        assertThat(e).hasMessageThat().contains(Long.toString(step));
      }
    }
  }

  @Test
  void everyDeclarationIsFiniteAtLongMaxValue() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < DECLARATIONS.size(); i++) {
      for (long step : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62, (1L << 62) - 1}) {
        double v = value(i).at(step);
        if (!Double.isFinite(v)) {
          failures.add(DECLARATIONS.get(i) + " at " + step + ": " + v);
        }
      }
    }
    assertWithMessage("non-finite values").that(failures).isEmpty();
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("indices")
  void objectFormReturnsTheSameObjectEveryCall(int i) {
    LrSchedule first = object(i);
    assertSame(first, object(i));
    assertSame(first, compiled.schedule("o" + i));
    assertThat(first.toString()).contains("o" + i);
  }

  /**
   * The heart of it: generated code folds the constants of {@link Plan} into literals and promises
   * the same floating-point operations, so the values must be identical, not merely close.
   */
  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("indices")
  void valuesEqualPlanBitForBit(int i) {
    String declaration = DECLARATIONS.get(i);
    Plan plan = Plan.parse(declaration);
    LrSchedule value = value(i);
    LrSchedule object = object(i);
    List<String> mismatches = new ArrayList<>();
    for (long step : steps(plan)) {
      double expected = plan.at(step);
      double v = value.at(step);
      double o = object.at(step);
      if (Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(expected)
          || Double.doubleToRawLongBits(o) != Double.doubleToRawLongBits(expected)) {
        mismatches.add(
            "step " + step + ": generated " + v + " (object form " + o + "), Plan " + expected);
      }
    }
    if (!mismatches.isEmpty()) {
      fail(
          declaration
              + ": "
              + mismatches.size()
              + " mismatches, first ones:\n  "
              + String.join("\n  ", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("indices")
  void fillsAgreeWithAt(int i) {
    LrSchedule s = object(i);
    long[] steps = {0, 1, 2, 99, 100, 101, 999, 1000, 1001, 1_000_000, Long.MAX_VALUE};
    double[] out = new double[steps.length];
    s.fill(steps, out);
    float[] outF = new float[steps.length];
    s.fill(steps, outF);
    for (int k = 0; k < steps.length; k++) {
      assertEquals(s.at(steps[k]), out[k], DECLARATIONS.get(i) + " at " + steps[k]);
      assertEquals((float) s.at(steps[k]), outF[k], DECLARATIONS.get(i) + " at " + steps[k]);
    }
    ParamGroups groups = ParamGroups.of(new double[] {1, 0.5, 2}, new long[] {0, 10, 2000});
    double[] g = new double[3];
    s.fill(1000, groups, g);
    assertEquals(s.at(1000), g[0]);
    assertEquals(0.5 * s.at(990), g[1]);
    assertEquals(0.0, g[2]);
  }

  /**
   * 0..2000, the schedule's phase boundaries and their neighbours, huge steps, and seeded random
   * ones.
   */
  private static long[] steps(Plan plan) {
    List<Long> steps = new ArrayList<>();
    for (long s = 0; s <= 2000; s++) {
      steps.add(s);
    }
    long w = plan.warmupSteps;
    long b = plan.bodyLength;
    long c = plan.cooldownSteps;
    List<Long> marks =
        new ArrayList<>(
            List.of(
                w,
                b,
                w + Math.max(b, 0),
                c,
                w + Math.max(b, 0) + c,
                plan.period,
                w + plan.period,
                Long.MAX_VALUE / 2,
                1L << 53,
                1L << 62,
                1_000_000_000_000L,
                1_000_000_000_000_000L));
    // every step-count attribute of the body is a place where something changes
    Part body = plan.declaration().body();
    for (Attr a : body.kind().attrs()) {
      if (a.unit() != Attr.Unit.STEPS) {
        continue;
      }
      Object v = body.value(a.name());
      if (v instanceof Long) {
        marks.add((Long) v);
        marks.add(w + (Long) v);
      } else if (v instanceof long[]) {
        for (long m : (long[]) v) {
          marks.add(w + m);
        }
      }
    }
    for (int i = 0; i < plan.cycleStarts(); i++) {
      if (plan.cycleStart(i) < 0x1p63) {
        marks.add(w + (long) plan.cycleStart(i));
      }
    }
    for (long m : marks) {
      for (long d = -2; d <= 2; d++) {
        long s = m + d;
        if (m >= 0 && s >= 0 && (d <= 0 || s > m)) { // no overflow past Long.MAX_VALUE
          steps.add(s);
        }
      }
    }
    steps.add(Long.MAX_VALUE);
    steps.add(Long.MAX_VALUE - 1);
    Random random = new Random(42);
    for (int k = 0; k < 300; k++) {
      steps.add((random.nextLong() >>> 1) >>> random.nextInt(63));
    }
    return steps.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The same bit-for-bit comparison over seeded random declarations (random bodies, attribute
   * values with full-precision literals, modifier sets and annotation order; and the agreement
   * test's generator with another seed), all in one config.
   */
  @Test
  void randomDeclarationsEqualPlanBitForBit() {
    List<String> declarations = new ArrayList<>(FuzzDeclarations.valid(120, 20240611L));
    declarations.addAll(new RandomDeclarations(424242L).next(60));
    StringBuilder src =
        new StringBuilder("package test;\nimport dev.anneal.*;\n@Schedule\n")
            .append("@SuppressWarnings(\"anneal\")\ninterface Random {\n");
    for (int i = 0; i < declarations.size(); i++) {
      src.append("  ")
          .append(declarations.get(i))
          .append("\n  double r")
          .append(i)
          .append("(long step);\n");
    }
    Compiled random = Compiled.of(Sources.PACKAGE, "Random", src.append("}\n").toString());
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < declarations.size(); i++) {
      Plan plan = Plan.parse(declarations.get(i));
      LrSchedule s = random.schedule("r" + i);
      for (long step : steps(plan)) {
        double expected = plan.at(step);
        double actual = s.at(step);
        if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
          mismatches.add(
              declarations.get(i)
                  + " at step "
                  + step
                  + ": generated "
                  + actual
                  + ", Plan "
                  + expected);
          break;
        }
        if (!Double.isFinite(actual)) {
          mismatches.add(declarations.get(i) + " at step " + step + ": not finite: " + actual);
          break;
        }
      }
    }
    assertWithMessage("declarations whose generated values differ from Plan")
        .that(mismatches)
        .isEmpty();
  }

  @Test
  void declarationsRoundTripThroughTheParser() {
    // the javadoc and PLAN field of the generated class embed Declaration.toSource(): it must read
    // back
    for (String d : DECLARATIONS) {
      String source = AnnotationParser.declaration(d).toSource();
      assertEquals(AnnotationParser.declaration(d), AnnotationParser.declaration(source), d);
    }
  }

  private static LrSchedule value(int i) {
    return compiled.schedule("v" + i);
  }

  private static LrSchedule object(int i) {
    return compiled.schedule("o" + i);
  }
}
