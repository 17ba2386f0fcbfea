package dev.anneal.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.anneal.processor.Sources.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Composites declared on a config: every case of the composite golden vectors (real PyTorch
 * SequentialLR / ChainedScheduler / OneCycleLR and CyclicLR momentum, Optax join_schedules and sgdr
 * transcriptions) compiled as a config, equal to the reference and bit for bit equal to the
 * runtime's composite; and every composition rule reported on its array element.
 */
class CompositeGenerationTest {

  static Stream<Path> cases() throws Exception {
    Path dir = Paths.get(CompositeGenerationTest.class.getResource("/golden/composite").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".csv")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void generatedCompositeMatchesTheReferenceAndTheRuntime(Path file) throws Exception {
    Map<String, String> named = new LinkedHashMap<>();
    String evaluate = null;
    List<long[]> steps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("# schedule ")) {
        String rest = line.substring("# schedule ".length());
        int colon = rest.indexOf(':');
        named.put(rest.substring(0, colon).trim(), rest.substring(colon + 1).trim());
      } else if (line.startsWith("# evaluate: ")) {
        evaluate = line.substring("# evaluate: ".length()).trim();
      } else if (!line.isEmpty() && Character.isDigit(line.charAt(0))) {
        String[] parts = line.split(",");
        steps.add(new long[] {Long.parseLong(parts[0])});
        values.add(Double.parseDouble(parts[1]));
      }
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, String> e : named.entrySet()) {
      lines.add("  " + e.getValue());
      lines.add("  LrSchedule " + e.getKey() + "();");
    }
    Compilation c =
        Compiled.javac()
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(config(lines.toArray(new String[0])));
    assertThat(c).succeededWithoutWarnings();
    assertEquals(List.of(), UnusedLocals.in(c), file.getFileName().toString());
    Compiled compiled = Compiled.of("test.Cfg", config(lines.toArray(new String[0])));
    LrSchedule generated = compiled.schedule(evaluate);
    LrSchedule runtime = Schedules.parse(named, evaluate);
    double peak = values.stream().mapToDouble(Math::abs).max().orElseThrow();
    boolean cyclicTorch = file.getFileName().toString().startsWith("torch-cyclic-momentum-");
    for (int i = 0; i < steps.size(); i++) {
      long step = steps.get(i)[0];
      double want = values.get(i);
      double got = generated.at(step);
      assertEquals(
          Double.doubleToRawLongBits(runtime.at(step)),
          Double.doubleToRawLongBits(got),
          file.getFileName() + ": generated vs runtime at step " + step);
      // torch's CyclicLR loses precision in 1 + t/size - cycle past 2^20 (as GoldenTest allows)
      double extra =
          cyclicTorch && step > (1 << 20) ? 4 * step * Math.ulp(1.0) * Math.abs(want) : 0;
      if (!(Math.abs(got - want) <= 1e-12 * Math.abs(want) + 1e-15 * peak + extra)) {
        fail(file.getFileName() + " at step " + step + ": want " + want + ", got " + got);
      }
    }
    // toString names the parts as the config does and reads back as the same schedule
    String text = generated.toString();
    LrSchedule back = Schedules.parseNamed(text);
    for (long[] step : steps) {
      assertEquals(
          Double.doubleToRawLongBits(generated.at(step[0])),
          Double.doubleToRawLongBits(back.at(step[0])),
          text + " read back, at " + step[0]);
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        // a transposition is one edit: suggested
        Arguments.of(
            "@Sequence.schedules[0] names no schedule of the config, was \"wram\"; did you mean"
                + " \"warm\"?",
            "{\"wram\", \"decay\"},",
            "\"wram\"",
            new String[] {
              "  @Linear(from = 0.01, to = 0.1, steps = 10)",
              "  LrSchedule warm();",
              "  @Exponential(from = 0.1, rate = 0.9)",
              "  LrSchedule decay();",
              "  @Sequence(schedules =",
              "      {\"wram\", \"decay\"},",
              "      boundaries = 10)",
              "  LrSchedule lr();"
            }),
        // a part whose own declaration has errors: those errors, not "names no schedule"
        Arguments.of(
            "decay() declares no schedule",
            "LrSchedule decay();",
            "decay",
            new String[] {
              "  @Linear(from = 0.01, to = 0.1, steps = 10)",
              "  LrSchedule warm();",
              "  LrSchedule decay();",
              "  @Sequence(schedules = {\"warm\", \"decay\"}, boundaries = 10)",
              "  LrSchedule lr();"
            }),
        Arguments.of(
            "@Sequence.schedules[1] names \"decay\", the name of 2 methods (double decay(long),"
                + " dev.anneal.LrSchedule decay()): a part must be named by exactly one method,"
                + " which cannot be a part",
            "{\"warm\", \"decay\"},",
            "\"decay\"",
            new String[] {
              "  @Linear(from = 0.01, to = 0.1, steps = 10)",
              "  LrSchedule warm();",
              "  @Exponential(from = 0.1, rate = 0.9)",
              "  double decay(long step);",
              "  @Cosine(from = 0.1, steps = 100)",
              "  LrSchedule decay();",
              "  @Sequence(schedules =",
              "      {\"warm\", \"decay\"},",
              "      boundaries = 10)",
              "  LrSchedule lr();"
            }),
        Arguments.of(
            "a composite's name must refer to one method, but 2 methods are named lr (double"
                + " lr(long), dev.anneal.LrSchedule lr()): rename the others",
            "@Product(schedules = {\"a\", \"a\"})",
            "@",
            new String[] {
              "  @Constant(0.1)",
              "  LrSchedule a();",
              "  @Constant(0.1)",
              "  double lr(long step);",
              "  @Product(schedules = {\"a\", \"a\"})",
              "  LrSchedule lr();"
            }),
        Arguments.of(
            "@Product.schedules[1] names \"lr\", a plateau method (dev.anneal.PlateauSchedule),"
                + " which cannot be a part",
            "@Product(schedules = {\"a\", \"lr\"})",
            "\"lr\"",
            new String[] {
              "  @Constant(0.1)",
              "  LrSchedule a();",
              "  @Constant(0.1)",
              "  @ReduceOnPlateau",
              "  PlateauSchedule lr();",
              "  @Product(schedules = {\"a\", \"lr\"})",
              "  LrSchedule p();"
            }),
        Arguments.of(
            "@Repeat.of must name a schedule that ends (a finite length to repeat), but \"a\""
                + " never ends",
            "@Repeat(of = \"a\", times = 3)",
            "\"a\"",
            new String[] {
              "  @Constant(0.1)",
              "  LrSchedule a();",
              "  @Repeat(of = \"a\", times = 3)",
              "  LrSchedule r();"
            }),
        Arguments.of(
            "@Repeat.times must be >= 0 (0 = forever), was -2",
            "@Repeat(of = \"a\", times = -2)",
            "-2",
            new String[] {
              "  @Cosine(from = 0.1, steps = 10)",
              "  LrSchedule a();",
              "  @Repeat(of = \"a\", times = -2)",
              "  LrSchedule r();"
            }),
        Arguments.of(
            "@Sequence.schedules must name at least 2 schedules",
            "@Sequence(schedules = {},",
            "{",
            new String[] {
              "  @Sequence(schedules = {},", "      boundaries = {})", "  LrSchedule lr();"
            }),
        Arguments.of(
            "@Product.schedules[1] must be the name of a schedule method",
            "@Product(schedules = {\"a\", \"a b\"})",
            "\"a b\"",
            new String[] {
              "  @Constant(0.1)",
              "  LrSchedule a();",
              "  @Product(schedules = {\"a\", \"a b\"})",
              "  LrSchedule p();"
            }),
        Arguments.of(
            "@Sequence.schedules[1] names no schedule of the config, was \"decy\"; did you mean \"decay\"?",
            "{\"warm\", \"decy\"},",
            "\"decy\"",
            new String[] {
              "  @Linear(from = 0.01, to = 0.1, steps = 10)",
              "  LrSchedule warm();",
              "  @Exponential(from = 0.1, rate = 0.9)",
              "  LrSchedule decay();",
              "  @Sequence(schedules =",
              "      {\"warm\", \"decy\"},",
              "      boundaries = 10)",
              "  LrSchedule lr();"
            }),
        Arguments.of(
            "@Sequence.boundaries[1]",
            "boundaries = {10, 5})",
            "5}",
            new String[] {
              "  @Constant(0.1)",
              "  LrSchedule a();",
              "  @Sequence(schedules = {\"a\", \"a\", \"a\"},",
              "      boundaries = {10, 5})",
              "  LrSchedule lr();"
            }),
        Arguments.of(
            "@Product.schedules[0]",
            "@Product(schedules = {\"lr\", \"a\"})",
            "\"lr\"",
            new String[] {
              "  @Constant(0.1)",
              "  LrSchedule a();",
              "  @Product(schedules = {\"lr\", \"a\"})",
              "  LrSchedule lr();"
            }),
        Arguments.of(
            "@CycleMomentum.of must name a plain @OneCycle or @Cyclic",
            "@CycleMomentum(of = \"a\")",
            "\"a\"",
            new String[] {
              "  @Cosine(from = 0.1, steps = 10)",
              "  LrSchedule a();",
              "  @CycleMomentum(of = \"a\")",
              "  LrSchedule m();"
            }),
        Arguments.of(
            "@Sequence stands alone on lr()",
            "@Warmup(steps = 3)",
            "@",
            new String[] {
              "  @Constant(0.1)",
              "  LrSchedule a();",
              "  @Sequence(schedules = {\"a\", \"a\"}, boundaries = 5)",
              "  @Warmup(steps = 3)",
              "  LrSchedule lr();"
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void everyCompositionRuleIsReportedOnItsElement(
      String message, String line, String caret, String[] body) {
    ValidationTest.expectError(config(body), message, line, caret);
  }

  /**
   * Past the runtime's ladder limit the generated {@code at} searches constant tables, so any
   * number of parts compiles (a ladder of 3,500 exceeds the JVM's 64 KiB method limit, and the
   * declaration of 6,000 a class file's 65,535-byte string constant) and agrees with the runtime.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {17, 3_500, 6_000})
  void sequencesOfAnyLengthCompileAndAgreeWithTheRuntime(int parts) {
    StringBuilder names = new StringBuilder();
    StringBuilder boundaries = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      names.append(i == 0 ? "" : ", ").append("\"" + "abc".charAt(i % 3) + "\"");
      if (i > 0) {
        boundaries.append(i == 1 ? "" : ", ").append(7L * i + (i % 5));
      }
    }
    String sequence = "@Sequence(schedules = {" + names + "}, boundaries = {" + boundaries + "})";
    String[] lines = {
      "  @Linear(from = 0.1, to = 0.01, steps = 11)",
      "  LrSchedule a();",
      "  @Constant(0.05)",
      "  LrSchedule b();",
      "  @Cosine(from = 0.2, steps = 6)",
      "  double c(long step);",
      "  " + sequence,
      "  LrSchedule lr();"
    };
    Compiled compiled = Compiled.of("test.Cfg", config(lines));
    LrSchedule generated = compiled.schedule("lr");
    LrSchedule runtime =
        Schedules.parse(
            Map.of(
                "a",
                "@Linear(from = 0.1, to = 0.01, steps = 11)",
                "b",
                "@Constant(0.05)",
                "c",
                "@Cosine(from = 0.2, steps = 6)",
                "lr",
                sequence),
            "lr");
    for (long step = 0; step < 7L * parts + 20; step++) {
      assertEquals(
          Double.doubleToRawLongBits(runtime.at(step)),
          Double.doubleToRawLongBits(generated.at(step)),
          "step " + step);
    }
    assertEquals(runtime.at(Long.MAX_VALUE), generated.at(Long.MAX_VALUE));
  }

  @org.junit.jupiter.api.Test
  void aThousandPartSequenceCompilesAndAgreesWithTheRuntime() {
    StringBuilder names = new StringBuilder();
    StringBuilder boundaries = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      names.append(i == 0 ? "" : ", ").append(i % 2 == 0 ? "\"a\"" : "\"b\"");
      if (i > 0) {
        boundaries.append(i == 1 ? "" : ", ").append(7L * i);
      }
    }
    String sequence = "@Sequence(schedules = {" + names + "}, boundaries = {" + boundaries + "})";
    String[] lines = {
      "  @Linear(from = 0.1, to = 0.01, steps = 7)",
      "  LrSchedule a();",
      "  @Constant(0.05)",
      "  LrSchedule b();",
      "  " + sequence,
      "  LrSchedule lr();"
    };
    Compiled compiled = Compiled.of("test.Cfg", config(lines));
    LrSchedule generated = compiled.schedule("lr");
    LrSchedule runtime =
        Schedules.parse(
            Map.of(
                "a",
                "@Linear(from = 0.1, to = 0.01, steps = 7)",
                "b",
                "@Constant(0.05)",
                "lr",
                sequence),
            "lr");
    for (long step = 0; step < 7_100; step += 3) {
      assertEquals(
          Double.doubleToRawLongBits(runtime.at(step)),
          Double.doubleToRawLongBits(generated.at(step)),
          "step " + step);
    }
  }
}
