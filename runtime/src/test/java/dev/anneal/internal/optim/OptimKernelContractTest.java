package dev.anneal.internal.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimizer kernels' rounding contract ({@link OptimKernels}): the vector kernels equal the
 * scalar ones bit for bit, on every element (vector body and tail), for every optimizer and every
 * combination of flags, on lengths 0 to 70 and values that include zeros of both signs, tiny, huge,
 * infinite and NaN gradients, over several consecutive steps (so moments feed back).
 *
 * <p>With {@code -Danneal.test.expectVector=true} (runtime/pom.xml's default execution) the vector
 * kernels must have loaded; without the module they must not.
 */
class OptimKernelContractTest {
  private static final int MAX_FLAGS = 256;

  @Test
  void vectorKernelsLoadExactlyWhenExpected() {
    assumeTrue(System.getProperty("anneal.test.expectVector") != null, "set by runtime/pom.xml");
    if (Boolean.getBoolean("anneal.test.expectVector")) {
      assertNotNull(OptimKernels.vector(), "the Vector API optimizer kernels did not load");
    } else {
      assertNull(OptimKernels.vector());
    }
  }

  private static float f(Random r) {
    switch (r.nextInt(20)) {
      case 0:
        return 0f;
      case 1:
        return -0f;
      case 2:
        return Float.MIN_VALUE * r.nextInt(100);
      case 3:
        return (float) (r.nextGaussian() * 1e30);
      case 4:
        return (float) (r.nextGaussian() * 1e-30);
      default:
        return (float) r.nextGaussian();
    }
  }

  /** Gradients: mostly normal, sometimes infinite or NaN (they must propagate the same way). */
  private static float grad(Random r) {
    int k = r.nextInt(200);
    return k == 0 ? Float.NaN : k == 1 ? Float.POSITIVE_INFINITY : f(r);
  }

  private static float[][] state(Random r, int n, int arrays, boolean nonNegative) {
    float[][] s = new float[arrays][n];
    for (float[] a : s) {
      for (int i = 0; i < n; i++) {
        a[i] = nonNegative ? Math.abs(f(r)) : f(r);
      }
    }
    return s;
  }

  @Test
  void floatVectorEqualsScalarBitForBit() {
    OptimKernels.Provider vec = OptimKernels.vector();
    assumeTrue(vec != null, "Vector API kernels not loaded");
    OptimKernels.Provider sc = OptimKernels.scalar();
    Random r = new Random(19);
    for (int n = 0; n <= 70; n++) {
      for (int flags = 0; flags < MAX_FLAGS; flags += 1 + r.nextInt(3)) {
        float[] g = new float[n];
        float[][] a = state(r, n, 4, false);
        float[][] b = copy(a);
        float cf = r.nextBoolean() ? 1f : (float) r.nextDouble();
        float wd = (float) (r.nextDouble() * 0.1);
        for (int step = 0; step < 3; step++) {
          for (int i = 0; i < n; i++) {
            g[i] = grad(r);
          }
          int fl = step == 0 ? flags | OptimKernels.FIRST : flags & ~OptimKernels.FIRST;
          float lr = (float) -(r.nextDouble() * 0.1);
          sc.sgd(a[0], g, a[1], cf, lr, wd, 0.9f, 0.8f, fl);
          vec.sgd(b[0], g, b[1], cf, lr, wd, 0.9f, 0.8f, fl);
          same("sgd", n, fl, a, b);
          sc.adam(
              a[0], g, a[1], abs(a[2]), abs(a[3]), cf, 0.999f, wd, 0.9f, 0.1f, 0.999f, 0.001f, 0.3f,
              1e-8f, lr, fl);
          vec.adam(
              b[0], g, b[1], abs(b[2]), abs(b[3]), cf, 0.999f, wd, 0.9f, 0.1f, 0.999f, 0.001f, 0.3f,
              1e-8f, lr, fl);
          same("adam", n, fl, a, b);
          sc.adamKeras(a[0], g, a[1], a[2], a[3], cf, 1e-4f, wd, 0.1f, 0.001f, 0.01f, 1e-7f, fl);
          vec.adamKeras(b[0], g, b[1], b[2], b[3], cf, 1e-4f, wd, 0.1f, 0.001f, 0.01f, 1e-7f, fl);
          same("adamKeras", n, fl, a, b);
          sc.rmsProp(a[0], g, a[1], a[2], a[3], cf, wd, 0.99f, 0.01f, 1e-8f, 0.9f, lr, fl);
          vec.rmsProp(b[0], g, b[1], b[2], b[3], cf, wd, 0.99f, 0.01f, 1e-8f, 0.9f, lr, fl);
          same("rmsProp", n, fl, a, b);
          sc.adaGrad(a[0], g, a[1], cf, wd, 1e-10f, lr, fl);
          vec.adaGrad(b[0], g, b[1], cf, wd, 1e-10f, lr, fl);
          same("adaGrad", n, fl, a, b);
        }
      }
    }
  }

  @Test
  void doubleVectorEqualsScalarBitForBit() {
    OptimKernels.Provider vec = OptimKernels.vector();
    assumeTrue(vec != null, "Vector API kernels not loaded");
    OptimKernels.Provider sc = OptimKernels.scalar();
    Random r = new Random(91);
    for (int n = 0; n <= 40; n++) {
      for (int flags = 0; flags < MAX_FLAGS; flags += 1 + r.nextInt(3)) {
        double[] g = new double[n];
        double[][] a = new double[4][n];
        for (double[] x : a) {
          for (int i = 0; i < n; i++) {
            x[i] = f(r) * (1 + r.nextDouble());
          }
        }
        double[][] b = new double[4][];
        for (int k = 0; k < 4; k++) {
          b[k] = a[k].clone();
        }
        double cf = r.nextBoolean() ? 1 : r.nextDouble();
        double wd = r.nextDouble() * 0.1;
        for (int step = 0; step < 3; step++) {
          for (int i = 0; i < n; i++) {
            g[i] = grad(r) * (1 + r.nextDouble());
          }
          int fl = step == 0 ? flags | OptimKernels.FIRST : flags & ~OptimKernels.FIRST;
          double lr = -(r.nextDouble() * 0.1);
          sc.sgd(a[0], g, a[1], cf, lr, wd, 0.9, 0.8, fl);
          vec.sgd(b[0], g, b[1], cf, lr, wd, 0.9, 0.8, fl);
          sc.adam(
              a[0], g, a[1], a[2], a[3], cf, 0.999, wd, 0.9, 0.1, 0.999, 0.001, 0.3, 1e-8, lr, fl);
          vec.adam(
              b[0], g, b[1], b[2], b[3], cf, 0.999, wd, 0.9, 0.1, 0.999, 0.001, 0.3, 1e-8, lr, fl);
          sc.adamKeras(a[0], g, a[1], a[2], a[3], cf, 1e-4, wd, 0.1, 0.001, 0.01, 1e-7, fl);
          vec.adamKeras(b[0], g, b[1], b[2], b[3], cf, 1e-4, wd, 0.1, 0.001, 0.01, 1e-7, fl);
          sc.rmsProp(a[0], g, a[1], a[2], a[3], cf, wd, 0.99, 0.01, 1e-8, 0.9, lr, fl);
          vec.rmsProp(b[0], g, b[1], b[2], b[3], cf, wd, 0.99, 0.01, 1e-8, 0.9, lr, fl);
          sc.adaGrad(a[0], g, a[1], cf, wd, 1e-10, lr, fl);
          vec.adaGrad(b[0], g, b[1], cf, wd, 1e-10, lr, fl);
          for (int k = 0; k < 4; k++) {
            for (int i = 0; i < n; i++) {
              assertEquals(
                  Double.doubleToLongBits(a[k][i]),
                  Double.doubleToLongBits(b[k][i]),
                  "n " + n + " flags " + fl + " array " + k + " element " + i);
            }
          }
        }
      }
    }
  }

  /** Second moments are never negative in a real run; AMSGrad's max must see them so. */
  private static float[] abs(float[] a) {
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.abs(a[i]);
    }
    return a;
  }

  private static float[][] copy(float[][] a) {
    float[][] b = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i].clone();
    }
    return b;
  }

  private static void same(String kernel, int n, int flags, float[][] a, float[][] b) {
    for (int k = 0; k < a.length; k++) {
      for (int i = 0; i < n; i++) {
        assertEquals(
            Float.floatToIntBits(a[k][i]),
            Float.floatToIntBits(b[k][i]),
            kernel + ": n " + n + " flags " + flags + " array " + k + " element " + i);
      }
    }
  }
}
