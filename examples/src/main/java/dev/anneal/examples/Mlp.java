package dev.anneal.examples;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A two-layer perceptron, {@code in -> hidden (ReLU) -> classes (softmax)}, trained with
 * cross-entropy and mini-batch SGD with momentum (PyTorch's form: {@code v = 0.9 v + g; w -= lr v}).
 * Each layer takes its own learning rate, so a schedule can drive the layers as parameter groups.
 * Plain loops over flat row-major arrays: small enough to read, fast enough for the demo.
 */
final class Mlp {
  static final double MOMENTUM = 0.9;
  /** Parameter groups, in the order {@code ParamGroups} lists them: input side first. */
  static final int HIDDEN_LAYER = 0;
  static final int OUTPUT_LAYER = 1;
  static final int LAYERS = 2;

  private final int in;
  private final int hidden;
  private final int out;
  // w1[j * in + k]: input k -> hidden unit j; w2[c * hidden + j]: hidden unit j -> class c.
  private final double[] w1;
  private final double[] b1;
  private final double[] w2;
  private final double[] b2;
  // Gradients of the current mini-batch and momentum buffers, same layouts.
  private final double[] gw1;
  private final double[] gb1;
  private final double[] gw2;
  private final double[] gb2;
  private final double[] vw1;
  private final double[] vb1;
  private final double[] vw2;
  private final double[] vb2;
  // Per-example activations: hidden output, class probabilities, hidden gradient.
  private final double[] h;
  private final double[] p;
  private final double[] dh;

  Mlp(int in, int hidden, int out, SplittableRandom random) {
    this.in = in;
    this.hidden = hidden;
    this.out = out;
    w1 = uniform(hidden * in, Math.sqrt(6.0 / in), random); // He: keeps ReLU activations in scale
    w2 = uniform(out * hidden, Math.sqrt(6.0 / (hidden + out)), random); // Glorot for the softmax
    b1 = new double[hidden];
    b2 = new double[out];
    gw1 = new double[w1.length];
    gb1 = new double[hidden];
    gw2 = new double[w2.length];
    gb2 = new double[out];
    vw1 = new double[w1.length];
    vb1 = new double[hidden];
    vw2 = new double[w2.length];
    vb2 = new double[out];
    h = new double[hidden];
    p = new double[out];
    dh = new double[hidden];
  }

  // Uniform rather than Gaussian init: nextDouble() is specified exactly, so runs repeat bit for bit.
  private static double[] uniform(int n, double bound, SplittableRandom random) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = random.nextDouble(-bound, bound);
    }
    return w;
  }

  /**
   * One SGD step on the rows {@code order[from..to)} of {@code data}; returns their summed loss. A
   * layer whose rate is 0 is frozen for this step: its weights and momentum stay put (and the
   * hidden layer's gradient, the costly part, is not even computed).
   */
  double trainBatch(Dataset data, int[] order, int from, int to, double lrHidden, double lrOutput) {
    boolean trainHidden = lrHidden != 0;
    Arrays.fill(gw2, 0);
    Arrays.fill(gb2, 0);
    if (trainHidden) {
      Arrays.fill(gw1, 0);
      Arrays.fill(gb1, 0);
    }
    double[] x = data.x();
    double loss = 0;
    for (int i = from; i < to; i++) {
      int row = order[i];
      int label = data.y()[row];
      loss += forward(x, row * in, label);
      // Softmax + cross-entropy: dLoss/dlogit = p - onehot(label).
      p[label] -= 1;
      for (int c = 0; c < out; c++) {
        gb2[c] += p[c];
        int base = c * hidden;
        for (int j = 0; j < hidden; j++) {
          gw2[base + j] += p[c] * h[j];
        }
      }
      if (!trainHidden) {
        continue;
      }
      Arrays.fill(dh, 0);
      for (int c = 0; c < out; c++) {
        int base = c * hidden;
        for (int j = 0; j < hidden; j++) {
          dh[j] += w2[base + j] * p[c];
        }
      }
      for (int j = 0; j < hidden; j++) {
        if (h[j] <= 0) {
          continue; // ReLU passes no gradient where it was off: skip the whole row
        }
        gb1[j] += dh[j];
        int base = j * in;
        int off = row * in;
        for (int k = 0; k < in; k++) {
          gw1[base + k] += dh[j] * x[off + k];
        }
      }
    }
    double mean = 1.0 / (to - from);
    if (lrOutput != 0) {
      step(w2, gw2, vw2, lrOutput, mean);
      step(b2, gb2, vb2, lrOutput, mean);
    }
    if (trainHidden) {
      step(w1, gw1, vw1, lrHidden, mean);
      step(b1, gb1, vb1, lrHidden, mean);
    }
    return loss;
  }

  private static void step(double[] w, double[] g, double[] v, double lr, double mean) {
    for (int i = 0; i < w.length; i++) {
      v[i] = MOMENTUM * v[i] + g[i] * mean;
      w[i] -= lr * v[i];
    }
  }

  /** Fraction of {@code data} classified correctly. */
  double accuracy(Dataset data) {
    int correct = 0;
    for (int row = 0; row < data.size(); row++) {
      forward(data.x(), row * in, 0);
      int best = 0;
      for (int c = 1; c < out; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      correct += best == data.y()[row] ? 1 : 0;
    }
    return (double) correct / data.size();
  }

  /** Fills {@code h} and {@code p}; returns the cross-entropy loss for {@code label}. */
  private double forward(double[] x, int off, int label) {
    for (int j = 0; j < hidden; j++) {
      double s = b1[j];
      int base = j * in;
      for (int k = 0; k < in; k++) {
        s += w1[base + k] * x[off + k];
      }
      h[j] = Math.max(0, s);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < out; c++) {
      double s = b2[c];
      int base = c * hidden;
      for (int j = 0; j < hidden; j++) {
        s += w2[base + j] * h[j];
      }
      p[c] = s;
      max = Math.max(max, s);
    }
    // log-sum-exp shifted by the max: no overflow, and the loss stays finite when p[label] ~ 0.
    double sum = 0;
    for (int c = 0; c < out; c++) {
      sum += Math.exp(p[c] - max);
    }
    double logSum = max + Math.log(sum);
    double loss = logSum - p[label];
    for (int c = 0; c < out; c++) {
      p[c] = Math.exp(p[c] - logSum);
    }
    return loss;
  }
}
