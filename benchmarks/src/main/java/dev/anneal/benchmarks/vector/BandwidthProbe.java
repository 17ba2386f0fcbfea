package dev.anneal.benchmarks.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-bandwidth probes of {@code ClipBenchmark} and {@code OptimizerBenchmark}: Vector API
 * loops that only move the data, kept in their own package as the runtime keeps its Vector API
 * code.
 */
public final class BandwidthProbe {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private BandwidthProbe() {}

  /** A vector sum over every array: what reading the data once costs. */
  public static float read(float[][] grads) {
    float total = 0;
    for (float[] a : grads) {
      total += sum(a);
    }
    return total;
  }

  /** The sum, then a read-modify-write pass: the memory traffic of a clip that scales. */
  public static float readRmw(float[][] grads) {
    float total = 0;
    for (float[] a : grads) {
      total += sum(a);
    }
    for (float[] a : grads) {
      int i = 0;
      for (; i <= a.length - F.length(); i += F.length()) {
        FloatVector.fromArray(F, a, i).mul(1f).intoArray(a, i);
      }
      for (; i < a.length; i++) {
        a[i] *= 1f;
      }
    }
    return total;
  }

  /**
   * The traffic of an Adam step: reads the gradient, parameter and both moments, writes the
   * parameter and both moments (multiplied by 1, so nothing changes).
   */
  public static void adamTraffic(float[][] params, float[][] grads, float[][] m, float[][] v) {
    int l = F.length();
    for (int a = 0; a < params.length; a++) {
      float[] p = params[a];
      float[] g = grads[a];
      float[] ma = m[a];
      float[] va = v[a];
      int i = 0;
      for (; i <= p.length - l; i += l) {
        FloatVector gv = FloatVector.fromArray(F, g, i);
        FloatVector.fromArray(F, p, i).add(gv.mul(0f)).intoArray(p, i);
        FloatVector.fromArray(F, ma, i).mul(1f).intoArray(ma, i);
        FloatVector.fromArray(F, va, i).mul(1f).intoArray(va, i);
      }
      for (; i < p.length; i++) {
        p[i] += g[i] * 0f;
        ma[i] *= 1f;
        va[i] *= 1f;
      }
    }
  }

  private static float sum(float[] a) {
    FloatVector s0 = FloatVector.zero(F);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    int l = F.length();
    int i = 0;
    for (; i <= a.length - 4 * l; i += 4 * l) {
      s0 = s0.add(FloatVector.fromArray(F, a, i));
      s1 = s1.add(FloatVector.fromArray(F, a, i + l));
      s2 = s2.add(FloatVector.fromArray(F, a, i + 2 * l));
      s3 = s3.add(FloatVector.fromArray(F, a, i + 3 * l));
    }
    float t = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      t += a[i];
    }
    return t;
  }
}
