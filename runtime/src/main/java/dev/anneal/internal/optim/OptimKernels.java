package dev.anneal.internal.optim;

import dev.anneal.internal.VectorProviders;

/**
 * Internal, not API. The optimizers' fused update kernels: {@code
 * dev.anneal.internal.vector.VectorOptim} when the Vector API is loaded (as the fill and clip
 * kernels: {@link VectorProviders}), otherwise {@link ScalarOptim}.
 *
 * <p>Every method is one pass over {@code p.length} elements (the caller has checked every length)
 * that reads the gradient, multiplies it by the clip factor {@code cf} (1 without a clip), and
 * updates the parameter and the moments in place. The scalar arguments are what PyTorch passes as
 * Python floats, computed in {@code double} by the caller and rounded once to the element type.
 *
 * <p>Rounding contract: every operation is one IEEE operation of the element type ({@code *},
 * {@code +}, {@code /}, {@code sqrt}, {@code max}, or a fused multiply-add where PyTorch's CPU
 * kernels fuse one), in the order of PyTorch 1.13's {@code _single_tensor_*} functions; the scalar
 * and vector kernels perform the same operations on every element, so they agree bit for bit.
 */
public final class OptimKernels {
  /** Negate the gradient. */
  public static final int MAXIMIZE = 1;

  /** First step of the array: the momentum buffer starts as the gradient (SGD). */
  public static final int FIRST = 2;

  /** SGD: momentum buffer in use; RMSProp: momentum buffer in use. */
  public static final int MOMENTUM = 4;

  /** SGD: Nesterov. */
  public static final int NESTEROV = 8;

  /** Adam: AMSGrad. */
  public static final int AMSGRAD = 16;

  /** RMSProp: centered. */
  public static final int CENTERED = 32;

  /** L2 weight decay added to the gradient ({@code wd != 0}). */
  public static final int L2 = 64;

  /** AdamW: the parameter is multiplied by the decay first. */
  public static final int DECAY = 128;

  /** The kernels; see the class comment for the contract. */
  public interface Provider {
    /** SGD: {@code buf} null unless {@link #MOMENTUM}. */
    void sgd(
        float[] p,
        float[] g,
        float[] buf,
        float cf,
        float negLr,
        float wd,
        float mom,
        float damp1,
        int flags);

    void sgd(
        double[] p,
        double[] g,
        double[] buf,
        double cf,
        double negLr,
        double wd,
        double mom,
        double damp1,
        int flags);

    /**
     * Adam / AdamW as PyTorch: {@code vmax} null unless {@link #AMSGRAD}; {@code decay = 1 - lr *
     * wd} with {@link #DECAY}; {@code c1 = 1 - beta1}, {@code c2 = 1 - beta2}, {@code bc2 = sqrt(1
     * - beta2^t)}, {@code negStep = -lr / (1 - beta1^t)}.
     */
    void adam(
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
        int flags);

    void adam(
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
        int flags);

    /**
     * Adam / AdamW as Keras 3's {@code update_step}: {@code decay = wd * lr} with {@link #DECAY}
     * ({@code p -= p * decay}), {@code alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}.
     */
    void adamKeras(
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
        int flags);

    void adamKeras(
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
        int flags);

    /** RMSProp: {@code avg} null unless {@link #CENTERED}, {@code buf} unless {@link #MOMENTUM}. */
    void rmsProp(
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
        int flags);

    void rmsProp(
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
        int flags);

    /** AdaGrad: {@code negClr = -lr / (1 + (t - 1) * lrDecay)}. */
    void adaGrad(
        float[] p, float[] g, float[] sum, float cf, float wd, float eps, float negClr, int flags);

    void adaGrad(
        double[] p,
        double[] g,
        double[] sum,
        double cf,
        double wd,
        double eps,
        double negClr,
        int flags);
  }

  private static final String VECTOR = "dev.anneal.internal.vector.VectorOptim";
  private static final Provider SCALAR = new ScalarOptim();

  private OptimKernels() {}

  /** The kernels {@code Optimizer} uses. */
  public static Provider provider() {
    Provider v = Vector.PROVIDER;
    return v != null ? v : SCALAR;
  }

  /** The scalar kernels, whatever is loaded (for tests and benchmarks). */
  public static Provider scalar() {
    return SCALAR;
  }

  /** The vector kernels, or {@code null} when they are not used. */
  public static Provider vector() {
    return Vector.PROVIDER;
  }

  /** The vector provider, loaded on first use: the JVM initializes this holder once. */
  private static final class Vector {
    static final Provider PROVIDER = VectorProviders.load(VECTOR, Provider.class);
  }
}
