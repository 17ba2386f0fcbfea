package dev.anneal.internal.clip;

/**
 * Internal, not API. The clipping kernels in plain Java: four independent {@code double}
 * accumulators per sum (one dependent add per element would cost the add's latency each), the
 * element loops written so C2 can vectorize them.
 */
final class ScalarClip implements ClipKernels.Provider {

  @Override
  public double sumSquares(float[] a, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i <= to - 4; i += 4) {
      double x0 = a[i];
      double x1 = a[i + 1];
      double x2 = a[i + 2];
      double x3 = a[i + 3];
      s0 += x0 * x0;
      s1 += x1 * x1;
      s2 += x2 * x2;
      s3 += x3 * x3;
    }
    for (; i < to; i++) {
      double x = a[i];
      s0 += x * x;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double sumSquares(double[] a, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i <= to - 4; i += 4) {
      s0 += a[i] * a[i];
      s1 += a[i + 1] * a[i + 1];
      s2 += a[i + 2] * a[i + 2];
      s3 += a[i + 3] * a[i + 3];
    }
    for (; i < to; i++) {
      s0 += a[i] * a[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double sumAbs(float[] a, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i <= to - 4; i += 4) {
      s0 += Math.abs((double) a[i]);
      s1 += Math.abs((double) a[i + 1]);
      s2 += Math.abs((double) a[i + 2]);
      s3 += Math.abs((double) a[i + 3]);
    }
    for (; i < to; i++) {
      s0 += Math.abs((double) a[i]);
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double sumAbs(double[] a, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i <= to - 4; i += 4) {
      s0 += Math.abs(a[i]);
      s1 += Math.abs(a[i + 1]);
      s2 += Math.abs(a[i + 2]);
      s3 += Math.abs(a[i + 3]);
    }
    for (; i < to; i++) {
      s0 += Math.abs(a[i]);
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double maxAbs(float[] a, int from, int to) {
    float m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, Math.abs(a[i]));
    }
    return m;
  }

  @Override
  public double maxAbs(double[] a, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, Math.abs(a[i]));
    }
    return m;
  }

  @Override
  public void scale(float[] a, int from, int to, double s) {
    for (int i = from; i < to; i++) {
      a[i] = (float) (a[i] * s);
    }
  }

  @Override
  public void scale(double[] a, int from, int to, double s) {
    for (int i = from; i < to; i++) {
      a[i] *= s;
    }
  }

  @Override
  public void clamp(float[] a, int from, int to, float max) {
    float min = -max;
    for (int i = from; i < to; i++) {
      a[i] = Math.min(max, Math.max(min, a[i]));
    }
  }

  @Override
  public void clamp(double[] a, int from, int to, double max) {
    double min = -max;
    for (int i = from; i < to; i++) {
      a[i] = Math.min(max, Math.max(min, a[i]));
    }
  }
}
