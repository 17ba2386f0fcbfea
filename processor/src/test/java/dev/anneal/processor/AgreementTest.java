package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: for random valid declarations, the generated class and the runtime builder agree to
 * relative 1e-12 at random steps (near 0, around every phase edge, and anywhere up to {@code
 * Long.MAX_VALUE}). Each seed compiles one config of many schedules; a failure names the seed, the
 * declaration and the step.
 */
class AgreementTest {
  private static final int SCHEDULES_PER_SEED = 250;
  private static final int STEPS_PER_SCHEDULE = 400;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void generatedAgreesWithBuilder(long seed) {
    List<String> declarations = new RandomDeclarations(seed).next(SCHEDULES_PER_SEED);
    StringBuilder src =
        new StringBuilder(
            "package random;\n\nimport dev.anneal.*;\n\n@Schedule\ninterface Random"
                + seed
                + " {\n");
    for (int i = 0; i < declarations.size(); i++) {
      src.append("  ")
          .append(declarations.get(i))
          .append("\n  LrSchedule s")
          .append(i)
          .append("();\n\n");
    }
    Compiled compiled = Compiled.of("random", "Random" + seed, src.append("}\n").toString());
    SplittableRandom random = new SplittableRandom(seed * 7919);
    int compared = 0;
    for (int i = 0; i < declarations.size(); i++) {
      LrSchedule generated = compiled.schedule("s" + i);
      LrSchedule built = Schedules.parse(declarations.get(i));
      for (int k = 0; k < STEPS_PER_SCHEDULE; k++) {
        long step = step(random, k);
        double g = generated.at(step);
        double b = built.at(step);
        if (!(Math.abs(g - b) <= 1e-12 * Math.abs(b)) && !(g == b)) {
          fail(
              "seed "
                  + seed
                  + ", "
                  + declarations.get(i)
                  + " at step "
                  + step
                  + ": generated "
                  + g
                  + ", builder "
                  + b);
        }
        compared++;
      }
    }
    assertTrue(compared == SCHEDULES_PER_SEED * STEPS_PER_SCHEDULE);
  }

  /** Mostly small steps (where the phases are), some anywhere in the long range. */
  private static long step(SplittableRandom random, int k) {
    switch (k % 4) {
      case 0:
        return k / 4;
      case 1:
        return random.nextLong(0, 2_000);
      case 2:
        return random.nextLong(0, 100_000);
      default:
        return random.nextLong(0, Long.MAX_VALUE);
    }
  }
}
