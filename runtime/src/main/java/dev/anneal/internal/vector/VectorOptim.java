package dev.anneal.internal.vector;

import dev.anneal.internal.optim.OptimKernels;
import dev.anneal.internal.optim.ScalarOptim;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Internal, not API. The Vector API optimizer kernels, loaded reflectively by {@link OptimKernels}
 * only when {@code jdk.incubator.vector} is in the boot layer.
 *
 * <p>Rounding rule: every lane performs exactly the operations of {@link ScalarOptim}, in the same
 * order, each a correctly rounded IEEE operation of the element type ({@code mul}, {@code add},
 * {@code sub}, {@code div}, {@code sqrt}, {@code max}, and {@code fma} where the scalar code calls
 * {@link Math#fma}); the tails run {@link ScalarOptim} itself. So the two agree bit for bit. The
 * one rewrite: {@code maximize} multiplies by {@code -cf} instead of negating {@code g * cf}, which
 * is the same value. Loop-invariant flags are tested inside the loop (C2 unswitches them); no
 * vector crosses a method call.
 */
public final class VectorOptim implements OptimKernels.Provider {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int FL = F.length();
  private static final int DL = D.length();

  /** All-true and all-false mask bits, as many as the widest vector has lanes. */
  private static final boolean[] ON = new boolean[64];

  private static final boolean[] OFF = new boolean[64];

  static {
    java.util.Arrays.fill(ON, true);
  }

  /** Public for the reflective load. */
  public VectorOptim() {}

  @Override
  public void sgd(
      float[] p,
      float[] g,
      float[] buf,
      float cf,
      float negLr,
      float wd,
      float mom,
      float damp1,
      int flags) {
    int i =
        (flags & OptimKernels.MOMENTUM) != 0
            ? sgdMomentum(p, g, buf, cf, negLr, wd, mom, damp1, flags)
            : sgdPlain(p, g, cf, negLr, wd, flags);
    ScalarOptim.sgd(i, p, g, buf, cf, negLr, wd, mom, damp1, flags);
  }

  private static int sgdPlain(float[] p, float[] g, float cf, float negLr, float wd, int flags) {
    FloatVector vcf = FloatVector.broadcast(F, signed(cf, flags));
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    VectorMask<Float> l2 = VectorMask.fromArray(F, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    int i = 0;
    for (int upper = F.loopBound(p.length); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      gi.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  private static int sgdMomentum(
      float[] p,
      float[] g,
      float[] buf,
      float cf,
      float negLr,
      float wd,
      float mom,
      float damp1,
      int flags) {
    FloatVector vcf = FloatVector.broadcast(F, signed(cf, flags));
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector vmom = FloatVector.broadcast(F, mom);
    FloatVector vd = FloatVector.broadcast(F, damp1);
    VectorMask<Float> l2 = VectorMask.fromArray(F, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    VectorMask<Float> first =
        VectorMask.fromArray(F, (flags & OptimKernels.FIRST) != 0 ? ON : OFF, 0);
    VectorMask<Float> nesterov =
        VectorMask.fromArray(F, (flags & OptimKernels.NESTEROV) != 0 ? ON : OFF, 0);
    int i = 0;
    for (int upper = F.loopBound(p.length); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      FloatVector b = gi.fma(vd, FloatVector.fromArray(F, buf, i).mul(vmom)).blend(gi, first);
      b.intoArray(buf, i);
      gi = b.blend(b.fma(vmom, gi), nesterov);
      gi.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  @Override
  public void adam(
      float[] p,
      float[] g,
      float[] m,
      float[] v,
      float[] vmax,
      float cf,
      float decay,
      float wd,
      float b1,
      float c1,
      float b2,
      float c2,
      float bc2,
      float eps,
      float negStep,
      int flags) {
    // Without DECAY, decay is 1 here: p * 1 == p exactly, so the multiply needs no branch.
    float dk = (flags & OptimKernels.DECAY) != 0 ? decay : 1f;
    FloatVector vcf = FloatVector.broadcast(F, signed(cf, flags));
    FloatVector vdecay = FloatVector.broadcast(F, dk);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector vb1 = FloatVector.broadcast(F, b1);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector vb2 = FloatVector.broadcast(F, b2);
    FloatVector vc2 = FloatVector.broadcast(F, c2);
    FloatVector vbc2 = FloatVector.broadcast(F, bc2);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vstep = FloatVector.broadcast(F, negStep);
    VectorMask<Float> l2 = VectorMask.fromArray(F, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    int i = 0;
    int upper = F.loopBound(p.length);
    if ((flags & OptimKernels.AMSGRAD) != 0) {
      for (; i < upper; i += FL) {
        FloatVector pi = FloatVector.fromArray(F, p, i).mul(vdecay);
        FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
        gi = gi.blend(pi.fma(vwd, gi), l2);
        FloatVector mi = gi.fma(vc1, FloatVector.fromArray(F, m, i).mul(vb1));
        FloatVector vi = vc2.mul(gi).fma(gi, FloatVector.fromArray(F, v, i).mul(vb2));
        mi.intoArray(m, i);
        vi.intoArray(v, i);
        vi = FloatVector.fromArray(F, vmax, i).max(vi);
        vi.intoArray(vmax, i);
        FloatVector d = vi.sqrt().div(vbc2).add(veps);
        vstep.mul(mi).div(d).add(pi).intoArray(p, i);
      }
    } else {
      for (; i < upper; i += FL) {
        FloatVector pi = FloatVector.fromArray(F, p, i).mul(vdecay);
        FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
        gi = gi.blend(pi.fma(vwd, gi), l2);
        FloatVector mi = gi.fma(vc1, FloatVector.fromArray(F, m, i).mul(vb1));
        FloatVector vi = vc2.mul(gi).fma(gi, FloatVector.fromArray(F, v, i).mul(vb2));
        mi.intoArray(m, i);
        vi.intoArray(v, i);
        FloatVector d = vi.sqrt().div(vbc2).add(veps);
        vstep.mul(mi).div(d).add(pi).intoArray(p, i);
      }
    }
    ScalarOptim.adam(i, p, g, m, v, vmax, cf, decay, wd, b1, c1, b2, c2, bc2, eps, negStep, flags);
  }

  @Override
  public void adamKeras(
      float[] p,
      float[] g,
      float[] m,
      float[] v,
      float[] vmax,
      float cf,
      float decay,
      float wd,
      float c1,
      float c2,
      float alpha,
      float eps,
      int flags) {
    float cfs = signed(cf, flags);
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean dk = (flags & OptimKernels.DECAY) != 0;
    int upper = F.loopBound(p.length);
    int i =
        (flags & OptimKernels.AMSGRAD) != 0
            ? kerasAms(p, g, m, v, vmax, 0, upper, cfs, decay, wd, c1, c2, alpha, eps, l2, dk)
            : keras(p, g, m, v, 0, upper, cfs, decay, wd, c1, c2, alpha, eps, l2, dk);
    ScalarOptim.adamKeras(i, p, g, m, v, vmax, cf, decay, wd, c1, c2, alpha, eps, flags);
  }

  private static int kerasAms(
      float[] p,
      float[] g,
      float[] m,
      float[] v,
      float[] vmax,
      int i,
      int upper,
      float cf,
      float decay,
      float wd,
      float c1,
      float c2,
      float alpha,
      float eps,
      boolean l2Flag,
      boolean decayFlag) {
    FloatVector vcf = FloatVector.broadcast(F, cf);
    FloatVector vdecay = FloatVector.broadcast(F, decay);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector vc2 = FloatVector.broadcast(F, c2);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector veps = FloatVector.broadcast(F, eps);
    VectorMask<Float> l2 = VectorMask.fromArray(F, l2Flag ? ON : OFF, 0);
    VectorMask<Float> decoupled = VectorMask.fromArray(F, decayFlag ? ON : OFF, 0);
    for (; i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      pi = pi.blend(pi.sub(pi.mul(vdecay)), decoupled);
      gi = gi.blend(gi.add(pi.mul(vwd)), l2);
      FloatVector mi = FloatVector.fromArray(F, m, i);
      mi = mi.add(gi.sub(mi).mul(vc1));
      FloatVector vi = FloatVector.fromArray(F, v, i);
      vi = vi.add(gi.mul(gi).sub(vi).mul(vc2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      vi = FloatVector.fromArray(F, vmax, i).max(vi);
      vi.intoArray(vmax, i);
      pi.sub(mi.mul(valpha).div(vi.sqrt().add(veps))).intoArray(p, i);
    }
    return i;
  }

  private static int keras(
      float[] p,
      float[] g,
      float[] m,
      float[] v,
      int i,
      int upper,
      float cf,
      float decay,
      float wd,
      float c1,
      float c2,
      float alpha,
      float eps,
      boolean l2Flag,
      boolean decayFlag) {
    FloatVector vcf = FloatVector.broadcast(F, cf);
    FloatVector vdecay = FloatVector.broadcast(F, decay);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector vc2 = FloatVector.broadcast(F, c2);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector veps = FloatVector.broadcast(F, eps);
    VectorMask<Float> l2 = VectorMask.fromArray(F, l2Flag ? ON : OFF, 0);
    VectorMask<Float> decoupled = VectorMask.fromArray(F, decayFlag ? ON : OFF, 0);
    for (; i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      pi = pi.blend(pi.sub(pi.mul(vdecay)), decoupled);
      gi = gi.blend(gi.add(pi.mul(vwd)), l2);
      FloatVector mi = FloatVector.fromArray(F, m, i);
      mi = mi.add(gi.sub(mi).mul(vc1));
      FloatVector vi = FloatVector.fromArray(F, v, i);
      vi = vi.add(gi.mul(gi).sub(vi).mul(vc2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      pi.sub(mi.mul(valpha).div(vi.sqrt().add(veps))).intoArray(p, i);
    }
    return i;
  }

  @Override
  public void rmsProp(
      float[] p,
      float[] g,
      float[] sq,
      float[] avg,
      float[] buf,
      float cf,
      float wd,
      float alpha,
      float c1,
      float eps,
      float mom,
      float negLr,
      int flags) {
    float cfs = signed(cf, flags);
    boolean l2Flag = (flags & OptimKernels.L2) != 0;
    boolean centered = (flags & OptimKernels.CENTERED) != 0;
    boolean momentum = (flags & OptimKernels.MOMENTUM) != 0;
    int i = 0;
    int upper = F.loopBound(p.length);
    // One loop per combination of the optional slots: a vector merged from two branches would be
    // boxed by C2.
    if (centered) {
      i =
          momentum
              ? rmsCenteredMomentum(
                  p, g, sq, avg, buf, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag)
              : rmsCentered(p, g, sq, avg, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag);
    } else {
      i =
          momentum
              ? rmsMomentum(p, g, sq, buf, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag)
              : rms(p, g, sq, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag);
    }
    ScalarOptim.rmsProp(i, p, g, sq, avg, buf, cf, wd, alpha, c1, eps, mom, negLr, flags);
  }

  private static int rms(
      float[] p,
      float[] g,
      float[] sq,
      int i,
      int upper,
      float cf,
      float wd,
      float alpha,
      float c1,
      float eps,
      float mom,
      float negLr,
      boolean l2Flag) {
    FloatVector vcf = FloatVector.broadcast(F, cf);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vmom = FloatVector.broadcast(F, mom);
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    VectorMask<Float> l2 = VectorMask.fromArray(F, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      FloatVector s = vc1.mul(gi).fma(gi, FloatVector.fromArray(F, sq, i).mul(valpha));
      s.intoArray(sq, i);
      FloatVector d = s.sqrt().add(veps);
      vlr.mul(gi).div(d).add(pi).intoArray(p, i);
    }
    return i;
  }

  private static int rmsMomentum(
      float[] p,
      float[] g,
      float[] sq,
      float[] buf,
      int i,
      int upper,
      float cf,
      float wd,
      float alpha,
      float c1,
      float eps,
      float mom,
      float negLr,
      boolean l2Flag) {
    FloatVector vcf = FloatVector.broadcast(F, cf);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vmom = FloatVector.broadcast(F, mom);
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    VectorMask<Float> l2 = VectorMask.fromArray(F, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      FloatVector s = vc1.mul(gi).fma(gi, FloatVector.fromArray(F, sq, i).mul(valpha));
      s.intoArray(sq, i);
      FloatVector d = s.sqrt().add(veps);
      FloatVector b = FloatVector.fromArray(F, buf, i).mul(vmom).add(gi.div(d));
      b.intoArray(buf, i);
      b.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  private static int rmsCentered(
      float[] p,
      float[] g,
      float[] sq,
      float[] avg,
      int i,
      int upper,
      float cf,
      float wd,
      float alpha,
      float c1,
      float eps,
      float mom,
      float negLr,
      boolean l2Flag) {
    FloatVector vcf = FloatVector.broadcast(F, cf);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vmom = FloatVector.broadcast(F, mom);
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    VectorMask<Float> l2 = VectorMask.fromArray(F, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      FloatVector s = vc1.mul(gi).fma(gi, FloatVector.fromArray(F, sq, i).mul(valpha));
      s.intoArray(sq, i);
      FloatVector a = gi.fma(vc1, FloatVector.fromArray(F, avg, i).mul(valpha));
      a.intoArray(avg, i);
      FloatVector d = a.neg().fma(a, s).sqrt().add(veps);
      vlr.mul(gi).div(d).add(pi).intoArray(p, i);
    }
    return i;
  }

  private static int rmsCenteredMomentum(
      float[] p,
      float[] g,
      float[] sq,
      float[] avg,
      float[] buf,
      int i,
      int upper,
      float cf,
      float wd,
      float alpha,
      float c1,
      float eps,
      float mom,
      float negLr,
      boolean l2Flag) {
    FloatVector vcf = FloatVector.broadcast(F, cf);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vmom = FloatVector.broadcast(F, mom);
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    VectorMask<Float> l2 = VectorMask.fromArray(F, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      FloatVector s = vc1.mul(gi).fma(gi, FloatVector.fromArray(F, sq, i).mul(valpha));
      s.intoArray(sq, i);
      FloatVector a = gi.fma(vc1, FloatVector.fromArray(F, avg, i).mul(valpha));
      a.intoArray(avg, i);
      FloatVector d = a.neg().fma(a, s).sqrt().add(veps);
      FloatVector b = FloatVector.fromArray(F, buf, i).mul(vmom).add(gi.div(d));
      b.intoArray(buf, i);
      b.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  @Override
  public void adaGrad(
      float[] p, float[] g, float[] sum, float cf, float wd, float eps, float negClr, int flags) {
    FloatVector vcf = FloatVector.broadcast(F, signed(cf, flags));
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vlr = FloatVector.broadcast(F, negClr);
    VectorMask<Float> l2 = VectorMask.fromArray(F, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    int i = 0;
    for (int upper = F.loopBound(p.length); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      FloatVector s = gi.fma(gi, FloatVector.fromArray(F, sum, i));
      s.intoArray(sum, i);
      vlr.mul(gi).div(s.sqrt().add(veps)).add(pi).intoArray(p, i);
    }
    ScalarOptim.adaGrad(i, p, g, sum, cf, wd, eps, negClr, flags);
  }

  /** {@code -(g * cf) == g * -cf} exactly (rounding is symmetric): maximize costs nothing. */
  private static float signed(float cf, int flags) {
    return (flags & OptimKernels.MAXIMIZE) != 0 ? -cf : cf;
  }

  @Override
  public void sgd(
      double[] p,
      double[] g,
      double[] buf,
      double cf,
      double negLr,
      double wd,
      double mom,
      double damp1,
      int flags) {
    int i =
        (flags & OptimKernels.MOMENTUM) != 0
            ? sgdMomentum(p, g, buf, cf, negLr, wd, mom, damp1, flags)
            : sgdPlain(p, g, cf, negLr, wd, flags);
    ScalarOptim.sgd(i, p, g, buf, cf, negLr, wd, mom, damp1, flags);
  }

  private static int sgdPlain(
      double[] p, double[] g, double cf, double negLr, double wd, int flags) {
    DoubleVector vcf = DoubleVector.broadcast(D, signed(cf, flags));
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    VectorMask<Double> l2 = VectorMask.fromArray(D, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    int i = 0;
    for (int upper = D.loopBound(p.length); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      gi.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  private static int sgdMomentum(
      double[] p,
      double[] g,
      double[] buf,
      double cf,
      double negLr,
      double wd,
      double mom,
      double damp1,
      int flags) {
    DoubleVector vcf = DoubleVector.broadcast(D, signed(cf, flags));
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector vmom = DoubleVector.broadcast(D, mom);
    DoubleVector vd = DoubleVector.broadcast(D, damp1);
    VectorMask<Double> l2 = VectorMask.fromArray(D, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    VectorMask<Double> first =
        VectorMask.fromArray(D, (flags & OptimKernels.FIRST) != 0 ? ON : OFF, 0);
    VectorMask<Double> nesterov =
        VectorMask.fromArray(D, (flags & OptimKernels.NESTEROV) != 0 ? ON : OFF, 0);
    int i = 0;
    for (int upper = D.loopBound(p.length); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      DoubleVector b = gi.fma(vd, DoubleVector.fromArray(D, buf, i).mul(vmom)).blend(gi, first);
      b.intoArray(buf, i);
      gi = b.blend(b.fma(vmom, gi), nesterov);
      gi.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  @Override
  public void adam(
      double[] p,
      double[] g,
      double[] m,
      double[] v,
      double[] vmax,
      double cf,
      double decay,
      double wd,
      double b1,
      double c1,
      double b2,
      double c2,
      double bc2,
      double eps,
      double negStep,
      int flags) {
    // Without DECAY, decay is 1 here: p * 1 == p exactly, so the multiply needs no branch.
    double dk = (flags & OptimKernels.DECAY) != 0 ? decay : 1.0;
    DoubleVector vcf = DoubleVector.broadcast(D, signed(cf, flags));
    DoubleVector vdecay = DoubleVector.broadcast(D, dk);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector vb1 = DoubleVector.broadcast(D, b1);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector vb2 = DoubleVector.broadcast(D, b2);
    DoubleVector vc2 = DoubleVector.broadcast(D, c2);
    DoubleVector vbc2 = DoubleVector.broadcast(D, bc2);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vstep = DoubleVector.broadcast(D, negStep);
    VectorMask<Double> l2 = VectorMask.fromArray(D, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    int i = 0;
    int upper = D.loopBound(p.length);
    if ((flags & OptimKernels.AMSGRAD) != 0) {
      for (; i < upper; i += DL) {
        DoubleVector pi = DoubleVector.fromArray(D, p, i).mul(vdecay);
        DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
        gi = gi.blend(pi.fma(vwd, gi), l2);
        DoubleVector mi = gi.fma(vc1, DoubleVector.fromArray(D, m, i).mul(vb1));
        DoubleVector vi = vc2.mul(gi).fma(gi, DoubleVector.fromArray(D, v, i).mul(vb2));
        mi.intoArray(m, i);
        vi.intoArray(v, i);
        vi = DoubleVector.fromArray(D, vmax, i).max(vi);
        vi.intoArray(vmax, i);
        DoubleVector d = vi.sqrt().div(vbc2).add(veps);
        vstep.mul(mi).div(d).add(pi).intoArray(p, i);
      }
    } else {
      for (; i < upper; i += DL) {
        DoubleVector pi = DoubleVector.fromArray(D, p, i).mul(vdecay);
        DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
        gi = gi.blend(pi.fma(vwd, gi), l2);
        DoubleVector mi = gi.fma(vc1, DoubleVector.fromArray(D, m, i).mul(vb1));
        DoubleVector vi = vc2.mul(gi).fma(gi, DoubleVector.fromArray(D, v, i).mul(vb2));
        mi.intoArray(m, i);
        vi.intoArray(v, i);
        DoubleVector d = vi.sqrt().div(vbc2).add(veps);
        vstep.mul(mi).div(d).add(pi).intoArray(p, i);
      }
    }
    ScalarOptim.adam(i, p, g, m, v, vmax, cf, decay, wd, b1, c1, b2, c2, bc2, eps, negStep, flags);
  }

  @Override
  public void adamKeras(
      double[] p,
      double[] g,
      double[] m,
      double[] v,
      double[] vmax,
      double cf,
      double decay,
      double wd,
      double c1,
      double c2,
      double alpha,
      double eps,
      int flags) {
    double cfs = signed(cf, flags);
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean dk = (flags & OptimKernels.DECAY) != 0;
    int upper = D.loopBound(p.length);
    int i =
        (flags & OptimKernels.AMSGRAD) != 0
            ? kerasAms(p, g, m, v, vmax, 0, upper, cfs, decay, wd, c1, c2, alpha, eps, l2, dk)
            : keras(p, g, m, v, 0, upper, cfs, decay, wd, c1, c2, alpha, eps, l2, dk);
    ScalarOptim.adamKeras(i, p, g, m, v, vmax, cf, decay, wd, c1, c2, alpha, eps, flags);
  }

  private static int kerasAms(
      double[] p,
      double[] g,
      double[] m,
      double[] v,
      double[] vmax,
      int i,
      int upper,
      double cf,
      double decay,
      double wd,
      double c1,
      double c2,
      double alpha,
      double eps,
      boolean l2Flag,
      boolean decayFlag) {
    DoubleVector vcf = DoubleVector.broadcast(D, cf);
    DoubleVector vdecay = DoubleVector.broadcast(D, decay);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector vc2 = DoubleVector.broadcast(D, c2);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    VectorMask<Double> l2 = VectorMask.fromArray(D, l2Flag ? ON : OFF, 0);
    VectorMask<Double> decoupled = VectorMask.fromArray(D, decayFlag ? ON : OFF, 0);
    for (; i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      pi = pi.blend(pi.sub(pi.mul(vdecay)), decoupled);
      gi = gi.blend(gi.add(pi.mul(vwd)), l2);
      DoubleVector mi = DoubleVector.fromArray(D, m, i);
      mi = mi.add(gi.sub(mi).mul(vc1));
      DoubleVector vi = DoubleVector.fromArray(D, v, i);
      vi = vi.add(gi.mul(gi).sub(vi).mul(vc2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      vi = DoubleVector.fromArray(D, vmax, i).max(vi);
      vi.intoArray(vmax, i);
      pi.sub(mi.mul(valpha).div(vi.sqrt().add(veps))).intoArray(p, i);
    }
    return i;
  }

  private static int keras(
      double[] p,
      double[] g,
      double[] m,
      double[] v,
      int i,
      int upper,
      double cf,
      double decay,
      double wd,
      double c1,
      double c2,
      double alpha,
      double eps,
      boolean l2Flag,
      boolean decayFlag) {
    DoubleVector vcf = DoubleVector.broadcast(D, cf);
    DoubleVector vdecay = DoubleVector.broadcast(D, decay);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector vc2 = DoubleVector.broadcast(D, c2);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    VectorMask<Double> l2 = VectorMask.fromArray(D, l2Flag ? ON : OFF, 0);
    VectorMask<Double> decoupled = VectorMask.fromArray(D, decayFlag ? ON : OFF, 0);
    for (; i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      pi = pi.blend(pi.sub(pi.mul(vdecay)), decoupled);
      gi = gi.blend(gi.add(pi.mul(vwd)), l2);
      DoubleVector mi = DoubleVector.fromArray(D, m, i);
      mi = mi.add(gi.sub(mi).mul(vc1));
      DoubleVector vi = DoubleVector.fromArray(D, v, i);
      vi = vi.add(gi.mul(gi).sub(vi).mul(vc2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      pi.sub(mi.mul(valpha).div(vi.sqrt().add(veps))).intoArray(p, i);
    }
    return i;
  }

  @Override
  public void rmsProp(
      double[] p,
      double[] g,
      double[] sq,
      double[] avg,
      double[] buf,
      double cf,
      double wd,
      double alpha,
      double c1,
      double eps,
      double mom,
      double negLr,
      int flags) {
    double cfs = signed(cf, flags);
    boolean l2Flag = (flags & OptimKernels.L2) != 0;
    boolean centered = (flags & OptimKernels.CENTERED) != 0;
    boolean momentum = (flags & OptimKernels.MOMENTUM) != 0;
    int i = 0;
    int upper = D.loopBound(p.length);
    // One loop per combination of the optional slots: a vector merged from two branches would be
    // boxed by C2.
    if (centered) {
      i =
          momentum
              ? rmsCenteredMomentum(
                  p, g, sq, avg, buf, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag)
              : rmsCentered(p, g, sq, avg, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag);
    } else {
      i =
          momentum
              ? rmsMomentum(p, g, sq, buf, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag)
              : rms(p, g, sq, i, upper, cfs, wd, alpha, c1, eps, mom, negLr, l2Flag);
    }
    ScalarOptim.rmsProp(i, p, g, sq, avg, buf, cf, wd, alpha, c1, eps, mom, negLr, flags);
  }

  private static int rms(
      double[] p,
      double[] g,
      double[] sq,
      int i,
      int upper,
      double cf,
      double wd,
      double alpha,
      double c1,
      double eps,
      double mom,
      double negLr,
      boolean l2Flag) {
    DoubleVector vcf = DoubleVector.broadcast(D, cf);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vmom = DoubleVector.broadcast(D, mom);
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    VectorMask<Double> l2 = VectorMask.fromArray(D, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      DoubleVector s = vc1.mul(gi).fma(gi, DoubleVector.fromArray(D, sq, i).mul(valpha));
      s.intoArray(sq, i);
      DoubleVector d = s.sqrt().add(veps);
      vlr.mul(gi).div(d).add(pi).intoArray(p, i);
    }
    return i;
  }

  private static int rmsMomentum(
      double[] p,
      double[] g,
      double[] sq,
      double[] buf,
      int i,
      int upper,
      double cf,
      double wd,
      double alpha,
      double c1,
      double eps,
      double mom,
      double negLr,
      boolean l2Flag) {
    DoubleVector vcf = DoubleVector.broadcast(D, cf);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vmom = DoubleVector.broadcast(D, mom);
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    VectorMask<Double> l2 = VectorMask.fromArray(D, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      DoubleVector s = vc1.mul(gi).fma(gi, DoubleVector.fromArray(D, sq, i).mul(valpha));
      s.intoArray(sq, i);
      DoubleVector d = s.sqrt().add(veps);
      DoubleVector b = DoubleVector.fromArray(D, buf, i).mul(vmom).add(gi.div(d));
      b.intoArray(buf, i);
      b.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  private static int rmsCentered(
      double[] p,
      double[] g,
      double[] sq,
      double[] avg,
      int i,
      int upper,
      double cf,
      double wd,
      double alpha,
      double c1,
      double eps,
      double mom,
      double negLr,
      boolean l2Flag) {
    DoubleVector vcf = DoubleVector.broadcast(D, cf);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vmom = DoubleVector.broadcast(D, mom);
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    VectorMask<Double> l2 = VectorMask.fromArray(D, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      DoubleVector s = vc1.mul(gi).fma(gi, DoubleVector.fromArray(D, sq, i).mul(valpha));
      s.intoArray(sq, i);
      DoubleVector a = gi.fma(vc1, DoubleVector.fromArray(D, avg, i).mul(valpha));
      a.intoArray(avg, i);
      DoubleVector d = a.neg().fma(a, s).sqrt().add(veps);
      vlr.mul(gi).div(d).add(pi).intoArray(p, i);
    }
    return i;
  }

  private static int rmsCenteredMomentum(
      double[] p,
      double[] g,
      double[] sq,
      double[] avg,
      double[] buf,
      int i,
      int upper,
      double cf,
      double wd,
      double alpha,
      double c1,
      double eps,
      double mom,
      double negLr,
      boolean l2Flag) {
    DoubleVector vcf = DoubleVector.broadcast(D, cf);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vmom = DoubleVector.broadcast(D, mom);
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    VectorMask<Double> l2 = VectorMask.fromArray(D, l2Flag ? ON : OFF, 0);
    for (; i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      DoubleVector s = vc1.mul(gi).fma(gi, DoubleVector.fromArray(D, sq, i).mul(valpha));
      s.intoArray(sq, i);
      DoubleVector a = gi.fma(vc1, DoubleVector.fromArray(D, avg, i).mul(valpha));
      a.intoArray(avg, i);
      DoubleVector d = a.neg().fma(a, s).sqrt().add(veps);
      DoubleVector b = DoubleVector.fromArray(D, buf, i).mul(vmom).add(gi.div(d));
      b.intoArray(buf, i);
      b.fma(vlr, pi).intoArray(p, i);
    }
    return i;
  }

  @Override
  public void adaGrad(
      double[] p,
      double[] g,
      double[] sum,
      double cf,
      double wd,
      double eps,
      double negClr,
      int flags) {
    DoubleVector vcf = DoubleVector.broadcast(D, signed(cf, flags));
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vlr = DoubleVector.broadcast(D, negClr);
    VectorMask<Double> l2 = VectorMask.fromArray(D, (flags & OptimKernels.L2) != 0 ? ON : OFF, 0);
    int i = 0;
    for (int upper = D.loopBound(p.length); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      gi = gi.blend(pi.fma(vwd, gi), l2);
      DoubleVector s = gi.fma(gi, DoubleVector.fromArray(D, sum, i));
      s.intoArray(sum, i);
      vlr.mul(gi).div(s.sqrt().add(veps)).add(pi).intoArray(p, i);
    }
    ScalarOptim.adaGrad(i, p, g, sum, cf, wd, eps, negClr, flags);
  }

  /** {@code -(g * cf) == g * -cf} exactly (rounding is symmetric): maximize costs nothing. */
  private static double signed(double cf, int flags) {
    return (flags & OptimKernels.MAXIMIZE) != 0 ? -cf : cf;
  }
}
