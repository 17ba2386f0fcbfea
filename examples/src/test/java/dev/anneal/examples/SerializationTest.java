package dev.anneal.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.EarlyStopper;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java serialization of generated classes: every curve of {@link Catalog} and {@link DemoSchedules}
 * (generated, built from the annotations) reads back with the same values, a composite too, and a
 * controller read back continues as the original.
 */
class SerializationTest {
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

  /** The generated curve objects of a config: its static fields holding schedules. */
  static List<LrSchedule> curves(Class<?> impl) throws IllegalAccessException {
    List<LrSchedule> out = new ArrayList<>();
    for (Field f : impl.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && LrSchedule.class.isAssignableFrom(f.getType())) {
        f.setAccessible(true);
        out.add((LrSchedule) f.get(null));
      }
    }
    return out;
  }

  static void assertSameValues(LrSchedule expected, LrSchedule actual) {
    for (long step = 0; step < 3_000; step++) {
      assertEquals(expected.at(step), actual.at(step), 0.0, expected + " at " + step);
    }
    assertEquals(expected.at(Long.MAX_VALUE), actual.at(Long.MAX_VALUE), 0.0);
  }

  @Test
  void everyGeneratedCurveOfTheCatalogReadsBackAsItsDeclaration() throws Exception {
    List<LrSchedule> curves = curves(CatalogImpl.class);
    assertTrue(curves.size() >= 20, "curves: " + curves.size());
    for (LrSchedule s : curves) {
      LrSchedule back = roundTrip(s);
      // "name: declaration" written as the declaration: the same schedule built at run time
      String declaration = s.toString().substring(s.toString().indexOf(": ") + 2);
      assertEquals(Schedules.parse(declaration), back);
      assertSameValues(s, back);
    }
  }

  @Test
  void everyScheduleOfTheDemoReadsBack() throws Exception {
    DemoSchedules hp = new DemoSchedulesImpl();
    int n = 0;
    for (Method m : DemoSchedules.class.getMethods()) {
      if (m.getParameterCount() != 0 || !LrSchedule.class.isAssignableFrom(m.getReturnType())) {
        continue;
      }
      LrSchedule s = (LrSchedule) m.invoke(hp);
      assertSameValues(s, roundTrip(s));
      n++;
    }
    assertEquals(10, n);
  }

  @Test
  void aGeneratedCompositeReadsBackAsItself() throws Exception {
    // @CycleMomentum(of = "oneCycle") names another method: written as the generated class
    LrSchedule s = new DemoSchedulesImpl().oneCycleMomentum();
    LrSchedule back = roundTrip(s);
    assertSame(s.getClass(), back.getClass());
    assertEquals(s.toString(), back.toString());
    assertSameValues(s, back);
  }

  @Test
  void generatedControllersAndClipReadBackAndContinue() throws Exception {
    DemoSchedules hp = new DemoSchedulesImpl();
    PlateauSchedule plateau = hp.plateau();
    EarlyStopper stop = hp.earlyStop();
    double[] losses = {1.0, 0.9, 0.95, 0.97, 0.99, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97};
    for (int i = 0; i < 6; i++) {
      plateau.observe(losses[i]);
      stop.observe(losses[i]);
    }
    assertTrue(plateau.scale() < 1);
    PlateauSchedule p2 = roundTrip(plateau);
    EarlyStopper s2 = roundTrip(stop);
    assertEquals(plateau.state(), p2.state());
    assertEquals(stop.state(), s2.state());
    for (int i = 6; i < losses.length; i++) {
      assertEquals(plateau.observe(losses[i]), p2.observe(losses[i]));
      assertEquals(stop.observe(losses[i]), s2.observe(losses[i]));
      assertEquals(plateau.state(), p2.state());
      assertEquals(stop.state(), s2.state());
    }
    assertSameValues(plateau, p2);

    GradientClip clip = roundTrip(hp.clip());
    assertInstanceOf(GradientClip.class, clip);
    assertEquals(hp.clip(), clip);
  }
}
