package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.internal.clip.ClipRules;
import dev.anneal.internal.kind.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API around the numbers: validation, toString, equals, misuse and bad input. */
class GradientClipTest {

  @Test
  void toStringPrintsTheDeclarationWithExplicitAttributesOnly() {
    assertEquals("@ClipNorm(max = 1.0)", GradientClip.norm(1).build().toString());
    assertEquals(
        "@ClipNorm(max = 1.0, norm = Double.POSITIVE_INFINITY)",
        GradientClip.norm(1).norm(Double.POSITIVE_INFINITY).build().toString());
    assertEquals(
        "@ClipNorm(max = 0.5, norm = 1.0, eps = 0.0, scope = ClipScope.EACH,"
            + " nonFinite = ClipNonFinite.SKIP)",
        GradientClip.norm(0.5)
            .norm(1)
            .eps(-0.0)
            .scope(ClipScope.EACH)
            .nonFinite(ClipNonFinite.SKIP)
            .build()
            .toString());
    assertEquals(
        "@ClipNorm(max = 2.0, nonFinite = ClipNonFinite.ERROR)",
        GradientClip.norm(2).nonFinite(ClipNonFinite.ERROR).build().toString());
    assertEquals("@ClipValue(max = 0.25)", GradientClip.value(0.25).toString());
    assertEquals("@AdaptiveClip", GradientClip.adaptive().toString());
    assertEquals("@AdaptiveClip(clipping = 0.1)", GradientClip.adaptive(0.1, 1e-3).toString());
    assertEquals("@AdaptiveClip(eps = 0.0)", GradientClip.adaptive(0.01, 0).toString());
    assertEquals(
        "@AdaptiveClip(clipping = 0.1, eps = 1.0E-4)", GradientClip.adaptive(0.1, 1e-4).toString());
  }

  @Test
  void equalsAndHashCodeCompareEveryAttribute() {
    GradientClip a = GradientClip.norm(1).build();
    assertEquals(
        a,
        GradientClip.norm(1.0)
            .norm(2.0)
            .eps(1e-6)
            .scope(ClipScope.GLOBAL)
            .nonFinite(ClipNonFinite.PROPAGATE)
            .build());
    assertEquals(a.hashCode(), GradientClip.norm(1).build().hashCode());
    assertNotEquals(a, GradientClip.norm(1.5).build());
    assertNotEquals(a, GradientClip.norm(1).norm(1).build());
    assertNotEquals(a, GradientClip.norm(1).eps(0).build());
    assertNotEquals(a, GradientClip.norm(1).scope(ClipScope.EACH).build());
    assertNotEquals(a, GradientClip.norm(1).nonFinite(ClipNonFinite.SKIP).build());
    assertNotEquals(a, GradientClip.value(1));
    assertEquals(GradientClip.value(1), GradientClip.value(1.0));
    assertNotEquals(GradientClip.value(1), GradientClip.value(2));
    assertEquals(GradientClip.adaptive(), GradientClip.adaptive(0.01, 1e-3));
    assertNotEquals(GradientClip.adaptive(), GradientClip.adaptive(0.02, 1e-3));
    assertNotEquals(GradientClip.adaptive(), GradientClip.adaptive(0.01, 1e-4));
    assertEquals(GradientClip.norm(1).eps(0).build(), GradientClip.norm(1).eps(-0.0).build());
    assertNotEquals(a, null);
  }

  @Test
  void builderIsImmutable() {
    GradientClip.Builder b = GradientClip.norm(1);
    b.norm(1).eps(0).scope(ClipScope.EACH).nonFinite(ClipNonFinite.ERROR);
    assertEquals("@ClipNorm(max = 1.0)", b.build().toString());
  }

