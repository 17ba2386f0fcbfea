package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Optimizer} and {@link BoundOptimizer}: validation, text, bad input (refused before
 * anything is written), groups, clip policies, state round trips and allocation.
 */
class OptimizerTest {
  private static final LrSchedule LR = Schedules.cosine(0.01, 200).warmup(10).build();
  private static final int[] LENGTHS = {3, 40, 129};

  private static float[][] params(long seed) {
    Random r = new Random(seed);
    float[][] p = new float[LENGTHS.length][];
    for (int i = 0; i < p.length; i++) {
      p[i] = new float[LENGTHS[i]];
      for (int j = 0; j < p[i].length; j++) {
        p[i][j] = (float) r.nextGaussian();
      }
    }
    return p;
  }

  private static float[][] copy(float[][] a) {
    float[][] b = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }

  /** Every optimizer with most options on, and a clip. */
  private static List<Optimizer> all() {
    GradientClip clip = GradientClip.norm(1.0).build();
    LrSchedule mom = Schedules.cycleMomentum(Schedules.oneCycle(0.01, 200).build());
    return List.of(
        Optimizer.sgd(LR).momentum(0.9).nesterov(true).weightDecay(1e-4).clip(clip).build(),
        Optimizer.sgd(LR).momentumSchedule(mom).dampening(0.1).build(),
        Optimizer.adam(LR).amsgrad(true).weightDecay(1e-3).build(),
        Optimizer.adamW(LR).beta1Schedule(mom).clip(clip).build(),
        Optimizer.adamW(LR).compat(AdamCompat.KERAS).amsgrad(true).maximize(true).build(),
        Optimizer.rmsProp(LR).centered(true).momentum(0.9).build(),
        Optimizer.adaGrad(LR).lrDecay(0.01).initialAccumulator(0.1).weightDecay(1e-3).build());
  }

  private static float[][] grads(Random r) {
    float[][] g = new float[LENGTHS.length][];
    for (int i = 0; i < g.length; i++) {
      g[i] = new float[LENGTHS[i]];
      for (int j = 0; j < g[i].length; j++) {
        g[i][j] = (float) r.nextGaussian();
      }
    }
    return g;
  }

  private static ParamGroups groups() {
    return ParamGroups.builder().add("weights", 1.0, 0, 1.0).add("biases", 0.5, 0, 0.0).build();
  }

  private static final int[] GROUP_OF = {1, 0, 0};

  private static byte[] state(BoundOptimizer b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    b.writeState(out);
    return out.toByteArray();
  }

  // ------------------------------------------------------------------------------ validation

  @Test
  void rulesNameTheAttributeAndValue() {
    assertMessage(() -> Optimizer.adam(LR).beta1(1.0).build(), "@Adam.beta1", "1.0");
    assertMessage(() -> Optimizer.adamW(LR).beta2(-0.1).build(), "@AdamW.beta2", "-0.1");
    assertMessage(() -> Optimizer.adamW(LR).eps(0).build(), "@AdamW.eps", "0.0");
    assertMessage(() -> Optimizer.sgd(LR).momentum(Double.NaN).build(), "@SGD.momentum", "NaN");
    assertMessage(
        () -> Optimizer.sgd(LR).nesterov(true).build(), "@SGD.nesterov", "momentum = 0.0");
    assertMessage(
        () -> Optimizer.sgd(LR).momentum(0.9).dampening(0.1).nesterov(true).build(),
        "@SGD.nesterov",
        "dampening = 0.1");
    assertMessage(() -> Optimizer.rmsProp(LR).alpha(1).build(), "@RMSProp.alpha", "1.0");
    assertMessage(
        () -> Optimizer.adaGrad(LR).initialAccumulator(-1).build(),
        "@AdaGrad.initialAccumulator",
        "-1.0");
    assertMessage(
        () -> Optimizer.adam(LR).clip(GradientClip.adaptive()).build(), "@Adam.clip", "apply");
    assertMessage(() -> Optimizer.adam(null), "lr");
  }

