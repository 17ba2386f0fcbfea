package dev.anneal.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.ParamGroups;
import dev.anneal.internal.generated.GeneratedSchedule;
import org.junit.jupiter.api.Test;

/** The fills of a generated-base subclass follow its {@code at}, whatever declaration it embeds. */
class GeneratedScheduleTest {

  /** A user's subclass whose declaration disagrees with its {@code at} past step 100. */
  static final class Lying extends GeneratedSchedule {
    Lying() {
      super("lr", FORMAT, "@Cosine(from = 0.1, steps = 100)");
    }

    @Override
    public double at(long step) {
      return step < 100 ? 0.05 + 0.05 * Math.cos(Math.PI * step / 100) : 0.5;
    }
  }

  /** Agrees with its declaration: the kernels may run, with the same values. */
  static final class Honest extends GeneratedSchedule {
    Honest() {
      super("lr", FORMAT, "@Constant(value = 0.25)");
    }

    @Override
    public double at(long step) {
      return 0.25;
    }
  }

  @Test
  void fillsFollowAtWhenTheDeclarationDisagrees() {
    for (GeneratedSchedule s : new GeneratedSchedule[] {new Lying(), new Honest()}) {
      long[] steps = new long[64];
      for (int i = 0; i < steps.length; i++) {
        steps[i] = 5L * i;
      }
      double[] out = new double[steps.length];
      s.fill(steps, out);
      float[] single = new float[steps.length];
      s.fill(steps, single);
      for (int i = 0; i < steps.length; i++) {
        assertEquals(s.at(steps[i]), out[i], "at " + steps[i]);
        assertEquals((float) s.at(steps[i]), single[i], "at " + steps[i]);
      }
      ParamGroups groups =
          ParamGroups.of(new double[] {1, 2, 0.5, 1, 1}, new long[] {0, 0, 0, 0, 0});
      double[] g = new double[5];
      s.fill(300, groups, g);
      assertEquals(2 * s.at(300), g[1]);
    }
  }
}
