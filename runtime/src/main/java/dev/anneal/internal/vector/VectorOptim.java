package dev.anneal.internal.vector;

import dev.anneal.internal.optim.OptimKernels;
import dev.anneal.internal.optim.ScalarOptim;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean momentum = (flags & OptimKernels.MOMENTUM) != 0;
    boolean first = (flags & OptimKernels.FIRST) != 0;
    boolean nesterov = (flags & OptimKernels.NESTEROV) != 0;
    // -(g * cf) == g * -cf exactly (rounding is symmetric): maximize costs nothing.
    FloatVector vcf = FloatVector.broadcast(F, maximize ? -cf : cf);
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector vmom = FloatVector.broadcast(F, mom);
    FloatVector vd = FloatVector.broadcast(F, damp1);
    int n = p.length;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      if (momentum) {
        FloatVector b = first ? gi : gi.fma(vd, FloatVector.fromArray(F, buf, i).mul(vmom));
        b.intoArray(buf, i);
        gi = nesterov ? b.fma(vmom, gi) : b;
      }
      gi.fma(vlr, pi).intoArray(p, i);
    }
    ScalarOptim.sgd(i, p, g, buf, cf, negLr, wd, mom, damp1, flags);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean decoupled = (flags & OptimKernels.DECAY) != 0;
    boolean ams = (flags & OptimKernels.AMSGRAD) != 0;
    FloatVector vcf = FloatVector.broadcast(F, maximize ? -cf : cf);
    FloatVector vdecay = FloatVector.broadcast(F, decay);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector vb1 = FloatVector.broadcast(F, b1);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector vb2 = FloatVector.broadcast(F, b2);
    FloatVector vc2 = FloatVector.broadcast(F, c2);
    FloatVector vbc2 = FloatVector.broadcast(F, bc2);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vstep = FloatVector.broadcast(F, negStep);
    int n = p.length;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      if (decoupled) {
        pi = pi.mul(vdecay);
      }
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      FloatVector mi = gi.fma(vc1, FloatVector.fromArray(F, m, i).mul(vb1));
      FloatVector vi = vc2.mul(gi).fma(gi, FloatVector.fromArray(F, v, i).mul(vb2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      if (ams) {
        vi = FloatVector.fromArray(F, vmax, i).max(vi);
        vi.intoArray(vmax, i);
      }
      FloatVector d = vi.sqrt().div(vbc2).add(veps);
      vstep.mul(mi).div(d).add(pi).intoArray(p, i);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean decoupled = (flags & OptimKernels.DECAY) != 0;
    boolean ams = (flags & OptimKernels.AMSGRAD) != 0;
    FloatVector vcf = FloatVector.broadcast(F, maximize ? -cf : cf);
    FloatVector vdecay = FloatVector.broadcast(F, decay);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector vc2 = FloatVector.broadcast(F, c2);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector veps = FloatVector.broadcast(F, eps);
    int n = p.length;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      if (decoupled) {
        pi = pi.sub(pi.mul(vdecay));
      }
      if (l2) {
        gi = gi.add(pi.mul(vwd));
      }
      FloatVector mi = FloatVector.fromArray(F, m, i);
      mi = mi.add(gi.sub(mi).mul(vc1));
      FloatVector vi = FloatVector.fromArray(F, v, i);
      vi = vi.add(gi.mul(gi).sub(vi).mul(vc2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      if (ams) {
        vi = FloatVector.fromArray(F, vmax, i).max(vi);
        vi.intoArray(vmax, i);
      }
      pi.sub(mi.mul(valpha).div(vi.sqrt().add(veps))).intoArray(p, i);
    }
    ScalarOptim.adamKeras(i, p, g, m, v, vmax, cf, decay, wd, c1, c2, alpha, eps, flags);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean centered = (flags & OptimKernels.CENTERED) != 0;
    boolean momentum = (flags & OptimKernels.MOMENTUM) != 0;
    FloatVector vcf = FloatVector.broadcast(F, maximize ? -cf : cf);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector valpha = FloatVector.broadcast(F, alpha);
    FloatVector vc1 = FloatVector.broadcast(F, c1);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vmom = FloatVector.broadcast(F, mom);
    FloatVector vlr = FloatVector.broadcast(F, negLr);
    int n = p.length;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      FloatVector s = vc1.mul(gi).fma(gi, FloatVector.fromArray(F, sq, i).mul(valpha));
      s.intoArray(sq, i);
      FloatVector d;
      if (centered) {
        FloatVector a = gi.fma(vc1, FloatVector.fromArray(F, avg, i).mul(valpha));
        a.intoArray(avg, i);
        d = a.neg().fma(a, s).sqrt();
      } else {
        d = s.sqrt();
      }
      d = d.add(veps);
      if (momentum) {
        FloatVector b = FloatVector.fromArray(F, buf, i).mul(vmom).add(gi.div(d));
        b.intoArray(buf, i);
        b.fma(vlr, pi).intoArray(p, i);
      } else {
        vlr.mul(gi).div(d).add(pi).intoArray(p, i);
      }
    }
    ScalarOptim.rmsProp(i, p, g, sq, avg, buf, cf, wd, alpha, c1, eps, mom, negLr, flags);
  }

  @Override
  public void adaGrad(
      float[] p, float[] g, float[] sum, float cf, float wd, float eps, float negClr, int flags) {
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    FloatVector vcf = FloatVector.broadcast(F, maximize ? -cf : cf);
    FloatVector vwd = FloatVector.broadcast(F, wd);
    FloatVector veps = FloatVector.broadcast(F, eps);
    FloatVector vlr = FloatVector.broadcast(F, negClr);
    int n = p.length;
    int i = 0;
    for (int upper = F.loopBound(n); i < upper; i += FL) {
      FloatVector pi = FloatVector.fromArray(F, p, i);
      FloatVector gi = FloatVector.fromArray(F, g, i).mul(vcf);
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      FloatVector s = gi.fma(gi, FloatVector.fromArray(F, sum, i));
      s.intoArray(sum, i);
      vlr.mul(gi).div(s.sqrt().add(veps)).add(pi).intoArray(p, i);
    }
    ScalarOptim.adaGrad(i, p, g, sum, cf, wd, eps, negClr, flags);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean momentum = (flags & OptimKernels.MOMENTUM) != 0;
    boolean first = (flags & OptimKernels.FIRST) != 0;
    boolean nesterov = (flags & OptimKernels.NESTEROV) != 0;
    // -(g * cf) == g * -cf exactly (rounding is symmetric): maximize costs nothing.
    DoubleVector vcf = DoubleVector.broadcast(D, maximize ? -cf : cf);
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector vmom = DoubleVector.broadcast(D, mom);
    DoubleVector vd = DoubleVector.broadcast(D, damp1);
    int n = p.length;
    int i = 0;
    for (int upper = D.loopBound(n); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      if (momentum) {
        DoubleVector b = first ? gi : gi.fma(vd, DoubleVector.fromArray(D, buf, i).mul(vmom));
        b.intoArray(buf, i);
        gi = nesterov ? b.fma(vmom, gi) : b;
      }
      gi.fma(vlr, pi).intoArray(p, i);
    }
    ScalarOptim.sgd(i, p, g, buf, cf, negLr, wd, mom, damp1, flags);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean decoupled = (flags & OptimKernels.DECAY) != 0;
    boolean ams = (flags & OptimKernels.AMSGRAD) != 0;
    DoubleVector vcf = DoubleVector.broadcast(D, maximize ? -cf : cf);
    DoubleVector vdecay = DoubleVector.broadcast(D, decay);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector vb1 = DoubleVector.broadcast(D, b1);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector vb2 = DoubleVector.broadcast(D, b2);
    DoubleVector vc2 = DoubleVector.broadcast(D, c2);
    DoubleVector vbc2 = DoubleVector.broadcast(D, bc2);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vstep = DoubleVector.broadcast(D, negStep);
    int n = p.length;
    int i = 0;
    for (int upper = D.loopBound(n); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      if (decoupled) {
        pi = pi.mul(vdecay);
      }
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      DoubleVector mi = gi.fma(vc1, DoubleVector.fromArray(D, m, i).mul(vb1));
      DoubleVector vi = vc2.mul(gi).fma(gi, DoubleVector.fromArray(D, v, i).mul(vb2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      if (ams) {
        vi = DoubleVector.fromArray(D, vmax, i).max(vi);
        vi.intoArray(vmax, i);
      }
      DoubleVector d = vi.sqrt().div(vbc2).add(veps);
      vstep.mul(mi).div(d).add(pi).intoArray(p, i);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean decoupled = (flags & OptimKernels.DECAY) != 0;
    boolean ams = (flags & OptimKernels.AMSGRAD) != 0;
    DoubleVector vcf = DoubleVector.broadcast(D, maximize ? -cf : cf);
    DoubleVector vdecay = DoubleVector.broadcast(D, decay);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector vc2 = DoubleVector.broadcast(D, c2);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    int n = p.length;
    int i = 0;
    for (int upper = D.loopBound(n); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      if (decoupled) {
        pi = pi.sub(pi.mul(vdecay));
      }
      if (l2) {
        gi = gi.add(pi.mul(vwd));
      }
      DoubleVector mi = DoubleVector.fromArray(D, m, i);
      mi = mi.add(gi.sub(mi).mul(vc1));
      DoubleVector vi = DoubleVector.fromArray(D, v, i);
      vi = vi.add(gi.mul(gi).sub(vi).mul(vc2));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      if (ams) {
        vi = DoubleVector.fromArray(D, vmax, i).max(vi);
        vi.intoArray(vmax, i);
      }
      pi.sub(mi.mul(valpha).div(vi.sqrt().add(veps))).intoArray(p, i);
    }
    ScalarOptim.adamKeras(i, p, g, m, v, vmax, cf, decay, wd, c1, c2, alpha, eps, flags);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    boolean centered = (flags & OptimKernels.CENTERED) != 0;
    boolean momentum = (flags & OptimKernels.MOMENTUM) != 0;
    DoubleVector vcf = DoubleVector.broadcast(D, maximize ? -cf : cf);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector valpha = DoubleVector.broadcast(D, alpha);
    DoubleVector vc1 = DoubleVector.broadcast(D, c1);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vmom = DoubleVector.broadcast(D, mom);
    DoubleVector vlr = DoubleVector.broadcast(D, negLr);
    int n = p.length;
    int i = 0;
    for (int upper = D.loopBound(n); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      DoubleVector s = vc1.mul(gi).fma(gi, DoubleVector.fromArray(D, sq, i).mul(valpha));
      s.intoArray(sq, i);
      DoubleVector d;
      if (centered) {
        DoubleVector a = gi.fma(vc1, DoubleVector.fromArray(D, avg, i).mul(valpha));
        a.intoArray(avg, i);
        d = a.neg().fma(a, s).sqrt();
      } else {
        d = s.sqrt();
      }
      d = d.add(veps);
      if (momentum) {
        DoubleVector b = DoubleVector.fromArray(D, buf, i).mul(vmom).add(gi.div(d));
        b.intoArray(buf, i);
        b.fma(vlr, pi).intoArray(p, i);
      } else {
        vlr.mul(gi).div(d).add(pi).intoArray(p, i);
      }
    }
    ScalarOptim.rmsProp(i, p, g, sq, avg, buf, cf, wd, alpha, c1, eps, mom, negLr, flags);
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
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    DoubleVector vcf = DoubleVector.broadcast(D, maximize ? -cf : cf);
    DoubleVector vwd = DoubleVector.broadcast(D, wd);
    DoubleVector veps = DoubleVector.broadcast(D, eps);
    DoubleVector vlr = DoubleVector.broadcast(D, negClr);
    int n = p.length;
    int i = 0;
    for (int upper = D.loopBound(n); i < upper; i += DL) {
      DoubleVector pi = DoubleVector.fromArray(D, p, i);
      DoubleVector gi = DoubleVector.fromArray(D, g, i).mul(vcf);
      if (l2) {
        gi = pi.fma(vwd, gi);
      }
      DoubleVector s = gi.fma(gi, DoubleVector.fromArray(D, sum, i));
      s.intoArray(sum, i);
      vlr.mul(gi).div(s.sqrt().add(veps)).add(pi).intoArray(p, i);
    }
    ScalarOptim.adaGrad(i, p, g, sum, cf, wd, eps, negClr, flags);
  }
}
