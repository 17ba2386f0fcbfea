package dev.anneal.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import dev.anneal.internal.compose.Composer;
import dev.anneal.internal.compose.CompositeKind;
import dev.anneal.internal.compose.Resolver;
import dev.anneal.internal.kind.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the composites: the message names annotation, attribute, element and value. */
class CompositeRulesTest {
  private static final String A = "@Constant(value = 0.1)";
  private static final String B = "@Linear(from = 0.1, to = 0.0, steps = 10)";
  private static final String CYCLE = "@OneCycle(peak = 0.1, steps = 100)";

  /** Entries {@code name, declaration, name, declaration, ...}. */
  private static Map<String, String> named(String... nameDecl) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameDecl.length; i += 2) {
      m.put(nameDecl[i], nameDecl[i + 1]);
    }
    return m;
  }

  private static String error(Map<String, String> named, String name) {
    return assertThrows(IllegalArgumentException.class, () -> Schedules.parse(named, name))
        .getMessage();
  }

  /** The composite {@code lr} over parts {@code a} (constant) and {@code b} (linear). */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // arity and empty arrays
        "@Product(schedules = {\"a\"})|lr: @Product.schedules must name at least 2 schedules, was"
            + " {\"a\"}",
        "@Product(schedules = {})|lr: @Product.schedules must name at least 2 schedules, was {}",
        "@Sequence(schedules = {\"a\"}, boundaries = {})|lr: @Sequence.schedules must name at least 2"
            + " schedules, was {\"a\"}",
        "@Sequence(schedules = {}, boundaries = {})|lr: @Sequence.schedules must name at least 2"
            + " schedules, was {}",
        // boundaries
        "@Sequence(schedules = {\"a\", \"b\"}, boundaries = {})|lr: @Sequence.boundaries must have"
            + " exactly one element fewer than schedules (2 names), had 0: {}",
        "@Sequence(schedules = {\"a\", \"b\"}, boundaries = {5, 10})|lr: @Sequence.boundaries"
            + " must have"
            + " exactly one element fewer than schedules (2 names), had 2: {5, 10}",
        "@Sequence(schedules = {\"a\", \"b\"}, boundaries = {0})|lr: @Sequence.boundaries[0] must be"
            + " > 0, was 0",
        "@Sequence(schedules = {\"a\", \"b\"}, boundaries = -3)|lr: @Sequence.boundaries[0] must be"
            + " > 0, was -3",
        "@Sequence(schedules = {\"a\", \"b\", \"a\"}, boundaries = {10, 10})|lr:"
            + " @Sequence.boundaries[1] must be strictly increasing, but [1] = 10 follows [0] = 10",
        "@Sequence(schedules = {\"a\", \"b\", \"a\"}, boundaries = {10, 4})|lr:"
            + " @Sequence.boundaries[1] must be strictly increasing, but [1] = 4 follows [0] = 10",
        // names
        "@Sequence(schedules = {\"a\", \"c\"}, boundaries = {10})|lr: @Sequence.schedules[1] names no"
            + " schedule of the config, was \"c\" (declared: a, b, lr)",
        "@Product(schedules = {\"a\", \"lr\"})|lr: @Product.schedules[1] names the schedule itself,"
            + " \"lr\"; a schedule cannot be its own part",
        "@Product(schedules = {\"my lr\", \"a\"})|lr: @Product.schedules[0] must be the name of a"
            + " schedule method of the config (a Java identifier), was \"my lr\"",
        "@Product(schedules = {\"a\", \"\"})|lr: @Product.schedules[1] must be the name of a"
            + " schedule method of the config (a Java identifier), was \"\"",
        "@CycleMomentum(of = \"b c\")|lr: @CycleMomentum.of must be the name of a schedule method of"
            + " the config (a Java identifier), was \"b c\"",
        "@CycleMomentum(of = \"x\")|lr: @CycleMomentum.of names no schedule of the config, was"
            + " \"x\" (declared: a, b, lr)",
        // cycle momentum
        "@CycleMomentum(of = \"b\")|lr: @CycleMomentum.of must name a plain @OneCycle or @Cyclic"
            + " schedule (without @Warmup, @Cooldown or @Restarts), was \"b\", a @Linear schedule:"
            + " @Linear(from = 0.1, to = 0.0, steps = 10)",
        "@CycleMomentum(of = \"a\", base = -0.1)|lr: @CycleMomentum.base must be >= 0, was -0.1",
        "@CycleMomentum(of = \"a\", base = Double.NaN)|lr: @CycleMomentum.base must be finite, was"
            + " Double.NaN",
        "@CycleMomentum(of = \"a\", max = Double.POSITIVE_INFINITY)|lr: @CycleMomentum.max must be"
            + " finite, was Double.POSITIVE_INFINITY",
        "@CycleMomentum(of = \"a\", base = 0.95, max = 0.85)|lr: @CycleMomentum.max must be >= base"
            + " (0.95): the momentum is max where the LR is lowest and base at its peak, was 0.85",
        // repeat
        "@Repeat(of = \"a\")|lr: @Repeat.of must name a schedule that ends (a finite length to"
            + " repeat), but \"a\" never ends",
        "@Repeat(of = \"b\", times = -1)|lr: @Repeat.times must be >= 0 (0 = forever), was -1",
        "@Repeat(of = \"x\")|lr: @Repeat.of names no schedule of the config, was \"x\" (declared:"
            + " a, b, lr)",
        "@Repeat(times = 2)|lr: @Repeat.of is required but was not given (at character 0 of"
            + " \"@Repeat(times = 2)\")",
        "@Repeat(of = \"b\", times = 3000000000)|lr: @Repeat.times: integer number too large:"
            + " 3000000000 (at character 26 of \"@Repeat(of = \"b\", times = 3000000000)\")",
        "@Repeat(of = \"b\", times = 3000000000L)|lr: @Repeat.times must be an int, was 3000000000"
            + " (at character 26 of \"@Repeat(of = \"b\", times = 3000000000L)\")",
      })
  void compositeRules(String declaration, String message) {
    assertEquals(message, error(named("a", A, "b", B, "lr", declaration), "lr"));
  }

  @Test
  void aCycleOfReferencesIsAnErrorOnTheElementThatCloses() {
    Map<String, String> m =
        named(
            "a", "@Product(schedules = {\"c\", \"b\"})",
            "b", "@Sequence(schedules = {\"c\", \"a\"}, boundaries = {5})",
            "c", A);
    assertEquals(
        "b: @Sequence.schedules[1] makes a cycle of references: a -> b -> a", error(m, "a"));
    assertEquals(
        "a: @Product.schedules[1] makes a cycle of references: b -> a -> b", error(m, "b"));
    // c alone is fine, but every entry is checked
    assertEquals(
        "b: @Sequence.schedules[1] makes a cycle of references: a -> b -> a", error(m, "c"));
  }

  @Test
  void problemsAreLocatedForTheProcessor() {
    Map<String, Object> declared = new LinkedHashMap<>();
    declared.put("a", Composer.schedule(A));
    declared.put(
        "lr",
        Composer.schedule("@Sequence(schedules = {\"a\", \"nope\", \"a\"}, boundaries = {10, 0})"));
    Resolver r = Resolver.resolve(declared, null);
    assertNull(r.get("lr"));
    assertEquals(0.1, r.get("a").at(5));
    List<Problem> problems = r.compositeProblems("lr");
    assertEquals(2, problems.size(), problems.toString());
    Problem p = problems.get(0);
    assertEquals(CompositeKind.SEQUENCE, p.kind());
    assertEquals("boundaries", p.attribute());
    assertEquals(1, p.index());
    p = problems.get(1);
    assertEquals("schedules", p.attribute());
    assertEquals(1, p.index());
    assertTrue(p.message().startsWith("@Sequence.schedules[1] names no schedule"), p.message());
  }

  @Test
  void aBrokenPartIsReportedOnThePartAndTheCompositeIsNotBuilt() {
    Map<String, String> m =
        named(
            "a",
            "@Cosine(from = 0.1, steps = 0)",
            "b",
            B,
            "lr",
            "@Product(schedules = {\"a\", \"b\"})");
    assertEquals("a: @Cosine.steps must be > 0, was 0", error(m, "lr"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@Warmup(steps = 5) @OneCycle(peak = 0.1, steps = 100)|a @OneCycle with modifiers"
            + "|a schedule with modifiers: @Warmup(steps = 5) @OneCycle(peak = 0.1, steps = 100)",
        "@OneCycle(peak = 0.1, steps = 100) @Restarts|restarts|a schedule with modifiers",
        "@Cosine(from = 0.1, steps = 100)|a cosine|a @Cosine schedule: @Cosine(from = 0.1,"
            + " steps = 100)",
      })
  void cycleMomentumNeedsAPlainOneCycleOrCyclic(String lr, String what, String why) {
    String e = error(named("lr", lr, "m", "@CycleMomentum(of = \"lr\")"), "m");
    assertTrue(
        e.startsWith("m: @CycleMomentum.of must name a plain @OneCycle or @Cyclic schedule"),
        what + ": " + e);
    assertTrue(e.contains(why), e);
    // the builder says the same about its argument
    e =
        assertThrows(
                IllegalArgumentException.class, () -> Schedules.cycleMomentum(Schedules.parse(lr)))
            .getMessage();
    assertTrue(e.startsWith("@CycleMomentum.of must be a plain one-cycle or cyclic schedule"), e);
    assertTrue(e.contains("restarts), was " + why), e);
  }

  /** A wrong base/max does not hide a wrong of: both are reported. */
  @Test
  void cycleMomentumReportsItsOfEvenWhenBaseAndMaxAreWrong() {
    java.util.List<String> problems =
        dev.anneal.internal.compose.Resolver.resolve(
                Map.of(
                    "lr",
                    dev.anneal.internal.compose.Composer.schedule(
                        "@Cosine(from = 0.1, steps = 100)"),
                    "m",
                    dev.anneal.internal.compose.Composer.schedule(
                        "@CycleMomentum(of = \"lr\", base = 0.95, max = 0.85)")),
                "m")
            .compositeProblems("m")
            .stream()
            .map(p -> p.message())
            .toList();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(
        problems.get(0).startsWith("@CycleMomentum.max must be >= base (0.95)"),
        problems.toString());
    assertTrue(
        problems.get(1).startsWith("@CycleMomentum.of must name a plain @OneCycle"),
        problems.toString());
  }

  /** A message names a composite's parts as its toString does (s0, s1, ...). */
  @Test
  void messagesNameCompositePartsAsToStringDoes() {
    LrSchedule seq = Schedules.sequence(new long[] {5}, Schedules.parse(CYCLE), Schedules.parse(A));
    String e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.cycleMomentum(seq))
            .getMessage();
    assertTrue(e.contains("@Sequence(schedules = {\"s0\", \"s1\"}"), e);
    assertTrue(seq.toString().contains("@Sequence(schedules = {\"s0\", \"s1\"}"), seq.toString());
  }

  @Test
  void cycleMomentumOfACompositeOrForeignScheduleIsAnError() {
    LrSchedule seq = Schedules.sequence(new long[] {5}, Schedules.parse(CYCLE), Schedules.parse(A));
    String e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.cycleMomentum(seq))
            .getMessage();
    assertTrue(e.contains("was a composite: @Sequence("), e);
    e =
        error(
            named(
                "lr",
                CYCLE,
                "s",
                "@Product(schedules = {\"lr\", \"lr\"})",
                "m",
                "@CycleMomentum(of = \"s\")"),
            "m");
    assertTrue(
        e.startsWith(
            "m: @CycleMomentum.of must name a plain @OneCycle or @Cyclic schedule"
                + " (without @Warmup, @Cooldown or @Restarts), was \"s\", a composite: @Product("),
        e);
    e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.cycleMomentum(step -> 0.9))
            .getMessage();
    assertTrue(e.startsWith("@CycleMomentum.of must be a schedule built by anneal"), e);
  }

  @Test
  void builderPartsMustBeBuiltByAnnealAndNotControllers() {
    LrSchedule a = Schedules.parse(A);
    PlateauSchedule plateau = PlateauSchedule.of(a).build();
    String e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.product(a, plateau))
            .getMessage();
    assertTrue(e.startsWith("@Product.schedules[1] must be a schedule built by anneal"), e);
    assertTrue(e.contains("not a controller"), e);
    e =
        assertThrows(
                IllegalArgumentException.class, () -> Schedules.sequence(new long[] {3}, a, null))
            .getMessage();
    assertTrue(e.startsWith("@Sequence.schedules[1] must be a schedule built by anneal"), e);
    assertTrue(e.endsWith("was null"), e);
    e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.sequence(null, a, a))
            .getMessage();
    assertEquals("@Sequence.boundaries must not be null", e);
    e = assertThrows(IllegalArgumentException.class, () -> Schedules.product(a)).getMessage();
    assertEquals("@Product.schedules must name at least 2 schedules, was {\"s0\"}", e);
    e =
        assertThrows(
                IllegalArgumentException.class,
                () -> Schedules.sequence(new long[] {4, 4}, a, a, a))
            .getMessage();
    assertEquals(
        "@Sequence.boundaries[1] must be strictly increasing, but [1] = 4 follows [0] = 4", e);
    e =
        assertThrows(
                IllegalArgumentException.class,
                () -> Schedules.cycleMomentum(Schedules.parse(CYCLE), 0.9, 0.8))
            .getMessage();
    assertTrue(e.startsWith("@CycleMomentum.max must be >= base (0.9)"), e);
  }

  @Test
  void valuesMustStayFinite() {
    String e =
        error(
            named(
                "a",
                "@Constant(value = 1e200)",
                "b",
                "@Constant(value = -1e200)",
                "lr",
                "@Product(schedules = {\"a\", \"b\"})"),
            "lr");
    assertEquals(
        "lr: @Product.schedules multiply to Double.NEGATIVE_INFINITY at step 0; every"
            + " value must be finite",
        e);
    e =
        error(
            named(
                "a",
                A,
                "b",
                "@Constant(value = 1.0, steps = 9_223_372_036_854_775_000L)",
                "lr",
                "@Sequence(schedules = {\"a\", \"b\"}, boundaries = {1000})"),
            "lr");
    assertEquals(
        "lr: @Sequence.boundaries[0] makes the schedule longer than Long.MAX_VALUE steps:"
            + " 1,000 + the last part's length 9,223,372,036,854,775,000",
        e);
  }

  /**
   * A product overflows where large values of its parts meet, which need not be where any part
   * changes regime: in the middle of a warm-up ramp, at the peak of a one-cycle.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@Warmup(steps = 100) @Cosine(from = 1e155, steps = 100)",
        "@OneCycle(peak = 1e155, steps = 1000)",
        "@Cyclic(low = 1, high = 1e155, up = 50_000)",
        "@Piecewise(steps = {0, 200_000, 400_000}, values = {1, 1e155, 1}, interpolation ="
            + " Interpolation.LINEAR)",
      })
  void productsAreFiniteBetweenTheirPartsBoundaries(String part) {
    String e = error(named("a", part, "lr", "@Product(schedules = {\"a\", \"a\"})"), "lr");
    LrSchedule a = Schedules.parse(part);
    long first = 0;
    while (Double.isFinite(a.at(first) * a.at(first))) {
      first++;
    }
    assertEquals(
        "lr: @Product.schedules multiply to Double.POSITIVE_INFINITY at step "
            + String.format(java.util.Locale.ROOT, "%,d", first)
            + "; every value must be finite",
        e);
  }

  /**
   * Property: a product either is rejected or is finite at every step through its longest part,
   * over squares of random parts near the overflow threshold.
   */
  @Test
  void acceptedProductsAreFiniteAtEveryStep() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    String[] shapes = {
      "@Warmup(steps = %d) @Cosine(from = %s, steps = %d)",
      "@OneCycle(peak = %2$s, steps = %3$d)",
      "@Linear(from = 1, to = %2$s, steps = %3$d)",
      "@Cyclic(low = 1, high = %2$s, up = %3$d)",
      "@Warmup(steps = %d, from = 1) @Constant(value = %s, steps = %d)",
    };
    int rejected = 0;
    for (int i = 0; i < 200; i++) {
      long steps = r.nextLong(2, 3_000);
      String peak = Double.toString(Math.pow(10, r.nextDouble(150, 160)));
      String part =
          String.format(shapes[r.nextInt(shapes.length)], r.nextLong(1, 3_000), peak, steps);
      Map<String, String> m = named("a", part, "lr", "@Product(schedules = {\"a\", \"a\"})");
      LrSchedule lr;
      try {
        lr = Schedules.parse(m, "lr");
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage().contains("multiply to"), e.getMessage());
        rejected++;
        continue;
      }
      for (long s = 0; s <= 6_000; s++) {
        assertTrue(Double.isFinite(lr.at(s)), part + " squared at " + s);
      }
    }
    assertTrue(rejected > 20 && rejected < 180, "both outcomes are exercised: " + rejected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "@Warmup(steps = 5) @Product(schedules = {\"a\", \"b\"})|@Product is the only annotation of"
            + " its schedule (a composite takes no modifiers), but found @Warmup before it",
        "@Product(schedules = {\"a\", \"b\"}) @Warmup(steps = 5)|@Product is the only annotation of"
            + " its schedule (a composite takes no modifiers), but found @ after it",
        "@Product(schedulez = {\"a\", \"b\"})|@Product has no attribute 'schedulez'",
        "@Product(schedules = {\"a\"}, schedules = {\"b\"})|@Product.schedules given twice",
        "@Sequence(schedules = {\"a\", \"b\"})|@Sequence.boundaries is required but was not given",
        "@CycleMomentum(base = 0.8)|@CycleMomentum.of is required but was not given",
        "@Product(schedules = {a, b})|@Product.schedules must be a string (a schedule name in"
            + " quotes), was a",
        "@Sequence(schedules = {\"a\", \"b\"}, boundaries = {1.5})|@Sequence.boundaries must be a"
            + " whole number, was 1.5",
        "@Product(schedules = {\"a\", \"b\"}|at 32: expected ')', was the end",
      })
  void parseErrorsNameTheEntryAndWhat(String declaration, String message) {
    String e = error(named("a", A, "b", B, "lr", declaration), "lr");
    assertTrue(e.startsWith("lr: " + message), e);
  }

  @Test
  void namesAndEntriesOfTheParseForms() {
    assertEquals(
        "a schedule name must be a Java identifier, was \"my lr\"",
        error(named("my lr", A), "my lr"));
    assertEquals("no schedule named \"c\" (declared: a, b)", error(named("a", A, "b", B), "c"));
    String e =
        assertThrows(
                IllegalArgumentException.class, () -> Schedules.parseNamed("a: " + A + "; a: " + B))
            .getMessage();
    assertEquals("a: declared twice", e);
    e =
        assertThrows(
                IllegalArgumentException.class, () -> Schedules.parseNamed("a: " + A + "; " + B))
            .getMessage();
    assertTrue(e.startsWith("expected name: declaration, was \"@Linear"), e);
    assertThrows(IllegalArgumentException.class, () -> Schedules.parseNamed(" ;\n "));
    assertThrows(IllegalArgumentException.class, () -> Schedules.parseNamed(null));
    assertThrows(IllegalArgumentException.class, () -> Schedules.parse(null, "a"));
  }

  @Test
  void repeatRunsItsScheduleAgainAndTheLastRepetitionOn() {
    LrSchedule b = Schedules.parse(B);
    LrSchedule twice = Schedules.repeat(b, 2);
    LrSchedule forever = Schedules.repeat(b, 0);
    assertEquals(20, ((dev.anneal.internal.compose.ComposedSchedule) twice).length());
    for (long step = 0; step < 40; step++) {
      assertEquals(step < 20 ? b.at(step % 10) : b.at(step - 10), twice.at(step), "at " + step);
      assertEquals(b.at(step % 10), forever.at(step), "at " + step);
    }
    assertEquals(b.at(Long.MAX_VALUE % 10), forever.at(Long.MAX_VALUE));
    assertEquals(
        "@Repeat.of must name a schedule that ends (a finite length to repeat), but \"s0\" never"
            + " ends",
        assertThrows(IllegalArgumentException.class, () -> Schedules.repeat(Schedules.parse(A), 3))
            .getMessage());
    LrSchedule longCycle = Schedules.parse("@Cosine(from = 0.1, steps = 9_000_000_000L)");
    assertEquals(
        "@Repeat.times makes the schedule longer than Long.MAX_VALUE steps: 2147483647 * the"
            + " length of \"s0\" 9,000,000,000",
        assertThrows(
                IllegalArgumentException.class,
                () -> Schedules.repeat(longCycle, Integer.MAX_VALUE))
            .getMessage());
  }
}
