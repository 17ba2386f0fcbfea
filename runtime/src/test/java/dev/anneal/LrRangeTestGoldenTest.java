package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the curves of {@code runtime/src/test/golden/lr_find_golden.py} (fastai's and
 * pytorch-lr-finder's rules, run with numpy and torch) through {@link LrRangeTest#record}.
 */
class LrRangeTestGoldenTest {

  private static final String DIR = "/golden/lrfind/";
  private static final double REL = 1e-12;

  static Stream<String> cases() throws IOException {
    return lines(DIR + "index.txt").stream().filter(s -> !s.isBlank());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheReference(String name) throws IOException {
    Map<String, String> g = parse(lines(DIR + name + ".txt"));
    double start = num(g, "start");
    double end = num(g, "end");
    int steps = Integer.parseInt(g.get("steps"));
    LrRangeTest t =
        g.get("kind").equals("exponential")
            ? LrRangeTest.exponential(start, end, steps)
            : LrRangeTest.linear(start, end, steps);
    double beta = num(g, "beta");
    double divergence = num(g, "divergence");
    if (beta != LrRangeTest.DEFAULT_SMOOTHING) {
      t = t.withSmoothing(beta);
    }
    if (divergence != LrRangeTest.DEFAULT_DIVERGENCE) {
      t = t.withDivergence(divergence);
    }

    double[] feed = nums(g, "feed");
    double[] lrsSeen = new double[steps];
    int fed = 0;
    boolean more = true;
    while (more) {
      assertFalse(t.done());
      lrsSeen[fed] = t.lr();
      more = t.record(feed[fed++]);
    }
    assertTrue(t.done());
    int recorded = Integer.parseInt(g.get("recorded"));
    assertEquals(recorded, t.recorded(), "recorded");
    String stop = g.get("stop");
    assertEquals(!stop.equals("done"), t.diverged(), "diverged, expected stop " + stop);
    // the non-finite loss was offered (fed) but not recorded
    assertEquals(stop.equals("nonfinite") ? recorded + 1 : recorded, fed);

    double[] lrs = nums(g, "lrs");
    assertClose(lrs, t.lrs(), "lrs");
    assertClose(lrs, java.util.Arrays.copyOf(lrsSeen, recorded), "lr()");
    assertClose(nums(g, "losses"), t.losses(), "losses");
    assertClose(nums(g, "smoothed"), t.smoothed(), "smoothed");
    if (recorded == steps) {
      assertEquals(end, t.lrs()[steps - 1], "the sweep ends on end exactly");
    }

    if (g.get("suggestions").equals("none")) {
      assertThrows(IllegalStateException.class, t::steepest);
      assertThrows(IllegalStateException.class, t::steep);
      assertThrows(IllegalStateException.class, t::valley);
      assertThrows(IllegalStateException.class, t::minimum);
      assertThrows(IllegalStateException.class, t::oneCycle);
      assertThrows(IllegalStateException.class, t::cyclic);
      return;
    }
    assertClose(num(g, "steepest"), t.steepest(), "steepest");
    assertClose(num(g, "steep"), t.steep(), "steep");
    assertClose(num(g, "valley"), t.valley(), "valley");
    assertClose(num(g, "minimum"), t.minimum(), "minimum");

    String one = t.oneCycle().declaration(1350);
    Matcher m = Pattern.compile("@OneCycle\\(peak = ([^,]+), steps = 1350\\)").matcher(one);
    assertTrue(m.matches(), one);
    assertEquals(num(g, "onecycle_peak"), Double.parseDouble(m.group(1)), one);
    assertEquals(num(g, "onecycle_peak"), t.oneCycle().roundedPeak());

    String cyc = t.cyclic().declaration(2000);
    m = Pattern.compile("@Cyclic\\(low = ([^,]+), high = ([^,]+), up = 2000\\)").matcher(cyc);
    assertTrue(m.matches(), cyc);
    assertEquals(num(g, "cyclic_low"), Double.parseDouble(m.group(1)), cyc);
    assertEquals(num(g, "cyclic_high"), Double.parseDouble(m.group(2)), cyc);
  }

  private static void assertClose(double expected, double actual, String what) {
    if (!(Math.abs(expected - actual) <= REL * Math.abs(expected))) {
      fail(what + ": expected " + expected + ", was " + actual);
    }
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], what + "[" + i + "]");
    }
  }

  private static double num(Map<String, String> g, String key) {
    return Double.parseDouble(g.get(key));
  }

  private static double[] nums(Map<String, String> g, String key) {
    String v = g.get(key);
    if (v == null) {
      throw new AssertionError("no " + key + " in the golden file");
    }
    return v.isBlank()
        ? new double[0]
        : Stream.of(v.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static Map<String, String> parse(List<String> lines) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int sp = line.indexOf(' ');
      m.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1));
    }
    return m;
  }

  private static List<String> lines(String resource) throws IOException {
    InputStream in = LrRangeTestGoldenTest.class.getResourceAsStream(resource);
    if (in == null) {
      throw new AssertionError(
          "missing resource " + resource + " (run runtime/src/test/golden/lr_find_golden.py)");
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        out.add(line);
      }
    }
    return out;
  }
}
