package dev.anneal.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.anneal.processor.Sources.column;
import static dev.anneal.processor.Sources.compile;
import static dev.anneal.processor.Sources.config;
import static dev.anneal.processor.Sources.line;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.anneal.BoundOptimizer;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.Optimizer;
import dev.anneal.ParamGroups;
import dev.anneal.PlateauSchedule;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimizers declared on a config: generated over the config's own schedule, plateau and clip
 * objects, equal to {@code Optimizer.parse} of the same text and to the runtime builder step for
 * step, and every rule reported on the attribute that breaks it with the runtime's message.
 */
class OptimizerGenerationTest {

  private static final String[] CONFIG = {
    "  @Warmup(steps = 3)",
    "  @Cosine(from = 0.1, steps = 40)",
    "  LrSchedule lr();",
    "  @OneCycle(peak = 0.05, steps = 43)",
    "  LrSchedule cycle();",
    "  @CycleMomentum(of = \"cycle\")",
    "  LrSchedule momentum();",
    "  @Constant(0.01)",
    "  double flat(long step);",
    "  @Constant(0.02)",
    "  @ReduceOnPlateau(factor = 0.5, patience = 1)",
    "  PlateauSchedule plateau();",
    "  @ClipNorm(max = 0.5)",
    "  GradientClip clip();",
    "  /** SGD with a cycled momentum and a clip. */",
    "  @SGD(lr = \"cycle\", momentum = 0.9, nesterov = true, weightDecay = 1e-4,",
    "      momentumSchedule = \"momentum\", clip = \"clip\")",
    "  Optimizer sgd();",
    "  @Adam(lr = \"lr\", amsgrad = true, compat = AdamCompat.KERAS, beta1Schedule = \"momentum\")",
    "  Optimizer adam();",
    "  @AdamW(lr = \"plateau\", weightDecay = 0.05, clip = \"clip\")",
    "  Optimizer adamW();",
    "  @RMSProp(lr = \"flat\", alpha = 0.9, momentum = 0.5, centered = true, maximize = true)",
    "  Optimizer rms();",
    "  @AdaGrad(lr = \"lr\", lrDecay = 0.01, initialAccumulator = 0.1, eps = 1e-9)",
    "  Optimizer adaGrad();",
  };

  private static final String[] OPTIMIZERS = {"sgd", "adam", "adamW", "rms", "adaGrad"};

