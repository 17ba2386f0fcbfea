package dev.anneal.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line per run on a terminal, redrawn in place with {@code \r}: which run, epoch, a bar,
 * the current learning rate and the running loss. When not live (no console, or {@code --quiet})
 * the bar is not drawn; {@link #finish} still reports each run unless the bar is silent.
 */
final class ProgressBar {
  private static final int BAR_WIDTH = 16;
  private static final long REDRAW_NANOS = 50_000_000; // 20 redraws a second are plenty

  private final PrintStream out;
  private final boolean live;
  private final boolean silent;
  private String label = "";
  private long lastDraw;
  private int lastLength;

  private ProgressBar(PrintStream out, boolean live, boolean silent) {
    this.out = out;
    this.live = live;
    this.silent = silent;
  }

  /** Draws live bars. */
  static ProgressBar live(PrintStream out) {
    return new ProgressBar(out, true, false);
  }

  /** Prints only one line per finished run. */
  static ProgressBar linesOnly(PrintStream out) {
    return new ProgressBar(out, false, false);
  }

  /** Prints nothing. */
  static ProgressBar silent() {
    return new ProgressBar(System.err, false, true);
  }

  void start(String label) {
    this.label = label;
    lastDraw = 0;
  }

  /** {@code fraction} is the part of the current epoch done, in [0, 1]. */
  void update(int epoch, int epochs, double fraction, double lr, double loss) {
    if (!live) {
      return;
    }
    long now = System.nanoTime();
    if (lastDraw != 0 && now - lastDraw < REDRAW_NANOS && fraction < 1) {
      return;
    }
    lastDraw = now;
    double overall = (epoch - 1 + fraction) / epochs;
    int filled = (int) Math.round(overall * BAR_WIDTH);
    String bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
    draw(
        String.format(
            Locale.ROOT,
            "%s epoch %d/%d [%s] lr %.4f loss %.4f",
            label,
            epoch,
            epochs,
            bar,
            lr,
            loss));
  }

  /** Replaces the bar with a permanent line. */
  void finish(String summary) {
    if (silent) {
      return;
    }
    if (live) {
      draw("");
      out.print('\r');
    }
    out.println(label + "  " + summary);
    out.flush();
    lastLength = 0;
  }

  // Pads with spaces so a shorter line fully covers the previous one.
  private void draw(String line) {
    int pad = Math.max(0, lastLength - line.length());
    out.print('\r' + line + " ".repeat(pad));
    out.flush();
    lastLength = line.length();
  }
}
