package dev.anneal.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Named declarations: controllers are kept (never silently dropped), text files read as written.
 */
class NamedParseTest {
  private static final String PLATEAU =
      "@Constant(0.1) @ReduceOnPlateau(patience = 1, factor = 0.5)";

  @Test
  void aNamedPlateauIsAPlateauSchedule() {
    Map<String, String> named = new LinkedHashMap<>();
    named.put("warm", "@Linear(from = 0.01, to = 0.1, steps = 10)");
    named.put("lr", PLATEAU);
    LrSchedule lr = Schedules.parse(named, "lr");
    PlateauSchedule p = assertInstanceOf(PlateauSchedule.class, lr);
    p.observe(1);
    assertTrue(p.observe(1), "the controller is there: a non-improving observation cuts");
    assertEquals(0.05, p.at(3));

    PlateauSchedule q = assertInstanceOf(PlateauSchedule.class, Schedules.parseNamed(PLATEAU));
    assertEquals(p.toString(), q.toString());
  }

  @Test
  void aPlateauIsNoPart() {
    for (String composite :
        new String[] {
          "@Product(schedules = {\"a\", \"p\"})",
          "@Sequence(schedules = {\"a\", \"p\"}, boundaries = 10)",
        }) {
      Map<String, String> named = new LinkedHashMap<>();
      named.put("a", "@Linear(from = 0.01, to = 0.1, steps = 10)");
      named.put("p", PLATEAU);
      named.put("lr", composite);
      String e =
          assertThrows(IllegalArgumentException.class, () -> Schedules.parse(named, "lr"))
              .getMessage();
      assertTrue(
          e.contains(
              "[1] names \"p\", a schedule with @ReduceOnPlateau (a PlateauSchedule), which cannot"
                  + " be a part"),
          e);
    }
  }

  @Test
  void anInvalidPlateauEntryIsReportedEvenWhenAnotherIsAsked() {
    Map<String, String> named = new LinkedHashMap<>();
    named.put("lr", "@Constant(0.1)");
    named.put("p", "@Constant(0.1) @ReduceOnPlateau(factor = 2)");
    String e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.parse(named, "lr"))
            .getMessage();
    assertTrue(e.startsWith("p: @ReduceOnPlateau.factor must be in (0, 1)"), e);
  }

  @Test
  void wrappedDeclarationsAndByteOrderMarksRead() {
    String text =
        "\uFEFFwarm: @Linear(from = 0.01,\n"
            + "    to = 0.1, steps = 10)\r\n"
            + "decay: @Exponential(from = 0.1,\n"
            + "    rate = 0.9)\n"
            + "lr: @Sequence(schedules = {\"warm\", \"decay\"},\n"
            + "    boundaries = 10)\n";
    LrSchedule lr = Schedules.parseNamed(text);
    LrSchedule same =
        Schedules.parseNamed(
            "warm: @Linear(from = 0.01, to = 0.1, steps = 10); decay: @Exponential(from = 0.1,"
                + " rate = 0.9); lr: @Sequence(schedules = {\"warm\", \"decay\"}, boundaries ="
                + " 10)");
    for (long s = 0; s < 40; s++) {
      assertEquals(same.at(s), lr.at(s));
    }
    assertEquals(same.toString(), lr.toString());
    assertEquals(
        Schedules.parse("@Cosine(from = 0.1, steps = 10)").toString(),
        Schedules.parseNamed("\uFEFF@Cosine(from = 0.1,\n steps = 10)").toString());
  }

  @Test
  void reservedWordsAreNoNames() {
    for (String word : new String[] {"class", "null", "true", "int"}) {
      String e =
          assertThrows(
                  IllegalArgumentException.class,
                  () -> Schedules.parseNamed(word + ": @Constant(0.1)"))
              .getMessage();
      assertEquals("a schedule name must be a Java identifier, was \"" + word + "\"", e);
    }
  }

  /** Text is read as javac reads the same annotations: a long past the int range needs its L. */
  @Test
  void longsPastTheIntRangeNeedTheirL() {
    String e =
        assertThrows(
                IllegalArgumentException.class,
                () -> Schedules.parseNamed("a: @Constant(value = 0.1, steps = 3000000000)"))
            .getMessage();
    assertTrue(e.contains("integer number too large"), e);
    LrSchedule ok = Schedules.parseNamed("a: @Constant(value = 0.1, steps = 3000000000L)");
    assertEquals("@Constant(value = 0.1, steps = 3_000_000_000L)", ok.toString());
    assertEquals(ok.toString(), Schedules.parseNamed(ok.toString()).toString());
  }

  /**
   * A generated plateau prints "name: ..."; that reads back, and a plateau is no curve of another.
   */
  @Test
  void plateauTextWithANameReadsBackAndPlateausDoNotNest() {
    PlateauSchedule p = PlateauSchedule.parse("lr: " + PLATEAU);
    assertEquals(Schedules.parse(PLATEAU).toString(), p.toString());
    String e =
        assertThrows(IllegalArgumentException.class, () -> PlateauSchedule.of(p)).getMessage();
    assertTrue(e.startsWith("curve is already a PlateauSchedule ("), e);
  }
}
