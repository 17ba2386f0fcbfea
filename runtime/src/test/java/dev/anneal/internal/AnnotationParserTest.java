package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import dev.anneal.internal.compose.Composer;
import dev.anneal.internal.compose.Composite;
import dev.anneal.internal.compose.CompositeKind;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every annotation of every family ({@link Kind}, {@link CompositeKind}, {@link Spec.Family}) is
 * read by the one {@link AnnotationParser}: the text of an instance built from the model alone
 * (required attributes with a value of their type, optional ones with their defaults, every
 * attribute written) parses back, through the entry point its family uses, to the values it was
 * written from. Driven by the enums, so a new member is covered without editing this test.
 */
class AnnotationParserTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyKindParsesBackToItsValues(Kind kind) {
    Map<String, Object> values = instance(kind);
    String text = text(kind, values);
    Part expected = Part.of(kind, values);
    String body = "@Constant(0.1)";
    // a switch expression: a new role does not compile until its entry point is here
    Part parsed =
        switch (kind.role()) {
          case BODY -> AnnotationParser.declaration(text).body();
          case MODIFIER, CONTROLLER ->
              partOf(AnnotationParser.declaration(body + " " + text), kind);
          case STOPPER, CLIP -> AnnotationParser.alone(text, kind.role());
        };
    assertEquals(expected, parsed, text);
    assertEquals(text, parsed.toSource(), "the canonical text is the text read");
  }

  @ParameterizedTest
  @EnumSource(CompositeKind.class)
  void everyCompositeParsesBackToItsValues(CompositeKind kind) {
    Map<String, Object> values = instance(kind);
    String text = text(kind, values);
    assertValues(
        values, AnnotationParser.alone(text, List.of(CompositeKind.values()), "schedule"), kind);
    Object parsed = Composer.schedule(text);
    Composite expected = kind.build(values);
    assertEquals(expected, parsed, text);
    assertEquals(expected.toSource(), ((Composite) parsed).toSource(), text);
  }

  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void everyOptimizerParsesBackToItsValues(Spec.Family family) {
    Map<String, Object> values = instance(family);
    String text = text(family, values);
    assertValues(
        values, AnnotationParser.alone(text, List.of(Spec.Family.values()), "declaration"), family);
    // the required names are the attributes' own: lr = "lr"
    LrSchedule lr = Schedules.constant(0.1).build();
    OptimText.Parsed parsed = OptimText.parse(text, Map.of("lr", lr));
    assertEquals(OptimText.defaults(family), parsed.spec(), text);
    assertSame(lr, parsed.lr());
  }

  /** The three entries tell which family they read and name what they expected. */
  @Test
  void eachEntryNamesTheFamilyItExpects() {
    String clip = "@ClipNorm(max = 1.0)";
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AnnotationParser.alone(clip, Kind.Role.STOPPER))
            .getMessage()
            .startsWith("expected @EarlyStopping, found @ClipNorm"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AnnotationParser.alone(clip, List.of(Spec.Family.values()), "declaration"))
            .getMessage()
            .startsWith("expected @SGD, @Adam, @AdamW, @RMSProp or @AdaGrad, found @ClipNorm"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AnnotationParser.declaration(clip))
            .getMessage()
            .startsWith("@ClipNorm is not part of a schedule; read it with GradientClip.parse"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AnnotationParser.alone(clip + " " + clip, Kind.Role.CLIP))
            .getMessage()
            .startsWith("@ClipNorm is the only annotation of its declaration, but found @ after"));
  }

  /** Every attribute with a value: a required one a value of its type, an optional its default. */
  private static Map<String, Object> instance(AnnotationKind kind) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Attr a : kind.attrs()) {
      values.put(a.name(), a.isRequired() ? sample(a) : a.defaultValue());
    }
    return values;
  }

  private static Object sample(Attr a) {
    return switch (a.type()) {
      case DOUBLE -> 0.5;
      case LONG -> 10L;
      case INT -> 2;
      case BOOLEAN -> true;
      case DOUBLE_ARRAY -> new double[] {0.5, 0.25};
      case LONG_ARRAY -> new long[] {0, 10};
      case ENUM -> {
        Enum<?>[] constants = a.enumType().getEnumConstants();
        yield constants[constants.length - 1];
      }
      case STRING -> a.name(); // a name of the config: the attribute's own, e.g. lr = "lr"
      case STRING_ARRAY -> List.of("a", "b");
    };
  }

  /** {@code @Name(attr = value, ...)}, every attribute written as Java source. */
  private static String text(AnnotationKind kind, Map<String, Object> values) {
    List<String> attrs = new ArrayList<>();
    for (Attr a : kind.attrs()) {
      Object v = values.get(a.name());
      String source =
          switch (a.type()) {
            case STRING -> quote((String) v);
            case STRING_ARRAY ->
                ((List<?>) v)
                    .stream()
                        .map(s -> quote((String) s))
                        .collect(Collectors.joining(", ", "{", "}"));
            case DOUBLE, LONG, INT, BOOLEAN, DOUBLE_ARRAY, LONG_ARRAY, ENUM -> Literals.source(v);
          };
      attrs.add(a.name() + " = " + source);
    }
    return "@"
        + kind.simpleName()
        + (attrs.isEmpty() ? "" : attrs.stream().collect(Collectors.joining(", ", "(", ")")));
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static <K extends AnnotationKind> void assertValues(
      Map<String, Object> expected, AnnotationParser.Annotation<K> parsed, K kind) {
    assertSame(kind, parsed.kind());
    assertEquals(expected.keySet(), parsed.values().keySet(), kind.simpleName());
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      assertTrue(
          Arrays.deepEquals(
              new Object[] {e.getValue()}, new Object[] {parsed.values().get(e.getKey())}),
          "@" + kind.simpleName() + "." + e.getKey());
    }
  }

  private static Part partOf(Declaration d, Kind kind) {
    for (Part p : new Part[] {d.warmup(), d.cooldown(), d.restarts(), d.plateau()}) {
      if (p != null && p.kind() == kind) {
        return p;
      }
    }
    throw new AssertionError("no @" + kind.simpleName() + " in " + d);
  }
}
