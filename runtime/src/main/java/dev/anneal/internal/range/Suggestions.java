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
   * fastai's {@code valley}, transcribed exactly: the longest strictly decreasing subsequence
   * ending at each point (an O(n^2) dynamic program whose "longest so far" update sits inside the
   * inner loop, as in fastai), then the point {@code int(s) + int(s/2)} past its start, where
   * {@code s} is a third of its span. A start of -1 is possible there and an index of -1 means the
   * last point, as Python indexing does.
   */
  public static int valley(double[] losses, int from, int to) {
    int n = to - from;
    int maxStart = 0;
    int maxEnd = 0;
    int[] lds = new int[n];
    java.util.Arrays.fill(lds, 1);
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (losses[from + i] < losses[from + j] && lds[i] < lds[j] + 1) {
          lds[i] = lds[j] + 1;
        }
        if (lds[maxEnd] < lds[i]) {
          maxEnd = i;
          maxStart = maxEnd - lds[maxEnd];
        }
      }
    }
    double sections = (maxEnd - maxStart) / 3.0;
    int idx = maxStart + (int) sections + (int) (sections / 2);
    return from + (idx < 0 ? idx + n : idx);
  }
}
