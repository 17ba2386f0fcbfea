package dev.anneal.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.anneal.processor.Sources.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.testing.compile.Compilation;
import dev.anneal.EarlyStopper;
import dev.anneal.Goal;
import dev.anneal.GradientClip;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Controllers and clips declared on a config: generated as the runtime builds them, with fresh
 * controller state per instance, and every rule reported on the attribute that breaks it.
 */
class ControllerGenerationTest {

  private static final String[] CONFIG = {
    "  @Warmup(steps = 5)",
    "  @Cosine(from = 0.1, steps = 100)",
    "  @ReduceOnPlateau(factor = 0.5, patience = 2, goal = Goal.MAXIMIZE)",
    "  PlateauSchedule lr();",
    "  @Constant(0.05)",
    "  @ReduceOnPlateau(compat = Compat.PYTORCH, patience = 1, minScale = 0.01)",
    "  PlateauSchedule torchLr();",
    "  @EarlyStopping(patience = 3, minDelta = 1e-3, goal = Goal.MAXIMIZE)",
    "  EarlyStopper stop();",
    "  @ClipNorm(max = 1.0, norm = Double.POSITIVE_INFINITY)",
    "  GradientClip clip();",
    "  @ClipValue(max = 0.5)",
    "  GradientClip clamp();",
    "  @AdaptiveClip(clipping = 0.02)",
    "  GradientClip agc();",
  };

