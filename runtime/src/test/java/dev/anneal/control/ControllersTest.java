package dev.anneal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.Compat;
import dev.anneal.EarlyStopper;
import dev.anneal.Goal;
import dev.anneal.LrSchedule;
import dev.anneal.NonFinite;
import dev.anneal.ParamGroups;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import dev.anneal.internal.control.Controllers;
import dev.anneal.internal.control.PlateauRules;
import dev.anneal.internal.control.StoppingRules;
import dev.anneal.internal.kind.Problem;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ControllersTest {
  private static final LrSchedule CURVE =
      Schedules.parse("@Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)");

  private static PlateauSchedule.Builder anneal() {
    return PlateauSchedule.of(CURVE);
  }

  // ---- ANNEAL rules

  @Test
  void reducesAfterPatienceConsecutiveNonImprovingObservations() {
    PlateauSchedule p = anneal().patience(3).factor(0.5).build();
    assertFalse(p.observe(1.0)); // first: best
    assertFalse(p.observe(1.0)); // tie: not better by more than the threshold
    assertFalse(p.observe(2.0));
    assertEquals(1.0, p.scale());
    assertTrue(p.observe(1.0));
    assertEquals(0.5, p.scale());
    assertEquals(0, p.state().bad());
    for (long step : new long[] {0, 499, 500, 10_000, 19_999, 50_000}) {
      assertEquals(0.5 * CURVE.at(step), p.at(step));
    }
  }

  @Test
  void improvementResetsTheCount() {
    PlateauSchedule p = anneal().patience(2).build();
    p.observe(1.0);
    p.observe(1.0);
    assertEquals(1, p.state().bad());
    p.observe(0.5);
    assertEquals(0, p.state().bad());
    assertEquals(0.5, p.state().best());
  }

  @Test
  void thresholdIsTheLargerOfAbsoluteAndRelative() {
    // rel: 0.1 * |best| = 0.1 beats abs 0.01: a drop of 0.05 does not improve, 0.15 does
    PlateauSchedule p = anneal().relThreshold(0.1).absThreshold(0.01).patience(5).build();
    p.observe(1.0);
    p.observe(0.95);
    assertEquals(1.0, p.state().best());
    assertEquals(1, p.state().bad());
    p.observe(0.85);
    assertEquals(0.85, p.state().best());
    // abs 0.5 beats rel: a drop of 0.3 does not improve
    PlateauSchedule q = anneal().relThreshold(0.1).absThreshold(0.5).patience(5).build();
    q.observe(1.0);
    q.observe(0.7);
    assertEquals(1.0, q.state().best());
    q.observe(0.4);
    assertEquals(0.4, q.state().best());
  }

  @Test
  void maximizeMirrors() {
    PlateauSchedule p = anneal().goal(Goal.MAXIMIZE).patience(1).factor(0.5).build();
    assertFalse(p.observe(-3.0));
    assertFalse(p.observe(-2.0));
    assertEquals(-2.0, p.state().best());
    assertTrue(p.observe(-2.5));
    assertEquals(0.5, p.scale());
  }

  @Test
  void nonFiniteMetricsNeverImproveNorBecomeBestAndCountAsBad() {
    PlateauSchedule p = anneal().patience(3).factor(0.5).build();
    assertFalse(p.observe(Double.NaN));
    assertTrue(Double.isNaN(p.state().best()));
    assertFalse(p.observe(Double.NEGATIVE_INFINITY));
    assertTrue(Double.isNaN(p.state().best()));
    assertEquals(2, p.state().bad());
    assertFalse(p.observe(1.0)); // the first finite one always improves
    assertEquals(1.0, p.state().best());
    p.observe(Double.NaN);
    p.observe(Double.POSITIVE_INFINITY);
    assertTrue(p.observe(Double.NaN));
    assertEquals(0.5, p.scale());
    assertEquals(1.0, p.state().best());
  }

  @Test
  void cooldownObservationsDoNotCountButBestUpdates() {
    PlateauSchedule p = anneal().patience(1).cooldown(2).factor(0.5).build();
    p.observe(1.0);
    assertTrue(p.observe(1.0));
    assertEquals(2, p.state().cooldownLeft());
    assertFalse(p.observe(5.0));
    assertFalse(p.observe(0.5)); // improves during cooldown: becomes best
    assertEquals(0.5, p.state().best());
    assertEquals(0, p.state().cooldownLeft());
    assertEquals(0, p.state().bad());
    assertTrue(p.observe(0.5));
    assertEquals(0.25, p.scale());
  }

  @Test
  void minScaleFloorsTheScale() {
    double factor = 0.5;
    double minScale = 0.3;
    PlateauSchedule p = anneal().patience(1).factor(factor).minScale(minScale).build();
    p.observe(1.0);
    assertTrue(p.observe(1.0));
    assertEquals(factor, p.scale());
    assertTrue(p.observe(1.0));
    assertEquals(minScale, p.scale());
    assertFalse(p.observe(1.0)); // at the floor: nothing to reduce
    assertEquals(minScale, p.scale());
  }

  @Test
  void startAfterIgnoresTheFirstObservationsEntirely() {
    PlateauSchedule p = anneal().patience(1).startAfter(3).build();
    for (int i = 0; i < 3; i++) {
      assertFalse(p.observe(10.0 + i));
    }
    assertTrue(Double.isNaN(p.state().best()));
    assertEquals(0, p.state().bad());
    assertEquals(3, p.state().observations());
    p.observe(2.0);
    assertEquals(2.0, p.state().best());
  }

  @Test
  void eachBuildHasFreshStateAndToStringIsTheDeclaration() {
    PlateauSchedule.Builder b = anneal().patience(1).factor(0.5);
    PlateauSchedule a = b.build();
    a.observe(1);
    a.observe(1);
    assertEquals(0.5, a.scale());
    assertEquals(1.0, b.build().scale());
    assertEquals(CURVE + " @ReduceOnPlateau(factor = 0.5, patience = 1)", a.toString());
    assertEquals(CURVE + " @ReduceOnPlateau", anneal().build().toString());
    assertEquals(
        "@EarlyStopping(goal = Goal.MAXIMIZE, patience = 3, baseline = 0.5)",
        EarlyStopper.builder(3).goal(Goal.MAXIMIZE).baseline(0.5).build().toString());
  }

  @Test
  void compatModesNeedAConstantCurve() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> anneal().compat(Compat.PYTORCH).build());
    assertTrue(e.getMessage().contains("@ReduceOnPlateau.compat = Compat.PYTORCH"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Controllers.plateau(
                    Schedules.constant(0.1).build(),
                    PlateauRules.DEFAULTS.withCompat(Compat.KERAS)));
    assertTrue(e.getMessage().contains("compat"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Controllers.plateau(CURVE, PlateauRules.DEFAULTS.withCompat(Compat.KERAS), -1.0));
    assertTrue(e.getMessage().contains("@Constant.value must be finite and > 0"), e.getMessage());
    Controllers.Plateau ok =
        Controllers.plateau(
            Schedules.constant(0.1).build(),
            PlateauRules.DEFAULTS.withCompat(Compat.KERAS).withPatience(0),
            0.1);
    assertEquals(0.1, ok.value());
    PlateauSchedule built =
        PlateauSchedule.of(Schedules.constant(0.1).build())
            .compat(Compat.KERAS)
            .patience(0)
            .build();
    assertTrue(built.observe(1.0) || built.scale() == 1.0);
  }

  // ---- validation: every attribute

  private static void assertOneProblem(
      List<Problem> problems, String annotation, String attribute, String value) {
    assertEquals(1, problems.size(), problems.toString());
    Problem p = problems.get(0);
    assertEquals(annotation, p.annotation());
    assertEquals(attribute, p.attribute());
    assertTrue(p.message().startsWith("@" + annotation + "." + attribute + " "), p.message());
    assertTrue(p.message().endsWith("was " + value), p.message());
  }

  private static void plateauProblem(
      UnaryOperator<PlateauRules> change, String attribute, String value) {
    PlateauRules rules = change.apply(PlateauRules.DEFAULTS);
    assertOneProblem(rules.problems(), "ReduceOnPlateau", attribute, value);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Controllers.plateau(CURVE, rules));
    assertTrue(e.getMessage().contains("@ReduceOnPlateau." + attribute), e.getMessage());
  }

  @Test
  void everyPlateauAttributeIsValidated() {
    assertTrue(PlateauRules.DEFAULTS.problems().isEmpty());
    plateauProblem(r -> r.withFactor(1.5), "factor", "1.5");
    plateauProblem(r -> r.withFactor(1.0), "factor", "1.0");
    plateauProblem(r -> r.withFactor(0), "factor", "0.0");
    plateauProblem(r -> r.withFactor(Double.NaN), "factor", "Double.NaN");
    plateauProblem(r -> r.withPatience(0), "patience", "0");
    plateauProblem(r -> r.withCompat(Compat.KERAS).withPatience(-1), "patience", "-1");
    plateauProblem(r -> r.withRelThreshold(-1e-3), "relThreshold", "-0.001");
    plateauProblem(r -> r.withRelThreshold(1), "relThreshold", "1.0");
    plateauProblem(r -> r.withAbsThreshold(-1), "absThreshold", "-1.0");
    plateauProblem(
        r -> r.withAbsThreshold(Double.POSITIVE_INFINITY),
        "absThreshold",
        "Double.POSITIVE_INFINITY");
    plateauProblem(r -> r.withCooldown(-2), "cooldown", "-2");
    plateauProblem(r -> r.withMinScale(-0.5), "minScale", "-0.5");
    plateauProblem(r -> r.withMinScale(1), "minScale", "1.0");
    plateauProblem(r -> r.withStartAfter(-1), "startAfter", "-1");
    plateauProblem(r -> r.withGoal(null), "goal", "null");
    plateauProblem(r -> r.withCompat(null), "compat", "null");
    assertOneProblem(
        PlateauRules.DEFAULTS.withCompat(Compat.PYTORCH).withAbsThreshold(0.01).problems(),
        "ReduceOnPlateau",
        "absThreshold",
        "0.01 and relThreshold = 1.0E-4");
    assertTrue(
        PlateauRules.DEFAULTS
            .withCompat(Compat.PYTORCH)
            .withAbsThreshold(0.01)
            .withRelThreshold(0)
            .problems()
            .isEmpty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> anneal().factor(1.5).build());
    assertEquals("@ReduceOnPlateau.factor must be in (0, 1), was 1.5", e.getMessage());
  }

  private static void stoppingProblem(StoppingRules rules, String attribute, String value) {
    assertOneProblem(rules.problems(), "EarlyStopping", attribute, value);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Controllers.earlyStopper(rules));
    assertTrue(e.getMessage().contains("@EarlyStopping." + attribute), e.getMessage());
  }

  @Test
  void everyStoppingAttributeIsValidated() {
    assertTrue(StoppingRules.of(0).problems().isEmpty());
    stoppingProblem(StoppingRules.of(-1), "patience", "-1");
    stoppingProblem(StoppingRules.of(1).withMinDelta(-1e-4), "minDelta", "-1.0E-4");
    stoppingProblem(StoppingRules.of(1).withMinDelta(Double.NaN), "minDelta", "Double.NaN");
    stoppingProblem(
        StoppingRules.of(1).withBaseline(Double.NEGATIVE_INFINITY),
        "baseline",
        "Double.NEGATIVE_INFINITY");
    stoppingProblem(StoppingRules.of(1).withStartAfter(-3), "startAfter", "-3");
    stoppingProblem(StoppingRules.of(1).withGoal(null), "goal", "null");
    stoppingProblem(StoppingRules.of(1).withNonFinite(null), "nonFinite", "null");
    assertThrows(IllegalArgumentException.class, () -> EarlyStopper.builder(-1).build());
  }

  // ---- resume: bit for bit

  private static PlateauSchedule randomPlateau(SplittableRandom r) {
    Compat compat = Compat.values()[r.nextInt(3)];
    double value = new double[] {0.1, 1.0, 3e-4}[r.nextInt(3)];
    PlateauSchedule.Builder b =
        PlateauSchedule.of(compat == Compat.ANNEAL ? CURVE : Schedules.constant(value).build())
            .compat(compat)
            .goal(r.nextBoolean() ? Goal.MINIMIZE : Goal.MAXIMIZE)
            .factor(new double[] {0.1, 0.5, 0.9}[r.nextInt(3)])
            .patience(r.nextInt(1, 5))
            .cooldown(r.nextInt(0, 3))
            .minScale(new double[] {0, 0.01, 0.3}[r.nextInt(3)])
            .startAfter(r.nextInt(0, 3));
    if (compat == Compat.PYTORCH && r.nextBoolean()) {
      b = b.relThreshold(0).absThreshold(0.01);
    } else if (compat != Compat.PYTORCH) {
      b = b.absThreshold(new double[] {0, 1e-3}[r.nextInt(2)]);
    }
    return b.build();
  }

  private static double[] randomMetrics(SplittableRandom r, int n) {
    double[] m = new double[n];
    double v = r.nextDouble(-1, 3);
    for (int i = 0; i < n; i++) {
      v += r.nextGaussian() * 0.01 - 0.002;
      double u = r.nextDouble();
      m[i] =
          u < 0.03
              ? Double.NaN
              : u < 0.05 ? Double.POSITIVE_INFINITY : u < 0.3 ? Math.round(v * 100) / 100.0 : v;
    }
    return m;
  }

  @Test
  void plateauResumesBitForBitFromItsStateText() {
    SplittableRandom r = new SplittableRandom(7);
    for (int run = 0; run < 300; run++) {
      long seed = r.nextLong();
      double[] m = randomMetrics(new SplittableRandom(seed), 80);
      PlateauSchedule whole = randomPlateau(new SplittableRandom(seed));
      boolean[] said = new boolean[m.length];
      long[] scaleBits = new long[m.length];
      for (int i = 0; i < m.length; i++) {
        said[i] = whole.observe(m[i]);
        scaleBits[i] = Double.doubleToRawLongBits(whole.at(1234));
      }
      int k = r.nextInt(m.length + 1);
      PlateauSchedule first = randomPlateau(new SplittableRandom(seed));
      for (int i = 0; i < k; i++) {
        first.observe(m[i]);
      }
      String text = first.state().toString();
      PlateauSchedule resumed = randomPlateau(new SplittableRandom(seed));
      resumed.restore(PlateauSchedule.State.parse(text));
      assertEquals(first.state(), resumed.state());
      for (int i = k; i < m.length; i++) {
        assertEquals(said[i], resumed.observe(m[i]), "run " + run + " at " + i);
        assertEquals(
            scaleBits[i], Double.doubleToRawLongBits(resumed.at(1234)), "run " + run + " at " + i);
      }
      assertEquals(whole.state(), resumed.state());
    }
  }

  private static EarlyStopper randomStopper(SplittableRandom r) {
    return EarlyStopper.builder(r.nextInt(0, 6))
        .goal(r.nextBoolean() ? Goal.MINIMIZE : Goal.MAXIMIZE)
        .minDelta(new double[] {0, 1e-3, 0.01}[r.nextInt(3)])
        .baseline(new double[] {Double.NaN, 0.5, 1.5}[r.nextInt(3)])
        .startAfter(r.nextInt(0, 3))
        .nonFinite(NonFinite.values()[r.nextInt(3)])
        .build();
  }

  @Test
  void stopperResumesBitForBitFromItsStateText() {
    SplittableRandom r = new SplittableRandom(11);
    for (int run = 0; run < 300; run++) {
      long seed = r.nextLong();
      double[] m = randomMetrics(new SplittableRandom(seed), 60);
      EarlyStopper whole = randomStopper(new SplittableRandom(seed));
      EarlyStopper.State[] states = new EarlyStopper.State[m.length];
      boolean[] said = new boolean[m.length];
      for (int i = 0; i < m.length; i++) {
        said[i] = whole.observe(m[i]);
        states[i] = whole.state();
      }
      int k = r.nextInt(m.length + 1);
      EarlyStopper first = randomStopper(new SplittableRandom(seed));
      for (int i = 0; i < k; i++) {
        first.observe(m[i]);
      }
      EarlyStopper resumed = randomStopper(new SplittableRandom(seed));
      resumed.restore(EarlyStopper.State.parse(first.state().toString()));
      for (int i = k; i < m.length; i++) {
        assertEquals(said[i], resumed.observe(m[i]));
        assertEquals(states[i], resumed.state());
      }
    }
  }

  // ---- rejected states leave the controller unchanged

  @Test
  void garbledStateTextIsRejectedNamingTheField() {
    PlateauSchedule p = anneal().patience(1).build();
    p.observe(1);
    p.observe(1);
    String good = p.state().toString();
    assertEquals(p.state(), PlateauSchedule.State.parse(good));
    String[][] cases = {
      {good.replace("scale=", "scal="), "scale"},
      {good.replace(" bad=0", " bad=x"), "bad"},
      {good.replace("best=0x1.0p0", "best=1.0"), "best"},
      {good.replace("observations=2", "observations=+2"), "observations"},
      {good.replace("cooldownLeft=0", "cooldownLeft=99999999999"), "cooldownLeft"},
      {good.replaceFirst("fingerprint=[0-9a-f]{4}", "fingerprint=zz"), "fingerprint"},
      {good.replace("State/1", "State/2"), "anneal.PlateauSchedule.State/1"},
      {good + " ", "fields"},
      {good.replace(" level", "  level"), "level"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> PlateauSchedule.State.parse(c[0]), c[0]);
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
    EarlyStopper s = EarlyStopper.builder(2).build();
    s.observe(1);
    String stopText = s.state().toString();
    assertEquals(s.state(), EarlyStopper.State.parse(stopText));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EarlyStopper.State.parse(stopText.replace("improved=true", "improved=yes")));
    assertTrue(e.getMessage().contains("improved"), e.getMessage());
  }

  @Test
  void foreignOrInconsistentStatesAreRejectedAndLeaveStateUnchanged() {
    PlateauSchedule p = anneal().patience(2).cooldown(1).build();
    PlateauSchedule other = anneal().patience(3).cooldown(1).build();
    p.observe(1.0);
    PlateauSchedule.State before = p.state();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.restore(other.state()));
    assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    assertEquals(before, p.state());
    PlateauSchedule.State s = p.state();
    PlateauSchedule.State[] bad = {
      new PlateauSchedule.State(
          s.fingerprint(), -1, s.scale(), s.level(), s.best(), s.bad(), s.cooldownLeft()),
      new PlateauSchedule.State(s.fingerprint(), 1, 0.5, 1.0, s.best(), s.bad(), s.cooldownLeft()),
      new PlateauSchedule.State(s.fingerprint(), 1, 2.0, 2.0, s.best(), s.bad(), s.cooldownLeft()),
      new PlateauSchedule.State(s.fingerprint(), 1, 1, 1, Double.POSITIVE_INFINITY, s.bad(), 0),
      new PlateauSchedule.State(s.fingerprint(), 1, 1, 1, s.best(), -1, 0),
      new PlateauSchedule.State(s.fingerprint(), 1, 1, 1, s.best(), 0, 2),
    };
    String[] fields = {"observations", "scale", "level", "best", "bad", "cooldownLeft"};
    for (int i = 0; i < bad.length; i++) {
      PlateauSchedule.State b = bad[i];
      e = assertThrows(IllegalArgumentException.class, () -> p.restore(b));
      assertTrue(e.getMessage().contains("field " + fields[i]), e.getMessage());
      assertEquals(before, p.state());
    }
    EarlyStopper stop = EarlyStopper.builder(2).build();
    stop.observe(1.0);
    EarlyStopper.State st = stop.state();
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> stop.restore(EarlyStopper.builder(2).minDelta(0.1).build().state()));
    assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                stop.restore(new EarlyStopper.State(st.fingerprint(), 1, 1.0, 5, 0, false, false)));
    assertTrue(e.getMessage().contains("field bestIndex"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                stop.restore(
                    new EarlyStopper.State(st.fingerprint(), 1, Double.NaN, 0, 0, true, false)));
    assertTrue(e.getMessage().contains("field best"), e.getMessage());
    assertEquals(st, stop.state());
  }

  // ---- fills apply the scale

  private static PlateauSchedule reduced(LrSchedule curve) {
    PlateauSchedule p = PlateauSchedule.of(curve).patience(1).factor(0.3).build();
    p.observe(1);
    p.observe(1);
    p.observe(1);
    assertTrue(p.scale() < 0.3 && p.scale() > 0);
    return p;
  }

  /**
   * The double fills are bit-exact with {@code groups.scale(g) * (scale * c)} where {@code c} is
   * the curve's own fill value (the curve's vector kernels may round transcendental calls
   * differently from its {@code at}, and that is the curve's contract); all fills agree with {@code
   * at}.
   */
  @Test
  void fillsApplyTheScale() {
    LrSchedule linear =
        Schedules.parse("@Warmup(steps = 500) @Linear(from = 0.1, to = 1e-4, steps = 19_500)");
    for (LrSchedule curve : new LrSchedule[] {linear, CURVE}) {
      for (PlateauSchedule p :
          new PlateauSchedule[] {PlateauSchedule.of(curve).build(), reduced(curve)}) {
        int n = 37;
        double[] scales = new double[n];
        long[] delays = new long[n];
        long[] rows = new long[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int g = 0; g < n; g++) {
          scales[g] = Math.pow(0.9, g) * (g % 5 == 0 ? -1 : 1);
          delays[g] = g % 3 == 0 ? 0 : r.nextLong(3_000);
          rows[g] = r.nextLong(25_000);
        }
        ParamGroups groups = ParamGroups.of(scales, delays);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        ParamGroups unit = ParamGroups.of(ones, delays);
        double s = p.scale();
        double[] d = new double[n];
        double[] c = new double[n];
        float[] f = new float[n];
        for (long step = 0; step < 25_000; step += 997) {
          p.fill(step, groups, d);
          p.fill(step, groups, f);
          curve.fill(step, unit, c);
          for (int g = 0; g < n; g++) {
            long local = step - delays[g];
            double expected = local < 0 ? 0.0 : groups.scale(g) * p.at(local);
            assertBits(
                local < 0 ? 0.0 : groups.scale(g) * (s * c[g]),
                d[g],
                "double group " + g + " step " + step);
            assertClose(expected, d[g], 1e-15, "double group " + g + " step " + step);
            assertClose(expected, f[g], 1e-6, "float group " + g + " step " + step);
          }
          p.fill(rows, d);
          p.fill(rows, f);
          curve.fill(rows, c);
          for (int i = 0; i < n; i++) {
            assertBits(s * c[i], d[i], "double row " + i);
            assertClose(p.at(rows[i]), d[i], 1e-15, "double row " + i);
            assertClose(p.at(rows[i]), f[i], 1e-6, "float row " + i);
          }
        }
        assertThrows(IllegalArgumentException.class, () -> p.fill(0, groups, new double[n - 1]));
        assertThrows(IllegalArgumentException.class, () -> p.fill(-1, groups, new double[n]));
        assertThrows(IllegalArgumentException.class, () -> p.fill(0, groups, new float[n - 1]));
      }
    }
  }

  private static void assertBits(double expected, double actual, String where) {
    assertEquals(
        Double.doubleToLongBits(expected),
        Double.doubleToLongBits(actual),
        where + ": " + expected + " vs " + actual);
  }

  private static void assertClose(double expected, double actual, double rel, String where) {
    // the DESIGN's allowance: relative, plus 1e-15 x the curve's peak (0.1) where cos is
    // ill-conditioned
    assertEquals(expected, actual, Math.abs(expected) * rel + 1e-15 * 0.1, where);
  }
}
