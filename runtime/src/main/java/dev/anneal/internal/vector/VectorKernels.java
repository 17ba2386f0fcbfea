package dev.anneal.internal.vector;

import static jdk.incubator.vector.VectorOperators.COS;
import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.SQRT;
import static jdk.incubator.vector.VectorOperators.TANH;
import static jdk.incubator.vector.VectorOperators.XOR;

import dev.anneal.CyclicMode;
import dev.anneal.Interpolation;
import dev.anneal.Ramp;
import dev.anneal.internal.Kernels;
import dev.anneal.internal.Plan;
import dev.anneal.internal.kind.Constant;
import dev.anneal.internal.kind.Cosine;
import dev.anneal.internal.kind.Cyclic;
import dev.anneal.internal.kind.Exponential;
import dev.anneal.internal.kind.InverseSqrt;
import dev.anneal.internal.kind.InverseTime;
import dev.anneal.internal.kind.Linear;
import dev.anneal.internal.kind.MultiStep;
import dev.anneal.internal.kind.OneCycle;
import dev.anneal.internal.kind.Periodic;
import dev.anneal.internal.kind.Piecewise;
import dev.anneal.internal.kind.Polynomial;
import dev.anneal.internal.kind.Sigmoid;
import dev.anneal.internal.kind.StepDecay;
import dev.anneal.internal.kind.Tanh;
import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Internal, not API. The Vector API fill kernels: the only class of the runtime that uses {@code
 * jdk.incubator.vector}. {@link Kernels} loads it reflectively, only when that module is in the
 * boot layer, after validating the arguments and checking {@link #supports} and the step range.
 *
 * <p><b>Contract</b> (docs/REFERENCE.md §5, "The vector path and its rounding contract"; {@code
 * KernelContractTest} checks it for every kind, shape and mode). Every lane evaluates the whole
 * {@link Plan} (warm-up, body, restarts, cool-down, hold) in {@code double} lanes with the
 * operations of {@link Plan#at} (and of {@link Plan#ramp}, {@link
 * dev.anneal.internal.kind.Periodic#periodic}, {@link dev.anneal.internal.kind.OneCycle.Phases}) in
 * the same order: the same multiplies, adds, subtracts, divides, compares, min/max, step
 * conversions and table lookups, with the same operands in the same association ({@code a + b * x}
 * stays {@code a + b * x}; only the operands of a single commutative {@code +} or {@code *} may
 * swap, which IEEE 754 rounds identically), and no fused multiply-add. The only operations that may
 * round differently are the calls to transcendental functions: {@code COS}, {@code EXP} and {@code
 * LOG} are SVML vector routines (within an ulp or so of {@link Math#cos}, {@link Math#exp}, {@link
 * Math#log}), and {@code Math.pow(x, k)} is written {@code EXP(k * LOG(x))}. So a {@code double[]}
 * fill equals {@link Plan#at} bit for bit wherever the formula at that step calls none of them, and
 * otherwise lies within 1e-15 relative + 1e-15 x peak; a {@code float[]} fill is that double
 * rounded to float (with the group's scale applied in double first). {@code SQRT} is correctly
 * rounded, as {@link Math#sqrt}, so square-root phases are bit for bit too (docs/REFERENCE.md
 * allows them to differ). The Vector API runs its Java fallback (which calls {@link Math}) until C2
 * compiles a kernel, so in transcendental phases a value may also differ by an ulp between an early
 * and a later call.
 *
 * <p>{@code float[]} results are converted at the end: the inputs are 64-bit ({@code long} steps
 * and delays, {@code double} scales), so the kernels are 64-bit-lane shaped anyway, and double
 * lanes keep the ill-conditioned cosine ends accurate.
 *
 * <p>Only operations that x86 AVX2 has as vector instructions (anything else falls back to per-lane
 * Java that allocates): no {@code long -> double} conversion (integer adds of a magic constant
 * instead), no long multiply or divide (quotients are floored in {@code double}, exact for the
 * steps and divisors admitted), no {@code POW} ({@code EXP(k * LOG(x))}).
 *
 * <p>How the code is laid out, and why. A vector that crosses a call C2 does not inline is boxed:
 * an allocation per vector and ~10x the time. C2 refuses to inline a method of ours once the
 * compiled method has grown past a node budget ({@code NodeCountInliningCutoff}), when it was
 * already compiled on its own to more than 2500 bytes, or when it has more than 325 bytecodes;
 * Vector API methods are exempt (force-inlined). So there is no helper method that takes or returns
 * a vector: each body kind has its own loop (its own compile root) with its formula written out,
 * and the warm-up and the cool-down/end, which few lanes are in, are a second pass ({@link #ramp})
 * that runs only when the first saw such a lane and rewrites just those lanes.
 *
 * <p>Each loop reads {@code local = (x[i] ^ flip) + shift}: {@code step - delays[i]} for groups
 * ({@code flip = -1, shift = step + 1}), {@code steps[i]} for batches ({@code flip = shift = 0}); a
 * group not unfrozen yet gets step -1 and value 0. It writes {@code f} ({@code float[]}) or {@code
 * d} ({@code double[]}), scaled by {@code scales} for groups, over whole vectors and then the last
 * vector again overlapping the previous one (values are idempotent), so there is no scalar tail.
 */
public final class VectorKernels implements Kernels.Provider {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  /** Same shape as {@link #D}, so the same lane count. */
  private static final VectorSpecies<Long> L = D.withLanes(long.class);

  /** Half the width of {@link #D}: the same lane count, for {@code float[]} stores. */
  private static final VectorSpecies<Float> F =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  private static final int LANES = D.length();

  /** Bits of {@code 1.5 * 2^52}: adding them to a long below 2^51 in magnitude yields a double. */
  private static final long MAGIC_BITS = 0x4338000000000000L;

  private static final double MAGIC = 0x1.8p52;

  /** Tables (milestones, knots, cycle starts) up to this size are blended entry by entry. */
  private static final int SMALL_TABLE = 16;

  /** The largest divisor ({@code every}, cycle period, {@code steps}) whose quotients are exact. */
  private static final long MAX_DIVISOR = 1L << 52;

  /**
   * Called reflectively by {@link Kernels}.
   *
   * @throws UnsupportedOperationException if vectors are too narrow to pay off
   */
  public VectorKernels() {
    if (LANES < 2 || F.length() != LANES || L.length() != LANES) {
      throw new UnsupportedOperationException(
          "the preferred vector holds " + LANES + " double lane(s)");
    }
  }

  @Override
  public int lanes() {
    return LANES;
  }

  /**
   * Quotients ({@code t / every}, cycle indexes) are taken as {@code floor(t / d)} in doubles,
   * exact when {@code t + d < 2^53}; steps are below 2^51 (checked by {@link Kernels}) and divisors
   * below 2^52 here.
   */
  @Override
  public boolean supports(Plan p) {
    return divisor(p) < MAX_DIVISOR && p.period < MAX_DIVISOR;
  }

  // ---- entry points ----

  // Fewer elements than lanes only when a test lowers the threshold: the plain loop then.

  @Override
  public void fill(Plan p, long step, double[] scales, long[] delays, int n, float[] out) {
    if (n < LANES) {
      for (int g = 0; g < n; g++) {
        long local = step - delays[g];
        out[g] = local < 0 ? 0f : (float) (scales[g] * p.at(local));
      }
      return;
    }
    run(p, delays, -1L, step + 1, scales, n, out, null);
  }

  @Override
  public void fill(Plan p, long step, double[] scales, long[] delays, int n, double[] out) {
    if (n < LANES) {
      for (int g = 0; g < n; g++) {
        long local = step - delays[g];
        out[g] = local < 0 ? 0.0 : scales[g] * p.at(local);
      }
      return;
    }
    run(p, delays, -1L, step + 1, scales, n, null, out);
  }

  @Override
  public void fill(Plan p, long[] steps, float[] out) {
    int n = steps.length;
    if (n < LANES) {
      for (int i = 0; i < n; i++) {
        out[i] = (float) p.at(steps[i]);
      }
      return;
    }
    run(p, steps, 0, 0, null, n, out, null);
  }

  @Override
  public void fill(Plan p, long[] steps, double[] out) {
    int n = steps.length;
    if (n < LANES) {
      for (int i = 0; i < n; i++) {
        out[i] = p.at(steps[i]);
      }
      return;
    }
    run(p, steps, 0, 0, null, n, null, out);
  }

  /*
   * No vector lives across loop iterations or is created before a loop (C2 hoists the broadcasts
   * anyway): an on-stack-replacement compile of a long loop would see it with an inexact type and
   * could not intrinsify the operations on it (boxing, until the normal compile replaces it).
   */

  /** Flags the body loops return: some lane is in the warm-up / past the body. */
  private static final int WARM = 1;

  private static final int END = 2;

  private static void run(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    // Exhaustive switches: a new body kind or periodic shape without its lane code does not
    // compile.
    int edges =
        p.restarts
            ? switch (p.periodic().cycle().shape()) {
              case ONE_CYCLE -> oneCycle(p, x, flip, shift, scales, n, f, d);
              case CONSTANT, COSINE, LINEAR, POLYNOMIAL, TANH ->
                  restarts(p, x, flip, shift, scales, n, f, d);
            }
            : switch (p.body().kind()) {
              case CONSTANT -> constant(p, x, flip, shift, scales, n, f, d);
              case STEP_DECAY ->
                  exponential(
                      p, ((StepDecay.Folded) p.curve()).terms(), x, flip, shift, scales, n, f, d);
              case EXPONENTIAL ->
                  exponential(
                      p, ((Exponential.Folded) p.curve()).terms(), x, flip, shift, scales, n, f, d);
              case MULTI_STEP -> multiStep(p, x, flip, shift, scales, n, f, d);
              case COSINE -> cosine(p, x, flip, shift, scales, n, f, d);
              case LINEAR -> linear(p, x, flip, shift, scales, n, f, d);
              case POLYNOMIAL -> polynomial(p, x, flip, shift, scales, n, f, d);
              case INVERSE_TIME -> inverseTime(p, x, flip, shift, scales, n, f, d);
              case INVERSE_SQRT -> inverseSqrt(p, x, flip, shift, scales, n, f, d);
              case CYCLIC -> cyclic(p, x, flip, shift, scales, n, f, d);
              case ONE_CYCLE -> oneCycle(p, x, flip, shift, scales, n, f, d);
              case PIECEWISE -> piecewise(p, x, flip, shift, scales, n, f, d);
              case TANH -> tanh(p, x, flip, shift, scales, n, f, d);
              case SIGMOID -> sigmoid(p, x, flip, shift, scales, n, f, d);
              // the annotations that are not bodies: a plan's body is never one of them
              case WARMUP,
                  COOLDOWN,
                  RESTARTS,
                  REDUCE_ON_PLATEAU,
                  EARLY_STOPPING,
                  CLIP_NORM,
                  CLIP_VALUE,
                  ADAPTIVE_CLIP ->
                  throw new AssertionError(p.body().kind());
            };
    double w = p.warmupSteps;
    if ((edges & WARM) != 0) {
      ramp(
          p.warmupShape,
          p.warmupFrom,
          p.warmupTo,
          p.warmupLnRatio,
          p.warmupInv,
          p.warmupSlope,
          0,
          w,
          false,
          0,
          x,
          flip,
          shift,
          scales,
          n,
          f,
          d);
    }
    if ((edges & END) != 0) {
      double lo = w + p.bodyLength;
      if (p.cooldownSteps == 0) {
        ramp(
            Ramp.CONSTANT,
            p.endValue,
            p.endValue,
            0,
            0,
            0,
            lo,
            lo,
            true,
            p.endValue,
            x,
            flip,
            shift,
            scales,
            n,
            f,
            d);
      } else {
        ramp(
            p.cooldownShape,
            p.cooldownFrom,
            p.cooldownTo,
            p.cooldownLnRatio,
            p.cooldownInv,
            p.cooldownSlope,
            lo,
            lo + p.cooldownSteps,
            true,
            p.endValue,
            x,
            flip,
            shift,
            scales,
            n,
            f,
            d);
      }
    }
  }

  /** Local step where the body ends (the warm-up included), or infinity. */
  private static double end(Plan p) {
    return p.bodyLength < 0 ? Double.POSITIVE_INFINITY : p.warmupSteps + (double) p.bodyLength;
  }

  // ---- the body loops: each writes the body's value for every lane (other lanes get rewritten)
  // ----
  //
  // Every loop starts with the same lines: the local step s as an exact double (x ^ flip + shift,
  // -1 while frozen, then + 1.5 * 2^52 as bits minus 1.5 * 2^52 as a double), the body-local step
  // t, the edge flags; and ends with the same store: scaled (by 1 for batches) and zeroed while
  // frozen, narrowed for float[]. floor(q) for 0 <= q < 2^52 is written r = q + 2^52 - 2^52
  // (round to an integer), minus 1 where r > q.
  //
  // Receivers are, where possible, vectors whose exact class C2 knows (made by broadcast, fromArray
  // or operations on such vectors); results of reinterpretations and conversions are arguments.
  // Otherwise C2 dispatches through the shared type profile behind a type guard. Known limit (JDK
  // 17 only): when one loop serves many plan shapes in one JVM (cyclic, restarts, one-cycle), it
  // deoptimizes often, and past PerMethodTrapLimit C2 compiles some operations as virtual calls
  // that
  // it cannot intrinsify (the double[] store first): those fills then allocate. JDK 25 does not.

  private static int constant(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    double value = ((Constant.Folded) p.curve()).value;
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector v = DoubleVector.broadcast(D, value);
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /**
   * StepDecay and Exponential: {@code from * exp(k * ln(rate))}, k floored when staircase, then the
   * Exponential's clamp.
   */
  private static int exponential(
      Plan p,
      Exponential.Terms c,
      long[] x,
      long flip,
      long shift,
      double[] scales,
      int n,
      float[] f,
      double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    double every = c.every();
    double from = c.from();
    boolean staircase = c.staircase();
    double lnRate = c.lnRate();
    double lnRatePerStep = c.lnRatePerStep();
    boolean clamped = c.clamped();
    boolean decays = c.decays();
    double to = c.to();
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector k;
      if (staircase) {
        DoubleVector q = t.div(every);
        DoubleVector r = q.add(0x1p52).sub(0x1p52);
        k = r.blend(r.sub(1.0), r.compare(GT, q)).mul(lnRate);
      } else {
        k = t.mul(lnRatePerStep);
      }
      DoubleVector v = k.lanewise(EXP).mul(from);
      if (clamped) {
        v = decays ? v.max(to) : v.min(to);
      }
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /** {@code levels[number of milestones <= t]}. */
  private static int multiStep(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    MultiStep.Folded c = (MultiStep.Folded) p.curve();
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      int lo = 0;
      int hi = c.count();
      if (hi > SMALL_TABLE) {
        // Only the milestones between the lanes' smallest and largest steps.
        lo = milestonesAtMost(c, t.reduceLanes(MIN));
        hi = milestonesAtMost(c, t.reduceLanes(MAX));
      }
      DoubleVector v = DoubleVector.broadcast(D, c.level(lo));
      for (int k = lo; k < hi; k++) {
        v = v.blend(c.level(k + 1), t.compare(GE, (double) c.milestone(k)));
      }
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /** {@code to + delta * ((1 + cos(pi t / steps)) / 2)^exponent}. */
  private static int cosine(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    Cosine.Folded c = (Cosine.Folded) p.curve();
    double exponent = c.exponent;
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector cos = t.mul(c.piOverSteps).lanewise(COS);
      DoubleVector v;
      if (exponent == 1) {
        v = cos.mul(c.half).add(c.mid);
      } else {
        v = cos.mul(0.5).add(0.5).lanewise(LOG).mul(exponent).lanewise(EXP).mul(c.delta).add(c.to);
      }
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  private static int linear(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    Linear.Folded c = (Linear.Folded) p.curve();
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector v = t.mul(c.slope).add(c.from); // from + slope * t
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /**
   * Keras PolynomialDecay: {@code delta * r^power + to}, r the remaining fraction; with {@code
   * cycle} the horizon grows to the next multiple of steps.
   */
  private static int polynomial(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    Polynomial.Folded c = (Polynomial.Folded) p.curve();
    double total = c.steps;
    double exponent = c.power;
    boolean cycle = c.cycle;
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      // (No vector or mask variable may be null on some path: C2 would box it.)
      DoubleVector r;
      VectorMask<Double> ended;
      if (cycle) {
        DoubleVector q = t.div(total);
        DoubleVector fq = q.add(0x1p52).sub(0x1p52);
        fq = fq.blend(fq.sub(1.0), fq.compare(GT, q));
        DoubleVector m = t.sub(fq.mul(total));
        r = DoubleVector.broadcast(D, total).sub(m).div(fq.add(1.0).mul(total));
        // At a whole multiple (other than 0) the previous horizon has just ended.
        ended = m.compare(LE, 0.0).and(t.compare(GT, 0.0));
      } else {
        r = DoubleVector.broadcast(D, total).sub(t).mul(c.invSteps);
        ended = t.compare(LT, Double.NEGATIVE_INFINITY);
      }
      if (exponent != 1) {
        r = r.lanewise(LOG).mul(exponent).lanewise(EXP);
      }
      DoubleVector v = r.mul(c.delta).add(c.to).blend(c.to, ended);
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /** {@code from / (1 + k * rate)}, k = t / every (floored when staircase). */
  private static int inverseTime(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    InverseTime.Folded c = (InverseTime.Folded) p.curve();
    double every = c.every;
    double power = c.power;
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector k;
      if (c.staircase) {
        DoubleVector q = t.div(every);
        DoubleVector r = q.add(0x1p52).sub(0x1p52);
        k = r.blend(r.sub(1.0), r.compare(GT, q)).mul(c.rate);
      } else {
        k = t.mul(c.ratePerStep);
      }
      DoubleVector den = k.add(1.0);
      if (power != 1) {
        den = den.lanewise(LOG).mul(power).lanewise(EXP); // pow as exp(power * log d)
      }
      DoubleVector v = DoubleVector.broadcast(D, c.from).div(den);
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /** {@code from * sqrt(timescale / (timescale + t))}. */
  private static int inverseSqrt(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      InverseSqrt.Folded c = (InverseSqrt.Folded) p.curve();
      DoubleVector v =
          DoubleVector.broadcast(D, c.timescale).div(t.add(c.timescale)).lanewise(SQRT).mul(c.from);
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /** timm TanhLRScheduler: {@code to + half * (1 - tanh(lower + slope * t))}. */
  private static int tanh(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    Tanh.Folded c = (Tanh.Folded) p.curve();
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector th = t.mul(c.slope).add(c.lower).lanewise(TANH);
      DoubleVector v = DoubleVector.broadcast(D, 1.0).sub(th).mul(c.half).add(c.to);
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /** DL4J SigmoidSchedule: {@code from / (1 + exp(negGamma * (t - center)))}. */
  private static int sigmoid(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    Sigmoid.Folded c = (Sigmoid.Folded) p.curve();
    double center = c.center;
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      // t - center is exact: both are integers below 2^53
      DoubleVector t = s.sub(w).sub(center);
      DoubleVector v =
          DoubleVector.broadcast(D, c.from).div(t.mul(c.negGamma).lanewise(EXP).add(1.0));
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /**
   * PyTorch CyclicLR: {@code low + height * x * amplitude}, x the triangle's height in the cycle;
   * TRIANGULAR2 halves the amplitude each cycle, exactly: {@code 2^-k} built from exponent bits as
   * two factors {@code 2^-min(k, 600)} and {@code 2^-min(k - 600, 600)} (so subnormal, then 0, as
   * {@code Math.scalb}).
   */
  private static int cyclic(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    Cyclic.Folded c = (Cyclic.Folded) p.curve();
    double period = c.period;
    double up = c.up;
    CyclicMode mode = c.mode;
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector q = t.div(period);
      DoubleVector cycle = q.add(0x1p52).sub(0x1p52);
      cycle = cycle.blend(cycle.sub(1.0), cycle.compare(GT, q));
      DoubleVector pos = t.sub(cycle.mul(period));
      DoubleVector down = DoubleVector.broadcast(D, period).sub(pos).mul(c.invDown);
      DoubleVector v = down.blend(pos.mul(c.invUp), pos.compare(LE, up)).mul(c.height);
      v =
          switch (mode) {
            case TRIANGULAR -> v;
            case TRIANGULAR2 -> {
              DoubleVector k1 = cycle.min(600.0);
              DoubleVector k2 = cycle.sub(600.0).max(0.0).min(600.0);
              DoubleVector bias = DoubleVector.broadcast(D, 1023.0 + MAGIC);
              LongVector e1 =
                  LongVector.broadcast(L, -MAGIC_BITS)
                      .add(bias.sub(k1).reinterpretAsLongs())
                      .lanewise(LSHL, 52);
              LongVector e2 =
                  LongVector.broadcast(L, -MAGIC_BITS)
                      .add(bias.sub(k2).reinterpretAsLongs())
                      .lanewise(LSHL, 52);
              yield v.mul(
                  DoubleVector.broadcast(D, 1.0)
                      .mul(e1.reinterpretAsDoubles())
                      .mul(e2.reinterpretAsDoubles()));
            }
            case EXP_RANGE -> v.mul(t.mul(c.lnGamma).lanewise(EXP));
          };
      v = v.add(c.low);
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /**
   * {@link dev.anneal.internal.kind.OneCycle.Phases}, alone or restarting: each lane takes its
   * cycle (length, peak scale), then its phase's start, end, origin and reciprocal length, and one
   * anneal serves all phases.
   */
  private static int oneCycle(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    OneCycle.Folded c = (OneCycle.Folded) p.curve();
    OneCycle.Phases o = c.phases();
    boolean restarts = p.restarts;
    boolean growing = p.cycleStarts() > 0;
    int last = growing ? p.cycleStarts() - 2 : 0;
    double total = restarts ? p.period : c.steps;
    // Phase ends and reciprocal lengths of a cycle of `total` steps, as OneCycle.Phases has them.
    double end0 = o.end0(total);
    double end1 = o.end1(total);
    double inv0 = 1 / end0;
    double inv1 = o.threePhase ? 1 / (end1 - end0) : 1 / (total - 1 - end0);
    double inv2 = 1 / (total - 1 - end1);
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector local = t;
      DoubleVector index = DoubleVector.zero(D); // (never null: C2 would box it)
      DoubleVector e0;
      DoubleVector e1;
      DoubleVector i0;
      DoubleVector i1;
      DoubleVector i2;
      if (!growing) {
        if (restarts) {
          DoubleVector q = t.div(total);
          index = q.add(0x1p52).sub(0x1p52);
          index = index.blend(index.sub(1.0), index.compare(GT, q));
          local = t.sub(index.mul(total));
        }
        local = local.min(total - 1);
        e0 = DoubleVector.broadcast(D, end0);
        e1 = DoubleVector.broadcast(D, end1);
        i0 = DoubleVector.broadcast(D, inv0);
        i1 = DoubleVector.broadcast(D, inv1);
        i2 = DoubleVector.broadcast(D, inv2);
      } else {
        int lo = 0;
        int hi = last;
        if (last > SMALL_TABLE) {
          lo = cycle(p, t.reduceLanes(MIN));
          hi = cycle(p, t.reduceLanes(MAX));
        }
        DoubleVector start = DoubleVector.broadcast(D, p.cycleStart(lo));
        DoubleVector length = DoubleVector.broadcast(D, p.cycleStart(lo + 1) - p.cycleStart(lo));
        index = DoubleVector.broadcast(D, (double) lo);
        for (int j = lo + 1; j <= hi; j++) {
          VectorMask<Double> in = t.compare(GE, p.cycleStart(j));
          start = start.blend(p.cycleStart(j), in);
          length = length.blend(p.cycleStart(j + 1) - p.cycleStart(j), in);
          index = index.blend((double) j, in);
        }
        DoubleVector lastStep = length.sub(1.0);
        local = t.sub(start).min(lastStep);
        e0 = length.mul(o.pctStart).sub(1.0);
        e1 = length.mul(2 * o.pctStart).sub(2.0);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        i0 = one.div(e0);
        i1 = one.div(o.threePhase ? e1.sub(e0) : lastStep.sub(e0));
        i2 = one.div(lastStep.sub(e1));
      }
      DoubleVector top = restarts ? cycleFirst(p, index) : DoubleVector.broadcast(D, o.peak);
      VectorMask<Double> first = local.compare(LE, e0);
      VectorMask<Double> later = first.not();
      DoubleVector a;
      DoubleVector b;
      DoubleVector origin;
      DoubleVector inv;
      if (o.threePhase) {
        VectorMask<Double> third = local.compare(GT, e1).and(later);
        a = top.blend(o.initial, first.or(third));
        b = top.blend(o.initial, later).blend(o.min, third);
        origin = DoubleVector.zero(D).blend(e0, later).blend(e1, third);
        inv = i0.blend(i1, later).blend(i2, third);
      } else {
        a = top.blend(o.initial, first);
        b = top.blend(o.min, later);
        origin = DoubleVector.zero(D).blend(e0, later);
        inv = i0.blend(i1, later);
      }
      DoubleVector pct = local.sub(origin).mul(inv);
      DoubleVector v =
          o.cosine
              ? a.sub(b).mul(0.5).mul(pct.mul(Math.PI).lanewise(COS).add(1.0)).add(b)
              : b.sub(a).mul(pct).add(a);
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /**
   * {@link dev.anneal.internal.kind.Periodic#periodic} for Constant, Cosine, Linear, Polynomial and
   * Tanh bodies that restart: cycles of equal length by exact quotient, growing ones by blending
   * over the table of starts (each lane's cycle is the last start {@code <= t}, as {@link
   * Plan#cycleOf}).
   */
  private static int restarts(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    boolean growing = p.cycleStarts() > 0;
    int last = growing ? p.cycleStarts() - 2 : 0;
    double total = p.period;
    Periodic.Cycle cycle = p.periodic().cycle();
    Periodic.Shape shape = cycle.shape();
    double toValue = cycle.to();
    double exponent = cycle.exponent();
    double lower = cycle.lower();
    double range = cycle.range();
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector index;
      DoubleVector local;
      DoubleVector length;
      DoubleVector inv;
      if (!growing) {
        DoubleVector q = t.div(total);
        index = q.add(0x1p52).sub(0x1p52);
        index = index.blend(index.sub(1.0), index.compare(GT, q));
        local = t.sub(index.mul(total));
        length = DoubleVector.broadcast(D, total);
        inv = DoubleVector.broadcast(D, p.invPeriod);
      } else {
        int lo = 0;
        int hi = last;
        if (last > SMALL_TABLE) {
          lo = cycle(p, t.reduceLanes(MIN));
          hi = cycle(p, t.reduceLanes(MAX));
        }
        DoubleVector start = DoubleVector.broadcast(D, p.cycleStart(lo));
        length = DoubleVector.broadcast(D, p.cycleStart(lo + 1) - p.cycleStart(lo));
        index = DoubleVector.broadcast(D, (double) lo);
        for (int j = lo + 1; j <= hi; j++) {
          VectorMask<Double> in = t.compare(GE, p.cycleStart(j));
          start = start.blend(p.cycleStart(j), in);
          length = length.blend(p.cycleStart(j + 1) - p.cycleStart(j), in);
          index = index.blend((double) j, in);
        }
        local = t.sub(start);
        inv = DoubleVector.broadcast(D, 1.0).div(length);
      }
      DoubleVector to = DoubleVector.broadcast(D, toValue);
      DoubleVector first = cycleFirst(p, index);
      DoubleVector v =
          switch (shape) {
            case CONSTANT -> first;
            // to + 0.5 * (first - to) * (1 - tanh(lower + range * (t * invP)))
            case TANH ->
                first
                    .sub(to)
                    .mul(0.5)
                    .mul(
                        DoubleVector.broadcast(D, 1.0)
                            .sub(local.mul(inv).mul(range).add(lower).lanewise(TANH)))
                    .add(to);
            case LINEAR -> local.mul(inv).mul(to.sub(first)).add(first);
            case COSINE ->
                power(local.mul(inv).mul(Math.PI).lanewise(COS).mul(0.5).add(0.5), exponent)
                    .mul(first.sub(to))
                    .add(to);
            case POLYNOMIAL ->
                power(length.sub(local).mul(inv), exponent).mul(first.sub(to)).add(to);
            case ONE_CYCLE -> throw new AssertionError("one-cycle restarts run in oneCycle");
          };
      if (shape != Periodic.Shape.CONSTANT) {
        v = v.blend(to, local.compare(GE, length));
      }
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  /** Each lane takes its segment's knot, reciprocal length and values, then one interpolation. */
  private static int piecewise(
      Plan p, long[] x, long flip, long shift, double[] scales, int n, float[] f, double[] d) {
    double w = p.warmupSteps;
    double end = end(p);
    Piecewise.Folded c = (Piecewise.Folded) p.curve();
    Interpolation interpolation = c.interpolation;
    // Per segment: the slope for LINEAR (as the curve's at), 1 / length for COSINE.
    boolean linear = interpolation == Interpolation.LINEAR;
    int last = c.count() - 1;
    int edges = 0;
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      edges |=
          (s.compare(LT, w).and(s.compare(GE, 0.0)).anyTrue() ? WARM : 0)
              | (s.compare(GE, end).anyTrue() ? END : 0);
      if (!s.compare(GE, 0.0).anyTrue()) {
        frozen(at, f, d);
        continue;
      }
      DoubleVector t = s.sub(w);
      DoubleVector v = DoubleVector.broadcast(D, c.value(last));
      if (last > 0) {
        int lo = 0;
        int hi = last - 1;
        if (last > SMALL_TABLE) {
          // Only the segments between the lanes' smallest and largest steps.
          lo = segment(c, t.reduceLanes(MIN));
          hi = segment(c, t.reduceLanes(MAX));
        }
        // Segment j covers [knots[j], knots[j + 1]).
        DoubleVector knot = DoubleVector.broadcast(D, (double) c.knot(lo));
        DoubleVector r = DoubleVector.broadcast(D, linear ? c.slope(lo) : c.inverseLength(lo));
        DoubleVector a = DoubleVector.broadcast(D, c.value(lo));
        DoubleVector b = DoubleVector.broadcast(D, c.value(lo + 1));
        for (int j = lo + 1; j <= hi; j++) {
          VectorMask<Double> in = t.compare(GE, (double) c.knot(j));
          knot = knot.blend((double) c.knot(j), in);
          r = r.blend(linear ? c.slope(j) : c.inverseLength(j), in);
          a = a.blend(c.value(j), in);
          b = b.blend(c.value(j + 1), in);
        }
        DoubleVector u;
        if (interpolation == Interpolation.STEP) {
          u = a;
        } else if (interpolation == Interpolation.LINEAR) {
          u = t.sub(knot).mul(r).add(a);
        } else {
          u = a.sub(b).mul(t.sub(knot).mul(r).mul(Math.PI).lanewise(COS).mul(0.5).add(0.5)).add(b);
        }
        v = v.blend(u, t.compare(LT, (double) c.knot(last)));
      }
      DoubleVector scale =
          scales != null ? DoubleVector.fromArray(D, scales, at) : DoubleVector.broadcast(D, 1.0);
      v = scale.mul(v).blend(0.0, s.compare(LT, 0.0));
      if (f != null) {
        ((FloatVector) v.convertShape(D2F, F, 0)).intoArray(f, at);
      } else {
        v.intoArray(d, at);
      }
    }
    return edges;
  }

  // ---- second pass: warm-up, cool-down and end ----

  /**
   * For the lanes with local step {@code s} in {@code [lo, hi)}, as {@link Plan#at}: a LINEAR ramp
   * is {@code a + slope * (s - lo)}, any other {@link Plan#ramp} at progress {@code (s - lo) *
   * inv}; with {@code holds}, lanes at {@code s >= hi} get {@code hold}. Other lanes keep what the
   * body loop wrote; vectors with no such lane are not touched.
   */
  private static void ramp(
      Ramp shape,
      double a,
      double b,
      double lnRatio,
      double inv,
      double slope,
      double lo,
      double hi,
      boolean holds,
      double hold,
      long[] x,
      long flip,
      long shift,
      double[] scales,
      int n,
      float[] f,
      double[] d) {
    for (int i = 0; i < n; i += LANES) {
      int at = Math.min(i, n - LANES);
      LongVector l = LongVector.fromArray(L, x, at).lanewise(XOR, flip).add(shift);
      DoubleVector s =
          DoubleVector.broadcast(D, -MAGIC)
              .add(l.blend(-1L, l.compare(LT, 0L)).add(MAGIC_BITS).reinterpretAsDoubles());
      VectorMask<Double> in = s.compare(GE, lo).and(s.compare(LT, hi));
      VectorMask<Double> held = s.compare(GE, holds ? hi : Double.POSITIVE_INFINITY);
      VectorMask<Double> edge = in.or(held);
      if (!edge.anyTrue()) {
        continue;
      }
      DoubleVector x0 = s.sub(lo); // the ramp's own step, exact
      DoubleVector pr = x0.mul(inv);
      DoubleVector v =
          switch (shape) {
            // as Plan.at: from + slope * x, not the progress form
            case LINEAR -> x0.mul(slope).add(a);
            case COSINE ->
                DoubleVector.broadcast(D, 0.5)
                    .sub(pr.mul(Math.PI).lanewise(COS).mul(0.5))
                    .mul(b - a)
                    .add(a);
            case EXPONENTIAL -> pr.mul(lnRatio).lanewise(EXP).mul(a);
            case SQRT -> DoubleVector.broadcast(D, 1.0).sub(pr.lanewise(SQRT)).mul(a - b).add(b);
            case CONSTANT -> DoubleVector.broadcast(D, a);
          };
      v = v.blend(hold, held);
      if (scales != null) {
        v = v.mul(DoubleVector.fromArray(D, scales, at));
      }
      if (f != null) {
        // Blended as floats, with the mask carried over as a float 1 / 0 (JDK 17 does not
        // intrinsify float -> double conversion from a half-width vector, nor mask casts: both
        // box).
        FloatVector fresh = (FloatVector) v.convertShape(D2F, F, 0);
        FloatVector ones =
            (FloatVector) DoubleVector.broadcast(D, 0.0).blend(1.0, edge).convertShape(D2F, F, 0);
        FloatVector.fromArray(F, f, at).blend(fresh, ones.compare(GT, 0f)).intoArray(f, at);
      } else {
        DoubleVector.fromArray(D, d, at).blend(v, edge).intoArray(d, at);
      }
    }
  }

  /**
   * Zeros for a vector of groups none of which is unfrozen yet: staggered unfreezing leaves whole
   * blocks of groups frozen, and they skip the body's {@code cos} / {@code exp}.
   */
  private static void frozen(int at, float[] f, double[] d) {
    if (f != null) {
      Arrays.fill(f, at, at + LANES, 0f);
    } else {
      Arrays.fill(d, at, at + LANES, 0.0);
    }
  }

  // ---- table search (scalar, once per vector) ----

  /**
   * As {@link Plan#cycleOf}: the last cycle starting at or before {@code t}, clamped to the table.
   */
  private static int cycle(Plan p, double t) {
    int lo = 0;
    int hi = p.cycleStarts();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (p.cycleStart(mid) <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.max(0, Math.min(p.cycleStarts() - 2, lo - 1));
  }

  /** The segment {@code j} ({@code [knot(j), knot(j + 1))}) holding step {@code t}, clamped. */
  private static int segment(Piecewise.Folded c, double t) {
    int lo = 0;
    int hi = c.count();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((double) c.knot(mid) <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.max(0, Math.min(c.count() - 2, lo - 1));
  }

  /** Number of milestones {@code <= x}. */
  private static int milestonesAtMost(MultiStep.Folded c, double x) {
    int lo = 0;
    int hi = c.count();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((double) c.milestone(mid) <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The largest divisor the body's kernel takes a quotient by ({@code every}, cycle, steps). */
  private static long divisor(Plan p) {
    return p.curve().divisor();
  }

  /** {@code c^exponent} as the kernels take powers: {@code exp(exponent * log(c))}, none for 1. */
  private static DoubleVector power(DoubleVector c, double exponent) {
    return exponent == 1 ? c : c.lanewise(LOG).mul(exponent).lanewise(EXP);
  }

  /**
   * As {@link Plan#cycleFirst}: the start value of each lane's restart cycle ({@code index}), with
   * the same operations.
   */
  private static DoubleVector cycleFirst(Plan p, DoubleVector index) {
    if (p.decay == 1) {
      return DoubleVector.broadcast(D, p.restartFirst);
    }
    DoubleVector scale = index.mul(p.lnDecay).lanewise(EXP);
    return switch (p.restartScale) {
      case START -> scale.mul(p.restartFirst);
      case AMPLITUDE -> scale.mul(p.restartAmplitude).add(p.restartLast);
    };
  }
}
