package dev.anneal.internal.range;

/**
 * The suggestion rules of an LR range test, over a slice {@code [from, to)} of recorded LRs and
 * smoothed losses. Each method returns an index into the arrays (not into the slice) and needs
 * {@code to - from >= 2}; the caller checks that.
 *
 * <p>Transcriptions: pytorch-lr-finder ({@code torch_lr_finder/lr_finder.py}, {@code plot} with
 * {@code suggest_lr=True}: {@code np.gradient(losses).argmin()}), NumPy's {@code np.gradient}
 * (second-order central differences inside, first-order one-sided at both ends, NumPy's formula for
 * non-uniform spacing), and fastai ({@code fastai/callback/schedule.py}: {@code valley}, {@code
 * minimum}, {@code steep}). Ties go to the first index, as NumPy's and torch's {@code argmin}.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * pytorch-lr-finder's steepest point: the argmin of {@code np.gradient(losses)} with unit spacing
   * (on an exponential sweep, unit index spacing is uniform spacing in log-LR).
   */
  public static int steepestUniform(double[] losses, int from, int to) {
    int best = from;
    double bestGrad = losses[from + 1] - losses[from];
    for (int i = from + 1; i < to; i++) {
      double g = i == to - 1 ? losses[i] - losses[i - 1] : (losses[i + 1] - losses[i - 1]) / 2.0;
      if (g < bestGrad) {
        bestGrad = g;
        best = i;
      }
    }
    return best;
  }

  /**
   * The argmin of {@code np.gradient(losses, x)} with {@code x = ln(lrs)}: NumPy's non-uniform
   * formula (or its uniform one when every spacing is equal, as NumPy decides).
   */
  public static int steepestLog(double[] lrs, double[] losses, int from, int to) {
    int n = to - from;
    boolean uniform = true;
    double dx0 = Math.log(lrs[from + 1]) - Math.log(lrs[from]);
    for (int i = from + 1; i < to - 1 && uniform; i++) {
      uniform = Math.log(lrs[i + 1]) - Math.log(lrs[i]) == dx0;
    }
    int best = from;
    double bestGrad = (losses[from + 1] - losses[from]) / dx0;
    for (int k = 1; k < n; k++) {
      int i = from + k;
      double g;
      if (k == n - 1) {
        g = (losses[i] - losses[i - 1]) / (Math.log(lrs[i]) - Math.log(lrs[i - 1]));
      } else if (uniform) {
        g = (losses[i + 1] - losses[i - 1]) / (2.0 * dx0);
      } else {
        double dx1 = Math.log(lrs[i]) - Math.log(lrs[i - 1]);
        double dx2 = Math.log(lrs[i + 1]) - Math.log(lrs[i]);
        double a = -dx2 / (dx1 * (dx1 + dx2));
        double b = (dx2 - dx1) / (dx1 * dx2);
        double c = dx1 / (dx2 * (dx1 + dx2));
        g = a * losses[i - 1] + b * losses[i] + c * losses[i + 1];
      }
      if (g < bestGrad) {
        bestGrad = g;
        best = i;
      }
    }
    return best;
  }

  /**
   * fastai's {@code steep}: the argmin of the forward differences of the losses over the forward
   * differences of {@code ln(lr)}; the suggestion is the left point of that interval.
   */
  public static int steep(double[] lrs, double[] losses, int from, int to) {
    int best = from;
    double bestGrad = Double.POSITIVE_INFINITY;
    for (int i = from; i < to - 1; i++) {
      double g = (losses[i + 1] - losses[i]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i]));
      if (g < bestGrad || i == from) {
        bestGrad = g;
        best = i;
      }
    }
    return best;
  }

  /** The first index of the smallest loss (fastai's {@code minimum} before its division by 10). */
  public static int argmin(double[] losses, int from, int to) {
    int best = from;
    for (int i = from + 1; i < to; i++) {
      if (losses[i] < losses[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * fastai's {@code valley}, with fastai's results: the longest strictly decreasing subsequence
   * ending at each point, then the point {@code int(s) + int(s/2)} past the start of the first
   * longest one, where {@code s} is a third of its span. A start of -1 is possible there and an
   * index of -1 means the last point, as Python indexing does.
   *
   * <p>fastai computes the lengths with an O(n^2) double loop and updates its "longest so far"
   * inside the inner loop. That update can only fire when the running length reaches the previous
   * maximum + 1, which is then the point's final length (no earlier point is longer than the
   * maximum): so its result is the first point whose length exceeds every earlier one, and its
   * start is that point minus its length. The lengths come here from patience sorting, O(n log n):
   * {@code tails[k]} is the largest last loss of a strictly decreasing run of length {@code k + 1}.
   */
  public static int valley(double[] losses, int from, int to) {
    int n = to - from;
    double[] tails = new double[n];
    int longest = 0; // runs found so far have lengths 1..longest
    int maxStart = 0;
    int maxEnd = 0;
    int maxLength = 1;
    for (int i = 0; i < n; i++) {
      double x = losses[from + i];
      // the first k whose tail is not above x: x extends the run of length k (tails[k-1] > x)
      int lo = 0;
      int hi = longest;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (tails[mid] > x) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      tails[lo] = x;
      if (lo == longest) {
        longest++;
      }
      int length = lo + 1;
      if (length > maxLength) {
        maxLength = length;
        maxEnd = i;
        maxStart = i - length;
      }
    }
    double sections = (maxEnd - maxStart) / 3.0;
    int idx = maxStart + (int) sections + (int) (sections / 2);
    return from + (idx < 0 ? idx + n : idx);
  }
}
