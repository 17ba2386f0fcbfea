package dev.anneal;

import dev.anneal.internal.Literals;
import dev.anneal.internal.range.Decimals;
import dev.anneal.internal.range.Suggestions;
import java.util.Arrays;

/**
 * The learning-rate range test (Smith 2017; fastai's {@code lr_find}, pytorch-lr-finder's {@code
 * LRFinder}): train for a few hundred steps while the LR grows from {@code start} to {@code end},
 * record the loss after each step, stop once the loss diverges, and read a good LR off the curve.
 *
 * <pre>{@code
 * LrRangeTest finder = LrRangeTest.exponential(1e-7, 10, 100);
 * // (save the model and optimizer state first: the test trains them)
 * while (!finder.done()) {
 *   optimizer.setLr(finder.lr());          // the LR for this step
 *   double loss = trainOneBatch();          // forward, backward, optimizer step
 *   if (!finder.record(loss)) {             // false: diverged or swept to the end
 *     break;
 *   }
 * }
 * // (restore the saved state)
 * double lr = finder.valley();             // or steepest(), steep(), minimum()
 * String decl = finder.oneCycle().declaration(1350);  // "@OneCycle(peak = 0.0012, steps = 1350)"
 * }</pre>
 *
 * <p><b>Sweep.</b> Step {@code i} of {@code steps} uses {@code start * (end/start)^(i/(steps-1))}
 * ({@link #exponential}) or {@code start + (end-start) * i/(steps-1)} ({@link #linear}), as
 * pytorch-lr-finder's {@code ExponentialLR}/{@code LinearLR}; the first step uses {@code start} and
 * the last {@code end} exactly, and every LR is finite and within {@code [start, end]} (a sweep
 * whose {@code end/start} overflows, e.g. from {@link Double#MIN_VALUE}, is interpolated in log
 * space). All LRs are computed when the test is created; {@code steps} is between {@link
 * #MIN_STEPS} and {@link #MAX_STEPS}.
 *
 * <p><b>Smoothing.</b> Losses are smoothed by a bias-corrected exponential moving average, {@code
 * avg = beta*avg + (1-beta)*loss} and {@code smoothed_i = avg / (1 - beta^(i+1))} with {@code beta}
 * = {@link #DEFAULT_SMOOTHING} 0.98 (fastai's {@code AvgSmoothLoss}; fastai v2 computes it with
 * {@code torch.lerp} in float32, this class in double). {@code beta = 0} means no smoothing.
 *
 * <p><b>Stopping.</b> {@link #record} returns {@code false} (stop) once the smoothed loss exceeds
 * {@code divergence} ({@link #DEFAULT_DIVERGENCE} 4) times the smallest smoothed loss so far (that
 * point is still recorded, as in fastai and pytorch-lr-finder), or after the last step. The rule
 * assumes positive losses, as fastai's does. {@code withDivergence(Double.POSITIVE_INFINITY)} never
 * stops early. A non-finite loss (NaN or infinite) stops the test and is <em>not</em> recorded, so
 * every recorded value is finite (fastai likewise cuts its curve at the first NaN).
 *
 * <p><b>Suggestions.</b> Every suggestion looks at the recorded points without the first {@code
 * steps/10} (of the planned steps, fastai's {@code num_it//10}) and the last 5 (the climb into
 * divergence), on the smoothed losses, and needs at least 2 points there; otherwise it throws
 * {@link IllegalStateException}. {@link #steepest()} is pytorch-lr-finder's rule, {@link #steep()},
 * {@link #valley()} and {@link #minimum()} are fastai's (computed in double).
 *
 * <p><b>Allocation and threads.</b> {@link #lr()}, {@link #record}, {@link #recorded()}, {@link
 * #done()} and {@link #reset()} allocate nothing (arrays of {@code steps} are allocated at
 * creation). An instance is mutable and not thread-safe; the suggestion and result methods
 * allocate.
 */
public final class LrRangeTest {

  /** fastai's smoothing factor {@code beta} of {@code AvgSmoothLoss}. */
  public static final double DEFAULT_SMOOTHING = 0.98;

  /** fastai's divergence factor: stop once the smoothed loss exceeds 4x its minimum. */
  public static final double DEFAULT_DIVERGENCE = 4.0;

  /** Points skipped at the end of the curve by every suggestion (fastai and pytorch-lr-finder). */
  public static final int SKIP_END = 5;

  /**
   * The fewest steps a test may plan: a suggestion needs 2 points after skipping the first {@code
   * steps/10} and the last {@link #SKIP_END}, so 7 is the least for which one is possible.
   */
  public static final int MIN_STEPS = 7;

