package dev.anneal.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The composite golden files ({@code processor/src/test/golden/generate_composites.py}: real
 * PyTorch 1.13 and transcribed Optax): each file's {@code # schedule} lines are built with {@link
 * Schedules#parse(Map, String)}, and every row of the {@code # evaluate} schedule must agree to
 * 1e-12 relative plus 1e-15 times the file's largest value. Files under {@code known-difference/}
 * hold torch values anneal must not reproduce: they must differ by more than that.
 */
class CompositeGoldenTest {
  static final Path DIR = Paths.get("../processor/src/test/resources/golden/composite");

  /** One golden file: its declarations, the schedule evaluated, its rows. */
  record Golden(
      String file, Map<String, String> named, String evaluate, long[] steps, double[] values) {
    double peak() {
      double peak = 0;
      for (double v : values) {
        peak = Math.max(peak, Math.abs(v));
      }
      return peak;
    }

    @Override
    public String toString() {
      return file;
    }
  }

  static Golden read(Path file) throws IOException {
    Map<String, String> named = new LinkedHashMap<>();
    String evaluate = null;
    List<long[]> steps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    boolean header = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("# schedule ")) {
        String entry = line.substring("# schedule ".length());
        int colon = entry.indexOf(':');
        named.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
      } else if (line.startsWith("# evaluate:")) {
        evaluate = line.substring("# evaluate:".length()).strip();
      } else if (line.startsWith("#") || line.isBlank()) {
        continue;
      } else if (line.equals("step,value")) {
        header = true;
      } else {
        String[] f = line.split(",");
        steps.add(new long[] {Long.parseLong(f[0])});
        values.add(Double.parseDouble(f[1]));
      }
    }
    assertTrue(header, file + ": no step,value header");
    assertNotNull(evaluate, file + ": no # evaluate line");
    long[] s = new long[steps.size()];
    double[] v = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = steps.get(i)[0];
      v[i] = values.get(i);
    }
    return new Golden(file.getFileName().toString(), named, evaluate, s, v);
  }

  static List<Golden> files(Path dir) throws IOException {
    List<Golden> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        out.add(read(p));
      }
    }
    return out;
  }

  static List<Golden> main() throws IOException {
    return files(DIR);
  }

  static List<Golden> knownDifferences() throws IOException {
    return files(DIR.resolve("known-difference"));
  }

  /**
   * 1e-12 relative plus 1e-15 times the file's peak. PyTorch's CyclicLR forms {@code 1 + t / size -
   * cycle} in float64 and loses about {@code t * 2^-52} relative precision at very large steps,
   * where anneal counts the cycle position in exact integers: for its momentum files, and only past
   * step 2^20, that loss is added (as the plain CyclicLR golden test does).
   */
  static double tolerance(Golden g, int i) {
    double expected = g.values()[i];
    double tolerance = 1e-12 * Math.abs(expected) + 1e-15 * g.peak();
    if (g.file().startsWith("torch-cyclic-momentum-") && g.steps()[i] > (1 << 20)) {
      tolerance += 4 * g.steps()[i] * Math.ulp(1.0) * Math.abs(expected);
    }
    return tolerance;
  }

  @Test
  void everyCaseIsThere() throws IOException {
    List<Golden> all = main();
    assertTrue(all.size() >= 25, "expected the 25 golden files, found " + all.size());
    int sequences = 0;
    int products = 0;
    int momenta = 0;
    for (Golden g : all) {
      String top = g.named().get(g.evaluate());
      sequences += top.startsWith("@Sequence") ? 1 : 0;
      products += top.startsWith("@Product") ? 1 : 0;
      momenta += top.startsWith("@CycleMomentum") ? 1 : 0;
      assertTrue(g.steps().length >= 100, g + ": " + g.steps().length + " rows");
    }
    assertTrue(
        sequences >= 10 && products >= 3 && momenta >= 9,
        sequences + " sequences, " + products + " products, " + momenta + " momenta");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("main")
  void agreesWithTheReference(Golden g) {
    LrSchedule s = Schedules.parse(g.named(), g.evaluate());
    double worst = 0;
    for (int i = 0; i < g.steps().length; i++) {
      double expected = g.values()[i];
      double actual = s.at(g.steps()[i]);
      assertEquals(expected, actual, tolerance(g, i), g + " step " + g.steps()[i]);
      worst = Math.max(worst, Math.abs(actual - expected) / g.peak());
    }
    System.out.printf(
        "%-50s rows %4d, largest |deviation| / peak %.3g%n", g, g.steps().length, worst);
    // the text form reads back to the same schedule and values
    LrSchedule back = Schedules.parseNamed(s.toString());
    assertEquals(s, back);
    assertEquals(s.toString(), back.toString());
    for (long step : g.steps()) {
      assertEquals(s.at(step), back.at(step), 0, g + " step " + step);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("knownDifferences")
  void doesNotReproduceTorchsKnownDifferences(Golden g) {
    LrSchedule s = Schedules.parse(g.named(), g.evaluate());
    for (int i = 0; i < g.steps().length; i++) {
      double expected = g.values()[i];
      if (Math.abs(s.at(g.steps()[i]) - expected) > tolerance(g, i)) {
        return;
      }
    }
    fail(g + ": anneal reproduces torch's known difference");
  }
}
