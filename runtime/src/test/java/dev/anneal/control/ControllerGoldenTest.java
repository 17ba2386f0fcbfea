package dev.anneal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.Compat;
import dev.anneal.EarlyStopper;
import dev.anneal.Goal;
import dev.anneal.NonFinite;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays the golden files of runtime/src/test/golden/controllers_golden.py: real torch 1.13
 * ReduceLROnPlateau, and line-by-line transcriptions of Keras 3's ReduceLROnPlateau and
 * EarlyStopping.
 */
class ControllerGoldenTest {

  /** One case of a golden file: its rules and its series by name. */
  record Case(int number, Map<String, String> rules, Map<String, double[]> series) {
    double rule(String name) {
      return Double.parseDouble(rules.get(name));
    }

    int intRule(String name) {
      return Integer.parseInt(rules.get(name));
    }
  }

  static List<Case> read(String name) throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in =
        ControllerGoldenTest.class.getResourceAsStream("/golden/controllers/" + name)) {
      assertTrue(in != null, name + " missing");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> rules = null;
      Map<String, double[]> series = null;
      int number = -1;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] t = line.split(" ");
        if (t[0].equals("case")) {
          if (rules != null) {
            cases.add(new Case(number, rules, series));
          }
          number = Integer.parseInt(t[1]);
          rules = new LinkedHashMap<>();
          series = new LinkedHashMap<>();
        } else if (t[0].equals("rules")) {
          for (int i = 1; i < t.length; i++) {
            String[] kv = t[i].split("=", 2);
            rules.put(kv[0], kv[1]);
          }
        } else {
          double[] v = new double[t.length - 1];
          for (int i = 1; i < t.length; i++) {
            v[i - 1] = Double.parseDouble(t[i]);
          }
          series.put(t[0], v);
        }
      }
      if (rules != null) {
        cases.add(new Case(number, rules, series));
      }
    }
    return cases;
  }

  static PlateauSchedule plateau(Case c) {
    double value = c.rule("value");
    return PlateauSchedule.of(Schedules.constant(value).build())
        .goal(Goal.valueOf(c.rules.get("goal")))
        .factor(c.rule("factor"))
        .patience(c.intRule("patience"))
        .relThreshold(c.rule("relThreshold"))
        .absThreshold(c.rule("absThreshold"))
        .cooldown(c.intRule("cooldown"))
        .minScale(c.rule("minScale"))
        .startAfter(c.intRule("startAfter"))
        .compat(Compat.valueOf(c.rules.get("compat")))
        .build();
  }

  private static void replayPlateau(String file) throws IOException {
    List<Case> cases = read(file);
    assertTrue(cases.size() >= 200, "cases: " + cases.size());
    int reductions = 0;
    for (Case c : cases) {
      PlateauSchedule p = plateau(c);
      double[] metric = c.series.get("metric");
      double[] lr = c.series.get("lr");
      double previous = c.rule("value");
      for (int i = 0; i < metric.length; i++) {
        boolean reduced = p.observe(metric[i]);
        String where = file + " case " + c.number + " observation " + i + " " + p;
        assertEquals(lr[i], p.at(0), Math.abs(lr[i]) * 1e-12, where);
        assertEquals(lr[i], p.at(123_456), Math.abs(lr[i]) * 1e-12, where);
        assertEquals(lr[i] != previous, reduced, where);
        reductions += reduced ? 1 : 0;
        previous = lr[i];
      }
    }
    assertTrue(reductions > 300, "reductions exercised: " + reductions);
  }

  @Test
  void pytorchReduceLrOnPlateau() throws IOException {
    replayPlateau("pytorch_plateau.txt");
  }

  @Test
  void kerasReduceLrOnPlateau() throws IOException {
    replayPlateau("keras_plateau.txt");
  }

  @Test
  void kerasEarlyStopping() throws IOException {
    List<Case> cases = read("keras_early_stopping.txt");
    assertTrue(cases.size() >= 200, "cases: " + cases.size());
    int stops = 0;
    for (Case c : cases) {
      EarlyStopper s =
          EarlyStopper.builder(c.intRule("patience"))
              .goal(Goal.valueOf(c.rules.get("goal")))
              .minDelta(c.rule("minDelta"))
              .baseline(c.rule("baseline"))
              .startAfter(c.intRule("startAfter"))
              .nonFinite(NonFinite.valueOf(c.rules.get("nonFinite")))
              .build();
      double[] metric = c.series.get("metric");
      for (int i = 0; i < metric.length; i++) {
        boolean stop = s.observe(metric[i]);
        String where = "case " + c.number + " observation " + i + " " + s;
        assertEquals(c.series.get("stop")[i] != 0, stop, where);
        assertEquals(c.series.get("stopped")[i] != 0, s.stopped(), where);
        assertEquals(c.series.get("improved")[i] != 0, s.improved(), where);
        assertEquals(c.series.get("best")[i], s.best(), 0.0, where);
        assertEquals((long) c.series.get("bestIndex")[i], s.bestIndex(), where);
        stops += stop ? 1 : 0;
      }
    }
    assertTrue(stops > 100, "stops exercised: " + stops);
  }
}