  /**
   * The most steps a test may plan, 1,000,000: the three arrays of {@code steps} doubles (LRs,
   * losses, smoothed losses) are allocated at creation, 24 MB at this limit. Range tests run a few
   * hundred steps (fastai's default is 100).
   */
  public static final int MAX_STEPS = 1_000_000;

  private final boolean exponential;
  private final double start;
  private final double end;
  private final int steps;
  private final double beta;
  private final double divergence;

  private final double[] lrs;
  private final double[] losses;
  private final double[] smoothed;

  private int recorded;
  private double avg;
  private double best;
  private boolean stopped;
  private boolean diverged;

  private LrRangeTest(
      boolean exponential, double start, double end, int steps, double beta, double divergence) {
    this.exponential = exponential;
    this.start = start;
    this.end = end;
    this.steps = steps;
    this.beta = beta;
    this.divergence = divergence;
    this.lrs = new double[steps];
    this.losses = new double[steps];
    this.smoothed = new double[steps];
    // end / start overflows for sweeps wider than Double.MAX_VALUE (1e-300 .. 1e10, or from
    // Double.MIN_VALUE): those are interpolated in log space, and every value is clamped to
    // [start, end] so rounding can never step outside the sweep (or to Infinity).
    double ratio = end / start;
    double logStart = Math.log(start);
    double logSpan = Math.log(end) - logStart;
    lrs[0] = start;
    for (int i = 1; i < steps - 1; i++) {
      double r = (double) i / (steps - 1);
      double lr;
      if (!exponential) {
        lr = start + r * (end - start);
      } else if (ratio != Double.POSITIVE_INFINITY) {
        lr = start * Math.pow(ratio, r);
      } else {
        lr = Math.exp(logStart + r * logSpan);
      }
      lrs[i] = Math.min(end, Math.max(start, lr));
    }
    lrs[steps - 1] = end;
    reset();
  }

  /**
   * An exponential sweep (the usual kind): {@code steps} LRs from {@code start} to {@code end},
   * evenly spaced in log-LR.
   *
   * @throws IllegalArgumentException unless {@code 0 < start < end}, both finite, and {@link
   *     #MIN_STEPS} {@code <= steps <=} {@link #MAX_STEPS}
   */
  public static LrRangeTest exponential(double start, double end, int steps) {
    check(start, end, steps);
    return new LrRangeTest(true, start, end, steps, DEFAULT_SMOOTHING, DEFAULT_DIVERGENCE);
  }

  /**
   * A linear sweep (Smith's original CLR range test): {@code steps} LRs from {@code start} to
   * {@code end}, evenly spaced.
   *
   * @throws IllegalArgumentException unless {@code 0 < start < end}, both finite, and {@link
   *     #MIN_STEPS} {@code <= steps <=} {@link #MAX_STEPS}
   */
  public static LrRangeTest linear(double start, double end, int steps) {
    check(start, end, steps);
    return new LrRangeTest(false, start, end, steps, DEFAULT_SMOOTHING, DEFAULT_DIVERGENCE);
  }