  @Test
  void everyAttributeIsValidatedWithItsName() {
    rejects("@ClipNorm.max must be > 0, was -1.0", () -> GradientClip.norm(-1).build());
    rejects("@ClipNorm.max must be > 0, was 0.0", () -> GradientClip.norm(0).build());
    rejects("@ClipNorm.max must be finite, was NaN", () -> GradientClip.norm(Double.NaN).build());
    rejects(
        "@ClipNorm.max must be finite, was Infinity",
        () -> GradientClip.norm(Double.POSITIVE_INFINITY).build());
    rejects(
        "@ClipNorm.norm must be 1, 2 or Double.POSITIVE_INFINITY, was 3.0",
        () -> GradientClip.norm(1).norm(3).build());
    rejects(
        "@ClipNorm.norm must be 1, 2 or Double.POSITIVE_INFINITY, was -Infinity",
        () -> GradientClip.norm(1).norm(Double.NEGATIVE_INFINITY).build());
    rejects(
        "@ClipNorm.norm must be 1, 2 or Double.POSITIVE_INFINITY, was NaN",
        () -> GradientClip.norm(1).norm(Double.NaN).build());
    rejects(
        "@ClipNorm.eps must be >= 0, was -1.0E-6", () -> GradientClip.norm(1).eps(-1e-6).build());
    rejects(
        "@ClipNorm.eps must be finite, was Infinity",
        () -> GradientClip.norm(1).eps(Double.POSITIVE_INFINITY).build());
    rejects("@ClipNorm.scope must not be null", () -> GradientClip.norm(1).scope(null).build());
    rejects(
        "@ClipNorm.nonFinite must not be null", () -> GradientClip.norm(1).nonFinite(null).build());
    rejects("@ClipValue.max must be > 0, was -0.5", () -> GradientClip.value(-0.5));
    rejects("@ClipValue.max must be finite, was NaN", () -> GradientClip.value(Double.NaN));
    rejects("@AdaptiveClip.clipping must be > 0, was 0.0", () -> GradientClip.adaptive(0, 1e-3));
    rejects(
        "@AdaptiveClip.clipping must be finite, was Infinity",
        () -> GradientClip.adaptive(Double.POSITIVE_INFINITY, 1e-3));
    rejects("@AdaptiveClip.eps must be >= 0, was -1.0", () -> GradientClip.adaptive(0.01, -1));
    rejects(
        "@AdaptiveClip.eps must be finite, was NaN", () -> GradientClip.adaptive(0.01, Double.NaN));
  }

  @Test
  void rulesReportEveryProblemOnItsAttribute() {
    List<Problem> p = ClipRules.clipNorm(-1, 3, Double.NaN, null, null);
    assertEquals(
        List.of("max", "norm", "eps", "scope", "nonFinite"),
        p.stream().map(Problem::attribute).toList());
    assertTrue(p.stream().allMatch(x -> x.annotation().equals("ClipNorm")));
    assertEquals(List.of(), ClipRules.clipNorm(1, 1, 0, ClipScope.EACH, ClipNonFinite.SKIP));
    assertEquals(
        List.of("clipping", "eps"),
        ClipRules.adaptiveClip(-1, -1).stream().map(Problem::attribute).toList());
    assertEquals(
        Problem.error(
            dev.anneal.internal.kind.Kind.CLIP_VALUE, "max", "@ClipValue.max must be > 0, was 0.0"),
        ClipRules.clipValue(0).get(0));
  }

  @Test
  void theWrongFormIsAnIllegalStateNamingTheRightOne() {
    GradientClip agc = GradientClip.adaptive();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> agc.apply(new float[] {1}));
    assertTrue(e.getMessage().contains("apply(params, grads, rows)"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> agc.apply(new double[] {1}));
    GradientClip norm = GradientClip.norm(1).build();
    e =
        assertThrows(
            IllegalStateException.class, () -> norm.apply(new float[] {1}, new float[] {1}, 1));
    assertTrue(e.getMessage().startsWith("@ClipNorm(max = 1.0) takes no parameters"));
    assertThrows(
        IllegalStateException.class,
        () -> GradientClip.value(1).apply(new double[] {1}, new double[] {1}, 1));
  }

