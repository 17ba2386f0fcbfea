package dev.anneal.internal;

import dev.anneal.Anneal;

/**
 * Internal, not API. PyTorch {@code OneCycleLR} with its exact phase end steps:
 * {@code pctStart * steps - 1} (and {@code 2 * pctStart * steps - 2} for three phases), then
 * {@code steps - 1}. Each phase anneals from its start value at its start step to its end value at
 * its end step, as PyTorch's {@code _annealing_cos} / {@code _annealing_linear} do (dividing by a
 * phase length is done as a multiplication by its reciprocal, which generated code folds).
 */
public final class OneCyclePhases {
  public final double peak;
  public final double steps;
  public final double pctStart;
  public final double divFactor;
  public final double finalDivFactor;
  public final boolean cosine;
  public final boolean threePhase;
  /** {@code peak / divFactor}. */
  public final double initial;
  /** {@code initial / finalDivFactor}. */
  public final double min;

  OneCyclePhases(Part b, double peak, long steps) {
    this.peak = peak;
    this.steps = steps;
    this.pctStart = b.d("pctStart");
    this.divFactor = b.d("divFactor");
    this.finalDivFactor = b.d("finalDivFactor");
    this.cosine = b.e("anneal", Anneal.class) == Anneal.COSINE;
    this.threePhase = b.b("threePhase");
    this.initial = peak / divFactor;
    this.min = initial / finalDivFactor;
  }

  /** The value at step {@code t <= steps - 1}. */
  public double at(double t) {
    return value(t, steps, peak, initial, min);
  }

  /**
   * Value at local step {@code t} of a restart cycle of length {@code p} whose peak is scaled by
   * {@code scale}; the initial and final values are not.
   */
  public double periodic(double t, double p, double scale) {
    return value(Math.min(t, p - 1), p, peak * scale, initial, min);
  }

  /** End step of phase 0 of a cycle of {@code total} steps. */
  public double end0(double total) {
    return pctStart * total - 1;
  }

  /** End step of phase 1 of a three-phase cycle of {@code total} steps. */
  public double end1(double total) {
    return 2 * pctStart * total - 2;
  }

  private double value(double t, double total, double top, double start, double end) {
    double end0 = end0(total);
    if (t <= end0) {
      return anneal(start, top, t * (1 / end0));
    }
    if (threePhase) {
      double end1 = end1(total);
      if (t <= end1) {
        return anneal(top, start, (t - end0) * (1 / (end1 - end0)));
      }
      return anneal(start, end, (t - end1) * (1 / (total - 1 - end1)));
    }
    return anneal(top, end, (t - end0) * (1 / (total - 1 - end0)));
  }

  /** PyTorch {@code _annealing_cos} or {@code _annealing_linear}. */
  public double anneal(double start, double end, double pct) {
    return cosine ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }
}