  private static void check(double start, double end, int steps) {
    if (!(start > 0) || start == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("LrRangeTest.start must be finite and > 0, was " + start);
    }
    if (!(end > start) || end == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "LrRangeTest.end must be finite and > start (" + start + "), was " + end);
    }
    if (steps < MIN_STEPS || steps > MAX_STEPS) {
      throw new IllegalArgumentException(
          "LrRangeTest.steps must be in ["
              + MIN_STEPS
              + ", "
              + MAX_STEPS
              + "] ("
              + (steps < MIN_STEPS
                  ? "fewer leave no 2 points for a suggestion once the first 10% and the last "
                      + SKIP_END
                      + " are skipped"
                  : "three arrays of that many doubles are allocated up front")
              + "), was "
              + steps);
    }
  }

  /**
   * A fresh test with the same sweep and divergence factor and smoothing {@code beta}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= beta < 1}
   */
  public LrRangeTest withSmoothing(double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("LrRangeTest.smoothing must be in [0, 1), was " + beta);
    }
    return new LrRangeTest(exponential, start, end, steps, beta, divergence);
  }

  /**
   * A fresh test with the same sweep and smoothing that stops once the smoothed loss exceeds {@code
   * factor} times its minimum; {@code Double.POSITIVE_INFINITY} never stops early.
   *
   * @throws IllegalArgumentException unless {@code factor > 1} (infinity allowed)
   */
  public LrRangeTest withDivergence(double factor) {
    if (!(factor > 1)) {
      throw new IllegalArgumentException(
          "LrRangeTest.divergence must be > 1 (or Infinity to never stop), was " + factor);
    }
    return new LrRangeTest(exponential, start, end, steps, beta, factor);
  }

  /** Forgets everything recorded, to run the sweep again. Allocates nothing. */
  public void reset() {
    recorded = 0;
    avg = 0;
    best = Double.POSITIVE_INFINITY;
    stopped = false;
    diverged = false;
  }

  /**
   * The LR to train the next step with (the step that {@link #record} will record).
   *
   * @throws IllegalStateException once the test is {@linkplain #done() done}
   */
  public double lr() {
    if (stopped) {
      throw new IllegalStateException(ended());
    }
    return lrs[recorded];
  }

  /**
   * Records the loss of the step trained with {@link #lr()} and says whether to go on.
   *
   * @return {@code true} to train another step; {@code false} when the smoothed loss has diverged,
   *     {@code loss} is not finite (then it is not recorded), or this was the last step
   * @throws IllegalStateException once the test is {@linkplain #done() done}
   */
  public boolean record(double loss) {
    if (stopped) {
      throw new IllegalStateException(ended());
    }
    if (!Double.isFinite(loss)) {
      stopped = true;
      diverged = true;
      return false;
    }
    int i = recorded;
    avg = beta * avg + (1 - beta) * loss;
    double s = avg / (1 - Math.pow(beta, i + 1));
    losses[i] = loss;
    smoothed[i] = s;
    recorded = i + 1;
    if (s < best) {
      best = s;
    }
    if (divergence != Double.POSITIVE_INFINITY && s > divergence * best) {
      stopped = true;
      diverged = true;
    } else if (recorded == steps) {
      stopped = true;
    }
    return !stopped;
  }

  private String ended() {
    return "the LR range test has ended after "
        + recorded
        + " of "
        + steps
        + " steps ("
        + (diverged ? "diverged" : "swept to the end")
        + "); reset() to run it again";
  }

  /** How many losses have been recorded. */
  public int recorded() {
    return recorded;
  }

  /** True once {@link #record} has returned {@code false}. */
  public boolean done() {
    return stopped;
  }

  /** True when the test stopped on divergence or on a non-finite loss. */
  public boolean diverged() {
    return diverged;
  }

  /** The exponential sweep (true) or the linear one. */
  public boolean isExponential() {
    return exponential;
  }

  /** The first LR of the sweep. */
  public double start() {
    return start;
  }

  /** The last LR of the sweep. */
  public double end() {
    return end;
  }

  /** The planned number of steps. */
  public int steps() {
    return steps;
  }

  /** The smoothing factor {@code beta}. */
  public double smoothing() {
    return beta;
  }

  /** The divergence factor. */
  public double divergence() {
    return divergence;
  }

  /** The LRs of the recorded steps (a copy, {@link #recorded()} long). */
  public double[] lrs() {
    return Arrays.copyOf(lrs, recorded);
  }

  /** The recorded losses as given (a copy). */
  public double[] losses() {
    return Arrays.copyOf(losses, recorded);
  }

  /** The smoothed losses (a copy). */
  public double[] smoothed() {
    return Arrays.copyOf(smoothed, recorded);
  }

  private int from() {
    int from = steps / 10;
    int to = recorded - SKIP_END;
    if (to - from < 2) {
      throw new IllegalStateException(
          "an LR suggestion needs at least 2 points after skipping the"
              + " first "
              + from
              + " (10% of "
              + steps
              + " steps) and the last "
              + SKIP_END
              + " of the recorded ones, but "
              + recorded
              + " were recorded");
    }
    return from;
  }

  /**
   * pytorch-lr-finder's suggestion ({@code plot(suggest_lr=True)}): the LR where the smoothed loss
   * falls fastest, the argmin of {@code np.gradient(losses)}. On a linear sweep the gradient is
   * taken per log-LR ({@code np.gradient(losses, ln(lrs))}).
   *
   * @throws IllegalStateException with too few recorded points
   */
  public double steepest() {
    int from = from();
    int to = recorded - SKIP_END;
    return lrs[
        exponential
            ? Suggestions.steepestUniform(smoothed, from, to)
            : Suggestions.steepestLog(lrs, smoothed, from, to)];
  }

  /**
   * fastai's {@code steep}: the left end of the interval with the most negative slope of the
   * smoothed loss per log-LR (forward differences).
   *
   * @throws IllegalStateException with too few recorded points
   */
  public double steep() {
    int from = from();
    return lrs[Suggestions.steep(lrs, smoothed, from, recorded - SKIP_END)];
  }

  /**
   * fastai's {@code valley} (its default suggestion): along the longest decreasing run of the
   * smoothed loss, the point about two thirds of the way down.
   *
   * @throws IllegalStateException with too few recorded points
   */
  public double valley() {
    int from = from();
    return lrs[Suggestions.valley(smoothed, from, recorded - SKIP_END)];
  }

  /**
   * fastai's {@code minimum}: the LR of the smallest smoothed loss, divided by 10.
   *
   * @throws IllegalStateException with too few recorded points
   */
  public double minimum() {
    int from = from();
    return lrs[Suggestions.argmin(smoothed, from, recorded - SKIP_END)] / 10;
  }

  /**
   * The one-cycle bounds this test implies: the peak at the {@link #valley()} suggestion (fastai's
   * default for {@code fit_one_cycle}; the steepest point is often too low for a peak that is
   * annealed away from).
   *
   * @throws IllegalStateException with too few recorded points
   */
  public OneCycleBounds oneCycle() {
    return new OneCycleBounds(valley());
  }

  /**
   * The cyclic bounds this test implies (Smith 2017): {@code high} at the {@link #valley()}
   * suggestion, {@code low} a quarter of it.
   *
   * @throws IllegalStateException with too few recorded points
   */
  public CyclicBounds cyclic() {
    double high = valley();
    return new CyclicBounds(high / 4, high);
  }

  @Override
  public String toString() {
    return "LrRangeTest["
        + (exponential ? "exponential " : "linear ")
        + start
        + " .. "
        + end
        + " in "
        + steps
        + " steps, smoothing "
        + beta
        + ", divergence "
        + divergence
        + ", recorded "
        + recorded
        + (stopped ? (diverged ? ", diverged]" : ", done]") : "]");
  }

  /**
   * The {@code @OneCycle} peak suggested by a range test.
   *
   * @param peak the peak LR, finite and > 0
   */
  public record OneCycleBounds(double peak) {

    /** Checks the peak. */
    public OneCycleBounds {
      if (!(peak > 0) || peak == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "OneCycleBounds.peak must be finite and > 0, was " + peak);
      }
    }

    /** The peak rounded to two significant digits, as {@link #declaration} writes it. */
    public double roundedPeak() {
      return Decimals.round2(peak);
    }

    /**
     * The annotation to declare, e.g. {@code @OneCycle(peak = 0.12, steps = 1350)}, with the peak
     * rounded to two significant digits.
     *
     * @param steps the length of the one-cycle schedule, > 0
     */
    public String declaration(long steps) {
      if (steps <= 0) {
        throw new IllegalArgumentException(
            "OneCycleBounds.declaration steps must be > 0, was " + steps);
      }
      // steps written as every toString() writes a long: 20_000, with an L past int
      return parseable(
          "@OneCycle(peak = "
              + Decimals.literal2(peak)
              + ", steps = "
              + Literals.source(steps)
              + ")");
    }
  }

  /**
   * The {@code @Cyclic} bounds suggested by a range test.
   *
   * @param low the lower LR bound, finite and > 0
   * @param high the upper LR bound, finite and > low
   */
  public record CyclicBounds(double low, double high) {

    /** Checks the bounds. */
    public CyclicBounds {
      if (!(low > 0) || low == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("CyclicBounds.low must be finite and > 0, was " + low);
      }
      if (!(high > low) || high == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException(
            "CyclicBounds.high must be finite and > low (" + low + "), was " + high);
      }
    }

    /** {@code low} rounded to two significant digits, as {@link #declaration} writes it. */
    public double roundedLow() {
      return Decimals.round2(low);
    }

    /** {@code high} rounded to two significant digits, as {@link #declaration} writes it. */
    public double roundedHigh() {
      return Decimals.round2(high);
    }

    /**
     * The annotation to declare, e.g. {@code @Cyclic(low = 0.03, high = 0.12, up = 2000)}, with
     * both bounds rounded to two significant digits ({@code down} defaults to {@code up}).
     *
     * @param up the steps of each half cycle, > 0 (Smith: 2 to 10 epochs' worth of iterations)
     */
    public String declaration(long up) {
      if (up <= 0) {
        throw new IllegalArgumentException("CyclicBounds.declaration up must be > 0, was " + up);
      }
      return parseable(
          "@Cyclic(low = "
              + Decimals.literal2(low)
              + ", high = "
              + Decimals.literal2(high)
              + ", up = "
              + Literals.source(up)
              + ")");
    }
  }

  /**
   * {@code declaration} when it is a schedule {@link Schedules#parse} accepts (every suggestion is
   * text to paste into a config), else the rule it breaks.
   */
  private static String parseable(String declaration) {
    try {
      Schedules.parse(declaration);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(declaration + " is no schedule: " + e.getMessage(), e);
    }
    return declaration;
  }
}
