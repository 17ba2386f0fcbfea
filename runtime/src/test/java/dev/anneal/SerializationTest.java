package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java serialization of every schedule, controller and clip: written as its declaration (and state
 * text), read back equal, with the same values bit for bit. The declarations are those of the
 * golden files, the reference vectors of every kind ({@code processor/src/test/resources/golden}).
 */
class SerializationTest {
  static final Path GOLDEN = Paths.get("../processor/src/test/resources/golden");

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T o) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  static String streamText(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
  }

  /** Every {@code # anneal:} declaration of the single-schedule golden files. */
  static List<String> declarations() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(GOLDEN)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (line.startsWith("# anneal:")) {
            out.add(line.substring("# anneal:".length()).strip());
          }
        }
      }
    }
    return out;
  }

  /** The composite golden files: their named declarations, the schedule evaluated last. */
  static List<String> composites() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(GOLDEN.resolve("composite"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        Map<String, String> named = new LinkedHashMap<>();
        String evaluate = null;
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (line.startsWith("# schedule ")) {
            String entry = line.substring("# schedule ".length());
            int colon = entry.indexOf(':');
            named.put(entry.substring(0, colon).strip(), entry.substring(colon + 1).strip());
          } else if (line.startsWith("# evaluate:")) {
            evaluate = line.substring("# evaluate:".length()).strip();
          }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : named.entrySet()) {
          if (!e.getKey().equals(evaluate)) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append("; ");
          }
        }
        out.add(sb.append(evaluate).append(": ").append(named.get(evaluate)).toString());
      }
    }
    return out;
  }

  static void assertSameValues(LrSchedule expected, LrSchedule actual) {
    SplittableRandom r = new SplittableRandom(20);
    for (long step = 0; step < 2_000; step++) {
      assertEquals(expected.at(step), actual.at(step), 0.0, "step " + step);
    }
    for (int i = 0; i < 200; i++) {
      long step = r.nextLong(Long.MAX_VALUE);
      assertEquals(expected.at(step), actual.at(step), 0.0, "step " + step);
    }
  }

  @Test
  void everyGoldenFileIsRead() throws IOException {
    assertTrue(declarations().size() >= 60, "declarations: " + declarations().size());
    assertTrue(composites().size() >= 8, "composites: " + composites().size());
  }

  @ParameterizedTest
  @MethodSource("declarations")
  void everyDeclaredKindRoundTrips(String declaration) throws Exception {
    LrSchedule s = Schedules.parse(declaration);
    LrSchedule back = roundTrip(s);
    assertNotSame(s, back);
    assertEquals(s, back);
    assertEquals(s.hashCode(), back.hashCode());
    assertEquals(s.toString(), back.toString());
    assertSameValues(s, back);
    // the stream holds the declaration, and no internal class but the proxy
    String stream = streamText(s);
    assertTrue(stream.contains(s.toString()), stream);
    assertFalse(stream.contains("PlanSchedule"), stream);
    assertFalse(stream.contains("internal.Plan;"), stream);
  }

  @ParameterizedTest
  @MethodSource("composites")
  void everyCompositeRoundTrips(String entries) throws Exception {
    LrSchedule s = Schedules.parseNamed(entries);
    LrSchedule back = roundTrip(s);
    assertEquals(s, back);
    assertEquals(s.toString(), back.toString());
    assertSameValues(s, back);
  }

  @Test
  void builtSchedulesAndCompositesRoundTrip() throws Exception {
    LrSchedule warm = Schedules.linear(0.005, 0.05, 10).build();
    LrSchedule decay = Schedules.exponential(0.05, 0.95).build();
    LrSchedule one = Schedules.oneCycle(0.1, 100).build();
    for (LrSchedule s :
        List.of(
            Schedules.cosine(0.1, 19_500).to(1e-4).warmup(500).build(),
            Schedules.cosine(0.1, 30).buildInEpochs(7),
            Schedules.parseInEpochs("@StepDecay(from = 0.1, factor = 0.5, every = 3)", 11),
            Schedules.sequence(new long[] {10}, warm, decay),
            Schedules.product(warm, decay),
            Schedules.cycleMomentum(one),
            Schedules.sequence(new long[] {100}, Schedules.product(one, decay), warm))) {
      LrSchedule back = roundTrip(s);
      assertEquals(s, back);
      assertSameValues(s, back);
    }
  }

  @Test
  void stairPerEpochRoundTripsWhenItsScheduleDoes() throws Exception {
    LrSchedule stair =
        Schedules.stairPerEpoch(Schedules.parse("@Cosine(from = 0.1, steps = 30)"), 17);
    LrSchedule back = roundTrip(stair);
    assertEquals(stair, back);
    assertEquals(stair.toString(), back.toString());
    assertSameValues(stair, back);

    LrSchedule lambda = step -> 0.1;
    NotSerializableException e =
        assertThrows(
            NotSerializableException.class, () -> roundTrip(Schedules.stairPerEpoch(lambda, 3)));
    assertTrue(e.getMessage().contains("is not Serializable"), e.getMessage());
  }

  @Test
  void clipsRoundTrip() throws Exception {
    for (GradientClip c :
        List.of(
            GradientClip.norm(1.0).build(),
            GradientClip.norm(0.5)
                .norm(Double.POSITIVE_INFINITY)
                .eps(0)
                .scope(ClipScope.EACH)
                .nonFinite(ClipNonFinite.SKIP)
                .build(),
            GradientClip.norm(2.5).norm(1).nonFinite(ClipNonFinite.ERROR).build(),
            GradientClip.value(0.25),
            GradientClip.adaptive(),
            GradientClip.adaptive(0.02, 1e-4))) {
      GradientClip back = roundTrip(c);
      assertEquals(c, back);
      assertEquals(c.toString(), back.toString());
      float[] g1 = {3f, -4f, 0.5f, 12f};
      float[] g2 = g1.clone();
      float[] p = {1f, 2f, -1f, 0.5f};
      if (c.toString().startsWith("@AdaptiveClip")) {
        assertEquals(c.apply(p, g1, 2), back.apply(p, g2, 2), 0.0);
      } else {
        assertEquals(c.apply(g1), back.apply(g2), 0.0);
      }
      assertEquals(List.of(g1[0], g1[1], g1[2], g1[3]), List.of(g2[0], g2[1], g2[2], g2[3]));
    }
  }

  static double[] metrics(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] m = new double[n];
    double level = 1;
    for (int i = 0; i < n; i++) {
      level *= r.nextDouble() < 0.3 ? 0.97 : 1.0;
      m[i] = r.nextDouble() < 0.03 ? Double.NaN : level + 0.01 * r.nextDouble();
    }
    return m;
  }

  static List<String> plateaus() {
    return List.of(
        "@Warmup(steps = 50) @Cosine(from = 0.1, to = 1e-4, steps = 950)"
            + " @ReduceOnPlateau(factor = 0.5, patience = 3)",
        "@Constant(value = 0.1) @ReduceOnPlateau(factor = 0.5, patience = 2, cooldown = 1,"
            + " compat = Compat.PYTORCH, minScale = 0.01)",
        "@Constant(value = 0.1) @ReduceOnPlateau(factor = 0.3, patience = 2, cooldown = 2,"
            + " compat = Compat.KERAS, absThreshold = 1e-3)",
        "@StepDecay(from = 0.1, factor = 0.5, every = 10) @ReduceOnPlateau(goal = Goal.MAXIMIZE,"
            + " patience = 1, startAfter = 4)");
  }

  @ParameterizedTest
  @MethodSource("plateaus")
  void aRestoredPlateauContinuesIdentically(String declaration) throws Exception {
    PlateauSchedule p = PlateauSchedule.parse(declaration);
    double[] m = metrics(declaration.length(), 400);
    boolean cut = false;
    for (int i = 0; i < 200; i++) {
      cut |= p.observe(m[i]);
    }
    assertTrue(cut, "the test should serialize a controller that has reduced");
    PlateauSchedule back = roundTrip(p);
    assertEquals(p.state(), back.state());
    assertEquals(p.toString(), back.toString());
    for (int i = 200; i < 400; i++) {
      assertEquals(p.observe(m[i]), back.observe(m[i]), "observation " + i);
      assertEquals(p.state(), back.state());
      assertEquals(p.at(i), back.at(i), 0.0);
    }
    assertSameValues(p, back);
  }

  @Test
  void aPlateauOverABuiltCompositeRoundTrips() throws Exception {
    LrSchedule curve =
        Schedules.sequence(
            new long[] {10},
            Schedules.linear(0.005, 0.05, 10).build(),
            Schedules.exponential(0.05, 0.95).build());
    PlateauSchedule p = PlateauSchedule.of(curve).patience(1).factor(0.25).build();
    p.observe(1);
    p.observe(2);
    p.observe(3);
    PlateauSchedule back = roundTrip(p);
    assertEquals(p.state(), back.state());
    assertEquals(0.0625, p.scale(), 0.0); // two cuts by 0.25
    assertEquals(p.scale(), back.scale(), 0.0);
    assertSameValues(p, back);
  }

  @Test
  void aPlateauOverALambdaSaysWhy() {
    PlateauSchedule p = PlateauSchedule.of(step -> 0.1).build();
    assertThrows(NotSerializableException.class, () -> roundTrip(p));
  }

  @Test
  void aRestoredEarlyStopperContinuesIdentically() throws Exception {
    for (EarlyStopper s :
        List.of(
            EarlyStopper.builder(5).minDelta(1e-3).build(),
            EarlyStopper.builder(3).goal(Goal.MAXIMIZE).baseline(0.2).startAfter(2).build(),
            EarlyStopper.builder(4).nonFinite(NonFinite.COUNT_AS_BAD).build(),
            EarlyStopper.parse("@EarlyStopping(patience = 2, nonFinite = NonFinite.IGNORE)"))) {
      double[] m = metrics(s.toString().length(), 100);
      for (int i = 0; i < 20; i++) {
        s.observe(m[i]);
      }
      EarlyStopper back = roundTrip(s);
      assertEquals(s.state(), back.state());
      assertEquals(s.toString(), back.toString());
      for (int i = 20; i < 100; i++) {
        assertEquals(s.observe(m[i]), back.observe(m[i]), "observation " + i);
        assertEquals(s.state(), back.state());
      }
    }
  }

  @Test
  void aForgedStreamIsRejected() throws Exception {
    // the proxy's text is parsed on reading: a garbled declaration is an invalid stream
    LrSchedule s = Schedules.parse("@Cosine(from = 0.1, steps = 100)");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    byte[] b = bytes.toByteArray();
    String text = new String(b, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("steps = 100");
    b[at + "steps = ".length()] = '-'; // steps = -00
    InvalidObjectException e =
        assertThrows(
            InvalidObjectException.class,
            () -> {
              try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
                in.readObject();
              }
            });
    assertTrue(e.getMessage().contains("@Cosine"), e.getMessage());
  }

  /** Each public class's own serial form parses its text on reading: a garbled one is refused. */
  @Test
  void aForgedStopperOrClipIsRejected() throws Exception {
    assertForgedIsRejected(EarlyStopper.builder(10).build(), "@EarlyStopping", "@EarlyStoppinX");
    assertForgedIsRejected(GradientClip.norm(1.0).build(), "@ClipNorm", "@ClipNorX");
  }

  /** A plateau writes a form of its own; the schedules' proxy does not construct one. */
  @Test
  void theScheduleProxyRefusesAPlateau() throws Exception {
    Object proxy =
        dev.anneal.internal.compose.SerialProxy.schedule(
            "@ReduceOnPlateau @Cosine(from = 0.1, steps = 100)");
    InvalidObjectException e =
        assertThrows(InvalidObjectException.class, () -> readBack(write(proxy)));
    assertTrue(e.getMessage().contains("@ReduceOnPlateau"), e.getMessage());
  }

  private static void assertForgedIsRejected(Object o, String from, String to) throws Exception {
    byte[] b = write(o);
    String text = new String(b, StandardCharsets.ISO_8859_1);
    int at = text.indexOf(from);
    assertTrue(at >= 0, text);
    byte[] forged = to.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(forged, 0, b, at, forged.length);
    InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> readBack(b));
    assertTrue(e.getMessage().contains(to), e.getMessage());
  }

  private static byte[] write(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  private static Object readBack(byte[] b) throws Exception {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return in.readObject();
    }
  }

  /** A stream of the first serial form, written under its real name. */
  private static byte[] firstForm(
      dev.anneal.internal.serjal.SerialProxy.Form form, String text, String state)
      throws IOException {
    byte[] b = write(new dev.anneal.internal.serjal.SerialProxy(form, text, state, null, 0));
    String s =
        new String(b, StandardCharsets.ISO_8859_1)
            .replace("dev.anneal.internal.serjal.", "dev.anneal.internal.serial.")
            .replace("dev/anneal/internal/serjal/", "dev/anneal/internal/serial/");
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A schedule written by the first serial form still reads back as the same schedule. */
  @Test
  void aScheduleOfTheFirstSerialFormReads() throws Exception {
    String text = "@Warmup(steps = 5) @Cosine(from = 0.1, steps = 100)";
    Object back =
        readBack(firstForm(dev.anneal.internal.serjal.SerialProxy.Form.SCHEDULE, text, null));
    assertEquals(Schedules.parse(text), back);
  }

  /** A stopper of the first serial form is refused, saying so and how to build it again. */
  @Test
  void aStopperOfTheFirstSerialFormIsRefusedWithWhatToDo() throws Exception {
    InvalidObjectException e =
        assertThrows(
            InvalidObjectException.class,
            () ->
                readBack(
                    firstForm(
                        dev.anneal.internal.serjal.SerialProxy.Form.STOPPER,
                        "@EarlyStopping(patience = 3)",
                        "state")));
    assertTrue(e.getMessage().contains("earlier anneal version"), e.getMessage());
    assertTrue(e.getMessage().contains("EarlyStopper.parse(\"@EarlyStopping(patience = 3)\")"));
  }
}