  @Test
  void generatedControllersBehaveAsTheRuntimeBuildsThemWithStatePerInstance() throws Exception {
    Compilation c =
        Compiled.javac().withOptions("-Xlint:all,-processing", "-Werror").compile(config(CONFIG));
    assertThat(c).succeededWithoutWarnings();
    Compiled compiled = Compiled.of("test.Cfg", config(CONFIG));
    Object first = compiled.instance();
    Object second = compiled.implClass().getConstructor().newInstance();

    PlateauSchedule lr = (PlateauSchedule) compiled.implClass().getMethod("lr").invoke(first);
    PlateauSchedule other = (PlateauSchedule) compiled.implClass().getMethod("lr").invoke(second);
    assertSame(
        lr, compiled.implClass().getMethod("lr").invoke(first), "one controller per instance");
    assertNotSame(lr, other);
    PlateauSchedule built =
        PlateauSchedule.of(Schedules.parse("@Warmup(steps = 5) @Cosine(from = 0.1, steps = 100)"))
            .factor(0.5)
            .patience(2)
            .goal(Goal.MAXIMIZE)
            .build();
    double[] metrics = {0.5, 0.6, 0.6, 0.59, 0.58, 0.7, 0.7, 0.7, 0.7, 0.71};
    for (int i = 0; i < metrics.length; i++) {
      assertEquals(built.observe(metrics[i]), lr.observe(metrics[i]), "observation " + i);
      for (long step : new long[] {0, 3, 5, 50, 104, 105, 1000}) {
        assertEquals(built.at(step), lr.at(step), "step " + step);
      }
    }
    assertEquals(0.25, lr.scale());
    assertEquals(1.0, other.scale(), "the other instance's controller is untouched");
    assertEquals(built.toString().replace("@Warmup", "lr: @Warmup"), lr.toString());

    PlateauSchedule torch =
        (PlateauSchedule) compiled.implClass().getMethod("torchLr").invoke(first);
    PlateauSchedule torchBuilt =
        PlateauSchedule.parse(
            "@Constant(0.05) @ReduceOnPlateau(compat = Compat.PYTORCH, patience = 1, minScale = 0.01)");
    for (double m : new double[] {1, 1, 1, 1, 1, 1, 1, 1}) {
      assertEquals(torchBuilt.observe(m), torch.observe(m));
      assertEquals(torchBuilt.at(0), torch.at(0));
    }

    EarlyStopper stop = (EarlyStopper) compiled.implClass().getMethod("stop").invoke(first);
    EarlyStopper stopBuilt = EarlyStopper.builder(3).minDelta(1e-3).goal(Goal.MAXIMIZE).build();
    for (double m : new double[] {0.5, 0.6, 0.6005, 0.601, 0.55, 0.6, 0.61}) {
      assertEquals(stopBuilt.observe(m), stop.observe(m));
      assertEquals(stopBuilt.bestIndex(), stop.bestIndex());
    }
    assertNotSame(stop, compiled.implClass().getMethod("stop").invoke(second));

    assertEquals(
        GradientClip.norm(1.0).norm(Double.POSITIVE_INFINITY).build(),
        compiled.implClass().getMethod("clip").invoke(first));
    assertEquals(GradientClip.value(0.5), compiled.implClass().getMethod("clamp").invoke(first));
    assertEquals(
        GradientClip.adaptive(0.02, 1e-3), compiled.implClass().getMethod("agc").invoke(first));
    assertSame(
        compiled.implClass().getMethod("clip").invoke(first),
        compiled.implClass().getMethod("clip").invoke(second),
        "clips hold no state: shared");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(
            "@ReduceOnPlateau.factor must be in (0, 1), was 1.5",
            "factor = 1.5)",
            "1",
            new String[] {
              "  @Constant(0.1)",
              "  @ReduceOnPlateau(",
              "      factor = 1.5)",
              "  PlateauSchedule lr();"
            }),
        Arguments.of(
            "@ReduceOnPlateau.compat = Compat.PYTORCH reproduces a library where the plateau owns",
            "compat = Compat.PYTORCH)",
            ".",
            new String[] {
              "  @Cosine(from = 0.1, steps = 10)",
              "  @ReduceOnPlateau(",
              "      compat = Compat.PYTORCH)",
              "  PlateauSchedule lr();"
            }),
        // a warm-up over the constant: compiled silently before, then threw in the constructor
        Arguments.of(
            "@ReduceOnPlateau.compat = Compat.KERAS reproduces a library where the plateau owns the"
                + " learning rate: it needs a curve declared as a single @Constant (the LR it"
                + " reduces, no warm-up, cool-down or restarts), was @Warmup(steps = 5, from ="
                + " 0.01) @Constant(value = 0.1); use Compat.ANNEAL to scale any curve",
            "compat = Compat.KERAS)",
            ".",
            new String[] {
              "  @Warmup(steps = 5, from = 0.01)",
              "  @Constant(0.1)",
              "  @ReduceOnPlateau(",
              "      compat = Compat.KERAS)",
              "  PlateauSchedule lr();"
            }),
        Arguments.of(
            "@ReduceOnPlateau.compat = Compat.PYTORCH reduces the learning rate @Constant.value,"
                + " which must then be > 0, was 0.0",
            "compat = Compat.PYTORCH)",
            ".",
            new String[] {
              "  @Constant(0)",
              "  @ReduceOnPlateau(",
              "      compat = Compat.PYTORCH)",
              "  PlateauSchedule lr();"
            }),
        Arguments.of(
            "@ReduceOnPlateau needs a method returning PlateauSchedule",
            "@ReduceOnPlateau",
            "@",
            new String[] {"  @Constant(0.1)", "  @ReduceOnPlateau", "  double lr(long step);"}),
        Arguments.of(
            "lr() returns PlateauSchedule: add @ReduceOnPlateau",
            "PlateauSchedule lr();",
            "lr(",
            new String[] {"  @Constant(0.1)", "  PlateauSchedule lr();"}),
        Arguments.of(
            "@EarlyStopping.minDelta must be finite and >= 0, was -1.0",
            "minDelta = -1)",
            "-",
            new String[] {
              "  @EarlyStopping(patience = 3,", "      minDelta = -1)", "  EarlyStopper stop();"
            }),
        Arguments.of(
            "@Cosine does not apply to stop()",
            "@Cosine(from = 0.1, steps = 10)",
            "@",
            new String[] {
              "  @EarlyStopping(patience = 3)",
              "  @Cosine(from = 0.1, steps = 10)",
              "  EarlyStopper stop();"
            }),
        Arguments.of(
            "@EarlyStopping needs a method returning EarlyStopper",
            "@EarlyStopping(patience = 3)",
            "@",
            new String[] {
              "  @EarlyStopping(patience = 3)", "  @Constant(0.1)", "  LrSchedule stop();"
            }),
        Arguments.of(
            "clip() returns dev.anneal.GradientClip: declare it with @ClipNorm",
            "GradientClip clip();",
            "clip(",
            new String[] {"  GradientClip clip();"}),
        Arguments.of(
            "@ClipNorm.norm must be 1, 2 or Double.POSITIVE_INFINITY, was 3.0",
            "norm = 3)",
            "3",
            new String[] {"  @ClipNorm(max = 1,", "      norm = 3)", "  GradientClip clip();"}),
        Arguments.of(
            "@ClipValue.max must be finite, was Double.NaN",
            "max = Double.NaN)",
            ".",
            new String[] {"  @ClipValue(", "      max = Double.NaN)", "  GradientClip clip();"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void everyRuleIsReportedOnItsAttribute(String message, String line, String caret, String[] body) {
    ValidationTest.expectError(config(body), message, line, caret);
  }
}
