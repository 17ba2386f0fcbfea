package dev.anneal.benchmarks;

import static dev.anneal.benchmarks.BenchSchedules.*;

/**
 * The same curves as {@link BenchSchedules}, written by hand the way a careful person specializes
 * one schedule: constants folded into {@code static final} fields, one {@code Math} call at most,
 * decays as {@code exp(k * ln(rate))}, and the same contract (negative steps throw).
 */
final class HandWritten {
  private HandWritten() {}

  private static IllegalArgumentException negative(long step) {
    return new IllegalArgumentException("step must be >= 0, was " + step);
  }

  static double constant(long step) {
    if (step < 0) {
      throw negative(step);
    }
    return PEAK;
  }

  private static final double LN_STEP_FACTOR = Math.log(STEP_DECAY_FACTOR);

  static double stepDecay(long step) {
    if (step < 0) {
      throw negative(step);
    }
    return PEAK * Math.exp((step / STEP_DECAY_EVERY) * LN_STEP_FACTOR);
  }

  private static final double MS_1 = PEAK * MULTI_STEP_FACTOR;
  private static final double MS_2 = MS_1 * MULTI_STEP_FACTOR;
  private static final double MS_3 = MS_2 * MULTI_STEP_FACTOR;

  static double multiStep(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step < MILESTONE_1) {
      return PEAK;
    }
    if (step < MILESTONE_2) {
      return MS_1;
    }
    return step < MILESTONE_3 ? MS_2 : MS_3;
  }

  private static final double LN_RATE = Math.log(EXPONENTIAL_RATE);

  static double exponential(long step) {
    if (step < 0) {
      throw negative(step);
    }
    return PEAK * Math.exp(step * LN_RATE);
  }

  private static final double COS_HALF = (PEAK - COSINE_TO) / 2;
  private static final double COS_W = Math.PI / TOTAL;

  static double cosine(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step >= TOTAL) {
      return COSINE_TO;
    }
    return COSINE_TO + COS_HALF * (1 + Math.cos(step * COS_W));
  }

  private static final double LINEAR_SLOPE = (LINEAR_TO - PEAK) / TOTAL;

  static double linear(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step >= TOTAL) {
      return LINEAR_TO;
    }
    return PEAK + LINEAR_SLOPE * step;
  }

  private static final double POLY_SPAN = PEAK - POLYNOMIAL_TO;
  private static final double INV_TOTAL = 1.0 / TOTAL;

  static double polynomial(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step >= TOTAL) {
      return POLYNOMIAL_TO;
    }
    double r = 1 - step * INV_TOTAL;
    return POLY_SPAN * (r * r) + POLYNOMIAL_TO; // power 2
  }

  private static final double INV_TIME_K = INVERSE_TIME_RATE / INVERSE_TIME_EVERY;

  static double inverseTime(long step) {
    if (step < 0) {
      throw negative(step);
    }
    return PEAK / (1 + step * INV_TIME_K);
  }

  static double inverseSqrt(long step) {
    if (step < 0) {
      throw negative(step);
    }
    return PEAK * Math.sqrt(INVERSE_SQRT_TIMESCALE / (INVERSE_SQRT_TIMESCALE + step));
  }

  private static final long CYCLE = 2 * CYCLIC_UP;
  private static final double INV_UP = 1.0 / CYCLIC_UP;
  private static final double CYCLIC_AMP = PEAK - CYCLIC_LOW;

  static double cyclic(long step) {
    if (step < 0) {
      throw negative(step);
    }
    long pos = step % CYCLE;
    double x = pos <= CYCLIC_UP ? pos * INV_UP : (CYCLE - pos) * INV_UP;
    return CYCLIC_LOW + CYCLIC_AMP * x;
  }

  // PyTorch OneCycleLR, two phases, cosine annealing: phase ends at pctStart*steps - 1 and steps -
  // 1.
  private static final double OC_INITIAL = PEAK / 25;
  private static final double OC_MIN = OC_INITIAL / 1e4;
  private static final double OC_END_1 = 0.3 * TOTAL - 1;
  private static final double OC_END_2 = TOTAL - 1;
  private static final double OC_HALF_1 = (OC_INITIAL - PEAK) / 2;
  private static final double OC_HALF_2 = (PEAK - OC_MIN) / 2;
  private static final double OC_W1 = Math.PI / OC_END_1;
  private static final double OC_W2 = Math.PI / (OC_END_2 - OC_END_1);

  static double oneCycle(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step >= TOTAL - 1) {
      return OC_MIN;
    }
    if (step <= OC_END_1) {
      return PEAK + OC_HALF_1 * (Math.cos(step * OC_W1) + 1);
    }
    return OC_MIN + OC_HALF_2 * (Math.cos((step - OC_END_1) * OC_W2) + 1);
  }

  private static final double PW_S1 = (VALUE_1 - PEAK) / KNOT_1;
  private static final double PW_S2 = (VALUE_2 - VALUE_1) / (KNOT_2 - KNOT_1);
  private static final double PW_S3 = (VALUE_3 - VALUE_2) / (KNOT_3 - KNOT_2);

  static double piecewise(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step >= KNOT_3) {
      return VALUE_3;
    }
    if (step < KNOT_1) {
      return PEAK + PW_S1 * step;
    }
    if (step < KNOT_2) {
      return VALUE_1 + PW_S2 * (step - KNOT_1);
    }
    return VALUE_2 + PW_S3 * (step - KNOT_2);
  }

  private static final double WARM_SLOPE = PEAK / WARMUP;
  private static final double COMPOSED_W = Math.PI / COMPOSED_COSINE;
  private static final double COOL_SLOPE = COSINE_TO / COOLDOWN;

  /** Linear warm-up from 0, cosine to 1e-4, linear cool-down to 0. */
  static double composed(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step < WARMUP) {
      return WARM_SLOPE * step;
    }
    long t = step - WARMUP;
    if (t < COMPOSED_COSINE) {
      return COSINE_TO + COS_HALF * (1 + Math.cos(t * COMPOSED_W));
    }
    long u = t - COMPOSED_COSINE;
    return u < COOLDOWN ? COSINE_TO - COOL_SLOPE * u : 0.0;
  }

  private static final double WC_HALF = PEAK / 2;
  private static final double WC_W = Math.PI / (TOTAL - WARMUP);

  /** Linear warm-up from 0, cosine to 0 (what the fill benchmarks fill). */
  static double warmupCosine(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step < WARMUP) {
      return WARM_SLOPE * step;
    }
    long t = step - WARMUP;
    return t < TOTAL - WARMUP ? WC_HALF * (1 + Math.cos(t * WC_W)) : 0.0;
  }

  // ---- composites ----

  private static final double SEQ_SLOPE = (PEAK - PEAK / 10) / WARMUP;
  private static final double SEQ_LN_RATE = Math.log(EXPONENTIAL_RATE);

  /** Linear warm-up from PEAK / 10, then PEAK * rate^(step - WARMUP). */
  static double sequence(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step < WARMUP) {
      return PEAK / 10 + SEQ_SLOPE * step;
    }
    return PEAK * Math.exp((step - WARMUP) * SEQ_LN_RATE);
  }

  private static final double FACTOR_SLOPE = 0.5 / WARMUP;

  /** Cosine times a linear factor from 0.5 to 1 over the warm-up. */
  static double product(long step) {
    double v = cosine(step);
    return step < WARMUP ? v * (0.5 + FACTOR_SLOPE * step) : v;
  }

  private static final double MOM_HALF_1 = (0.95 - 0.85) / 2;
  private static final double MOM_HALF_2 = (0.85 - 0.95) / 2;

  /** OneCycleLR's momentum: 0.95 down to 0.85 while the LR rises, back up while it falls. */
  static double momentum(long step) {
    if (step < 0) {
      throw negative(step);
    }
    if (step >= TOTAL - 1) {
      return 0.95;
    }
    if (step <= OC_END_1) {
      return 0.85 + MOM_HALF_1 * (Math.cos(step * OC_W1) + 1);
    }
    return 0.95 + MOM_HALF_2 * (Math.cos((step - OC_END_1) * OC_W2) + 1);
  }
}
