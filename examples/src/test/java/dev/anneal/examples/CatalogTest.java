package dev.anneal.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.LrSchedule;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Catalog}, compiled by the processor as a user's build compiles it, against the golden
 * vectors the reference implementations wrote (processor/src/test/resources/golden).
 */
class CatalogTest {
  private static final Path GOLDEN =
      Paths.get("..", "processor", "src", "test", "resources", "golden");
  private static final CatalogImpl CATALOG = new CatalogImpl();

  static List<Map.Entry<String, String>> cases() {
    return List.of(
        Map.entry("stepLr", "torch-steplr"),
        Map.entry("multiStepLr", "torch-multisteplr"),
        Map.entry("exponentialLr", "torch-exponentiallr"),
        Map.entry("kerasExponentialStaircase", "keras-exponential-staircase"),
        Map.entry("cosineAnnealingLr", "torch-cosineannealinglr"),
        Map.entry("optaxWarmupCosineExponent2", "optax-warmup-cosine-exp2"),
        Map.entry("warmRestarts", "torch-cawr-tmult2"),
        Map.entry("linearRestarts", "design-restarts-limit"),
        Map.entry("kerasPolynomialCycle", "keras-polynomial-cycle"),
        Map.entry("optaxExponentialEndValue", "optax-exponential-decay-end-staircase"),
        Map.entry("kerasInverseTime", "keras-inversetime"),
        Map.entry("dl4jInverse", "dl4j-inverse-p2"),
        Map.entry("dl4jSigmoid", "dl4j-sigmoid-decay-c500"),
        Map.entry("timmTanh", "timm-tanh-bounds-min"),
        Map.entry("timmTanhCycles", "timm-tanh-cycles"),
        Map.entry("inverseSqrt", "hf-inverse-sqrt"),
        Map.entry("cyclicTriangular2", "torch-cycliclr-triangular2"),
        Map.entry("oneCycleThreePhaseLinear", "torch-onecyclelr-3phase-linear"),
        Map.entry("kerasPiecewise", "keras-piecewise"),
        Map.entry("optaxPiecewiseLinear", "optax-piecewise-linear"),
        Map.entry("constantLr", "torch-constantlr"),
        Map.entry("warmupStableDecay", "hf-wsd-1sqrt"));
  }

  /** The catalog is the per-kind checklist's "catalog entry": every annotation of anneal in use. */
  @org.junit.jupiter.api.Test
  void declaresEveryKind() throws Exception {
    String source =
        Files.readString(
            Paths.get("src", "main", "java", "dev", "anneal", "examples", "Catalog.java"));
    for (dev.anneal.internal.kind.Kind kind : dev.anneal.internal.kind.Kind.values()) {
      if (kind.isCurvePart() && !source.contains("@" + kind.simpleName())) {
        fail("Catalog declares no @" + kind.simpleName());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesReference(Map.Entry<String, String> c) throws Exception {
    LongToDoubleFunction schedule = schedule(c.getKey());
    List<String> lines = Files.readAllLines(GOLDEN.resolve(c.getValue() + ".csv"));
    double peak =
        lines.stream()
            .filter(l -> Character.isDigit(l.charAt(0)))
            .mapToDouble(l -> Math.abs(Double.parseDouble(l.split(",")[1])))
            .max()
            .orElseThrow();
    int rows = 0;
    for (String line : lines) {
      if (!Character.isDigit(line.charAt(0))) {
        continue;
      }
      String[] parts = line.split(",");
      long step = Long.parseLong(parts[0]);
      if (step > 1_000_000) {
        continue; // huge steps: covered by the processor's golden test, which knows each
        // reference's precision
      }
      double expected = Double.parseDouble(parts[1]);
      double actual = schedule.applyAsDouble(step);
      if (!(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected) + 1e-15 * peak)) {
        fail(
            c.getKey()
                + " at step "
                + step
                + ": "
                + actual
                + " vs "
                + c.getValue()
                + " "
                + expected);
      }
      rows++;
    }
    assertEquals(true, rows > 50, "too few rows compared: " + rows);
  }

  private static LongToDoubleFunction schedule(String method) throws ReflectiveOperationException {
    Method m =
        Arrays.stream(Catalog.class.getMethods())
            .filter(x -> x.getName().equals(method))
            .findFirst()
            .orElseThrow();
    if (m.getReturnType() == LrSchedule.class) {
      LrSchedule s = (LrSchedule) m.invoke(CATALOG);
      return s::at;
    }
    return step -> {
      try {
        return (double) m.invoke(CATALOG, step);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    };
  }
}
