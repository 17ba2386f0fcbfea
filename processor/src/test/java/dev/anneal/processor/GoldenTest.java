package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden parity: values written by the reference implementations (real PyTorch; formulas
 * transcribed from Keras, Optax and Hugging Face; see src/test/golden/README.md) against the
 * generated classes and the runtime builder. Every case is compiled, in one config, from the {@code
 * # anneal:} declaration stored with its vector.
 */
class GoldenTest {
  /**
   * docs/REFERENCE.md: relative 1e-12, plus 1e-15 of the peak where the formula is ill-conditioned.
   */
  private static final double RELATIVE = 1e-12;

  private static final double ABSOLUTE_OF_PEAK = 1e-15;

  /**
   * References that form {@code step / period} in float64 (PyTorch CyclicLR's {@code 1 + t / size -
   * cycle}, Keras PolynomialDecay's {@code 1 - t / S} with cycle) lose about {@code step * 2^-52}
   * relative precision at very large steps; anneal uses exact integer cycle arithmetic there. Only
   * for these cases and only past step 2^20 is that loss added to the tolerance.
   */
  private static final List<String> REFERENCE_DIVIDES_STEP =
      List.of("torch-cycliclr-", "keras-polynomial-cycle");

  private static List<Golden> cases;
  private static Compiled compiled;

  @BeforeAll
  static void compileEveryCase() throws IOException, URISyntaxException {
    cases = load();
    StringBuilder src =
        new StringBuilder(
            "package golden;\n\nimport dev.anneal.*;\n\n@Schedule\ninterface Golden {\n");
    for (int i = 0; i < cases.size(); i++) {
      src.append("  ")
          .append(cases.get(i).declaration)
          .append("\n  double case")
          .append(i)
          .append("(long step);\n\n");
    }
    src.append("}\n");
    compiled = Compiled.of("golden", "Golden", src.toString());
  }

  @Test
  void generatedSourcesDeclareNoUnusedLocals() {
    assertEquals(List.of(), UnusedLocals.in(compiled.compilation()));
  }

  static Stream<String> names() throws IOException, URISyntaxException {
    return load().stream().map(g -> g.name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void generatedMatchesReference(String name) {
    Golden g = find(name);
    check(g, compiled.schedule("case" + cases.indexOf(g)), "generated");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void builderMatchesReference(String name) {
    Golden g = find(name);
    check(g, Schedules.parse(g.declaration), "builder");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void floatFillMatchesReference(String name) {
    Golden g = find(name);
    LrSchedule s = compiled.schedule("case" + cases.indexOf(g));
    float[] out = new float[g.steps.length];
    s.fill(g.steps, out);
    for (int i = 0; i < out.length; i++) {
      double tolerance = 1e-6 * Math.abs(g.values[i]) + 1e-7 * g.peak;
      if (Math.abs(out[i] - g.values[i]) > tolerance) {
        fail(
            name
                + " float fill at step "
                + g.steps[i]
                + ": "
                + out[i]
                + " vs reference "
                + g.values[i]);
      }
    }
  }

  @Test
  void everyBodyAndModifierHasAGoldenCase() {
    String all = cases.stream().map(g -> g.declaration).collect(Collectors.joining(" "));
    for (String a :
        new String[] {
          "@Constant",
          "@StepDecay",
          "@MultiStep",
          "@Exponential",
          "@Cosine",
          "@Linear",
          "@Polynomial",
          "@InverseTime",
          "@InverseSqrt",
          "@Cyclic",
          "@OneCycle",
          "@Piecewise",
          "@Warmup",
          "@Cooldown",
          "@Restarts",
          "@Tanh",
          "@Sigmoid"
        }) {
      assertTrue(all.contains(a + "("), a + " has no golden case");
    }
    for (String attribute :
        new String[] {
          "@InverseTime\\([^)]*power = ", "@Exponential\\([^)]*to = ", "@Restarts\\(.*@Tanh\\("
        }) {
      assertTrue(
          cases.stream().anyMatch(g -> g.declaration.matches(".*" + attribute + ".*")),
          attribute + " has no golden case");
    }
    assertTrue(cases.size() >= 40, "expected the full golden set, found " + cases.size());
  }

  private static void check(Golden g, LrSchedule s, String what) {
    int checked = 0;
    for (int i = 0; i < g.steps.length; i++) {
      double actual = s.at(g.steps[i]);
      double expected = g.values[i];
      double tolerance = RELATIVE * Math.abs(expected) + ABSOLUTE_OF_PEAK * g.peak;
      if (g.steps[i] > (1 << 20) && REFERENCE_DIVIDES_STEP.stream().anyMatch(g.name::startsWith)) {
        tolerance += 4 * g.steps[i] * Math.ulp(1.0) * Math.abs(expected);
      }
      if (!(Math.abs(actual - expected) <= tolerance)) {
        fail(
            g.name
                + " ("
                + what
                + ", "
                + g.declaration
                + ") at step "
                + g.steps[i]
                + ": "
                + actual
                + " vs reference "
                + expected
                + " ("
                + g.reference
                + ")");
      }
      checked++;
    }
    assertEquals(g.steps.length, checked);
  }

  private static Golden find(String name) {
    return cases.stream().filter(g -> g.name.equals(name)).findFirst().orElseThrow();
  }

  private static List<Golden> load() throws IOException, URISyntaxException {
    Path dir = Paths.get(GoldenTest.class.getResource("/golden").toURI());
    List<Golden> result = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files.filter(p -> p.toString().endsWith(".csv")).sorted().collect(Collectors.toList())) {
        result.add(Golden.read(f));
      }
    }
    return result;
  }

  /** One reference vector. */
  private static final class Golden {
    final String name;
    final String reference;
    final String declaration;
    final long[] steps;
    final double[] values;
    final double peak;

    private Golden(
        String name, String reference, String declaration, long[] steps, double[] values) {
      this.name = name;
      this.reference = reference;
      this.declaration = declaration;
      this.steps = steps;
      this.values = values;
      double p = 0;
      for (double v : values) {
        p = Math.max(p, Math.abs(v));
      }
      this.peak = p;
    }

    static Golden read(Path file) throws IOException {
      String reference = null;
      String declaration = null;
      List<long[]> steps = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("# reference:")) {
          reference = line.substring("# reference:".length()).trim();
        } else if (line.startsWith("# anneal:")) {
          declaration = line.substring("# anneal:".length()).trim();
        } else if (!line.startsWith("#") && !line.isBlank() && !line.equals("step,value")) {
          String[] parts = line.split(",");
          steps.add(new long[] {Long.parseLong(parts[0])});
          values.add(Double.parseDouble(parts[1]));
        }
      }
      if (reference == null || declaration == null || steps.isEmpty()) {
        throw new IllegalStateException(file + " lacks a reference, a declaration or rows");
      }
      String name = file.getFileName().toString().replace(".csv", "");
      return new Golden(
          name,
          reference,
          declaration,
          steps.stream().mapToLong(a -> a[0]).toArray(),
          values.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }
}
