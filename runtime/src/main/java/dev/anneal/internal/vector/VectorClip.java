package dev.anneal.internal.vector;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.MAX;

import dev.anneal.internal.clip.ClipKernels;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Internal, not API. The Vector API clipping kernels, loaded reflectively by {@link ClipKernels}
 * only when {@code jdk.incubator.vector} is in the boot layer.
 *
 * <p>Accumulation is in {@code double} lanes: a {@code float[]} is read half a vector at a time
 * ({@link #H}, as many lanes as {@link #D}) and converted to doubles (one {@code vcvtps2pd}); four
 * independent accumulators hide the add latency. Scaling a {@code float[]} converts to doubles,
 * multiplies and rounds back (the contract: multiplied in double, rounded once). The tails are
 * scalar loops. As in {@code VectorKernels}, no vector crosses a method call (C2 would box it), and
 * every kernel is one simple loop.
 */
public final class VectorClip implements ClipKernels.Provider {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

  /** Half the width of {@link #D}: the same lane count, read as floats and widened. */
  private static final VectorSpecies<Float> H =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

  /** Full-width floats, for clamping (no conversion needed). */
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private static final int DL = D.length();
  private static final int FL = F.length();

  /** Public for the reflective load. */
  public VectorClip() {}

  @Override
  public double sumSquares(float[] a, int from, int to) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = from;
    for (; i <= to - 4 * DL; i += 4 * DL) {
      DoubleVector x0 = (DoubleVector) FloatVector.fromArray(H, a, i).convertShape(F2D, D, 0);
      DoubleVector x1 = (DoubleVector) FloatVector.fromArray(H, a, i + DL).convertShape(F2D, D, 0);
      DoubleVector x2 =
          (DoubleVector) FloatVector.fromArray(H, a, i + 2 * DL).convertShape(F2D, D, 0);
      DoubleVector x3 =
          (DoubleVector) FloatVector.fromArray(H, a, i + 3 * DL).convertShape(F2D, D, 0);
      s0 = x0.fma(x0, s0);
      s1 = x1.fma(x1, s1);
      s2 = x2.fma(x2, s2);
      s3 = x3.fma(x3, s3);
    }
    for (; i <= to - DL; i += DL) {
      DoubleVector x0 = (DoubleVector) FloatVector.fromArray(H, a, i).convertShape(F2D, D, 0);
      s0 = x0.fma(x0, s0);
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(ADD);
    for (; i < to; i++) {
      double x = a[i];
      s += x * x;
    }
    return s;
  }

  @Override
  public double sumSquares(double[] a, int from, int to) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = from;
    for (; i <= to - 4 * DL; i += 4 * DL) {
      DoubleVector x0 = DoubleVector.fromArray(D, a, i);
      DoubleVector x1 = DoubleVector.fromArray(D, a, i + DL);
      DoubleVector x2 = DoubleVector.fromArray(D, a, i + 2 * DL);
      DoubleVector x3 = DoubleVector.fromArray(D, a, i + 3 * DL);
      s0 = x0.fma(x0, s0);
      s1 = x1.fma(x1, s1);
      s2 = x2.fma(x2, s2);
      s3 = x3.fma(x3, s3);
    }
    for (; i <= to - DL; i += DL) {
      DoubleVector x0 = DoubleVector.fromArray(D, a, i);
      s0 = x0.fma(x0, s0);
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(ADD);
    for (; i < to; i++) {
      s += a[i] * a[i];
    }
    return s;
  }

  @Override
  public double sumAbs(float[] a, int from, int to) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = from;
    for (; i <= to - 4 * DL; i += 4 * DL) {
      s0 = s0.add(((DoubleVector) FloatVector.fromArray(H, a, i).convertShape(F2D, D, 0)).abs());
      s1 =
          s1.add(
              ((DoubleVector) FloatVector.fromArray(H, a, i + DL).convertShape(F2D, D, 0)).abs());
      s2 =
          s2.add(
              ((DoubleVector) FloatVector.fromArray(H, a, i + 2 * DL).convertShape(F2D, D, 0))
                  .abs());
      s3 =
          s3.add(
              ((DoubleVector) FloatVector.fromArray(H, a, i + 3 * DL).convertShape(F2D, D, 0))
                  .abs());
    }
    for (; i <= to - DL; i += DL) {
      s0 = s0.add(((DoubleVector) FloatVector.fromArray(H, a, i).convertShape(F2D, D, 0)).abs());
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(ADD);
    for (; i < to; i++) {
      s += Math.abs((double) a[i]);
    }
    return s;
  }

  @Override
  public double sumAbs(double[] a, int from, int to) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = s0;
    DoubleVector s2 = s0;
    DoubleVector s3 = s0;
    int i = from;
    for (; i <= to - 4 * DL; i += 4 * DL) {
      s0 = s0.add(DoubleVector.fromArray(D, a, i).abs());
      s1 = s1.add(DoubleVector.fromArray(D, a, i + DL).abs());
      s2 = s2.add(DoubleVector.fromArray(D, a, i + 2 * DL).abs());
      s3 = s3.add(DoubleVector.fromArray(D, a, i + 3 * DL).abs());
    }
    for (; i <= to - DL; i += DL) {
      s0 = s0.add(DoubleVector.fromArray(D, a, i).abs());
    }
    double s = s0.add(s1).add(s2.add(s3)).reduceLanes(ADD);
    for (; i < to; i++) {
      s += Math.abs(a[i]);
    }
    return s;
  }

  @Override
  public double maxAbs(float[] a, int from, int to) {
    // The maximum of floats is a float: no conversion, full-width lanes.
    FloatVector m0 = FloatVector.zero(F);
    FloatVector m1 = m0;
    int i = from;
    for (; i <= to - 2 * FL; i += 2 * FL) {
      m0 = m0.max(FloatVector.fromArray(F, a, i).abs());
      m1 = m1.max(FloatVector.fromArray(F, a, i + FL).abs());
    }
    for (; i <= to - FL; i += FL) {
      m0 = m0.max(FloatVector.fromArray(F, a, i).abs());
    }
    float m = m0.max(m1).reduceLanes(MAX);
    for (; i < to; i++) {
      m = Math.max(m, Math.abs(a[i]));
    }
    return m;
  }

  @Override
  public double maxAbs(double[] a, int from, int to) {
    DoubleVector m0 = DoubleVector.zero(D);
    DoubleVector m1 = m0;
    int i = from;
    for (; i <= to - 2 * DL; i += 2 * DL) {
      m0 = m0.max(DoubleVector.fromArray(D, a, i).abs());
      m1 = m1.max(DoubleVector.fromArray(D, a, i + DL).abs());
    }
    for (; i <= to - DL; i += DL) {
      m0 = m0.max(DoubleVector.fromArray(D, a, i).abs());
    }
    double m = m0.max(m1).reduceLanes(MAX);
    for (; i < to; i++) {
      m = Math.max(m, Math.abs(a[i]));
    }
    return m;
  }

  @Override
  public void scale(float[] a, int from, int to, double s) {
    int i = from;
    for (; i <= to - DL; i += DL) {
      DoubleVector x = (DoubleVector) FloatVector.fromArray(H, a, i).convertShape(F2D, D, 0);
      ((FloatVector) x.mul(s).convertShape(D2F, H, 0)).intoArray(a, i);
    }
    for (; i < to; i++) {
      a[i] = (float) (a[i] * s);
    }
  }

  @Override
  public void scale(double[] a, int from, int to, double s) {
    int i = from;
    for (; i <= to - DL; i += DL) {
      DoubleVector.fromArray(D, a, i).mul(s).intoArray(a, i);
    }
    for (; i < to; i++) {
      a[i] *= s;
    }
  }

  @Override
  public void clamp(float[] a, int from, int to, float max) {
    float min = -max;
    int i = from;
    for (; i <= to - FL; i += FL) {
      FloatVector.fromArray(F, a, i).max(min).min(max).intoArray(a, i);
    }
    for (; i < to; i++) {
      a[i] = Math.min(max, Math.max(min, a[i]));
    }
  }

  @Override
  public void clamp(double[] a, int from, int to, double max) {
    double min = -max;
    int i = from;
    for (; i <= to - DL; i += DL) {
      DoubleVector.fromArray(D, a, i).max(min).min(max).intoArray(a, i);
    }
    for (; i < to; i++) {
      a[i] = Math.min(max, Math.max(min, a[i]));
    }
  }
}
