package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Declarations with thousands of milestones or knots compile (table-driven code past the ladder
 * limit, a declaration text longer than one string constant) and return exactly the builder's
 * values; tables just below and above the limit too.
 */
class LargeDeclarationTest {

  @Test
  void thousandsOfMilestonesAndKnotsCompileAndAgreeBitForBit() {
    List<String> declarations = new ArrayList<>();
    for (int n : new int[] {31, 32, 33, 34, 6_000, 12_000}) {
      declarations.add(
          "@MultiStep(from = 0.1, milestones = " + longs(n, 7, 3) + ", factor = 0.999)");
    }
    for (String interpolation : new String[] {"STEP", "LINEAR", "COSINE"}) {
      for (int n : new int[] {32, 33, 34, 2_500}) {
        declarations.add(
            "@Warmup(steps = 10) @Piecewise(steps = "
                + longs(n, 0, 11)
                + ", values = "
                + values(n)
                + ", interpolation = Interpolation."
                + interpolation
                + ")"
                + " @Cooldown(steps = 100)");
      }
    }
    StringBuilder src =
        new StringBuilder("package big;\n\nimport dev.anneal.*;\n\n@Schedule\ninterface Big {\n");
    for (int i = 0; i < declarations.size(); i++) {
      src.append("  ")
          .append(declarations.get(i))
          .append("\n  LrSchedule s")
          .append(i)
          .append("();\n\n");
    }
    Compiled compiled = Compiled.of("big", "Big", src.append("}\n").toString());
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < declarations.size(); i++) {
      LrSchedule generated = compiled.schedule("s" + i);
      LrSchedule built = Schedules.parse(declarations.get(i));
      assertTrue(generated.toString().endsWith(built.toString()), "the declaration text survives");
      long end = 40_000 * 11L;
      for (int k = 0; k < 20_000; k++) {
        long step = k < 5_000 ? k : random.nextLong(0, end);
        assertEquals(
            Double.doubleToRawLongBits(built.at(step)),
            Double.doubleToRawLongBits(generated.at(step)),
            () -> "schedule " + declarations.get(0).substring(0, 30) + "... at step " + step);
      }
    }
  }

  /** {@code {first, first + gap, ...}}: n strictly increasing step counts. */
  private static String longs(int n, long first, long gap) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ", ").append(first + gap * i + (first == 0 ? 0 : i % 3));
    }
    return s.append('}').toString();
  }

  private static String values(int n) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : ", ").append(0.05 + 0.04 * Math.sin(i * 0.7));
    }
    return s.append('}').toString();
  }
}
