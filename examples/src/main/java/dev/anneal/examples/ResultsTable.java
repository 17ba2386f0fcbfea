package dev.anneal.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Per-configuration summaries over seeds, printed as a text table and written as CSV. */
final class ResultsTable {
  private ResultsTable() {}

  /** All runs (one per seed) of one configuration. */
  record Summary(Trainer.Config config, List<Trainer.Run> runs) {
    double meanFinalLoss() {
      return runs.stream().mapToDouble(Trainer.Run::finalLoss).average().orElseThrow();
    }

    double meanAccuracy() {
      return runs.stream().mapToDouble(Trainer.Run::testAccuracy).average().orElseThrow();
    }

    /** Sample standard deviation of the test accuracy (0 for a single seed). */
    double stdAccuracy() {
      if (runs.size() < 2) {
        return 0;
      }
      double mean = meanAccuracy();
      double ss = runs.stream().mapToDouble(r -> (r.testAccuracy() - mean) * (r.testAccuracy() - mean)).sum();
      return Math.sqrt(ss / (runs.size() - 1));
    }

    double minAccuracy() {
      return runs.stream().mapToDouble(Trainer.Run::testAccuracy).min().orElseThrow();
    }

    double maxAccuracy() {
      return runs.stream().mapToDouble(Trainer.Run::testAccuracy).max().orElseThrow();
    }

    double seconds() {
      return runs.stream().mapToDouble(Trainer.Run::seconds).sum();
    }

    /** Training loss of each epoch, averaged over seeds. */
    double[] meanEpochLoss() {
      double[] mean = new double[runs.get(0).epochLoss().length];
      for (Trainer.Run r : runs) {
        for (int e = 0; e < mean.length; e++) {
          mean[e] += r.epochLoss()[e] / runs.size();
        }
      }
      return mean;
    }
  }

  /**
   * A text table: schedule, mean training loss of the last epoch, test accuracy (mean, sample
   * standard deviation and range over seeds, in percent) and total time of the seeds' runs.
   */
  static String format(List<Summary> summaries) {
    int seeds = summaries.get(0).runs().size();
    int nameWidth = "schedule".length();
    for (Summary s : summaries) {
      nameWidth = Math.max(nameWidth, s.config().name().length());
    }
    String row = "%-" + nameWidth + "s  %10s  %-28s  %7s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, row, "schedule", "train loss",
        "test accuracy %, " + seeds + (seeds == 1 ? " seed" : " seeds"), "time"));
    lines.add(String.format(Locale.ROOT, row, "", "last epoch", " mean +/-  std    min..max",
        seeds == 1 ? "1 run" : seeds + " runs"));
    lines.add("-".repeat(lines.get(0).length()));
    for (Summary s : summaries) {
      String accuracy = String.format(Locale.ROOT, "%5.2f +/- %4.2f  %5.2f..%5.2f",
          100 * s.meanAccuracy(), 100 * s.stdAccuracy(), 100 * s.minAccuracy(), 100 * s.maxAccuracy());
      lines.add(String.format(Locale.ROOT, row, s.config().name(),
          String.format(Locale.ROOT, "%.4f", s.meanFinalLoss()), accuracy,
          String.format(Locale.ROOT, "%.1f s", s.seconds())));
    }
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line.stripTrailing()).append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** One row per run, accuracies as fractions, with the header line first. */
  static List<String> csv(List<Summary> summaries) {
    List<String> lines = new ArrayList<>();
    lines.add("schedule_id,schedule,seed,epochs,final_train_loss,test_accuracy,seconds");
    for (Summary s : summaries) {
      for (Trainer.Run r : s.runs()) {
        lines.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%.3f",
            s.config().id(), quote(s.config().name()), r.seed(), r.epochLoss().length,
            r.finalLoss(), r.testAccuracy(), r.seconds()));
      }
    }
    return lines;
  }

  private static String quote(String field) {
    return field.contains(",") || field.contains("\"") ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }
}
