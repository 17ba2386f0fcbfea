package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property: the {@code toString()} of every object anneal builds is text its parser reads back to
 * an equal object (the same values at every step probed, the same text), over random compositions
 * of the fuzz corpus' declarations, plateaus over them, stoppers and clips.
 */
class ToStringRoundTripTest {
  private static final long[] STEPS = {0, 1, 2, 7, 50, 99, 100, 101, 499, 500, 999, 1_000, 5_000};

  private static void sameValues(LrSchedule a, LrSchedule b, String what) {
    for (long s : STEPS) {
      assertEquals(
          Double.doubleToRawLongBits(a.at(s)),
          Double.doubleToRawLongBits(b.at(s)),
          what + " @" + s);
    }
  }

  private static LrSchedule randomSchedule(SplittableRandom r, int depth) {
    if (depth == 0 || r.nextInt(3) == 0) {
      return Schedules.parse(ParseFuzzTest.VALID[r.nextInt(ParseFuzzTest.VALID.length)]);
    }
    int n = r.nextInt(2, 4);
    List<LrSchedule> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(randomSchedule(r, depth - 1));
    }
    if (r.nextBoolean()) {
      long[] b = new long[n - 1];
      long at = 0;
      for (int i = 0; i < b.length; i++) {
        at += r.nextLong(1, 400);
        b[i] = at;
      }
      return Schedules.sequence(b, parts.toArray(new LrSchedule[0]));
    }
    return Schedules.product(parts.subList(0, 2).toArray(new LrSchedule[0]));
  }

  @Test
  void schedulesAndCompositesReadBack() {
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 150; i++) {
      LrSchedule s;
      try {
        s = randomSchedule(r, 3);
      } catch (IllegalArgumentException overflowOrTooLong) {
        continue; // a product may overflow: an error, never a schedule
      }
      String text = s.toString();
      LrSchedule back = Schedules.parseNamed(text);
      sameValues(s, back, text);
      assertEquals(text, back.toString());
    }
  }

  @Test
  void plateausReadBack() {
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 100; i++) {
      LrSchedule curve =
          Schedules.parse(ParseFuzzTest.VALID[r.nextInt(ParseFuzzTest.VALID.length)]);
      PlateauSchedule p =
          PlateauSchedule.of(curve)
              .factor(0.25)
              .patience(r.nextInt(1, 5))
              .cooldown(r.nextInt(3))
              .goal(r.nextBoolean() ? Goal.MAXIMIZE : Goal.MINIMIZE)
              .build();
      PlateauSchedule back = PlateauSchedule.parse(p.toString());
      assertEquals(p.toString(), back.toString());
      assertEquals(p.state(), back.state());
      sameValues(p, back, p.toString());
      assertInstanceOf(PlateauSchedule.class, Schedules.parseNamed(p.toString()));
    }
    for (Compat compat : new Compat[] {Compat.PYTORCH, Compat.KERAS}) {
      PlateauSchedule p =
          PlateauSchedule.of(Schedules.constant(0.1).build()).compat(compat).build();
      assertEquals(p.toString(), PlateauSchedule.parse(p.toString()).toString());
    }
  }

  @Test
  void stoppersAndClipsReadBack() {
    EarlyStopper stop =
        EarlyStopper.builder(7)
            .minDelta(1e-4)
            .baseline(0.5)
            .goal(Goal.MAXIMIZE)
            .nonFinite(NonFinite.IGNORE)
            .startAfter(3)
            .build();
    assertEquals(stop.toString(), EarlyStopper.parse(stop.toString()).toString());
    for (GradientClip clip :
        new GradientClip[] {
          GradientClip.norm(1.0).build(),
          GradientClip.norm(0.5)
              .norm(1)
              .scope(ClipScope.EACH)
              .nonFinite(ClipNonFinite.SKIP)
              .build(),
          GradientClip.value(0.1),
        }) {
      assertEquals(clip, GradientClip.parse(clip.toString()));
      assertEquals(clip.toString(), GradientClip.parse(clip.toString()).toString());
    }
  }
}
