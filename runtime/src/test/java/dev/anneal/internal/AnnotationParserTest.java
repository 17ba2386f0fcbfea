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
import dev.anneal.internal.kind.AnnotationKind;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

  /** Every family words a missing and a misspelled attribute alike, at the annotation's place. */
  @Test
  void missingAndMisspelledAttributesAreWordedAlikeInEveryFamily() {
    for (Entry entry : entries()) {
      AnnotationKind kind = entry.kind();
      Map<String, Object> values = instance(kind);
      for (Attr a : kind.attrs()) {
        Map<String, Object> without = new LinkedHashMap<>(values);
        without.remove(a.name());
        String text = text(kind, without);
        if (a.isRequired()) {
          assertEquals(
              "@"
                  + kind.simpleName()
                  + "."
                  + a.name()
                  + " is required but was not given (at character "
                  + entry.prefix().length()
                  + " of \""
                  + entry.prefix()
                  + text
                  + "\")",
              entry.message(text));
        }
        if (a.name().length() > 3) {
          String typo = a.name().substring(0, a.name().length() - 1);
          String m = entry.message(text(kind, values).replace(a.name() + " = ", typo + " = "));
          String prefix =
              "@" + kind.simpleName() + " has no attribute '" + typo + "'; did you mean ";
          assertTrue(m.startsWith(prefix), m);
          // the intended name, or another one as close (@Cyclic.dow: low or down)
          String hint = m.substring(prefix.length(), m.indexOf("? (at character "));
          assertTrue(kind.attr(hint) != null, m);
        }
      }
    }
  }

  /**
   * Mutated texts of every member of every family (seeded): the parser throws only {@link
   * IllegalArgumentException}s that say where, and what it accepts prints as a text that reads back
   * to the same text.
   */
  @Test
  void mutatedTextOfEveryFamilyFailsOnlyWithAPlacedMessage() {
    String[] pieces = {
      "@",
      "(",
      ")",
      "{",
      "}",
      ",",
      "=",
      ".",
      "-",
      " ",
      "\"",
      "\\",
      "/*",
      "0",
      "1e",
      "1e999",
      "2147483648",
      "3000000000L",
      "Long.MAX_VALUE",
      "Double.NaN",
      "true",
      "null",
      "x",
      "@Constant",
      "@Product",
      "@Adam",
      "@ClipNorm",
      "\\u0040",
      "{,}",
      "\"a\""
    };
    List<Entry> entries = entries();
    java.util.Random random = new java.util.Random(0x0A11_FA11L);
    int accepted = 0;
    for (int i = 0; i < 6_000; i++) {
      Entry entry = entries.get(random.nextInt(entries.size()));
      String text = text(entry.kind(), instance(entry.kind()));
      for (int m = random.nextInt(3); m >= 0; m--) {
        int at = random.nextInt(text.length() + 1);
        String piece = pieces[random.nextInt(pieces.length)];
        text =
            switch (random.nextInt(3)) {
              case 0 -> text.substring(0, at) + piece + text.substring(at);
              case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 3));
              default -> text.substring(0, at);
            };
      }
      String input = text;
      String printed;
      try {
        printed = entry.read().apply(entry.prefix() + input);
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        assertTrue(
            m != null && (m.contains(" (in \"") || m.contains(" (at character ")),
            input + " -> " + m);
        continue;
      }
      assertEquals(printed, entry.reread().apply(printed), input);
      accepted++;
    }
    assertTrue(accepted > 50, "only " + accepted + " mutated texts were accepted");
  }

  /**
   * One annotation's way in: {@code read} its text after {@code prefix} (a body, modifier or
   * controller in a declaration, a stopper or clip alone, a composite as a named entry, an
   * optimizer alone) to the canonical text of what was read; {@code reread} that canonical text.
   */
  private record Entry(
      AnnotationKind kind,
      String prefix,
      Function<String, String> read,
      Function<String, String> reread) {
    String message(String text) {
      return assertThrows(IllegalArgumentException.class, () -> read.apply(prefix + text), text)
          .getMessage();
    }
  }

  private static List<Entry> entries() {
    List<Entry> all = new ArrayList<>();
    for (Kind k : Kind.values()) {
      Function<String, String> declaration = t -> AnnotationParser.declaration(t).toSource();
      all.add(
          switch (k.role()) {
            case BODY -> new Entry(k, "", declaration, declaration);
            case MODIFIER, CONTROLLER -> new Entry(k, "@Constant(0.1) ", declaration, declaration);
            case STOPPER, CLIP -> {
              Function<String, String> alone = t -> AnnotationParser.alone(t, k.role()).toSource();
              yield new Entry(k, "", alone, alone);
            }
          });
    }
    Function<String, String> schedule = t -> String.valueOf(Composer.schedule(t));
    for (CompositeKind c : CompositeKind.values()) {
      all.add(new Entry(c, "", schedule, schedule));
    }
    Function<String, String> optimizer =
        t -> {
          AnnotationParser.Annotation<Spec.Family> a =
              AnnotationParser.alone(t, List.of(Spec.Family.values()), "declaration");
          Map<String, Object> every = new LinkedHashMap<>();
          for (Attr attr : a.kind().attrs()) {
            every.put(attr.name(), a.values().getOrDefault(attr.name(), attr.defaultValue()));
          }
          return text(a.kind(), every);
        };
    for (Spec.Family f : Spec.Family.values()) {
      all.add(new Entry(f, "", optimizer, optimizer));
    }
    return all;
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

  /** {@code @Name(attr = value, ...)}, every attribute of {@code values} written as Java source. */
  private static String text(AnnotationKind kind, Map<String, Object> values) {
    List<String> attrs = new ArrayList<>();
    for (Attr a : kind.attrs()) {
      if (!values.containsKey(a.name())) {
        continue;
      }
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

  /**
   * A composite or an optimizer written as a plain declaration is named as what it is, with where
   * it is read; a name anneal does not have is an unknown annotation.
   */
  @Test
  void anotherFamilysAnnotationInADeclarationSaysWhereItIsRead() {
    List<AnnotationKind> others = new ArrayList<>(List.of(CompositeKind.values()));
    others.addAll(List.of(Spec.Family.values()));
    for (AnnotationKind k : others) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> AnnotationParser.declaration("@" + k.simpleName() + "(x = 1)"));
      assertTrue(
          e.getMessage().startsWith("@" + k.simpleName() + " is not part of a plain declaration"),
          e.getMessage());
      assertTrue(e.getMessage().contains("Schedules.parseNamed"), e.getMessage());
      assertTrue(e.getMessage().contains("Optimizer.parse"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AnnotationParser.declaration("@Cosinus(from = 0.1, steps = 10)"));
    assertTrue(e.getMessage().startsWith("unknown annotation @Cosinus"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AnnotationParser.declaration("@org.example.Sequence(x = 1)"));
    assertTrue(
        e.getMessage().startsWith("unknown annotation @org.example.Sequence"), e.getMessage());
  }
}
