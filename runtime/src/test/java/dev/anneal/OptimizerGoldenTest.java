package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Optimizer} against PyTorch 1.13's {@code torch.optim} ({@code foreach=False}, CPU) and a
 * transcription of Keras 3's {@code Adam.update_step}: the cases of {@code golden/optim/optim.txt},
 * written by {@code runtime/src/test/golden/optim_golden.py} (format in its docstring). Surefire
 * runs this with and without the Vector API module, so both kernel sets meet the data.
 *
 * <p>After 100 steps: {@code double[]} parameters within 1e-12 relative of torch float64 (relative
 * to {@code max(|torch|, 1)}: parameters start in [-1, 1]); {@code float[]} parameters equal torch
 * float32 bit for bit, and never farther from the float64 run than torch's float32 run is.
 */
class OptimizerGoldenTest {
  static final int STEPS = 100;
  static final int[] LENGTHS = {1, 37, 131};
  static final int[] GROUP_OF = {0, 1, 0};
  static final double DOUBLE_TOLERANCE = 1e-12;

  /** One record of the golden file. */
  static final class Case {
    String name;
    String kind;
    final Map<String, String> attrs = new HashMap<>();
    long seed;
    double gscale;
    boolean groups;
    double clip = Double.NaN;
    double[] lr;
    double[] mom;
    final List<double[]> f64 = new ArrayList<>();
    final List<double[]> f32 = new ArrayList<>();

    double attr(String k, double def) {
      return attrs.containsKey(k) ? Double.parseDouble(attrs.get(k)) : def;
    }

    boolean flag(String k) {
      return Boolean.parseBoolean(attrs.getOrDefault(k, "false"));
    }

    @Override
    public String toString() {
      return name;
    }

    Optimizer optimizer() {
      double[] lrs = lr;
      LrSchedule schedule = k -> lrs[(int) k];
      LrSchedule m = null;
      if (mom != null) {
        double[] moms = mom;
        m = k -> moms[(int) k];
      }
      GradientClip c = Double.isNaN(clip) ? null : GradientClip.norm(clip).build();
      Optimizer o;
      switch (kind) {
        case "sgd":
          {
            Optimizer.SgdBuilder b =
                Optimizer.sgd(schedule)
                    .momentum(attr("momentum", 0))
                    .dampening(attr("dampening", 0))
                    .nesterov(flag("nesterov"))
                    .weightDecay(attr("weightDecay", 0))
                    .maximize(flag("maximize"));
            b = m == null ? b : b.momentumSchedule(m);
            o = (c == null ? b : b.clip(c)).build();
            break;
          }
        case "adam":
        case "adamw":
          {
            Optimizer.AdamBuilder b =
                kind.equals("adam") ? Optimizer.adam(schedule) : Optimizer.adamW(schedule);
            b =
                b.beta1(attr("beta1", 0.9))
                    .beta2(attr("beta2", 0.999))
                    .eps(attr("eps", 1e-8))
                    .weightDecay(attr("weightDecay", kind.equals("adam") ? 0 : 0.01))
                    .amsgrad(flag("amsgrad"))
                    .maximize(flag("maximize"))
                    .compat(AdamCompat.valueOf(attrs.getOrDefault("compat", "PYTORCH")));
            b = m == null ? b : b.beta1Schedule(m);
            o = (c == null ? b : b.clip(c)).build();
            break;
          }
        case "rmsprop":
          {
            Optimizer.RmsPropBuilder b =
                Optimizer.rmsProp(schedule)
                    .alpha(attr("alpha", 0.99))
                    .eps(attr("eps", 1e-8))
                    .weightDecay(attr("weightDecay", 0))
                    .momentum(attr("momentum", 0))
                    .centered(flag("centered"))
                    .maximize(flag("maximize"));
            b = m == null ? b : b.momentumSchedule(m);
            o = (c == null ? b : b.clip(c)).build();
            break;
          }
        case "adagrad":
          {
            Optimizer.AdaGradBuilder b =
                Optimizer.adaGrad(schedule)
                    .lrDecay(attr("lrDecay", 0))
                    .weightDecay(attr("weightDecay", 0))
                    .initialAccumulator(attr("initialAccumulator", 0))
                    .eps(attr("eps", 1e-10))
                    .maximize(flag("maximize"));
            o = (c == null ? b : b.clip(c)).build();
            break;
          }
        default:
          throw new IllegalStateException("unknown kind " + kind);
      }
      return o;
    }

    ParamGroups paramGroups() {
      return ParamGroups.builder().add("decayed", 1.0, 0, 1.0).add("other", 0.5, 0, 0.0).build();
    }

    /** The float32 inputs: initial parameters, then the gradients of every step. */
    float[][][] inputs() {
      SplitMix64 rng = new SplitMix64(seed);
      float[][][] out = new float[STEPS + 1][LENGTHS.length][];
      for (int i = 0; i < LENGTHS.length; i++) {
        out[0][i] = new float[LENGTHS[i]];
        for (int j = 0; j < LENGTHS[i]; j++) {
          out[0][i][j] = rng.nextFloat(1.0);
        }
      }
      for (int k = 1; k <= STEPS; k++) {
        for (int i = 0; i < LENGTHS.length; i++) {
          out[k][i] = new float[LENGTHS[i]];
          for (int j = 0; j < LENGTHS[i]; j++) {
            out[k][i][j] = rng.nextFloat(gscale);
          }
        }
      }
      return out;
    }