  private static void assertMessage(Runnable r, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage() + " should mention " + p);
    }
  }

  @Test
  void buildersAreImmutable() {
    Optimizer.AdamBuilder base = Optimizer.adamW(LR);
    Optimizer.AdamBuilder changed = base.weightDecay(0.5);
    assertNotSame(base, changed);
    assertEquals("@AdamW(lr = \"lr\")", base.build().toString());
    assertEquals("@AdamW(lr = \"lr\", weightDecay = 0.5)", changed.build().toString());
  }

  // ----------------------------------------------------------------------------------- parse

  @Test
  void parseGivesTheBuildersOptimizerAndPrintsItsText() {
    GradientClip clip = GradientClip.norm(1.0).build();
    LrSchedule mom = Schedules.cycleMomentum(Schedules.oneCycle(0.01, 200).build());
    Map<String, Object> named = Map.of("lr", LR, "clip", clip, "beta1", mom);
    String text =
        "@AdamW(lr = \"lr\", beta2 = 0.99, weightDecay = 0.05, amsgrad = true,"
            + " compat = AdamCompat.KERAS, beta1Schedule = \"beta1\", clip = \"clip\")";
    Optimizer parsed = Optimizer.parse(text, named);
    assertEquals(text, parsed.toString());
    Optimizer built =
        Optimizer.adamW(LR)
            .beta2(0.99)
            .weightDecay(0.05)
            .amsgrad(true)
            .compat(AdamCompat.KERAS)
            .beta1Schedule(mom)
            .clip(clip)
            .build();
    float[][] a = params(1);
    float[][] b = copy(a);
    BoundOptimizer x = parsed.bind(a);
    BoundOptimizer y = built.bind(b);
    Random r = new Random(5);
    for (int k = 0; k < 30; k++) {
      float[][] g = grads(r);
      x.step(copy(g));
      y.step(g);
    }
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i]);
    }
    // every optimizer's text parses back to the same text
    for (Optimizer o : all()) {
      String t = o.toString();
      Map<String, Object> n =
          Map.of("lr", LR, "clip", clip, "momentumSchedule", mom, "beta1Schedule", mom);
      assertEquals(t, Optimizer.parse(t, n).toString());
    }
  }

  @Test
  void parseAcceptsAPlateauScheduleAndQualifiedNames() {
    PlateauSchedule plateau = PlateauSchedule.of(LR).build();
    Optimizer o =
        Optimizer.parse(
            "@dev.anneal.SGD(lr = \"lr\", momentum = 9e-1, nesterov = true)",
            Map.of("lr", plateau));
    assertEquals("@SGD(lr = \"lr\", momentum = 0.9, nesterov = true)", o.toString());
  }

  @Test
  void parseErrorsNameTheFaultAndSuggest() {
    Map<String, Object> named = Map.of("lr", LR, "clip", GradientClip.norm(1).build());
    assertMessage(() -> Optimizer.parse("@AdamW(lr = \"lrr\")", named), "\"lrr\"", "\"lr\"?");
    assertMessage(
        () -> Optimizer.parse("@AdamW(lr = \"lr\", weightdecay = 0.1)", named),
        "weightdecay",
        "did you mean weightDecay?");
    assertMessage(
        () -> Optimizer.parse("@AdamW(lr = \"clip\")", named), "@AdamW.lr", "GradientClip");
    assertMessage(
        () -> Optimizer.parse("@AdamW(lr = \"lr\", beta1 = 1.5)", named), "@AdamW.beta1", "1.5");
    assertMessage(() -> Optimizer.parse("@Adamax(lr = \"lr\")", named), "Adamax");
    assertMessage(() -> Optimizer.parse("@SGD(momentum = 0.9)", named), "@SGD.lr is required");
    assertMessage(
        () -> Optimizer.parse("@Adam(lr = \"lr\", compat = AdamCompat.JAX)", named), "JAX");
    assertMessage(() -> Optimizer.parse("@Adam(lr = \"lr\", eps = )", named), "at ");
  }

  // ------------------------------------------------------------------------------- bad input

  @Test
  void badInputIsRefusedBeforeAnythingIsWritten() throws IOException {
    Optimizer o = Optimizer.adamW(LR).build();
    float[][] p = params(2);
    assertMessage(() -> o.bind((float[][]) null), "params");
    assertMessage(() -> o.bind(p[0], null), "params[1]");
    assertMessage(() -> o.bind(groups(), new int[] {0, 1}, p), "groupOf.length 2");
    assertMessage(() -> o.bind(groups(), new int[] {0, 2, 0}, p), "groupOf[1] = 2");
    assertMessage(() -> o.bind(null, GROUP_OF, p), "groups");
    BoundOptimizer b = o.bind(groups(), GROUP_OF, p);
    b.step(grads(new Random(1)));
    float[][] before = copy(p);
    byte[] stateBefore = state(b);
    float[][] g = grads(new Random(2));
    float[][] shortLast = {g[0], g[1], new float[LENGTHS[2] - 1]};
    assertMessage(() -> b.step(shortLast), "grads[2].length 128 != params[2].length 129");
    assertMessage(() -> b.step(g[0], g[1]), "2 gradient arrays for 3");
    assertMessage(() -> b.step(g[0], g[1], null), "grads[2]");
    assertMessage(() -> b.step((float[][]) null), "grads");
    assertMessage(() -> b.step(new double[3][]), "float[]");
    for (int i = 0; i < p.length; i++) {
      assertArrayEquals(before[i], p[i]);
    }
    assertArrayEquals(stateBefore, state(b));
    assertEquals(1, b.steps());
  }

  @Test
  void nonFiniteScheduleValuesAreRefused() {
    float[][] p = params(3);
    float[][] before = copy(p);
    BoundOptimizer b = Optimizer.sgd(k -> k == 0 ? Double.NaN : 0.1).build().bind(p);
    assertMessage(() -> b.step(grads(new Random(1))), "lr schedule gave NaN at step 0");
    BoundOptimizer c = Optimizer.adam(LR).beta1Schedule(k -> 1.0).build().bind(copy(p));
    assertMessage(() -> c.step(grads(new Random(1))), "@Adam.beta1Schedule gave 1.0");
    for (int i = 0; i < p.length; i++) {
      assertArrayEquals(before[i], p[i]);
    }
  }

  // ------------------------------------------------------------------------- groups and clip

  @Test
  void aDelayedGroupIsUntouchedThenStartsItsOwnCount() {
    ParamGroups delayed = ParamGroups.builder().add("early", 1.0, 0).add("late", 1.0, 3).build();
    float[][] p = params(4);
    float[][] fresh = {p[2].clone()};
    float[] late = p[2].clone();
    BoundOptimizer b = Optimizer.adamW(LR).build().bind(delayed, new int[] {0, 0, 1}, p);
    BoundOptimizer alone = Optimizer.adamW(LR).build().bind(fresh);
    Random r = new Random(6);
    for (int k = 0; k < 8; k++) {
      float[][] g = grads(r);
      b.step(g);
      if (k < 3) {
        assertArrayEquals(late, p[2], "step " + k);
      } else {
        alone.step(g[2]); // the late group's step k is its local step k - 3
      }
    }
    assertArrayEquals(fresh[0], p[2]);
  }

  @Test
  void weightDecayMultiplierZeroLeavesBiasesUndecayed() {
    float[][] p = params(5);
    float[] bias = p[0].clone();
    // a zero gradient: only the decoupled decay could move the parameters
    float[][] zero = {new float[LENGTHS[0]], new float[LENGTHS[1]], new float[LENGTHS[2]]};
    BoundOptimizer b =
        Optimizer.adamW(k -> 0.1).weightDecay(0.5).build().bind(groups(), GROUP_OF, p);
    float w = p[1][0];
    b.step(zero);
    assertArrayEquals(bias, p[0]);
    assertEquals(w * (float) (1 - 0.1 * 0.5), p[1][0]);
  }

  @Test
  void paramGroupsKeepTheirFactoriesAndCheckTheMultiplier() {
    assertEquals(1.0, ParamGroups.of(0.5, 1.0).weightDecay(1));
    assertEquals(1.0, ParamGroups.builder().add("a", 1.0, 3).build().weightDecay(0));
    ParamGroups g = ParamGroups.builder().add("bias", 1.0, 0, 0.0).build();
    assertEquals(0.0, g.weightDecay(0));
    assertTrue(g.toString().contains("wd x0.0"), g.toString());
    assertMessage(
        () -> ParamGroups.builder().add("x", 1.0, 0, -1.0).build(),
        "weight-decay multiplier of group 0",
        "-1.0");
    assertMessage(() -> ParamGroups.builder().add("x", 1.0, 0, Double.NaN).build(), "NaN");
  }

  @Test
  void skipClipLeavesEverythingUntouched() throws IOException {
    GradientClip skip = GradientClip.norm(1.0).nonFinite(ClipNonFinite.SKIP).build();
    float[][] p = params(6);
    BoundOptimizer b = Optimizer.adam(LR).clip(skip).build().bind(p);
    b.step(grads(new Random(1)));
    float[][] before = copy(p);
    byte[] stateBefore = state(b);
    float[][] g = grads(new Random(2));
    g[1][7] = Float.NaN;
    float[][] gBefore = copy(g);
    assertFalse(b.step(g));
    for (int i = 0; i < p.length; i++) {
      assertArrayEquals(before[i], p[i]);
      assertArrayEquals(gBefore[i], g[i]);
    }
    assertArrayEquals(stateBefore, state(b));
    assertEquals(1, b.steps());
    GradientClip error = GradientClip.norm(1.0).nonFinite(ClipNonFinite.ERROR).build();
    BoundOptimizer e = Optimizer.adam(LR).clip(error).build().bind(p);
    assertMessage(() -> e.step(g), "nothing was changed");
    for (int i = 0; i < p.length; i++) {
      assertArrayEquals(before[i], p[i]);
    }
  }

  @Test
  void theClipFactorIsAppliedInsideThePassAndGradientsAreKept() {
    GradientClip clip = GradientClip.norm(0.5).build();
    float[][] a = params(7);
    float[][] b = copy(a);
    BoundOptimizer fused = Optimizer.sgd(k -> 0.1).clip(clip).build().bind(a);
    BoundOptimizer plain = Optimizer.sgd(k -> 0.1).build().bind(b);
    float[][] g = grads(new Random(3));
    float[][] kept = copy(g);
    fused.step(g);
    for (int i = 0; i < g.length; i++) {
      assertArrayEquals(kept[i], g[i], "the gradients are not modified");
    }
    // the factor, rounded to float, times every gradient: what torch's clip then step does
    double norm = 0;
    for (float[] x : g) {
      for (float v : x) {
        norm += (double) v * v;
      }
    }
    float f = (float) Math.min(0.5 / (Math.sqrt(norm) + 1e-6), 1.0);
    float[][] scaled = copy(g);
    for (float[] x : scaled) {
      for (int j = 0; j < x.length; j++) {
        x[j] *= f;
      }
    }
    plain.step(scaled);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(b[i], a[i]);
    }
  }

  // ----------------------------------------------------------------------------------- state

  @Test
  void aRunStoppedAtARandomStepAndRestoredContinuesBitForBit() throws IOException {
    Random r = new Random(19);
    for (Optimizer o : all()) {
      for (int trial = 0; trial < 3; trial++) {
        int stop = r.nextInt(40);
        long seed = r.nextLong();
        float[][] full = params(seed);
        BoundOptimizer a = o.bind(groups(), GROUP_OF, full);
        Random ga = new Random(seed);
        float[][] resumed = params(seed);
        BoundOptimizer first = o.bind(groups(), GROUP_OF, resumed);
        Random gb = new Random(seed);
        for (int k = 0; k < stop; k++) {
          a.step(grads(ga));
          first.step(grads(gb));
        }
        byte[] saved = state(first);
        float[][] p2 = copy(resumed);
        BoundOptimizer second = o.bind(groups(), GROUP_OF, p2); // a fresh process
        second.readState(new ByteArrayInputStream(saved));
        assertEquals(stop, second.steps());
        for (int k = stop; k < 40; k++) {
          a.step(grads(ga));
          second.step(grads(gb));
        }
        for (int i = 0; i < full.length; i++) {
          assertArrayEquals(full[i], p2[i], o + " stopped at " + stop);
        }
        assertArrayEquals(state(a), state(second));
      }
    }
  }

  @Test
  void doubleStateRoundTrips() throws IOException {
    double[] p = {1, 2, 3};
    double[] q = p.clone();
    Optimizer o = Optimizer.rmsProp(LR).centered(true).momentum(0.5).build();
    BoundOptimizer a = o.bind(p);
    a.step(new double[] {0.1, -0.2, 0.3});
    BoundOptimizer b = o.bind(q);
    b.readState(new ByteArrayInputStream(state(a)));
    q[0] = p[0];
    q[1] = p[1];
    q[2] = p[2];
    a.step(new double[] {0.3, 0.2, 0.1});
    b.step(new double[] {0.3, 0.2, 0.1});
    assertArrayEquals(p, q);
  }

  @Test
  void aMismatchedOrGarbledStateIsRefusedAndChangesNothing() throws IOException {
    Optimizer o = Optimizer.adamW(LR).build();
    BoundOptimizer a = o.bind(params(8));
    a.step(grads(new Random(1)));
    byte[] saved = state(a);

    BoundOptimizer target = o.bind(params(9));
    target.step(grads(new Random(2)));
    byte[] before = state(target);

    Supplier<BoundOptimizer> other =
        () -> Optimizer.adamW(LR).weightDecay(0.02).build().bind(params(9));
    assertMessage(
        () -> read(other.get(), saved),
        "written by @AdamW(lr = \"lr\") float[3, 40, 129]",
        "weightDecay = 0.02");
    float[][] shorter = params(9);
    shorter[2] = new float[5];
    assertMessage(() -> read(o.bind(shorter), saved), "float[3, 40, 5]");
    assertMessage(
        () -> read(o.bind(new double[3], new double[40], new double[129]), saved),
        "double[3, 40, 129]");
    for (int at : new int[] {0, 5, 9, 40, saved.length / 2, saved.length - 1}) {
      byte[] bad = saved.clone();
      bad[at] ^= 0x10;
      assertMessage(() -> read(target, bad), "nothing was changed");
    }
    assertMessage(() -> read(target, Arrays.copyOf(saved, saved.length - 3)), "nothing");
    assertMessage(() -> read(target, new byte[0]), "not a valid optimizer state");
    assertArrayEquals(before, state(target));
    assertEquals(1, target.steps());
  }

  private static void read(BoundOptimizer b, byte[] bytes) {
    try {
      b.readState(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ------------------------------------------------------------------------------ allocation

  @Test
  void aStepAllocatesNothingAfterBind() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    List<BoundOptimizer> bound = new java.util.ArrayList<>();
    float[][] g = grads(new Random(1));
    for (Optimizer o : all()) {
      bound.add(o.bind(groups(), GROUP_OF, params(1)));
    }
    BoundOptimizer[] array = bound.toArray(new BoundOptimizer[0]);
    for (int k = 0;
        k < 20_000;
        k++) { // warm up: C1-compiled vector code allocates until C2 takes over
      for (BoundOptimizer b : bound) {
        b.step(g);
      }
    }
    long least = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 5 && least > 0; attempt++) {
      long before = mx.getCurrentThreadAllocatedBytes();
      for (int k = 0; k < 1000; k++) {
        for (BoundOptimizer b : array) { // an array: a list's iterator could allocate
          b.step(g);
        }
      }
      least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - before);
    }
    // 7,000 steps: one 16-byte object per step would be 112 KB
    assertTrue(least < 1024, "allocated " + least + " bytes in 7,000 steps");
  }
}
