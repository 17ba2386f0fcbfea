package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Declaration;
import dev.anneal.internal.Literals;
import dev.anneal.internal.control.PlateauRules;
import dev.anneal.internal.control.StoppingRules;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every builder left at its defaults builds what the annotation declares by default: the built
 * object's canonical text, read back, holds the annotation's defaults (read reflectively) in every
 * attribute that was not given. A builder default written as a second literal that drifts from the
 * annotation shows up in the text and fails here.
 */
class BuilderDefaultsTest {

  /** Every body's builder with only its required values, and the modifiers' short forms. */
  private static final List<LrSchedule> SCHEDULES =
      List.of(
          Schedules.constant(0.1).build(),
          Schedules.stepDecay(0.1, 0.5, 10).build(),
          Schedules.multiStep(0.1, 0.5, 10, 20).build(),
          Schedules.exponential(0.1, 0.5).build(),
          Schedules.cosine(0.1, 100).build(),
          Schedules.linear(0.1, 0.01, 100).build(),
          Schedules.polynomial(0.1, 100).build(),
          Schedules.inverseTime(0.1, 0.5).build(),
          Schedules.inverseSqrt(0.1, 10).build(),
          Schedules.cyclic(0.01, 0.1, 10).build(),
          Schedules.oneCycle(0.1, 100).build(),
          Schedules.piecewise(new long[] {0, 10}, new double[] {0.1, 0.01}).build(),
          Schedules.tanh(0.1, 100).build(),
          Schedules.sigmoid(0.1, -0.05, 10).build(),
          Schedules.cosine(0.1, 100).warmup(10).cooldown(10).build(),
          Schedules.cosine(0.1, 100).restarts().build());

  @Test
  void scheduleBuildersStartFromTheAnnotationDefaults() throws Exception {
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    for (LrSchedule s : SCHEDULES) {
      Declaration d = AnnotationParser.declaration(s.toString());
      for (Part p : d.parts()) {
        seen.add(p.kind());
        assertDefaults(p, s.toString());
      }
    }
    for (Kind k : Kind.values()) {
      if (k.isCurvePart()) {
        assertEquals(true, seen.contains(k), "no builder case for @" + k.simpleName());
      }
    }
  }

  @Test
  void plateauBuilderStartsFromTheAnnotationDefaults() throws Exception {
    String text = PlateauSchedule.of(Schedules.constant(0.1).build()).build().toString();
    assertDefaults(AnnotationParser.declaration(text).plateau(), text);
  }

  @Test
  void stopperBuilderStartsFromTheAnnotationDefaults() throws Exception {
    String text = EarlyStopper.builder(3).build().toString();
    assertDefaults(AnnotationParser.alone(text, Kind.Role.STOPPER), text);
  }

  /**
   * The rules the builders start from equal those of the annotation's defaults, read reflectively.
   */
  @Test
  void controllerRulesStartFromTheAnnotationDefaults() throws Exception {
    assertEquals(
        PlateauRules.of(
            Part.of(Kind.REDUCE_ON_PLATEAU, annotationDefaults(Kind.REDUCE_ON_PLATEAU))),
        PlateauRules.DEFAULTS);
    Map<String, Object> stopping = new HashMap<>(annotationDefaults(Kind.EARLY_STOPPING));
    stopping.put("patience", 3);
    assertEquals(StoppingRules.of(Part.of(Kind.EARLY_STOPPING, stopping)), StoppingRules.of(3));
  }

  /**
   * The built clip equals the one parsed from its annotation with every default written out, read
   * reflectively (the clip's text omits its defaults, so this compares the values themselves).
   */
  @Test
  void clipsEqualTheirAnnotationWithItsDefaults() throws Exception {
    assertEquals(
        GradientClip.parse(explicit(Kind.CLIP_NORM, "max = 1.0")), GradientClip.norm(1.0).build());
    assertEquals(GradientClip.parse(explicit(Kind.ADAPTIVE_CLIP, null)), GradientClip.adaptive());
  }

  /** {@code @Name(given, a = <default>, ...)} with every annotation default written out. */
  private static String explicit(Kind kind, String given) throws Exception {
    List<String> attrs = new ArrayList<>();
    if (given != null) {
      attrs.add(given);
    }
    for (Map.Entry<String, Object> e : annotationDefaults(kind).entrySet()) {
      attrs.add(e.getKey() + " = " + Literals.source(e.getValue()));
    }
    return "@" + kind.simpleName() + "(" + String.join(", ", attrs) + ")";
  }

  /** The annotation's defaults, read reflectively, in the model's attribute order. */
  private static Map<String, Object> annotationDefaults(Kind kind) throws Exception {
    Class<?> annotation = Class.forName(kind.qualifiedName());
    Map<String, Object> out = new LinkedHashMap<>();
    for (Attr a : kind.attrs()) {
      Object d = annotation.getDeclaredMethod(a.name()).getDefaultValue();
      if (d != null) {
        out.put(a.name(), d);
      }
    }
    return out;
  }

  @Test
  void clipBuildersStartFromTheAnnotationDefaults() throws Exception {
    for (GradientClip clip :
        List.of(GradientClip.norm(1.0).build(), GradientClip.value(1.0), GradientClip.adaptive())) {
      String text = clip.toString();
      assertDefaults(AnnotationParser.alone(text, Kind.Role.CLIP), text);
    }
  }

  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void optimizerBuildersStartFromTheAnnotationDefaults(Spec.Family family) throws Exception {
    LrSchedule lr = Schedules.constant(0.01).build();
    Optimizer built =
        switch (family) {
          case SGD -> Optimizer.sgd(lr).build();
          case ADAM -> Optimizer.adam(lr).build();
          case ADAMW -> Optimizer.adamW(lr).build();
          case RMSPROP -> Optimizer.rmsProp(lr).build();
          case ADAGRAD -> Optimizer.adaGrad(lr).build();
        };
    Class<?> annotation = Class.forName(family.qualifiedName());
    for (Map.Entry<String, Object> e : OptimText.values(built.spec()).entrySet()) {
      Object d = annotation.getDeclaredMethod(e.getKey()).getDefaultValue();
      assertEquals(
          d instanceof Enum<?> en ? en.name() : d,
          e.getValue(),
          built + ": @" + family.simpleName() + "." + e.getKey());
    }
  }

  /** Every attribute of {@code p} that has an annotation default holds it. */
  private static void assertDefaults(Part p, String text) throws Exception {
    Class<?> annotation = Class.forName(p.kind().qualifiedName());
    int checked = 0;
    for (Attr a : p.kind().attrs()) {
      Method m = annotation.getDeclaredMethod(a.name());
      Object d = m.getDefaultValue();
      if (d == null || a.isRequired()) { // a required attribute: the case gives it
        continue;
      }
      String where = text + ": @" + p.kind().simpleName() + "." + a.name();
      Object v = p.value(a.name());
      if (d instanceof double[] ds) {
        assertArrayEquals(ds, (double[]) v, where);
      } else if (d instanceof long[] ls) {
        assertArrayEquals(ls, (long[]) v, where);
      } else {
        assertEquals(d, v, where);
      }
      checked++;
    }
    if (p.kind().attrs().stream().anyMatch(a -> !a.isRequired())) {
      assertEquals(true, checked > 0, text + ": no default checked");
    }
  }
}
