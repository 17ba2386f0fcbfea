package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** An optimizer travels as its declaration and what it names; the copy updates identically. */
class OptimizerSerializationTest {
  private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }

  @Test
  void everyFamilyRoundTripsAndStepsIdentically() throws Exception {
    LrSchedule lr = Schedules.parse("@Warmup(steps = 5) @Cosine(from = 0.01, steps = 50)");
    LrSchedule momentum =
        Schedules.cycleMomentum(Schedules.parse("@OneCycle(peak = 0.1, steps = 55)"));
    GradientClip clip = GradientClip.norm(1.0).build();
    Optimizer[] all = {
      Optimizer.sgd(lr).momentum(0.9).nesterov(true).momentumSchedule(momentum).build(),
      Optimizer.adam(lr).amsgrad(true).clip(clip).build(),
      Optimizer.adamW(lr).weightDecay(0.05).beta1Schedule(momentum).clip(clip).build(),
      Optimizer.rmsProp(lr).centered(true).momentum(0.5).build(),
      Optimizer.adaGrad(lr).lrDecay(0.01).build(),
    };
    for (Optimizer o : all) {
      Optimizer copy = (Optimizer) roundTrip(o);
      assertEquals(o.toString(), copy.toString());
      float[] p1 = {0.5f, -0.25f, 1f, 2f, -3f};
      float[] p2 = p1.clone();
      BoundOptimizer a = o.bind(p1);
      BoundOptimizer b = copy.bind(p2);
      for (int step = 0; step < 20; step++) {
        float[] g1 = {0.1f * step, -0.2f, 0.3f, 5f, -0.01f * step};
        float[] g2 = g1.clone();
        a.step(g1);
        b.step(g2);
      }
      assertArrayEquals(p1, p2, o.toString());
    }
  }

  @Test
  void aScheduleThatIsNotSerializableSaysSo() {
    Optimizer o = Optimizer.sgd(step -> 0.1).build();
    assertThrows(NotSerializableException.class, () -> roundTrip(o));
  }
}