    float[][] runFloat() {
      float[][][] in = inputs();
      float[][] p = in[0];
      Optimizer o = optimizer();
      BoundOptimizer b = groups ? o.bind(paramGroups(), GROUP_OF, p) : o.bind(p);
      for (int k = 1; k <= STEPS; k++) {
        assertTrue(b.step(in[k]));
      }
      return p;
    }

    double[][] runDouble() {
      float[][][] in = inputs();
      double[][][] d = new double[in.length][][];
      for (int k = 0; k < in.length; k++) {
        d[k] = new double[in[k].length][];
        for (int i = 0; i < in[k].length; i++) {
          d[k][i] = new double[in[k][i].length];
          for (int j = 0; j < in[k][i].length; j++) {
            d[k][i][j] = in[k][i][j];
          }
        }
      }
      double[][] p = d[0];
      Optimizer o = optimizer();
      BoundOptimizer b = groups ? o.bind(paramGroups(), GROUP_OF, p) : o.bind(p);
      for (int k = 1; k <= STEPS; k++) {
        assertTrue(b.step(d[k]));
      }
      return p;
    }
  }

  /** SplitMix64 as the script's: {@code float(2u - 1) * scale}, u from the top 53 bits. */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      state = seed;
    }

    double nextUnit() {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z = z ^ (z >>> 31);
      return (z >>> 11) * 0x1.0p-53;
    }

    float nextFloat(double scale) {
      return (float) ((2 * nextUnit() - 1) * scale);
    }
  }

  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (InputStream in = OptimizerGoldenTest.class.getResourceAsStream("/golden/optim/optim.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      Case c = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] t = line.trim().split(" ");
        switch (t[0]) {
          case "case":
            c = new Case();
            out.add(c);
            c.name = t[1];
            c.kind = t[2];
            for (int i = 3; i < t.length; i++) {
              String[] kv = t[i].split("=", 2);
              c.attrs.put(kv[0], kv[1]);
            }
            break;
          case "seed":
            c.seed = Long.parseLong(t[1]);
            c.gscale = Double.parseDouble(t[3]);
            c.groups = t[5].equals("1");
            c.clip = t[7].equals("none") ? Double.NaN : Double.parseDouble(t[7]);
            break;
          case "lr":
            c.lr = numbers(t);
            break;
          case "mom":
            c.mom = t[1].equals("none") ? null : numbers(t);
            break;
          case "f64":
            c.f64.add(numbers(t));
            break;
          case "f32":
            c.f32.add(numbers(t));
            break;
          default:
            throw new IllegalStateException("unknown line " + t[0]);
        }
      }
    }
    return out;
  }

  private static double[] numbers(String[] t) {
    double[] v = new double[t.length - 1];
    for (int i = 1; i < t.length; i++) {
      v[i - 1] = Double.parseDouble(t[i]);
    }
    return v;
  }

  @Test
  void everyOptimizerAndOptionIsCovered() throws IOException {
    List<Case> all = cases();
    assertEquals(39, all.size());
    for (String kind : new String[] {"sgd", "adam", "adamw", "rmsprop", "adagrad"}) {
      assertTrue(all.stream().anyMatch(c -> c.kind.equals(kind)), kind);
      assertTrue(
          all.stream().anyMatch(c -> c.kind.equals(kind) && !Double.isNaN(c.clip)), kind + " clip");
      assertTrue(
          all.stream().anyMatch(c -> c.kind.equals(kind) && c.flag("maximize")), kind + " max");
    }
  }

  @TestFactory
  Stream<DynamicTest> doubleWithin1e12OfTorchFloat64() throws IOException {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name,
                    () -> {
                      double[][] p = c.runDouble();
                      for (int i = 0; i < p.length; i++) {
                        for (int j = 0; j < p[i].length; j++) {
                          double want = c.f64.get(i)[j];
                          double err = Math.abs(p[i][j] - want) / Math.max(Math.abs(want), 1);
                          assertTrue(
                              err <= DOUBLE_TOLERANCE,
                              c.name + " [" + i + "][" + j + "] " + p[i][j] + " vs " + want);
                        }
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> floatBitForBitWithTorchFloat32() throws IOException {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name,
                    () -> {
                      float[][] p = c.runFloat();
                      int differ = 0;
                      double ours = 0;
                      double torch = 0;
                      String first = null;
                      for (int i = 0; i < p.length; i++) {
                        for (int j = 0; j < p[i].length; j++) {
                          float want = (float) c.f32.get(i)[j];
                          double ref = c.f64.get(i)[j];
                          ours = Math.max(ours, Math.abs(p[i][j] - ref));
                          torch = Math.max(torch, Math.abs(want - ref));
                          if (Float.floatToIntBits(p[i][j]) != Float.floatToIntBits(want)) {
                            differ++;
                            if (first == null) {
                              first = "[" + i + "][" + j + "] " + p[i][j] + " vs " + want;
                            }
                          }
                        }
                      }
                      assertEquals(0, differ, c.name + ": " + differ + " differ, first " + first);
                      assertTrue(ours <= torch, c.name + " drift " + ours + " > torch " + torch);
                    }));
  }
}