  @Test
  void compilesWithoutWarningsUnderXlintAllWerror() {
    Compilation c =
        Compiled.javac().withOptions("-Xlint:all,-processing", "-Werror").compile(config(CONFIG));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void generatedOptimizersAreParseOfTheirTextOverTheConfigsOwnObjects() throws Exception {
    Compiled compiled = Compiled.of("test.Cfg", config(CONFIG));
    Object hp = compiled.instance();
    Map<String, Object> named = named(compiled, hp);
    for (String name : OPTIMIZERS) {
      Optimizer generated = get(compiled, hp, name);
      assertSame(generated, get(compiled, hp, name), name + "(): one object");
      Optimizer parsed = Optimizer.parse(generated.toString(), named);
      assertEquals(parsed.toString(), generated.toString(), name);
      // the objects the config's other methods return, not copies
      assertSame(named.get(nameOf(generated, "lr")), field(generated, "lr"), name + ".lr");
      trainsBitForBit(name, generated, parsed);
    }
    assertEquals(
        "@SGD(lr = \"cycle\", momentum = 0.9, nesterov = true, weightDecay = 1.0E-4,"
            + " momentumSchedule = \"momentum\", clip = \"clip\")",
        get(compiled, hp, "sgd").toString());
    assertSame(named.get("momentum"), field(get(compiled, hp, "sgd"), "momentumSchedule"));
    assertSame(named.get("clip"), field(get(compiled, hp, "sgd"), "clip"));
    assertSame(named.get("momentum"), field(get(compiled, hp, "adam"), "momentumSchedule"));
    assertSame(named.get("clip"), field(get(compiled, hp, "adamW"), "clip"));
  }

  @Test
  void equalsTheRuntimeBuilderStepForStep() throws Exception {
    Compiled compiled = Compiled.of("test.Cfg", config(CONFIG));
    Object hp = compiled.instance();
    LrSchedule lr = (LrSchedule) compiled.implClass().getMethod("lr").invoke(hp);
    LrSchedule cycle = (LrSchedule) compiled.implClass().getMethod("cycle").invoke(hp);
    LrSchedule momentum = (LrSchedule) compiled.implClass().getMethod("momentum").invoke(hp);
    GradientClip clip = (GradientClip) compiled.implClass().getMethod("clip").invoke(hp);
    PlateauSchedule plateau =
        (PlateauSchedule) compiled.implClass().getMethod("plateau").invoke(hp);
    Map<String, Optimizer> built = new LinkedHashMap<>();
    built.put(
        "sgd",
        Optimizer.sgd(cycle)
            .momentum(0.9)
            .nesterov(true)
            .weightDecay(1e-4)
            .momentumSchedule(momentum)
            .clip(clip)
            .build());
    built.put(
        "adam",
        Optimizer.adam(lr)
            .amsgrad(true)
            .compat(dev.anneal.AdamCompat.KERAS)
            .beta1Schedule(momentum)
            .build());
    built.put("adamW", Optimizer.adamW(plateau).weightDecay(0.05).clip(clip).build());
    built.put(
        "rms",
        Optimizer.rmsProp(curve(compiled, "flat"))
            .alpha(0.9)
            .momentum(0.5)
            .centered(true)
            .maximize(true)
            .build());
    built.put(
        "adaGrad", Optimizer.adaGrad(lr).lrDecay(0.01).initialAccumulator(0.1).eps(1e-9).build());
    for (Map.Entry<String, Optimizer> e : built.entrySet()) {
      trainsBitForBit(e.getKey(), get(compiled, hp, e.getKey()), e.getValue());
    }
  }

  @Test
  void aPlateauCutMovesTheOptimizersRateAndEachInstanceOwnsItsOwn() throws Exception {
    Compiled compiled = Compiled.of("test.Cfg", config(CONFIG));
    Object first = compiled.instance();
    Object second = compiled.implClass().getConstructor().newInstance();
    Optimizer adamW = get(compiled, first, "adamW");
    assertNotSame(adamW, get(compiled, second, "adamW"), "reads a plateau: one per instance");
    assertSame(get(compiled, first, "sgd"), get(compiled, second, "sgd"), "no state: shared");
    PlateauSchedule plateau =
        (PlateauSchedule) compiled.implClass().getMethod("plateau").invoke(first);

    float[] p = {1f, -2f, 3f};
    float[] q = p.clone();
    BoundOptimizer cut = adamW.bind(p);
    BoundOptimizer uncut = get(compiled, second, "adamW").bind(q);
    float[] g = {0.3f, -0.1f, 0.2f};
    cut.step(g);
    uncut.step(g);
    assertArrayEquals(q, p);
    for (int epoch = 0; epoch < 5 && plateau.scale() == 1.0; epoch++) {
      plateau.observe(1.0 + epoch); // no improvement past the patience: the scale halves
    }
    assertEquals(0.5, plateau.scale());
    cut.step(g);
    uncut.step(g);
    assertTrue(!java.util.Arrays.equals(p, q), "the cut reached the first instance's optimizer");
    // and the optimizer built by the runtime over the same plateau takes the same steps
    float[] r = {1f, -2f, 3f};
    BoundOptimizer rebuilt =
        Optimizer.adamW(plateau).weightDecay(0.05).clip(clipOf(compiled, first)).build().bind(r);
    PlateauSchedule fresh =
        (PlateauSchedule) compiled.implClass().getMethod("plateau").invoke(second);
    assertEquals(1.0, fresh.scale(), "the other instance's plateau is untouched");
    assertEquals(2, cut.steps());
    rebuilt.step(g);
    rebuilt.step(g);
    float[] s = {1f, -2f, 3f};
    BoundOptimizer again = adamW.bind(s);
    again.step(g);
    again.step(g);
    assertArrayEquals(r, s, "same plateau, same rates");
  }

  @Test
  void theJavadocNamesTheDeclaration() {
    Compilation c = compile(config(CONFIG));
    String source;
    try {
      source = c.generatedSourceFile("test.CfgImpl").orElseThrow().getCharContent(true).toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertTrue(
        source.contains(
            "{@code @AdamW(lr = \"plateau\", weightDecay = 0.05, clip = \"clip\")}: immutable, over"
                + " the objects {@code plateau()}, {@code clip()} return on this instance."),
        source);
    assertTrue(source.contains("private static final Optimizer OPTIMIZER_"), source);
  }

  // ---------------------------------------------------------------------------------- rules

  static Stream<Arguments> errors() {
    return Stream.of(
        error(
            "@SGD.momentum must be finite and >= 0, was -0.5",
            "momentum = -0.5)",
            "-",
            "  @SGD(lr = \"lr\",",
            "      momentum = -0.5)",
            "  Optimizer opt();"),
        error(
            "@SGD.nesterov needs momentum > 0 and dampening = 0, were momentum = 0.9 and"
                + " dampening = 0.1",
            "nesterov = true)",
            "true",
            "  @SGD(lr = \"lr\", momentum = 0.9, dampening = 0.1,",
            "      nesterov = true)",
            "  Optimizer opt();"),
        error(
            "@Adam.beta1 must be >= 0 and < 1, was 1.0",
            "beta1 = 1.0)",
            "1.0",
            "  @Adam(lr = \"lr\",",
            "      beta1 = 1.0)",
            "  Optimizer opt();"),
        error(
            "@AdamW.beta2 must be >= 0 and < 1, was -0.1",
            "beta2 = -0.1)",
            "-",
            "  @AdamW(lr = \"lr\",",
            "      beta2 = -0.1)",
            "  Optimizer opt();"),
        error(
            "@AdamW.eps must be finite and > 0, was 0.0",
            "eps = 0)",
            "0",
            "  @AdamW(lr = \"lr\",",
            "      eps = 0)",
            "  Optimizer opt();"),
        error(
            "@RMSProp.alpha must be >= 0 and < 1, was 1.5",
            "alpha = 1.5)",
            "1.5",
            "  @RMSProp(lr = \"lr\",",
            "      alpha = 1.5)",
            "  Optimizer opt();"),
        error(
            "@RMSProp.weightDecay must be finite and >= 0, was Infinity",
            "weightDecay = Double.POSITIVE_INFINITY)",
            ".",
            "  @RMSProp(lr = \"lr\",",
            "      weightDecay = Double.POSITIVE_INFINITY)",
            "  Optimizer opt();"),
        error(
            "@AdaGrad.initialAccumulator must be finite and >= 0, was -1.0",
            "initialAccumulator = -1)",
            "-",
            "  @AdaGrad(lr = \"lr\",",
            "      initialAccumulator = -1)",
            "  Optimizer opt();"),
        error(
            "@AdaGrad.lrDecay must be finite and >= 0, was NaN",
            "lrDecay = Double.NaN)",
            ".",
            "  @AdaGrad(lr = \"lr\",",
            "      lrDecay = Double.NaN)",
            "  Optimizer opt();"),
        error(
            "@AdamW.lr names \"lrr\", which is not given; did you mean \"lr\"?",
            "lr = \"lrr\")",
            "\"",
            "  @AdamW(",
            "      lr = \"lrr\")",
            "  Optimizer opt();"),
        error(
            "@AdamW.lr names \"clip\", a GradientClip, not an LrSchedule",
            "lr = \"clip\")",
            "\"",
            "  @AdamW(",
            "      lr = \"clip\")",
            "  Optimizer opt();"),
        error(
            "@SGD.lr names \"stop\", an EarlyStopper, not an LrSchedule",
            "lr = \"stop\")",
            "\"",
            "  @EarlyStopping(patience = 2)",
            "  EarlyStopper stop();",
            "  @SGD(",
            "      lr = \"stop\")",
            "  Optimizer opt();"),
        error(
            "@AdamW.clip names \"lr\", an LrSchedule, not a GradientClip",
            "clip = \"lr\")",
            "\"",
            "  @AdamW(lr = \"lr\",",
            "      clip = \"lr\")",
            "  Optimizer opt();"),
        error(
            "@AdamW.clip names \"clp\", which is not given; did you mean \"clip\"?",
            "clip = \"clp\")",
            "\"",
            "  @AdamW(lr = \"lr\",",
            "      clip = \"clp\")",
            "  Optimizer opt();"),
        error(
            "@AdamW.clip: @AdaptiveClip(clipping = 0.02) needs the weight matrices; call its"
                + " apply(params, grads, rows) before step",
            "clip = \"agc\")",
            "\"",
            "  @AdaptiveClip(clipping = 0.02)",
            "  GradientClip agc();",
            "  @AdamW(lr = \"lr\",",
            "      clip = \"agc\")",
            "  Optimizer opt();"),
        error(
            "@SGD.momentumSchedule names \"momentm\", which is not given; did you mean"
                + " \"momentum\"?",
            "momentumSchedule = \"momentm\")",
            "\"",
            "  @OneCycle(peak = 0.05, steps = 43)",
            "  LrSchedule cycle();",
            "  @CycleMomentum(of = \"cycle\")",
            "  LrSchedule momentum();",
            "  @SGD(lr = \"lr\",",
            "      momentumSchedule = \"momentm\")",
            "  Optimizer opt();"),
        error(
            "@Adam.beta1Schedule names \"other\", an Optimizer, not an LrSchedule",
            "beta1Schedule = \"other\")",
            "\"",
            "  @SGD(lr = \"lr\")",
            "  Optimizer other();",
            "  @Adam(lr = \"lr\",",
            "      beta1Schedule = \"other\")",
            "  Optimizer opt();"),
        error(
            "@SGD.lr names \"twice\", the name of 2 methods (double twice(long), dev.anneal"
                + ".LrSchedule twice()): it must name exactly one method",
            "lr = \"twice\")",
            "\"",
            "  @Constant(0.1)",
            "  double twice(long step);",
            "  @Constant(0.2)",
            "  LrSchedule twice();",
            "  @SGD(",
            "      lr = \"twice\")",
            "  Optimizer opt();"),
        error(
            "opt() returns dev.anneal.Optimizer: declare it with one of @SGD(lr = ...),"
                + " @Adam(lr = ...), @AdamW(lr = ...), @RMSProp(lr = ...) or @AdaGrad(lr = ...)",
            "Optimizer opt();",
            "opt(",
            "  Optimizer opt();"),
        error(
            "@AdamW needs a method returning Optimizer, but opt() returns dev.anneal.LrSchedule",
            "@AdamW(lr = \"lr\")",
            "@",
            "  @AdamW(lr = \"lr\")",
            "  LrSchedule opt();"),
        error(
            "a method has at most one, but opt() has @SGD and @Adam",
            "@Adam(lr = \"lr\")",
            "@",
            "  @SGD(lr = \"lr\")",
            "  @Adam(lr = \"lr\")",
            "  Optimizer opt();"),
        error(
            "@Constant does not apply to opt(), which returns dev.anneal.Optimizer and is declared"
                + " by one of @SGD(lr = ...)",
            "@Constant(0.3)",
            "@",
            "  @SGD(lr = \"lr\")",
            "  @Constant(0.3)",
            "  Optimizer opt();"));
  }

  /** A rule broken in a config that also declares {@code @Constant(0.1) LrSchedule lr()} etc. */
  private static Arguments error(String message, String line, String caret, String... body) {
    String[] all = new String[body.length + 4];
    all[0] = "  @Constant(0.1)";
    all[1] = "  LrSchedule lr();";
    all[2] = "  @ClipNorm(max = 1)";
    all[3] = "  GradientClip clip();";
    System.arraycopy(body, 0, all, 4, body.length);
    return Arguments.of(message, line, caret, all);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void everyRuleIsReportedOnItsAttribute(String message, String line, String caret, String[] body) {
    ValidationTest.expectError(config(body), message, line, caret);
  }

  @Test
  void theCompileTimeMessagesAreTheRuntimes() {
    // the same rule and the same words from the builder and the parser
    LrSchedule lr = s -> 0.1;
    assertEquals(
        "@SGD.nesterov needs momentum > 0 and dampening = 0, were momentum = 0.9 and dampening"
            + " = 0.1",
        message(() -> Optimizer.sgd(lr).momentum(0.9).dampening(0.1).nesterov(true).build()));
    assertEquals(
        "@AdamW.lr names \"lrr\", which is not given; did you mean \"lr\"?",
        message(() -> Optimizer.parse("@AdamW(lr = \"lrr\")", Map.of("lr", lr))));
    assertEquals(
        "@AdamW.clip: @AdaptiveClip(clipping = 0.02) needs the weight matrices; call its"
            + " apply(params, grads, rows) before step",
        message(
            () ->
                Optimizer.parse(
                    "@AdamW(lr = \"lr\", clip = \"agc\")",
                    Map.of("lr", lr, "agc", GradientClip.adaptive(0.02, 1e-3)))));
  }

  @Test
  void l2InsideAdamWarnsOnTheAttributeUnlessSuppressed() {
    String[] body = {
      "  @Constant(0.1)",
      "  LrSchedule lr();",
      "  @Adam(lr = \"lr\",",
      "      weightDecay = 0.01)",
      "  Optimizer opt();",
    };
    JavaFileObject f = config(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c)
        .hadWarningContaining(
            "@Adam.weightDecay = 0.01 is an L2 penalty added to the gradient, which Adam's moments"
                + " then rescale; decoupled weight decay is @AdamW [suppress with"
                + " @SuppressWarnings(\"anneal\")]")
        .inFile(f)
        .onLine(line(f, "weightDecay = 0.01)"))
        .atColumn(column(f, "weightDecay = 0.01)", "0"));

    String[] suppressed = body.clone();
    suppressed[2] = "  @SuppressWarnings(\"anneal\") @Adam(lr = \"lr\",";
    Compilation quiet = compile(config(suppressed));
    assertThat(quiet).succeededWithoutWarnings();
    // @AdamW's decay is decoupled: no warning
    String[] adamW = body.clone();
    adamW[2] = "  @AdamW(lr = \"lr\",";
    assertThat(compile(config(adamW))).succeededWithoutWarnings();
  }

  @Test
  void anOptimizerAnnotationOutsideAConfigIsReported() {
    JavaFileObject f =
        Sources.file(
            "Plain",
            "package test;",
            "import dev.anneal.*;",
            "interface Plain {",
            "  @SGD(lr = \"lr\")",
            "  Optimizer opt();",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("@SGD").inFile(f).onLineContaining("Optimizer opt();");
  }

  // -------------------------------------------------------------------------------- helpers

  /** Two steps over float and double arrays in two groups, then equal parameters bit for bit. */
  private static void trainsBitForBit(String name, Optimizer a, Optimizer b) {
    ParamGroups groups = ParamGroups.builder().add("w", 1, 0).add("b", 0.5, 1).build();
    int[] groupOf = {0, 1};
    SplittableRandom random = new SplittableRandom(7);
    float[][] pa = {floats(random, 13), floats(random, 5)};
    float[][] pb = {pa[0].clone(), pa[1].clone()};
    double[][] da = {doubles(random, 11), doubles(random, 3)};
    double[][] db = {da[0].clone(), da[1].clone()};
    BoundOptimizer fa = a.bind(groups, groupOf, pa);
    BoundOptimizer fb = b.bind(groups, groupOf, pb);
    BoundOptimizer ga = a.bind(groups, groupOf, da);
    BoundOptimizer gb = b.bind(groups, groupOf, db);
    for (int step = 0; step < 6; step++) {
      float[][] g = {floats(random, 13), floats(random, 5)};
      double[][] h = {doubles(random, 11), doubles(random, 3)};
      assertEquals(fb.step(g), fa.step(g));
      assertEquals(gb.step(h), ga.step(h));
      for (int i = 0; i < 2; i++) {
        assertArrayEquals(pb[i], pa[i], name + " float array " + i + " step " + step);
        assertArrayEquals(db[i], da[i], name + " double array " + i + " step " + step);
      }
    }
    assertWithMessage(name + " moved").that(pa[0][0]).isNotEqualTo(pb[0][0] + 1f);
  }

  private static float[] floats(SplittableRandom r, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return a;
  }

  private static double[] doubles(SplittableRandom r, int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextDouble() * 2 - 1;
    }
    return a;
  }

  private static Optimizer get(Compiled compiled, Object hp, String name) throws Exception {
    return (Optimizer) compiled.implClass().getMethod(name).invoke(hp);
  }

  /** The generated curve behind {@code double name(long)}: its static field. */
  private static LrSchedule curve(Compiled compiled, String name) throws Exception {
    int index = java.util.Arrays.asList(CONFIG).indexOf("  double " + name + "(long step);");
    int method = 0;
    for (int i = 0; i < index; i++) {
      method += CONFIG[i].endsWith(");") && !CONFIG[i].startsWith("      ") ? 1 : 0;
    }
    java.lang.reflect.Field f = compiled.implClass().getDeclaredField("CURVE_" + method);
    f.setAccessible(true);
    return (LrSchedule) f.get(null);
  }

  private static GradientClip clipOf(Compiled compiled, Object hp) throws Exception {
    return (GradientClip) compiled.implClass().getMethod("clip").invoke(hp);
  }

  /** What the config's schedule and clip methods return, by name (a value method as a schedule). */
  private static Map<String, Object> named(Compiled compiled, Object hp) throws Exception {
    Map<String, Object> named = new LinkedHashMap<>();
    for (String n : new String[] {"lr", "cycle", "momentum", "plateau", "clip"}) {
      named.put(n, compiled.implClass().getMethod(n).invoke(hp));
    }
    named.put("flat", curve(compiled, "flat"));
    return named;
  }

  /** The name an optimizer's text gives to {@code lr}. */
  private static String nameOf(Optimizer o, String attribute) {
    String text = o.toString();
    int at = text.indexOf(attribute + " = \"") + attribute.length() + 4;
    return text.substring(at, text.indexOf('"', at));
  }

  /** A package-private accessor of {@code Optimizer}: the object it holds. */
  private static Object field(Optimizer o, String accessor) throws Exception {
    Method m = Optimizer.class.getDeclaredMethod(accessor);
    m.setAccessible(true);
    return m.invoke(o);
  }

  private static String message(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("no exception");
  }
}
