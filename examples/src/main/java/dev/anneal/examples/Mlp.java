package dev.anneal.examples;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A two-layer perceptron, {@code in -> hidden (ReLU) -> classes (softmax)}, trained with
 * cross-entropy and mini-batch SGD with momentum or AdamW: anneal's {@link dev.anneal.Optimizer}s
 * ({@code torch.optim.SGD} / {@code AdamW}, bit for bit), one bound per layer over its weights and
 * bias, the bias in a parameter group with weight-decay multiplier 0. Each layer takes its own
 * learning rate, so a schedule can drive the layers as parameter groups. A step is {@link
 * #gradients}, optionally {@link #clip}, then {@link #step}. Plain loops over flat row-major
 * arrays: small enough to read, fast enough for the demo.
 */
final class Mlp {
  /** SGD's momentum (and AdamW's beta1) unless a momentum schedule says otherwise. */
  static final double MOMENTUM = 0.9;

  /** AdamW's beta2, eps and weight decay: PyTorch's defaults. */
  static final double BETA2 = 0.999;

  static final double EPS = 1e-8;
  static final double WEIGHT_DECAY = 0.01;

  /** The update rule. */
  enum Optimizer {
    SGD("SGD, momentum 0.9"),
    ADAMW("AdamW, betas (0.9, 0.999), weight decay 0.01");

    final String description;

    Optimizer(String description) {
      this.description = description;
    }
  }

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
  // Gradients of the current mini-batch, same layouts.
  private final double[] gw1;
  private final double[] gb1;
  private final double[] gw2;
  private final double[] gb2;
  // Per-example activations: hidden output, class probabilities, hidden gradient.
  private final double[] h;
  private final double[] p;
  private final double[] dh;
  // Each layer's optimizer (it owns the moments and the step count) reads the rate and the
  // momentum (AdamW's beta1) that step() was given: the trainer computes them per layer.
  private final double[] rate = new double[LAYERS];
  private double momentum;
  private final dev.anneal.BoundOptimizer[] updaters = new dev.anneal.BoundOptimizer[LAYERS];
  private boolean hiddenGradients;

  Mlp(int in, int hidden, int out, SplittableRandom random) {
    this(in, hidden, out, random, Optimizer.SGD);
  }

  Mlp(int in, int hidden, int out, SplittableRandom random, Optimizer optimizer) {
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
    h = new double[hidden];
    p = new double[out];
    dh = new double[hidden];
    // Weight decay on the weight matrices only: the bias is a group with multiplier 0.
    dev.anneal.ParamGroups decayed =
        dev.anneal.ParamGroups.builder().add("weights", 1, 0, 1).add("bias", 1, 0, 0).build();
    int[] groupOf = {0, 1};
    for (int layer = 0; layer < LAYERS; layer++) {
      int l = layer;
      dev.anneal.LrSchedule lr = step -> rate[l];
      dev.anneal.LrSchedule mu = step -> momentum;
      dev.anneal.Optimizer o =
          optimizer == Optimizer.SGD
              ? dev.anneal.Optimizer.sgd(lr).momentum(MOMENTUM).momentumSchedule(mu).build()
              : dev.anneal.Optimizer.adamW(lr)
                  .beta2(BETA2)
                  .eps(EPS)
                  .weightDecay(WEIGHT_DECAY)
                  .beta1Schedule(mu)
                  .build();
      updaters[layer] =
          layer == HIDDEN_LAYER
              ? o.bind(decayed, groupOf, w1, b1)
              : o.bind(decayed, groupOf, w2, b2);
    }
  }

  // Uniform rather than Gaussian init: nextDouble() is specified exactly, so runs repeat bit for
  // bit.
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
    double loss = gradients(data, order, from, to, lrHidden != 0);
    step(lrHidden, lrOutput, MOMENTUM);
    return loss;
  }

  /**
   * The mean gradient of the cross-entropy over the rows {@code order[from..to)} of {@code data},
   * kept for {@link #clip} and {@link #step}; returns the rows' summed loss. Without {@code
   * hiddenToo} the hidden layer's gradient (the costly part) is left at 0.
   */
  double gradients(Dataset data, int[] order, int from, int to, boolean hiddenToo) {
    hiddenGradients = hiddenToo;
    Arrays.fill(gw2, 0);
    Arrays.fill(gb2, 0);
    Arrays.fill(gw1, 0);
    Arrays.fill(gb1, 0);
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
      if (!hiddenToo) {
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
    for (double[] g : new double[][] {gw1, gb1, gw2, gb2}) {
      for (int i = 0; i < g.length; i++) {
        g[i] *= mean;
      }
    }
    return loss;
  }

  /**
   * Clips the current gradient in place, all four arrays together ({@code @ClipNorm}'s global norm,
   * as {@code torch.nn.utils.clip_grad_norm_(model.parameters(), max)}); returns the norm before
   * clipping.
   */
  double clip(dev.anneal.GradientClip clip) {
    return clip.apply(gw1, gb1, gw2, gb2);
  }

  /**
   * Updates the weights with the current gradient: each layer at its own rate (0 freezes it: its
   * weights and optimizer state stay put); {@code momentum} is SGD's momentum or AdamW's beta1.
   */
  void step(double lrHidden, double lrOutput, double momentum) {
    rate[HIDDEN_LAYER] = lrHidden;
    rate[OUTPUT_LAYER] = lrOutput;
    this.momentum = momentum;
    if (lrOutput != 0) {
      updaters[OUTPUT_LAYER].step(gw2, gb2);
    }
    if (lrHidden != 0 && hiddenGradients) {
      updaters[HIDDEN_LAYER].step(gw1, gb1);
    }
  }

  /** Mean cross-entropy and accuracy on {@code data}. */
  record Evaluation(double loss, double accuracy) {}

  Evaluation evaluate(Dataset data) {
    int correct = 0;
    double loss = 0;
    for (int row = 0; row < data.size(); row++) {
      loss += forward(data.x(), row * in, data.y()[row]);
      int best = 0;
      for (int c = 1; c < out; c++) {
        if (p[c] > p[best]) {
          best = c;
        }
      }
      correct += best == data.y()[row] ? 1 : 0;
    }
    return new Evaluation(loss / data.size(), (double) correct / data.size());
  }

  /** A copy of the weights, for {@link #restore} (early stopping keeps the best epoch's). */
  double[][] snapshot() {
    return new double[][] {w1.clone(), b1.clone(), w2.clone(), b2.clone()};
  }

  void restore(double[][] weights) {
    System.arraycopy(weights[0], 0, w1, 0, w1.length);
    System.arraycopy(weights[1], 0, b1, 0, b1.length);
    System.arraycopy(weights[2], 0, w2, 0, w2.length);
    System.arraycopy(weights[3], 0, b2, 0, b2.length);
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