  @Test
  void badInputThrowsBeforeAnythingIsWritten() {
    float[] big = {30, 40};
    double[] bigD = {30, 40};
    for (GradientClip c :
        new GradientClip[] {
          GradientClip.norm(1).build(),
          GradientClip.value(1),
          GradientClip.norm(1).scope(ClipScope.EACH).build()
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> c.apply(big, null));
      assertEquals("grads[1] must not be null", e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> c.apply(bigD, null));
      assertThrows(IllegalArgumentException.class, () -> c.apply((float[][]) null));
      assertThrows(IllegalArgumentException.class, () -> c.apply((double[][]) null));
      assertArrayEquals(new float[] {30, 40}, big);
      assertArrayEquals(new double[] {30, 40}, bigD);
    }
    GradientClip agc = GradientClip.adaptive();
    float[] g = {3, 4, 5, 6};
    float[] p = {0, 0, 0, 0};
    assertAgc(
        "@AdaptiveClip: params.length 3 != grads.length 4", () -> agc.apply(new float[3], g, 1));
    assertAgc("@AdaptiveClip: rows must be > 0, was 0", () -> agc.apply(p, g, 0));
    assertAgc("@AdaptiveClip: rows must be > 0, was -2", () -> agc.apply(p, g, -2));
    assertAgc("@AdaptiveClip: rows 3 does not divide the length 4", () -> agc.apply(p, g, 3));
    assertAgc("@AdaptiveClip: params must not be null", () -> agc.apply(null, g, 1));
    assertAgc("@AdaptiveClip: grads must not be null", () -> agc.apply(p, null, 1));
    assertAgc(
        "@AdaptiveClip: rows 3 does not divide the length 4",
        () -> agc.apply(new double[4], new double[] {3, 4, 5, 6}, 3));
    assertArrayEquals(new float[] {3, 4, 5, 6}, g);
  }

  @Test
  void errorLeavesEveryArrayUntouchedAndSkipReturnsTheNorm() {
    for (ClipScope scope : ClipScope.values()) {
      float[] a = {3, 4};
      float[] b = {Float.NaN, 1};
      GradientClip error = GradientClip.norm(1).scope(scope).nonFinite(ClipNonFinite.ERROR).build();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> error.apply(a, b));
      assertTrue(e.getMessage().contains("is NaN"), e.getMessage());
      assertArrayEquals(new float[] {3, 4}, a);
      GradientClip skip = GradientClip.norm(1).scope(scope).nonFinite(ClipNonFinite.SKIP).build();
      assertTrue(Double.isNaN(skip.apply(a, b)));
      assertArrayEquals(new float[] {3, 4}, a);
      assertEquals(5, skip.apply(a), 0);
      assertEquals(3 / (5 + 1e-6), a[0], 1e-7);
    }
  }

  @Test
  void eachScopeReturnsTheGlobalNormAndScalesEveryArrayByItsOwn() {
    double[] a = {3, 4}; // norm 5
    double[] b = {0.3, 0.4}; // norm 0.5: kept
    double total = GradientClip.norm(1).scope(ClipScope.EACH).build().apply(a, b);
    assertEquals(Math.sqrt(25.25), total, 1e-15);
    assertEquals(3 / (5 + 1e-6), a[0], 1e-15);
    assertArrayEquals(new double[] {0.3, 0.4}, b);
  }

  @Test
  void emptyInputsHaveDefinedResults() {
    for (GradientClip c :
        new GradientClip[] {
          GradientClip.norm(1).build(),
          GradientClip.norm(1).norm(Double.POSITIVE_INFINITY).build(),
          GradientClip.value(1),
          GradientClip.norm(1).nonFinite(ClipNonFinite.ERROR).scope(ClipScope.EACH).build()
        }) {
      assertEquals(0.0, c.apply(new float[0][]));
      assertEquals(0.0, c.apply(new double[0], new double[0]));
      assertEquals(0.0, c.apply(new float[0]));
    }
    assertEquals(0.0, GradientClip.adaptive().apply(new float[0], new float[0], 4));
  }

  private static void rejects(String message, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertEquals(message, e.getMessage());
  }

  private static void assertAgc(String message, Runnable r) {
    rejects(message, r);
  }

  /** {@code apply()} with no argument compiles (not an ambiguous overload) and clips nothing. */
  @org.junit.jupiter.api.Test
  void applyWithNoArraysIsZero() {
    assertEquals(0.0, GradientClip.norm(1.0).build().apply());
    assertEquals(0.0, GradientClip.value(1.0).apply());
  }
}
