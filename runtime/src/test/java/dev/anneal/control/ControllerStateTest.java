package dev.anneal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.Compat;
import dev.anneal.EarlyStopper;
import dev.anneal.Goal;
import dev.anneal.NonFinite;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints: every state a controller can reach restores, and every state it can never reach (a
 * garbled or hand-edited checkpoint) is refused naming the field, leaving the controller as it was.
 */
class ControllerStateTest {
  private static final int CONFIGS = 300;
  private static final int OBSERVATIONS = 60;

  private static double metric(SplittableRandom r, double last) {
    return switch (r.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 2, 3 -> last; // a tie
      case 4 -> last * (1 + 1e-5 * r.nextDouble()); // within a threshold
      default -> last + r.nextDouble(-1, 1);
    };
  }

  private static PlateauSchedule randomPlateau(SplittableRandom r) {
    Compat compat = Compat.values()[r.nextInt(3)];
    PlateauSchedule.Builder b =
        PlateauSchedule.of(
                compat == Compat.ANNEAL
                    ? Schedules.cosine(0.1, 1000).build()
                    : Schedules.constant(0.1).build())
            .compat(compat)
            .goal(r.nextBoolean() ? Goal.MINIMIZE : Goal.MAXIMIZE)
            .factor(new double[] {0.1, 0.5, 0.9, 0.999}[r.nextInt(4)])
            .patience(r.nextInt(compat == Compat.ANNEAL ? 1 : 0, 4))
            .cooldown(r.nextInt(3))
            .startAfter(r.nextInt(4))
            .minScale(new double[] {0, 0.01, 0.3}[r.nextInt(3)]);
    if (compat == Compat.PYTORCH) {
      b = r.nextBoolean() ? b.relThreshold(0).absThreshold(0.1) : b;
    } else {
      b = b.absThreshold(r.nextBoolean() ? 0 : 0.05);
    }
    return b.build();
  }

  private static EarlyStopper randomStopper(SplittableRandom r) {
    EarlyStopper.Builder b =
        EarlyStopper.builder(r.nextInt(4))
            .goal(r.nextBoolean() ? Goal.MINIMIZE : Goal.MAXIMIZE)
            .minDelta(r.nextBoolean() ? 0 : 0.05)
            .startAfter(r.nextInt(4))
            .nonFinite(NonFinite.values()[r.nextInt(3)]);
    if (r.nextBoolean()) {
      b = b.baseline(r.nextDouble(-1, 1));
    }
    return b.build();
  }

  /** After every observation, the state restores into a fresh controller that then agrees. */
  @Test
  void everyReachablePlateauStateRestoresAndContinuesIdentically() {
    SplittableRandom r = new SplittableRandom(17);
    for (int c = 0; c < CONFIGS; c++) {
      long seed = r.nextLong();
      PlateauSchedule p = randomPlateau(new SplittableRandom(seed));
      double m = 1;
      for (int i = 0; i < OBSERVATIONS; i++) {
        m = metric(r, Double.isFinite(m) ? m : 1);
        p.observe(m);
        PlateauSchedule copy = randomPlateau(new SplittableRandom(seed));
        PlateauSchedule.State s = p.state();
        copy.restore(s);
        assertEquals(s, copy.state(), p + " at " + i);
        double next = r.nextDouble(-2, 2);
        assertEquals(p.observe(next), copy.observe(next), p + " at " + i);
        assertEquals(p.state(), copy.state(), p + " at " + i);
      }
    }
  }

  @Test
  void everyReachableStopperStateRestoresAndContinuesIdentically() {
    SplittableRandom r = new SplittableRandom(18);
    for (int c = 0; c < CONFIGS; c++) {
      long seed = r.nextLong();
      EarlyStopper e = randomStopper(new SplittableRandom(seed));
      double m = 1;
      for (int i = 0; i < OBSERVATIONS; i++) {
        m = metric(r, Double.isFinite(m) ? m : 1);
        e.observe(m);
        EarlyStopper copy = randomStopper(new SplittableRandom(seed));
        EarlyStopper.State s = e.state();
        copy.restore(s);
        assertEquals(s, copy.state(), e + " at " + i);
        double next = r.nextDouble(-2, 2);
        assertEquals(e.observe(next), copy.observe(next), e + " at " + i);
        assertEquals(e.state(), copy.state(), e + " at " + i);
      }
    }
  }

  /** The count saturates: a checkpoint at the largest count still observes, and restores. */
  @Test
  void observationCountNeverWrapsIntoIgnoringObservations() {
    PlateauSchedule p = PlateauSchedule.of(Schedules.constant(0.1).build()).patience(1).build();
    p.observe(1);
    PlateauSchedule.State s = p.state();
    p.restore(
        new PlateauSchedule.State(
            s.fingerprint(), Long.MAX_VALUE, s.scale(), s.level(), s.best(), 0, 0));
    assertTrue(p.observe(2), "a non-improving observation at the largest count still reduces");
    assertEquals(Long.MAX_VALUE, p.state().observations());
    p.restore(p.state());

    EarlyStopper e = EarlyStopper.builder(1).build();
    e.observe(1);
    EarlyStopper.State es = e.state();
    e.restore(new EarlyStopper.State(es.fingerprint(), Long.MAX_VALUE, 1, 0, 0, false, false));
    assertTrue(e.observe(2), "a non-improving observation at the largest count still stops");
    e.restore(e.state());
  }

