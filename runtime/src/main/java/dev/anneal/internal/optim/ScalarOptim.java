package dev.anneal.internal.optim;

/**
 * Internal, not API. The plain-loop optimizer kernels (see {@link OptimKernels} for the contract):
 * the operations of PyTorch 1.13's {@code _single_tensor_*} functions in their order, one IEEE
 * operation each, with {@link Math#fma} where PyTorch's CPU kernels fuse a multiply-add ({@code
 * add_} with {@code alpha}, {@code addcmul_}); {@code addcdiv_} computes {@code self + value * t1 /
 * t2} left to right, unfused.
 */
public final class ScalarOptim implements OptimKernels.Provider {
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
    sgd(0, p, g, buf, cf, negLr, wd, mom, damp1, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void sgd(
      int from,
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
    for (int i = from; i < p.length; i++) {
      float pi = p[i];
      float gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi); // d_p.add(param, alpha=wd)
      }
      if (momentum) {
        float b = first ? gi : Math.fma(gi, damp1, buf[i] * mom); // buf.mul_(m).add_(d_p, 1 - d)
        buf[i] = b;
        gi = nesterov ? Math.fma(b, mom, gi) : b;
      }
      p[i] = Math.fma(gi, negLr, pi); // param.add_(d_p, alpha=-lr)
    }
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
    adam(0, p, g, m, v, vmax, cf, decay, wd, b1, c1, b2, c2, bc2, eps, negStep, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void adam(
      int from,
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
    for (int i = from; i < p.length; i++) {
      float pi = p[i];
      float gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (decoupled) {
        pi = pi * decay; // param.mul_(1 - lr * wd)
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi); // grad.add(param, alpha=wd)
      }
      float mi = Math.fma(gi, c1, m[i] * b1); // exp_avg.mul_(b1).add_(grad, alpha=1 - b1)
      float vi = Math.fma(c2 * gi, gi, v[i] * b2); // exp_avg_sq.mul_(b2).addcmul_(g, g, 1 - b2)
      m[i] = mi;
      v[i] = vi;
      if (ams) {
        vi = Math.max(vmax[i], vi);
        vmax[i] = vi;
      }
      float d = (float) Math.sqrt(vi) / bc2 + eps; // (sqrt / bc2).add_(eps)
      p[i] = pi + negStep * mi / d; // param.addcdiv_(exp_avg, denom, value=-step_size)
    }
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
    adamKeras(0, p, g, m, v, vmax, cf, decay, wd, c1, c2, alpha, eps, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void adamKeras(
      int from,
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
    for (int i = from; i < p.length; i++) {
      float pi = p[i];
      float gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (decoupled) {
        pi = pi - pi * decay; // variable - variable * wd * lr: two roundings, as Keras
      }
      if (l2) {
        gi = gi + pi * wd;
      }
      float mi = m[i];
      mi = mi + (gi - mi) * c1; // m += (g - m) * (1 - beta_1)
      float vi = v[i];
      vi = vi + (gi * gi - vi) * c2; // v += (g^2 - v) * (1 - beta_2)
      m[i] = mi;
      v[i] = vi;
      if (ams) {
        vi = Math.max(vmax[i], vi);
        vmax[i] = vi;
      }
      p[i] = pi - mi * alpha / ((float) Math.sqrt(vi) + eps);
    }
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
    rmsProp(0, p, g, sq, avg, buf, cf, wd, alpha, c1, eps, mom, negLr, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void rmsProp(
      int from,
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
    for (int i = from; i < p.length; i++) {
      float pi = p[i];
      float gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi);
      }
      float s = Math.fma(c1 * gi, gi, sq[i] * alpha); // square_avg.mul_(a).addcmul_(g, g, 1 - a)
      sq[i] = s;
      float d;
      if (centered) {
        float a = Math.fma(gi, c1, avg[i] * alpha); // grad_avg.mul_(a).add_(g, alpha=1 - a)
        avg[i] = a;
        d = (float) Math.sqrt(Math.fma(-a, a, s)); // square_avg.addcmul(ga, ga, value=-1).sqrt_()
      } else {
        d = (float) Math.sqrt(s);
      }
      d = d + eps;
      if (momentum) {
        float b = buf[i] * mom + gi / d; // buf.mul_(m).addcdiv_(grad, avg)
        buf[i] = b;
        p[i] = Math.fma(b, negLr, pi); // param.add_(buf, alpha=-lr)
      } else {
        p[i] = pi + negLr * gi / d; // param.addcdiv_(grad, avg, value=-lr)
      }
    }
  }

  @Override
  public void adaGrad(
      float[] p, float[] g, float[] sum, float cf, float wd, float eps, float negClr, int flags) {
    adaGrad(0, p, g, sum, cf, wd, eps, negClr, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void adaGrad(
      int from,
      float[] p,
      float[] g,
      float[] sum,
      float cf,
      float wd,
      float eps,
      float negClr,
      int flags) {
    boolean maximize = (flags & OptimKernels.MAXIMIZE) != 0;
    boolean l2 = (flags & OptimKernels.L2) != 0;
    for (int i = from; i < p.length; i++) {
      float pi = p[i];
      float gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi);
      }
      float s = Math.fma(gi, gi, sum[i]); // state_sum.addcmul_(grad, grad, value=1)
      sum[i] = s;
      p[i] =
          pi + negClr * gi / ((float) Math.sqrt(s) + eps); // param.addcdiv_(grad, std, value=-clr)
    }
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
    sgd(0, p, g, buf, cf, negLr, wd, mom, damp1, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void sgd(
      int from,
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
    for (int i = from; i < p.length; i++) {
      double pi = p[i];
      double gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi); // d_p.add(param, alpha=wd)
      }
      if (momentum) {
        double b = first ? gi : Math.fma(gi, damp1, buf[i] * mom); // buf.mul_(m).add_(d_p, 1 - d)
        buf[i] = b;
        gi = nesterov ? Math.fma(b, mom, gi) : b;
      }
      p[i] = Math.fma(gi, negLr, pi); // param.add_(d_p, alpha=-lr)
    }
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
    adam(0, p, g, m, v, vmax, cf, decay, wd, b1, c1, b2, c2, bc2, eps, negStep, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void adam(
      int from,
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
    for (int i = from; i < p.length; i++) {
      double pi = p[i];
      double gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (decoupled) {
        pi = pi * decay; // param.mul_(1 - lr * wd)
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi); // grad.add(param, alpha=wd)
      }
      double mi = Math.fma(gi, c1, m[i] * b1); // exp_avg.mul_(b1).add_(grad, alpha=1 - b1)
      double vi = Math.fma(c2 * gi, gi, v[i] * b2); // exp_avg_sq.mul_(b2).addcmul_(g, g, 1 - b2)
      m[i] = mi;
      v[i] = vi;
      if (ams) {
        vi = Math.max(vmax[i], vi);
        vmax[i] = vi;
      }
      double d = Math.sqrt(vi) / bc2 + eps; // (sqrt / bc2).add_(eps)
      p[i] = pi + negStep * mi / d; // param.addcdiv_(exp_avg, denom, value=-step_size)
    }
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
    adamKeras(0, p, g, m, v, vmax, cf, decay, wd, c1, c2, alpha, eps, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void adamKeras(
      int from,
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
    for (int i = from; i < p.length; i++) {
      double pi = p[i];
      double gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (decoupled) {
        pi = pi - pi * decay; // variable - variable * wd * lr: two roundings, as Keras
      }
      if (l2) {
        gi = gi + pi * wd;
      }
      double mi = m[i];
      mi = mi + (gi - mi) * c1; // m += (g - m) * (1 - beta_1)
      double vi = v[i];
      vi = vi + (gi * gi - vi) * c2; // v += (g^2 - v) * (1 - beta_2)
      m[i] = mi;
      v[i] = vi;
      if (ams) {
        vi = Math.max(vmax[i], vi);
        vmax[i] = vi;
      }
      p[i] = pi - mi * alpha / (Math.sqrt(vi) + eps);
    }
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
    rmsProp(0, p, g, sq, avg, buf, cf, wd, alpha, c1, eps, mom, negLr, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void rmsProp(
      int from,
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
    for (int i = from; i < p.length; i++) {
      double pi = p[i];
      double gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi);
      }
      double s = Math.fma(c1 * gi, gi, sq[i] * alpha); // square_avg.mul_(a).addcmul_(g, g, 1 - a)
      sq[i] = s;
      double d;
      if (centered) {
        double a = Math.fma(gi, c1, avg[i] * alpha); // grad_avg.mul_(a).add_(g, alpha=1 - a)
        avg[i] = a;
        d = Math.sqrt(Math.fma(-a, a, s)); // square_avg.addcmul(ga, ga, value=-1).sqrt_()
      } else {
        d = Math.sqrt(s);
      }
      d = d + eps;
      if (momentum) {
        double b = buf[i] * mom + gi / d; // buf.mul_(m).addcdiv_(grad, avg)
        buf[i] = b;
        p[i] = Math.fma(b, negLr, pi); // param.add_(buf, alpha=-lr)
      } else {
        p[i] = pi + negLr * gi / d; // param.addcdiv_(grad, avg, value=-lr)
      }
    }
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
    adaGrad(0, p, g, sum, cf, wd, eps, negClr, flags);
  }

  /** The same from element {@code from} on (the vector kernels' tails). */
  public static void adaGrad(
      int from,
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
    for (int i = from; i < p.length; i++) {
      double pi = p[i];
      double gi = g[i] * cf;
      if (maximize) {
        gi = -gi;
      }
      if (l2) {
        gi = Math.fma(pi, wd, gi);
      }
      double s = Math.fma(gi, gi, sum[i]); // state_sum.addcmul_(grad, grad, value=1)
      sum[i] = s;
      p[i] = pi + negClr * gi / (Math.sqrt(s) + eps); // param.addcdiv_(grad, std, value=-clr)
    }
  }
}
