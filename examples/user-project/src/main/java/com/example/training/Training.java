package com.example.training;

import dev.anneal.EarlyStopper;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A tiny training loop: fits {@code y = w . x + b} by mini-batch SGD on synthetic data, with the
 * scheduled rate, the plateau multiplier, early stopping that keeps the best epoch's weights, and
 * gradient clipping.
 */
public final class Training {
  static final int FEATURES = 4;
  static final int BATCH = 16;
  static final double[] TRUE_WEIGHTS = {1.5, -2.0, 0.5, 3.0};
  static final double TRUE_BIAS = 0.25;

  /**
   * What a run ended with: the kept (best) weights, their validation loss recomputed, and what the
   * stopper recorded as the best.
   */
  public record Result(
      double[] weights,
      double bias,
      double keptValLoss,
      double bestValLoss,
      long bestEpoch,
      int epochsRun) {}

  private Training() {}

  public static Result train(Hyper hp, int maxEpochs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] trainX = inputs(random, (int) Hyper.STEPS_PER_EPOCH * BATCH);
    double[] trainY = targets(random, trainX);
    double[][] valX = inputs(random, 64);
    double[] valY = targets(random, valX);

    LrSchedule lr = hp.lr();
    PlateauSchedule plateau = hp.plateau();
    EarlyStopper stop = hp.stop();
    GradientClip clip = hp.clip();

    double[] w = new double[FEATURES];
    double[] b = new double[1];
    double[] gw = new double[FEATURES];
    double[] gb = new double[1];
    double[] bestW = w.clone();
    double bestB = 0;
    long step = 0;
    int epoch = 0;
    while (epoch < maxEpochs) {
      epoch++;
      for (int start = 0; start < trainX.length; start += BATCH, step++) {
        Arrays.fill(gw, 0);
        gb[0] = 0;
        for (int i = start; i < start + BATCH; i++) {
          double err = predict(w, b[0], trainX[i]) - trainY[i];
          for (int f = 0; f < FEATURES; f++) {
            gw[f] += 2 * err * trainX[i][f] / BATCH;
          }
          gb[0] += 2 * err / BATCH;
        }
        clip.apply(gw, gb); // one global L2 norm over both arrays, scaled in place
        double rate = lr.at(step) * plateau.at(step);
        for (int f = 0; f < FEATURES; f++) {
          w[f] -= rate * gw[f];
        }
        b[0] -= rate * gb[0];
      }
      double valLoss = loss(w, b[0], valX, valY);
      plateau.observe(valLoss);
      boolean stopNow = stop.observe(valLoss);
      if (stop.improved()) { // after observe: this epoch is the best so far
        bestW = w.clone();
        bestB = b[0];
      }
      if (stopNow) {
        break;
      }
    }
    return new Result(
        bestW, bestB, loss(bestW, bestB, valX, valY), stop.best(), stop.bestIndex() + 1, epoch);
  }

  static double predict(double[] w, double b, double[] x) {
    double y = b;
    for (int f = 0; f < FEATURES; f++) {
      y += w[f] * x[f];
    }
    return y;
  }

  static double loss(double[] w, double b, double[][] xs, double[] ys) {
    double sum = 0;
    for (int i = 0; i < xs.length; i++) {
      double err = predict(w, b, xs[i]) - ys[i];
      sum += err * err;
    }
    return sum / xs.length;
  }

  private static double[][] inputs(SplittableRandom random, int n) {
    double[][] xs = new double[n][FEATURES];
    for (double[] x : xs) {
      for (int f = 0; f < FEATURES; f++) {
        x[f] = random.nextDouble(-1, 1);
      }
    }
    return xs;
  }

  private static double[] targets(SplittableRandom random, double[][] xs) {
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = predict(TRUE_WEIGHTS, TRUE_BIAS, xs[i]) + 0.01 * random.nextDouble(-1, 1);
    }
    return ys;
  }

  public static void main(String[] args) {
    Result r = train(new HyperImpl(), 30, 1);
    System.out.printf(
        "best validation loss %.3g at epoch %d of %d: w = %s, b = %.3f%n",
        r.bestValLoss(), r.bestEpoch(), r.epochsRun(), Arrays.toString(r.weights()), r.bias());
  }
}
