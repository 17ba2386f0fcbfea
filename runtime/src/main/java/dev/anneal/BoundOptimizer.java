package dev.anneal;

import dev.anneal.internal.optim.OptimKernels;
import dev.anneal.internal.optim.OptimRules;
import dev.anneal.internal.optim.OptimState;
import dev.anneal.internal.optim.Spec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An {@link Optimizer} bound to the model's parameter arrays: owns the moments (allocated once, at
 * {@code bind}, zeros or AdaGrad's initial accumulator) and the step count. <b>Not thread-safe</b>:
 * one training thread calls {@link #step}; the parameters are updated in place.
 *
 * <p>{@link #step} checks every argument before writing anything, computes the clip (if any) and
 * the per-group rates, then runs one fused pass per array that reads the gradient (times the clip's
 * factor), the parameter and the moments and writes them back; the gradients are not modified
 * (except by a {@code @ClipValue}, which clamps them in place as its {@code apply} does). After
 * {@code bind} a step allocates nothing.
 *
 * <p>{@link #writeState} and {@link #readState} save and restore the step count and every moment,
 * so a resumed run continues bit for bit.
 */
public final class BoundOptimizer {
  private final Optimizer opt;
  private final Spec spec;
  private final OptimKernels.Provider kernels;
  private final float[][] fp;
  private final double[][] dp;
  private final int[] groupOf;
  private final double[] scales;
  private final long[] delays;
  private final double[] wdMults;

  /** Moment slots: {@code slots[s][i]} is slot s of array i (float[] or double[]), or null. */
  private final float[][][] fs;

  private final double[][][] ds;

  /** Per-step scratch, allocated here so steps allocate nothing. */
  private final double[] factors;

  private final double[] groupLr;
  private final double[] groupMom;
  private long steps;

  private BoundOptimizer(
      Optimizer opt,
      float[][] fp,
      double[][] dp,
      int[] groupOf,
      double[] scales,
      long[] delays,
      double[] wdMults) {
    this.opt = opt;
    this.spec = opt.spec();
    this.kernels = OptimKernels.provider();
    this.fp = fp;
    this.dp = dp;
    this.groupOf = groupOf;
    this.scales = scales;
    this.delays = delays;
    this.wdMults = wdMults;
    int n = fp != null ? fp.length : dp.length;
    boolean[] used = slotsUsed(spec, opt.momentumSchedule() != null);
    double init = initialValue(spec);
    fs = new float[used.length][][];
    ds = new double[used.length][][];
    for (int s = 0; s < used.length; s++) {
      if (!used[s]) {
        continue;
      }
      if (fp != null) {
        fs[s] = new float[n][];
        for (int i = 0; i < n; i++) {
          fs[s][i] = new float[fp[i].length];
          if (s == 0 && init != 0) {
            java.util.Arrays.fill(fs[s][i], (float) init);
          }
        }
      } else {
        ds[s] = new double[n][];
        for (int i = 0; i < n; i++) {
          ds[s][i] = new double[dp[i].length];
          if (s == 0 && init != 0) {
            java.util.Arrays.fill(ds[s][i], init);
          }
        }
      }
    }
    this.factors = new double[n];
    this.groupLr = new double[scales.length];
    this.groupMom = new double[scales.length];
  }

  /** Which of the three moment slots the optimizer uses (see the kernels' argument order). */
  private static boolean[] slotsUsed(Spec spec, boolean scheduled) {
    return switch (spec.family()) {
      case SGD -> new boolean[] {((Spec.Sgd) spec).momentum() != 0 || scheduled, false, false};
      case ADAM, ADAMW -> new boolean[] {true, true, ((Spec.Adam) spec).amsgrad()};
      case RMSPROP -> {
        Spec.RmsProp s = (Spec.RmsProp) spec;
        yield new boolean[] {true, s.centered(), s.momentum() > 0 || scheduled};
      }
      case ADAGRAD -> new boolean[] {true, false, false};
    };
  }

  /** The value slot 0 starts at: AdaGrad's initial accumulator, else 0. */
  private static double initialValue(Spec spec) {
    return switch (spec.family()) {
      case ADAGRAD -> ((Spec.AdaGrad) spec).initialAccumulator();
      case SGD, ADAM, ADAMW, RMSPROP -> 0;
    };
  }

  static BoundOptimizer bind(
      Optimizer opt, ParamGroups groups, int[] groupOf, float[][] fp, double[][] dp) {
    Object[] params = fp != null ? fp : dp;
    if (params == null) {
      throw new IllegalArgumentException("params must not be null");
    }
    for (int i = 0; i < params.length; i++) {
      if (params[i] == null) {
        throw new IllegalArgumentException("params[" + i + "] must not be null");
      }
    }
    double[] scales;
    long[] delays;
    double[] wd;
    int[] of;
    if (groups == null && groupOf == null) {
      scales = new double[] {1};
      delays = new long[] {0};
      wd = new double[] {1};
      of = new int[params.length];
    } else {
      if (groups == null) {
        throw new IllegalArgumentException("groups must not be null");
      }
      if (groupOf == null) {
        throw new IllegalArgumentException("groupOf must not be null");
      }
      if (groupOf.length != params.length) {
        throw new IllegalArgumentException(
            "groupOf.length "
                + groupOf.length
                + " != the number of parameter arrays "
                + params.length);
      }
      for (int i = 0; i < groupOf.length; i++) {
        if (groupOf[i] < 0 || groupOf[i] >= groups.size()) {
          throw new IllegalArgumentException(
              "groupOf["
                  + i
                  + "] = "
                  + groupOf[i]
                  + " is not a group index of "
                  + groups
                  + " (0 to "
                  + (groups.size() - 1)
                  + ")");
        }
      }
      int n = groups.size();
      scales = new double[n];
      delays = new long[n];
      wd = new double[n];
      for (int g = 0; g < n; g++) {
        scales[g] = groups.scale(g);
        delays[g] = groups.delay(g);
        wd[g] = groups.weightDecay(g);
      }
      of = groupOf.clone();
    }
    return new BoundOptimizer(
        opt,
        fp == null ? null : fp.clone(),
        dp == null ? null : dp.clone(),
        of,
        scales,
        delays,
        wd);
  }

  /** The optimizer this updater runs. */
  public Optimizer optimizer() {
    return opt;
  }

  /** Steps taken (skipped steps of a {@code SKIP} clip not counted). */
  public long steps() {
    return steps;
  }

  /**
   * One update of every array with these gradients ({@code grads[i]} for {@code params[i]}).
   *
   * @return false when a clip with {@link ClipNonFinite#SKIP} found a non-finite norm: nothing was
   *     changed and the step count did not advance; true otherwise
   * @throws IllegalArgumentException if this was bound to {@code double[]}, the number or a length
   *     of the arrays differs from the parameters', an array is null, a schedule gives a non-finite
   *     rate or a momentum out of its domain, or the clip's {@code ERROR} policy refuses the norm;
   *     nothing is written then
   */
  public boolean step(float[]... grads) {
    if (fp == null) {
      throw new IllegalArgumentException(
          "this optimizer is bound to double[] parameters; step takes double[] gradients");
    }
    checkGrads(grads, grads == null ? 0 : grads.length);
    for (int i = 0; i < grads.length; i++) {
      checkLength(i, grads[i] == null ? -1 : grads[i].length, fp[i].length);
    }
    return run(grads, null);
  }

  /** {@link #step(float[][])} for an updater bound to {@code double[]} parameters. */
  public boolean step(double[]... grads) {
    if (dp == null) {
      throw new IllegalArgumentException(
          "this optimizer is bound to float[] parameters; step takes float[] gradients");
    }
    checkGrads(grads, grads == null ? 0 : grads.length);
    for (int i = 0; i < grads.length; i++) {
      checkLength(i, grads[i] == null ? -1 : grads[i].length, dp[i].length);
    }
    return run(null, grads);
  }

  private void checkGrads(Object[] grads, int n) {
    int expected = fp != null ? fp.length : dp.length;
    if (grads == null) {
      throw new IllegalArgumentException("grads must not be null");
    }
    if (n != expected) {
      throw new IllegalArgumentException(
          "step got " + n + " gradient arrays for " + expected + " parameter arrays");
    }
  }

  private static void checkLength(int i, int length, int expected) {
    if (length < 0) {
      throw new IllegalArgumentException("grads[" + i + "] must not be null");
    }
    if (length != expected) {
      throw new IllegalArgumentException(
          "grads[" + i + "].length " + length + " != params[" + i + "].length " + expected);
    }
  }

  private boolean run(float[][] fg, double[][] dg) {
    long k = steps;
    LrSchedule lr = opt.lr();
    LrSchedule mom = opt.momentumSchedule();
    for (int g = 0; g < scales.length; g++) {
      if (k < delays[g]) {
        continue;
      }
      long local = k - delays[g];
      double rate = lr.at(local);
      if (!Double.isFinite(rate)) {
        throw new IllegalArgumentException(
            opt + ": the lr schedule gave " + rate + " at step " + local + "; nothing was changed");
      }
      groupLr[g] = scales[g] * rate;
      if (mom != null) {
        double m = mom.at(local);
        String error = OptimRules.scheduled(spec.family(), m, local);
        if (error != null) {
          throw new IllegalArgumentException(error + "; nothing was changed");
        }
        groupMom[g] = m;
      }
    }
    GradientClip clip = opt.clip();
    if (clip != null) {
      double total = clip.factors(fg != null ? fg : dg, factors);
      if (!Double.isFinite(total) && clip.skipsNonFinite()) {
        return false;
      }
    } else {
      java.util.Arrays.fill(factors, 1.0);
    }
    int n = factors.length;
    for (int i = 0; i < n; i++) {
      int g = groupOf[i];
      if (k < delays[g]) {
        continue;
      }
      update(i, g, k - delays[g] + 1, fg == null ? null : fg[i], dg == null ? null : dg[i]);
    }
    steps = k + 1;
    return true;
  }

  /** Array {@code i} of group {@code g} at its step {@code t} (1, 2, ...). */
  private void update(int i, int g, long t, float[] fg, double[] dg) {
    double wd = spec.weightDecay() * wdMults[g];
    int flags = spec.maximize() ? OptimKernels.MAXIMIZE : 0;
    // an exhaustive switch: a new family without its update does not compile (the method
    // references capture nothing, so choosing one allocates nothing)
    Step step =
        switch (spec.family()) {
          case SGD -> BoundOptimizer::sgd;
          case ADAM, ADAMW -> BoundOptimizer::adam;
          case RMSPROP -> BoundOptimizer::rmsProp;
          case ADAGRAD -> BoundOptimizer::adaGrad;
        };
    step.apply(this, i, g, t, groupLr[g], factors[i], wd, flags, fg, dg);
  }

  /** One family's update of one array, with its group's rate, clip factor and weight decay. */
  @FunctionalInterface
  private interface Step {
    void apply(
        BoundOptimizer o,
        int i,
        int g,
        long t,
        double lr,
        double cf,
        double wd,
        int flags,
        float[] fg,
        double[] dg);
  }

  private void sgd(
      int i, int g, long t, double lr, double cf, double wd, int flags, float[] fg, double[] dg) {
    Spec.Sgd s = (Spec.Sgd) spec;
    double m = opt.momentumSchedule() != null ? groupMom[g] : s.momentum();
    flags |= wd != 0 ? OptimKernels.L2 : 0;
    flags |= m != 0 ? OptimKernels.MOMENTUM : 0;
    flags |= t == 1 ? OptimKernels.FIRST : 0;
    flags |= s.nesterov() ? OptimKernels.NESTEROV : 0;
    double damp1 = 1 - s.dampening();
    if (fg != null) {
      kernels.sgd(
          fp[i],
          fg,
          slot(fs, 0, i),
          (float) cf,
          (float) -lr,
          (float) wd,
          (float) m,
          (float) damp1,
          flags);
    } else {
      kernels.sgd(dp[i], dg, slot(ds, 0, i), cf, -lr, wd, m, damp1, flags);
    }
  }

  private void adam(
      int i, int g, long t, double lr, double cf, double wd, int flags, float[] fg, double[] dg) {
    Spec.Adam s = (Spec.Adam) spec;
    double b1 = opt.momentumSchedule() != null ? groupMom[g] : s.beta1();
    double b2 = s.beta2();
    flags |= s.amsgrad() ? OptimKernels.AMSGRAD : 0;
    boolean decoupled = s.decoupled();
    flags |= decoupled && wd != 0 ? OptimKernels.DECAY : 0;
    flags |= !decoupled && wd != 0 ? OptimKernels.L2 : 0;
    double bc1 = 1 - Math.pow(b1, (double) t);
    double bc2 = 1 - Math.pow(b2, (double) t);
    if (s.keras()) {
      double alpha = lr * Math.sqrt(bc2) / bc1;
      double decay = wd * lr;
      if (fg != null) {
        kernels.adamKeras(
            fp[i],
            fg,
            slot(fs, 0, i),
            slot(fs, 1, i),
            slot(fs, 2, i),
            (float) cf,
            (float) decay,
            (float) wd,
            (float) (1 - b1),
            (float) (1 - b2),
            (float) alpha,
            (float) s.eps(),
            flags);
      } else {
        kernels.adamKeras(
            dp[i],
            dg,
            slot(ds, 0, i),
            slot(ds, 1, i),
            slot(ds, 2, i),
            cf,
            decay,
            wd,
            1 - b1,
            1 - b2,
            alpha,
            s.eps(),
            flags);
      }
      return;
    }
    double decay = 1 - lr * wd;
    double negStep = -(lr / bc1);
    double bc2s = Math.sqrt(bc2);
    if (fg != null) {
      kernels.adam(
          fp[i],
          fg,
          slot(fs, 0, i),
          slot(fs, 1, i),
          slot(fs, 2, i),
          (float) cf,
          (float) decay,
          (float) wd,
          (float) b1,
          (float) (1 - b1),
          (float) b2,
          (float) (1 - b2),
          (float) bc2s,
          (float) s.eps(),
          (float) negStep,
          flags);
    } else {
      kernels.adam(
          dp[i],
          dg,
          slot(ds, 0, i),
          slot(ds, 1, i),
          slot(ds, 2, i),
          cf,
          decay,
          wd,
          b1,
          1 - b1,
          b2,
          1 - b2,
          bc2s,
          s.eps(),
          negStep,
          flags);
    }
  }

  private void rmsProp(
      int i, int g, long t, double lr, double cf, double wd, int flags, float[] fg, double[] dg) {
    Spec.RmsProp s = (Spec.RmsProp) spec;
    double m = opt.momentumSchedule() != null ? groupMom[g] : s.momentum();
    flags |= wd != 0 ? OptimKernels.L2 : 0;
    flags |= m > 0 ? OptimKernels.MOMENTUM : 0;
    flags |= s.centered() ? OptimKernels.CENTERED : 0;
    double a = s.alpha();
    if (fg != null) {
      kernels.rmsProp(
          fp[i],
          fg,
          slot(fs, 0, i),
          slot(fs, 1, i),
          slot(fs, 2, i),
          (float) cf,
          (float) wd,
          (float) a,
          (float) (1 - a),
          (float) s.eps(),
          (float) m,
          (float) -lr,
          flags);
    } else {
      kernels.rmsProp(
          dp[i],
          dg,
          slot(ds, 0, i),
          slot(ds, 1, i),
          slot(ds, 2, i),
          cf,
          wd,
          a,
          1 - a,
          s.eps(),
          m,
          -lr,
          flags);
    }
  }

  private void adaGrad(
      int i, int g, long t, double lr, double cf, double wd, int flags, float[] fg, double[] dg) {
    Spec.AdaGrad s = (Spec.AdaGrad) spec;
    flags |= wd != 0 ? OptimKernels.L2 : 0;
    double clr = lr / (1 + (double) (t - 1) * s.lrDecay());
    if (fg != null) {
      kernels.adaGrad(
          fp[i], fg, slot(fs, 0, i), (float) cf, (float) wd, (float) s.eps(), (float) -clr, flags);
    } else {
      kernels.adaGrad(dp[i], dg, slot(ds, 0, i), cf, wd, s.eps(), -clr, flags);
    }
  }

  private static float[] slot(float[][][] slots, int s, int i) {
    return slots[s] == null ? null : slots[s][i];
  }

  private static double[] slot(double[][][] slots, int s, int i) {
    return slots[s] == null ? null : slots[s][i];
  }

  // ------------------------------------------------------------------------------------- state

  /**
   * Writes the step count and every moment as a versioned binary stream, with a fingerprint of the
   * declaration ({@link Optimizer#toString}), the element type and the array lengths, and a
   * checksum.
   *
   * @throws IOException from {@code out}
   */
  public void writeState(OutputStream out) throws IOException {
    OptimState.write(out, fingerprint(), steps, fs, ds);
  }

  /**
   * Replaces the step count and every moment with a stream {@link #writeState} wrote. The whole
   * stream is read and checked first: a stream from another declaration, element type or shapes, a
   * truncated or garbled one, is refused with an {@link IllegalArgumentException} that says what
   * differs, and nothing changes.
   *
   * @throws IOException from {@code in}
   */
  public void readState(InputStream in) throws IOException {
    steps = OptimState.read(in, fingerprint(), fs, ds);
  }

  private String fingerprint() {
    StringBuilder sb = new StringBuilder(opt.toString());
    sb.append(fp != null ? " float[" : " double[");
    int n = fp != null ? fp.length : dp.length;
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(fp != null ? fp[i].length : dp[i].length);
    }
    return sb.append(']').toString();
  }

  @Override
  public String toString() {
    return "BoundOptimizer[" + fingerprint() + ", " + steps + " steps]";
  }
}
