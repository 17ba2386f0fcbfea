package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParamGroupsTest {

  @Test
  void layerwiseGivesTheTopLayerTheFullValue() {
    ParamGroups g = ParamGroups.layerwise(4, 0.5);
    assertEquals(4, g.size());
    assertEquals(0.125, g.scale(0));
    assertEquals(0.25, g.scale(1));
    assertEquals(0.5, g.scale(2));
    assertEquals(1.0, g.scale(3));
    assertEquals("layer3", g.name(3));
  }

  @Test
  void arraysAreCopiedIn() {
    double[] scales = {1, 2};
    long[] delays = {0, 10};
    ParamGroups g = ParamGroups.of(scales, delays);
    scales[0] = 99;
    delays[1] = 99;
    assertEquals(1, g.scale(0));
    assertEquals(10, g.delay(1));
  }

  @Test
  void builderKeepsOrderNamesAndDelays() {
    ParamGroups g = ParamGroups.builder().add("backbone", 0.1, 1000).add("head", 1.0).build();
    assertEquals("backbone", g.name(0));
    assertEquals(1000, g.delay(0));
    assertEquals(0, g.delay(1));
    assertTrue(g.hasDelays());
    assertEquals("ParamGroups[backbone x0.1 from step 1000, head x1.0]", g.toString());
  }

  @Test
  void badInputNamesTheValue() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ParamGroups.of(new double[] {1}, new long[] {-5}))
            .getMessage()
            .contains("-5"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ParamGroups.of(Double.NaN))
            .getMessage()
            .contains("NaN"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> ParamGroups.of(new double[] {1, 2}, new long[] {0}))
            .getMessage()
            .contains("2 and 1"));
    assertThrows(IllegalArgumentException.class, () -> ParamGroups.layerwise(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> ParamGroups.layerwise(3, 0));
  }

  @Test
  void defaultFillsApplyScaleAndDelay() {
    LrSchedule s = step -> 1.0 + step;
    ParamGroups g = ParamGroups.of(new double[] {2, 3}, new long[] {0, 5});
    double[] out = new double[2];
    s.fill(3, g, out);
    assertArrayEquals(new double[] {8, 0}, out);
    s.fill(7, g, out);
    assertArrayEquals(new double[] {16, 9}, out);
    float[] outF = new float[3];
    s.fill(new long[] {0, 4}, outF);
    assertArrayEquals(new float[] {1, 5, 0}, outF);
  }

  @Test
  void tooShortOutputThrowsBeforeWriting() {
    LrSchedule s = step -> 1.0;
    double[] out = {-7};
    assertThrows(IllegalArgumentException.class, () -> s.fill(0, ParamGroups.of(1, 1), out));
    assertEquals(-7, out[0]);
    float[] outF = {-7, -7};
    assertThrows(IllegalArgumentException.class, () -> s.fill(new long[] {1, -1}, outF));
    assertArrayEquals(new float[] {-7, -7}, outF);
  }
}