  private static void refused(PlateauSchedule p, PlateauSchedule.State bad, String field) {
    PlateauSchedule.State before = p.state();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restore(bad));
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertEquals(before, p.state());
  }

  private static void refused(EarlyStopper p, EarlyStopper.State bad, String field) {
    EarlyStopper.State before = p.state();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restore(bad));
    assertTrue(e.getMessage().contains(field), e.getMessage());
    assertEquals(before, p.state());
  }

  @Test
  void unreachablePlateauStatesAreRefused() {
    for (Compat compat : Compat.values()) {
      PlateauSchedule p =
          PlateauSchedule.of(Schedules.constant(0.1).build())
              .compat(compat)
              .patience(3)
              .factor(0.5)
              .cooldown(2)
              .build();
      p.observe(1);
      PlateauSchedule.State s = p.state();
      double top = s.level();
      // A counter past what observe ever leaves (it resets at patience), and one that wrapped.
      refused(p, new PlateauSchedule.State(s.fingerprint(), 50, s.scale(), top, 1, 4, 0), "bad");
      refused(
          p,
          new PlateauSchedule.State(s.fingerprint(), 50, s.scale(), top, 1, Long.MAX_VALUE, 0),
          "bad");
      // More bad observations than observations.
      refused(p, new PlateauSchedule.State(s.fingerprint(), 1, s.scale(), top, 1, 2, 0), "bad");
      // A counter during cool-down.
      refused(p, new PlateauSchedule.State(s.fingerprint(), 50, s.scale(), top, 1, 1, 1), "bad");
      // A level between two reductions: 0.7 of the initial level is no power of 0.5.
      double off = 0.7 * top;
      double offScale = compat == Compat.ANNEAL ? off : off / 0.1;
      refused(p, new PlateauSchedule.State(s.fingerprint(), 50, offScale, off, 1, 0, 0), "level");
      // Off by one rounding after three reductions.
      double three = top * 0.5 * 0.5 * 0.5;
      double near = Math.nextUp(three);
      refused(
          p,
          new PlateauSchedule.State(
              s.fingerprint(), 50, compat == Compat.ANNEAL ? near : near / 0.1, near, 1, 0, 0),
          "level");
      // Reachable: three reductions.
      p.restore(
          new PlateauSchedule.State(
              s.fingerprint(), 50, compat == Compat.ANNEAL ? three : three / 0.1, three, 1, 0, 0));
    }
  }

  @Test
  void nothingCountedMeansTheInitialState() {
    PlateauSchedule p =
        PlateauSchedule.of(Schedules.constant(0.1).build()).patience(1).startAfter(3).build();
    PlateauSchedule.State s = p.state();
    refused(p, new PlateauSchedule.State(s.fingerprint(), 3, 1, 1, 0.5, 0, 0), "initial state");
    p.restore(new PlateauSchedule.State(s.fingerprint(), 3, 1, 1, Double.NaN, 0, 0));
  }

  @Test
  void unreachableStopperStatesAreRefused() {
    EarlyStopper e = EarlyStopper.builder(5).startAfter(3).build();
    for (int i = 0; i < 10; i++) {
      e.observe(10 - i);
    }
    EarlyStopper.State s = e.state();
    // The best cannot be an ignored observation.
    refused(e, new EarlyStopper.State(s.fingerprint(), 10, 7, 2, 0, false, false), "bestIndex");
    // Without a baseline the best resets the counter: at most the observations after it count.
    refused(e, new EarlyStopper.State(s.fingerprint(), 10, 7, 8, 2, false, false), "bad");
    refused(
        e, new EarlyStopper.State(s.fingerprint(), 10, 7, 8, Long.MAX_VALUE, false, false), "bad");
    refused(
        e,
        new EarlyStopper.State(s.fingerprint(), 3, Double.POSITIVE_INFINITY, -1, 0, false, true),
        "stopped");
    e.restore(new EarlyStopper.State(s.fingerprint(), 10, 7, 8, 1, false, false));
  }

  /** A fingerprint is written with its 16 digits everywhere, as the state text requires. */
  @Test
  void fingerprintsInMessagesKeepTheirLeadingZeros() {
    PlateauSchedule p = PlateauSchedule.of(Schedules.constant(0.1).build()).build();
    PlateauSchedule.State s = p.state();
    String e =
        assertThrows(
                IllegalArgumentException.class,
                () -> p.restore(new PlateauSchedule.State(0xabcL, 0, 1, 1, Double.NaN, 0, 0)))
            .getMessage();
    assertTrue(e.startsWith("state field fingerprint 0000000000000abc is another"), e);
    assertTrue(e.contains(String.format("(this one's is %016x", s.fingerprint())), e);
    EarlyStopper stop = EarlyStopper.builder(1).build();
    e =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    stop.restore(
                        new EarlyStopper.State(
                            0xabcL, 0, Double.POSITIVE_INFINITY, -1, 0, false, false)))
            .getMessage();
    assertTrue(e.startsWith("state field fingerprint 0000000000000abc is another"), e);
  }
}
