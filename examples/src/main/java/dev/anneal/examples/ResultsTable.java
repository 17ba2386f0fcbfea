package dev.anneal.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Per-configuration summaries over seeds, printed as a text table and written as CSV. */
final class ResultsTable {
  /** The table's width limit (a 100-column terminal). */
  static final int MAX_WIDTH = 100;

  /**
   * Two-sided 5% critical values of Student's t for 1..30 degrees of freedom (any statistics
   * table); beyond 30, 1.96.
   */
  private static final double[] T_975 = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
  };

  private ResultsTable() {}

  /** All runs (one per seed) of one configuration. */
  record Summary(Trainer.Config config, List<Trainer.Run> runs) {
    double meanFinalLoss() {
      return mean(Trainer.Run::finalLoss);
    }

    double meanAccuracy() {
      return mean(Trainer.Run::testAccuracy);
    }

    /** Sample standard deviation of the test accuracy (0 for a single seed). */
    double stdAccuracy() {
      return std(Trainer.Run::testAccuracy);
    }

    double meanTestLoss() {
      return mean(Trainer.Run::testLoss);
    }

    double meanEpochsRun() {
      return mean(Trainer.Run::epochsRun);
    }

    double meanCuts() {
      return mean(r -> r.cuts().size());
    }

    double seconds() {
      return runs.stream().mapToDouble(Trainer.Run::seconds).sum();
    }

    boolean stops() {
      return config.stopper() != null;
    }

    double mean(ToDoubleFunction<Trainer.Run> f) {
      return runs.stream().mapToDouble(f).average().orElseThrow();
    }

    double std(ToDoubleFunction<Trainer.Run> f) {
      if (runs.size() < 2) {
        return 0;
      }
      double mean = mean(f);
      double ss =
          runs.stream()
              .mapToDouble(r -> (f.applyAsDouble(r) - mean) * (f.applyAsDouble(r) - mean))
              .sum();
      return Math.sqrt(ss / (runs.size() - 1));
    }

    /** Training loss of each epoch, averaged over the seeds that ran it. */
    double[] meanEpochLoss() {
      return perEpoch(Trainer.Run::epochLoss);
    }

    /** Validation loss after each epoch, averaged over the seeds that ran it. */
    double[] meanValLoss() {
      return perEpoch(Trainer.Run::valLoss);
    }

    private double[] perEpoch(java.util.function.Function<Trainer.Run, double[]> values) {
      int epochs = runs.stream().mapToInt(Trainer.Run::epochsRun).max().orElseThrow();
      double[] mean = new double[epochs];
      for (int e = 0; e < epochs; e++) {
        int n = 0;
        for (Trainer.Run r : runs) {
          if (e < r.epochsRun()) {
            mean[e] += values.apply(r)[e];
            n++;
          }
        }
        mean[e] /= n;
      }
      return mean;
    }
  }

  /**
   * Welch's t-test of the mean test accuracies of {@code a} and {@code b}: whether they differ at
   * the 5% level (two-sided). False with fewer than two seeds each, or when both are constant.
   */
  static boolean significant(Summary a, Summary b) {
    int na = a.runs().size();
    int nb = b.runs().size();
    if (na < 2 || nb < 2) {
      return false;
    }
    double va = Math.pow(a.stdAccuracy(), 2) / na;
    double vb = Math.pow(b.stdAccuracy(), 2) / nb;
    if (va + vb == 0) {
      return a.meanAccuracy() != b.meanAccuracy();
    }
    double t = Math.abs(a.meanAccuracy() - b.meanAccuracy()) / Math.sqrt(va + vb);
    // Welch-Satterthwaite degrees of freedom, rounded down (conservative).
    double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
    int k = (int) Math.floor(df);
    double critical = k < 1 ? T_975[0] : k <= T_975.length ? T_975[k - 1] : 1.96;
    return t > critical;
  }

  /**
   * A text table: configuration, mean training loss of the last epoch run, test accuracy (mean and
   * sample standard deviation over seeds, in percent), its difference from the two constant
   * baselines ({@code *}: significant at 5%, Welch's t-test), test loss, epochs run (fewer when
   * early stopping stopped) and plateau cuts, all means over seeds.
   */
  static String format(List<Summary> summaries, Summary peak, Summary safe) {
    int seeds = summaries.get(0).runs().size();
    int nameWidth = "configuration".length();
    for (Summary s : summaries) {
      nameWidth = Math.max(nameWidth, s.config().name().length());
    }
    String row = "%-" + nameWidth + "s  %6s  %-14s  %-7s  %-7s  %6s  %6s  %4s";
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            row,
            "configuration",
            "train",
            "test accuracy",
            "vs con-",
            "vs con-",
            "test",
            "epochs",
            "LR"));
    lines.add(
        String.format(
            Locale.ROOT,
            row,
            "(" + seeds + (seeds == 1 ? " seed)" : " seeds)"),
            "loss",
            "% mean +/- std",
            "stant",
            "stant/3",
            "loss",
            "run",
            "cuts"));
    lines.add("-".repeat(lines.get(0).length()));
    for (Summary s : summaries) {
      lines.add(
          String.format(
              Locale.ROOT,
              row,
              s.config().name(),
              String.format(Locale.ROOT, "%.4f", s.meanFinalLoss()),
              String.format(
                  Locale.ROOT, "%5.2f +/- %4.2f", 100 * s.meanAccuracy(), 100 * s.stdAccuracy()),
              versus(s, peak),
              versus(s, safe),
              String.format(Locale.ROOT, "%.4f", s.meanTestLoss()),
              s.stops()
                  ? String.format(Locale.ROOT, "%.1f", s.meanEpochsRun())
                  : Integer.toString((int) s.meanEpochsRun()),
              s.meanCuts() == 0 ? "" : String.format(Locale.ROOT, "%.1f", s.meanCuts())));
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line.stripTrailing()).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private static String versus(Summary s, Summary baseline) {
    if (s == baseline) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "%+5.2f%s",
        100 * (s.meanAccuracy() - baseline.meanAccuracy()),
        significant(s, baseline) ? "*" : "");
  }

  /** One row per run, accuracies as fractions, with the header line first. */
  static List<String> csv(List<Summary> summaries) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "config_id,config,seed,epochs_run,final_train_loss,final_val_loss,test_loss,"
            + "test_accuracy,lr_cuts,stopped_epoch,best_epoch,clipped_fraction,seconds");
    for (Summary s : summaries) {
      for (Trainer.Run r : s.runs()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%s,%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%s,%d,%d,%.4f,%.3f",
                s.config().id(),
                quote(s.config().name()),
                r.seed(),
                r.epochsRun(),
                r.finalLoss(),
                r.valLoss()[r.epochsRun() - 1],
                r.testLoss(),
                r.testAccuracy(),
                quote(r.cuts().toString().replace(", ", " ")),
                r.stoppedEpoch(),
                r.bestEpoch(),
                r.clippedFraction(),
                r.seconds()));
      }
    }
    return lines;
  }

  private static String quote(String field) {
    return field.contains(",") || field.contains("\"")
        ? '"' + field.replace("\"", "\"\"") + '"'
        : field;
  }
}
