package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Controllers and clips written as their annotations: the parse forms give the same objects as the
 * builders, read back their {@code toString()}, and name the attribute of a broken rule.
 */
class ParseCompanionsTest {

  @Test
  void aScheduleWithReduceOnPlateauParsesToAPlateauSchedule() {
    String source =
        "@Warmup(steps = 5) @Cosine(from = 0.1, steps = 100) @ReduceOnPlateau(factor = 0.5, patience = 2)";
    LrSchedule s = Schedules.parse(source);
    PlateauSchedule p = assertInstanceOf(PlateauSchedule.class, s);
    PlateauSchedule built =
        PlateauSchedule.of(Schedules.parse("@Warmup(steps = 5) @Cosine(from = 0.1, steps = 100)"))
            .factor(0.5)
            .patience(2)
            .build();
    double[] metrics = {1, 0.9, 0.95, 0.95, 0.95, 0.96, 0.97, 0.5, 0.6, 0.6, 0.6};
    for (int i = 0; i < metrics.length; i++) {
      assertEquals(built.observe(metrics[i]), p.observe(metrics[i]), "observation " + i);
      assertEquals(built.at(i * 10), p.at(i * 10));
    }
    assertTrue(p.scale() < 1, "the plateau cut the scale");
    assertEquals(p.toString(), PlateauSchedule.parse(p.toString()).toString());
    assertEquals(source.replace("@Cosine", "@Cosine").length() > 0, true);
  }

  @Test
  void compatModesNeedAConstantBody() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Schedules.parse(
                    "@Cosine(from = 0.1, steps = 100) @ReduceOnPlateau(compat = Compat.PYTORCH)"));
    assertTrue(
        e.getMessage().startsWith("@ReduceOnPlateau.compat = Compat.PYTORCH"), e.getMessage());
    PlateauSchedule torch =
        PlateauSchedule.parse(
            "@Constant(0.1) @ReduceOnPlateau(compat = Compat.PYTORCH, patience = 0)");
    torch.observe(1);
    torch.observe(2);
    assertEquals(0.1 * 0.1, torch.at(0), 1e-18);
  }

  /** One rule, one message: the parser and the builder say what the processor says. */
  @Test
  void compatRuleIsOneRuleWithOneMessageInParseAndBuilder() {
    String message =
        "@ReduceOnPlateau.compat = Compat.KERAS reproduces a library where the plateau owns the"
            + " learning rate: it needs a curve declared as a single @Constant (the LR it reduces,"
            + " no warm-up, cool-down or restarts), was @Warmup(steps = 5, from = 0.01)"
            + " @Constant(value = 0.1); use Compat.ANNEAL to scale any curve";
    String curve = "@Warmup(steps = 5, from = 0.01) @Constant(0.1)";
    for (String decl :
        new String[] {
          curve + " @ReduceOnPlateau(compat = Compat.KERAS)",
          "@ReduceOnPlateau(compat = Compat.KERAS) " + curve,
        }) {
      assertEquals(
          message,
          assertThrows(IllegalArgumentException.class, () -> PlateauSchedule.parse(decl))
              .getMessage());
      assertEquals(
          message,
          assertThrows(IllegalArgumentException.class, () -> Schedules.parse(decl)).getMessage());
    }
    assertEquals(
        message,
        assertThrows(
                IllegalArgumentException.class,
                () -> PlateauSchedule.of(Schedules.parse(curve)).compat(Compat.KERAS).build())
            .getMessage());
    String zero =
        "@ReduceOnPlateau.compat = Compat.PYTORCH reduces the learning rate @Constant.value, which"
            + " must then be > 0, was 0.0";
    assertEquals(
        zero,
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    PlateauSchedule.parse("@Constant(0) @ReduceOnPlateau(compat = Compat.PYTORCH)"))
            .getMessage());
    assertEquals(
        zero,
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    PlateauSchedule.of(Schedules.constant(0).build())
                        .compat(Compat.PYTORCH)
                        .build())
            .getMessage());
  }

  /** A composite curve is named whole in the message, never from the middle of its text. */
  @Test
  void compatMessageNamesACompositeCurveWhole() {
    LrSchedule seq =
        Schedules.sequence(
            new long[] {10},
            Schedules.linear(0.01, 0.1, 10).build(),
            Schedules.constant(0.1).build());
    String e =
        assertThrows(
                IllegalArgumentException.class,
                () -> PlateauSchedule.of(seq).compat(Compat.PYTORCH).build())
            .getMessage();
    assertTrue(e.contains(", was " + seq + "; use Compat.ANNEAL"), e);
  }

  @Test
  void plateauRulesAreValidated() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Schedules.parse("@Constant(0.1) @ReduceOnPlateau(factor = 1.5)"));
    assertEquals("@ReduceOnPlateau.factor must be in (0, 1), was 1.5", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Schedules.parse("@Constant(0.1) @ReduceOnPlateau(minScale = Double.NaN)"));
    assertEquals("@ReduceOnPlateau.minScale must be finite, was Double.NaN", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PlateauSchedule.parse("@Constant(0.1)"));
    assertTrue(e.getMessage().contains("no @ReduceOnPlateau"), e.getMessage());
  }

  @Test
  void earlyStoppingParses() {
    EarlyStopper a =
        EarlyStopper.parse("@EarlyStopping(patience = 2, minDelta = 0.01, goal = Goal.MAXIMIZE)");
    EarlyStopper b = EarlyStopper.builder(2).minDelta(0.01).goal(Goal.MAXIMIZE).build();
    double[] metrics = {0.5, 0.6, 0.605, 0.6, 0.61, 0.7};
    for (double m : metrics) {
      assertEquals(b.observe(m), a.observe(m));
      assertEquals(b.bestIndex(), a.bestIndex());
    }
    assertEquals(a.toString(), EarlyStopper.parse(a.toString()).toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EarlyStopper.parse("@EarlyStopping(patience = -1)"));
    assertEquals("@EarlyStopping.patience must be >= 0, was -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> EarlyStopper.parse("@EarlyStopping"));
    assertTrue(e.getMessage().contains("patience"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Schedules.parse("@Constant(0.1) @EarlyStopping(patience = 3)"));
    assertTrue(e.getMessage().contains("EarlyStopper.parse"), e.getMessage());
  }

  @Test
  void clipsParse() {
    assertEquals(
        GradientClip.norm(1.0).norm(Double.POSITIVE_INFINITY).build(),
        GradientClip.parse("@ClipNorm(max = 1.0, norm = Double.POSITIVE_INFINITY)"));
    assertEquals(GradientClip.value(0.5), GradientClip.parse("@ClipValue(max = 0.5)"));
    assertEquals(GradientClip.adaptive(), GradientClip.parse("@AdaptiveClip"));
    for (GradientClip c :
        new GradientClip[] {
          GradientClip.norm(2).eps(0).scope(ClipScope.EACH).build(),
          GradientClip.value(3),
          GradientClip.adaptive(0.02, 1e-4)
        }) {
      assertEquals(c, GradientClip.parse(c.toString()));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientClip.parse("@ClipNorm(max = 1, norm = 3)"));
    assertEquals(
        "@ClipNorm.norm must be 1, 2 or Double.POSITIVE_INFINITY, was 3.0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientClip.parse("@ClipNorm(max = Double.NaN)"));
    assertEquals("@ClipNorm.max must be finite, was Double.NaN", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GradientClip.parse("@Cosine(from = 1, steps = 2)"));
    assertTrue(e.getMessage().contains("@ClipNorm, @ClipValue or @AdaptiveClip"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GradientClip.parse(null));
  }
}
