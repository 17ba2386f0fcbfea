package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulesTest {

  @Test
  void builderAndParseGiveTheSameSchedule() {
    LrSchedule built = Schedules.cosine(0.1, 19_500).to(1e-4).warmup(500).build();
    LrSchedule parsed =
        Schedules.parse("@Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)");
    assertEquals(parsed, built);
    for (long step = 0; step < 21_000; step += 7) {
      assertEquals(parsed.at(step), built.at(step), "step " + step);
    }
  }

  @Test
  void toStringIsTheDeclarationAndParsesBack() {
    LrSchedule s =
        Schedules.oneCycle(0.1, 1000).pctStart(0.25).anneal(Anneal.LINEAR).threePhase(true).build();
    assertEquals(
        "@OneCycle(peak = 0.1, steps = 1000, pctStart = 0.25, anneal = Anneal.LINEAR, threePhase = true)",
        s.toString());
    assertEquals(s, Schedules.parse(s.toString()));
  }

  @Test
  void knownValues() {
    // Values that follow from the formulas by hand, independent of the implementation's constants.
    assertEquals(0.05, Schedules.linear(0.1, 0.0, 100).build().at(50), 1e-15);
    assertEquals(0.05, Schedules.cosine(0.1, 100).build().at(50), 1e-15);
    assertEquals(0.01, Schedules.stepDecay(0.1, 0.1, 30).build().at(30), 1e-15);
    assertEquals(0.1, Schedules.stepDecay(0.1, 0.1, 30).build().at(29), 0);
    assertEquals(0.05, Schedules.constant(0.1).steps(10).warmup(10).build().at(5), 1e-15);
    assertEquals(0.1 / Math.sqrt(2), Schedules.inverseSqrt(0.1, 100).build().at(100), 1e-15);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@Cosine(from = 0.1, steps = 0)| @Cosine.steps must be > 0, was 0",
        "@Cosine(from = 0.1, steps = -5)| @Cosine.steps must be > 0, was -5",
        "@StepDecay(from = 0.1, factor = 0, every = 3)| @StepDecay.factor must be > 0, was 0.0",
        "@MultiStep(from = 0.1, milestones = {50, 30}, factor = 0.1)| @MultiStep.milestones[1] must be strictly increasing",
        "@Cyclic(low = 0.2, high = 0.1, up = 10)| @Cyclic.high must be > low (0.2), was 0.1",
        "@OneCycle(peak = 0.1, steps = 100, pctStart = 1.5)| @OneCycle.pctStart must be in (0, 1), was 1.5",
        "@Piecewise(steps = {0, 10}, values = {1})| @Piecewise.values must have one value per knot",
        "@Exponential(from = 1, rate = 1, to = 0.1)| @Exponential.to must be >= from (1.0) for a constant (rate = 1)",
        "@Exponential(from = 0.1, rate = 0.5) @Cooldown(steps = 10)| @Cooldown needs a body that ends",
        "@Exponential(from = 0.1, rate = 0.5) @Restarts| @Restarts repeats a body whose length is its steps attribute",
        "@Cosine(from = Double.NaN, steps = 10)| @Cosine.from must be finite, was Double.NaN",
        "@Cosine(from = 0.1, stepz = 10)| @Cosine has no attribute 'stepz'",
        "@Cosine(from = 0.1)| @Cosine.steps is required but was not given",
        "@Warmup(steps = 5)| no body annotation",
        "@Cosine(from = 0.1, steps = 10) @Linear(from = 0.1, to = 0, steps = 10)| exactly one body",
      })
  void invalidDeclarationsNameTheAttributeAndValue(String declaration, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.parse(declaration));
    assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
  }

  @Test
  void builderValidatesLikeTheAnnotations() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.cosine(0.1, 0).build());
    assertEquals("@Cosine.steps must be > 0, was 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Schedules.cosine(0.1, 10).warmup(5, 0, Ramp.SQRT).build());
    assertTrue(
        e.getMessage().startsWith("@Warmup.shape Ramp.SQRT is a cool-down shape"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE})
  void negativeStepsThrowWithTheValue(long step) {
    LrSchedule s = Schedules.cosine(0.1, 10).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.at(step));
    assertTrue(e.getMessage().contains(Long.toString(step)), e.getMessage());
  }

  @Test
  void stairPerEpochHoldsWithinAnEpoch() {
    LrSchedule perEpoch = Schedules.cosine(0.1, 10).build();
    LrSchedule perIteration = Schedules.stairPerEpoch(perEpoch, 100);
    for (long step = 0; step < 1200; step++) {
      assertEquals(perEpoch.at(step / 100), perIteration.at(step));
    }
    assertThrows(IllegalArgumentException.class, () -> Schedules.stairPerEpoch(perEpoch, 0));
  }

  @Test
  void smoothEpochsEvaluateAtFractionalEpochs() {
    LrSchedule epochs = Schedules.cosine(0.1, 10).warmup(2).buildInEpochs(100);
    LrSchedule iterations =
        Schedules.parse("@Warmup(steps = 200) @Cosine(from = 0.1, steps = 1_000)");
    assertEquals(iterations, epochs);
    // Halfway through epoch 7 (cosine epoch 5.5 of 10): the cosine at fractional t.
    double t = 5.5;
    assertEquals(0.05 * (1 + Math.cos(Math.PI * t / 10)), epochs.at(750), 1e-15);
    assertEquals(
        Schedules.parseInEpochs("@Warmup(steps = 2) @Cosine(from = 0.1, steps = 10)", 100), epochs);
  }

  @Test
  void restartsScaleTheAmplitudeAboveTheEndValueLikeKeras() {
    LrSchedule amplitude =
        Schedules.cosine(0.1, 30).to(0.01).restarts(1, 0.8, 0, RestartScale.AMPLITUDE).build();
    LrSchedule start = Schedules.cosine(0.1, 30).to(0.01).restarts(1, 0.8, 0).build();
    assertEquals(
        "@Cosine(from = 0.1, to = 0.01, steps = 30)"
            + " @Restarts(growth = 1.0, decay = 0.8, limit = 0, scale = RestartScale.AMPLITUDE)",
        amplitude.toString());
    assertEquals(Schedules.parse(amplitude.toString()), amplitude);
    for (int cycle = 0; cycle < 4; cycle++) {
      double m = Math.pow(0.8, cycle);
      // Keras CosineDecayRestarts(0.1, 30, t_mul = 1, m_mul = 0.8, alpha = 0.1) at a restart
      assertEquals(0.1 * (0.1 + 0.9 * m), amplitude.at(30L * cycle), 1e-15);
      assertEquals(0.1 * m, start.at(30L * cycle), 1e-15);
    }
  }

  @Test
  void buildersAreImmutableAsTheControllersBuildersAre() {
    Schedules.CosineBuilder base = Schedules.cosine(0.1, 100);
    Schedules.CosineBuilder floored = base.to(0.01);
    Schedules.CosineBuilder warm = floored.warmup(10);
    LrSchedule restarting = floored.restarts().build();
    assertEquals("@Cosine(from = 0.1, steps = 100)", base.toString());
    assertEquals("@Cosine(from = 0.1, to = 0.01, steps = 100)", floored.toString());
    assertEquals(
        "@Warmup(steps = 10) @Cosine(from = 0.1, to = 0.01, steps = 100)", warm.toString());
    assertEquals("@Cosine(from = 0.1, to = 0.01, steps = 100) @Restarts", restarting.toString());
    assertEquals(base.build(), Schedules.cosine(0.1, 100).build());
  }
}
