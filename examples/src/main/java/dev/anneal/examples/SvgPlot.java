package dev.anneal.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A line chart as a hand-written SVG: title, axes with ticks and labels, light grid, one polyline
 * per series, and a legend to the right of the plot so it never covers a curve. The y axis is
 * linear from 0, or logarithmic (for losses, which span decades).
 */
final class SvgPlot {

  /**
   * One curve. {@code dash} is an SVG {@code stroke-dasharray} ({@link #SOLID} for a solid line); a
   * {@code width} above the default lets a curve drawn early stay visible around later ones that
   * coincide with it for a while.
   */
  record Series(String name, String color, String dash, double width, double[] x, double[] y) {
    static final double DEFAULT_WIDTH = 2.2;

    Series {
      if (x.length != y.length || x.length == 0) {
        throw new IllegalArgumentException("x and y must be non-empty and of equal length");
      }
    }

    Series(String name, String color, String dash, double[] x, double[] y) {
      this(name, color, dash, DEFAULT_WIDTH, x, y);
    }
  }

  static final String SOLID = "";

  /** Tableau 10 colours, reordered; the first, a light grey, suits a baseline. */
  static final String[] PALETTE = {
    "#b0b0b0", "#4e79a7", "#76b7b2", "#e15759", "#b07aa1", "#f28e2b", "#59a14f", "#9c755f"
  };

  /**
   * Twelve colours that differ on white (Tableau 10 in full, black, teal) and twelve dash patterns:
   * the {@code i}-th series of a chart gets {@link #color(int)} and {@link #dash(int)}, so no two
   * of up to 12 series share either, and curves that overlap stay told apart.
   */
  private static final String[] COLORS = {
    "#7f7f7f", "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#000000", "#00a087"
  };

  private static final String[] DASHES = {
    SOLID,
    "9 4",
    "2 3",
    "12 4 2 4",
    "5 5",
    "16 5",
    "1 5",
    "10 3 3 3 3 3",
    "6 2",
    "16 4 4 4",
    "3 7",
    "8 3 1 3 1 3"
  };

  static String color(int i) {
    return COLORS[i % COLORS.length];
  }

  /** Past 12 series the patterns shift against the colours, so every pair stays unique. */
  static String dash(int i) {
    return DASHES[(i + i / COLORS.length) % DASHES.length];
  }

  private static final int WIDTH = 980;
  private static final int HEIGHT = 540;
  private static final int LEFT = 78;
  private static final int TOP = 70;
  private static final int RIGHT = WIDTH - 300; // the legend lives in the 300 px to the right
  private static final int BOTTOM = HEIGHT - 62;
  private static final int LEGEND_CHARS = 34;
  private static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

  private final String title;
  private final String subtitle;
  private final String xLabel;
  private final String yLabel;
  private final boolean logY;
  private boolean integerX;
  private boolean logX;
  private final List<Series> series = new ArrayList<>();
  private final StringBuilder svg = new StringBuilder();

  SvgPlot(String title, String subtitle, String xLabel, String yLabel, boolean logY) {
    this.title = title;
    this.subtitle = subtitle;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logY = logY;
  }

  /** The x values are counts (epochs): no ticks between integers. */
  SvgPlot integerX() {
    integerX = true;
    return this;
  }

  /** The x axis is logarithmic (learning rates of a range test). */
  SvgPlot logX() {
    logX = true;
    return this;
  }

  SvgPlot add(Series s) {
    series.add(s);
    return this;
  }

  String render() {
    if (series.isEmpty()) {
      throw new IllegalStateException("nothing to plot");
    }
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        xMin = Math.min(xMin, s.x()[i]);
        xMax = Math.max(xMax, s.x()[i]);
        if (!logY || s.y()[i] > 0) { // zeros have no place on a log axis
          yMin = Math.min(yMin, s.y()[i]);
          yMax = Math.max(yMax, s.y()[i]);
        }
      }
    }
    if (xMax == xMin) {
      xMax = xMin + 1;
    }
    if (!(yMax > 0)) { // nothing positive to show: any sensible range will do
      yMin = 0.1;
      yMax = 1;
    }
    Axis x =
        logX
            ? Axis.log(xMin, xMax, LEFT, RIGHT)
            : Axis.linear(xMin, xMax, LEFT, RIGHT, false, integerX ? 1 : 0);
    Axis y = logY ? Axis.log(yMin, yMax, BOTTOM, TOP) : Axis.linear(0, yMax, BOTTOM, TOP, true, 0);

    svg.setLength(0);
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" %s font-size=\"13\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT,
                FONT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        .append(
            String.format(
                Locale.ROOT,
                "<clipPath id=\"plot-area\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/></clipPath>%n",
                LEFT,
                TOP - 2,
                RIGHT - LEFT,
                BOTTOM - TOP + 4));
    text(LEFT, 32, "start", "font-size=\"19\" font-weight=\"bold\" fill=\"#222222\"", title);
    text(LEFT, 54, "start", "fill=\"#666666\"", subtitle);
    grid(x, y);
    curves(x, y);
    axes(x, y);
    legend();
    return svg.append("</svg>\n").toString();
  }

  private void grid(Axis x, Axis y) {
    svg.append("<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n");
    for (double v : y.minorTicks) {
      line(LEFT, y.pixel(v), RIGHT, y.pixel(v), "stroke=\"#f3f3f3\"");
    }
    for (double v : y.ticks) {
      line(LEFT, y.pixel(v), RIGHT, y.pixel(v), "");
    }
    for (double v : x.ticks) {
      line(x.pixel(v), TOP, x.pixel(v), BOTTOM, "");
    }
    svg.append("</g>\n");
  }

  private void curves(Axis x, Axis y) {
    svg.append(
        "<g clip-path=\"url(#plot-area)\" fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
    for (Series s : series) {
      svg.append("<polyline class=\"series\" stroke=\"")
          .append(s.color())
          .append('"')
          .append(String.format(Locale.ROOT, " stroke-width=\"%.1f\"", s.width()));
      if (!s.dash().equals(SOLID)) {
        svg.append(" stroke-dasharray=\"").append(s.dash()).append('"');
      }
      svg.append(" points=\"");
      for (int i = 0; i < s.x().length; i++) {
        double v = s.y()[i];
        // On a log axis a 0 (a frozen layer, the end of a cosine) is drawn at the bottom edge.
        double py = logY && v <= 0 ? BOTTOM + 2 : y.pixel(v);
        svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.pixel(s.x()[i]), py));
      }
      svg.setLength(svg.length() - 1);
      svg.append("\"><title>").append(escape(s.name())).append("</title></polyline>\n");
      if (s.x().length <= 40) { // few points (epochs): mark them
        for (int i = 0; i < s.x().length; i++) {
          if (!logY || s.y()[i] > 0) {
            svg.append(
                String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"%s\" stroke=\"none\"/>%n",
                    x.pixel(s.x()[i]),
                    y.pixel(s.y()[i]),
                    s.color()));
          }
        }
      }
    }
    svg.append("</g>\n");
  }

  private void axes(Axis x, Axis y) {
    svg.append("<g stroke=\"#444444\" stroke-width=\"1\">\n");
    line(LEFT, BOTTOM, RIGHT, BOTTOM, "");
    line(LEFT, TOP, LEFT, BOTTOM, "");
    for (double v : x.ticks) {
      line(x.pixel(v), BOTTOM, x.pixel(v), BOTTOM + 5, "");
    }
    for (double v : y.ticks) {
      line(LEFT - 5, y.pixel(v), LEFT, y.pixel(v), "");
    }
    svg.append("</g>\n<g fill=\"#444444\">\n");
    for (int i = 0; i < x.ticks.size(); i++) {
      text(x.pixel(x.ticks.get(i)), BOTTOM + 20, "middle", "", x.labels.get(i));
    }
    for (int i = 0; i < y.ticks.size(); i++) {
      text(LEFT - 9, y.pixel(y.ticks.get(i)) + 4.5, "end", "", y.labels.get(i));
    }
    svg.append("</g>\n");
    text((LEFT + RIGHT) / 2.0, BOTTOM + 46, "middle", "font-size=\"14\" fill=\"#222222\"", xLabel);
    svg.append(
        String.format(
            Locale.ROOT,
            "<text transform=\"translate(%d %.1f) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\" fill=\"#222222\">%s</text>%n",
            22,
            (TOP + BOTTOM) / 2.0,
            escape(yLabel)));
  }

  private void legend() {
    double top = TOP + 6;
    int left = RIGHT + 26;
    svg.append("<g class=\"legend\">\n");
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      List<String> lines = new ArrayList<>(wrap(s.name(), LEGEND_CHARS));
      // a curve drawn exactly over an earlier one would hide it: the legend says so
      for (int j = 0; j < k; j++) {
        Series earlier = series.get(j);
        if (Arrays.equals(earlier.x(), s.x()) && Arrays.equals(earlier.y(), s.y())) {
          lines.addAll(wrap("(the same curve as " + earlier.name() + ")", LEGEND_CHARS));
          break;
        }
      }
      line(
          left,
          top,
          left + 26,
          top,
          String.format(
              Locale.ROOT,
              "stroke=\"%s\" stroke-width=\"3\"%s",
              s.color(),
              s.dash().equals(SOLID) ? "" : " stroke-dasharray=\"" + s.dash() + "\""));
      for (int i = 0; i < lines.size(); i++) {
        text(left + 34, top + 4.5 + 16 * i, "start", "fill=\"#222222\"", lines.get(i));
      }
      top += 16 * lines.size() + 10;
    }
    svg.append("</g>\n");
  }

  /** Breaks a name at spaces so no line is longer than {@code width} characters if avoidable. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private void line(double x1, double y1, double x2, double y2, String attrs) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"%s/>%n",
            x1,
            y1,
            x2,
            y2,
            attrs.isEmpty() ? "" : " " + attrs));
  }

  private void text(double x, double y, String anchor, String attrs, String content) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n",
            x,
            y,
            anchor,
            attrs.isEmpty() ? "" : " " + attrs,
            escape(content)));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Maps data values to pixels and knows its ticks. */
  private static final class Axis {
    final double lo;
    final double hi;
    final double p0;
    final double p1;
    final boolean log;
    final List<Double> ticks = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    final List<Double> minorTicks = new ArrayList<>();

    private Axis(double lo, double hi, double p0, double p1, boolean log) {
      this.lo = lo;
      this.hi = hi;
      this.p0 = p0;
      this.p1 = p1;
      this.log = log;
    }

    double pixel(double v) {
      double f = log ? (Math.log10(v) - lo) / (hi - lo) : (v - lo) / (hi - lo);
      return p0 + f * (p1 - p0);
    }

    /**
     * Ticks at 1, 2 or 5 times a power of ten, about six of them. With {@code roundEnd} the axis
     * ends on a tick a little above the data (y); otherwise exactly at the data (x).
     */
    static Axis linear(
        double min, double max, double p0, double p1, boolean roundEnd, double minStep) {
      double step = Math.max(minStep, niceStep((max - min) / 6));
      double hi = roundEnd ? Math.ceil(max * 1.03 / step) * step : max;
      Axis a = new Axis(min, hi, p0, p1, false);
      int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
      for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
        double v = k * step;
        a.ticks.add(v);
        a.labels.add(
            decimals == 0
                ? String.format(Locale.ROOT, "%,d", Math.round(v))
                : String.format(Locale.ROOT, "%." + decimals + "f", v));
      }
      return a;
    }

    /**
     * Labelled decades, with faint minor lines at 2..9 times each (labelled 2 and 5 as well when
     * the span is short). The axis ends at the first 1, 2 or 5 times a power of ten at or above the
     * data, so no empty decade sits on top.
     */
    static Axis log(double min, double max, double p0, double p1) {
      int lo = (int) Math.floor(Math.log10(min) + 1e-9);
      int top = (int) Math.floor(Math.log10(max) + 1e-9);
      double mantissa = max / Math.pow(10, top);
      double end =
          (mantissa <= 1 + 1e-9 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10)
              * Math.pow(10, top);
      double hi = Math.max(Math.log10(end), lo + 1);
      Axis a = new Axis(lo, hi, p0, p1, true);
      boolean fewDecades = hi - lo <= 2.01;
      for (int e = lo; e <= Math.ceil(hi); e++) {
        for (int m = 1; m <= 9; m++) {
          double v = m * Math.pow(10, e);
          if (Math.log10(v) > hi + 1e-9) {
            break;
          }
          boolean atEnd = Math.abs(Math.log10(v) - hi) < 1e-9;
          if (m == 1 || atEnd || (fewDecades && (m == 2 || m == 5))) {
            a.ticks.add(v);
            a.labels.add(format(v, e));
          } else {
            a.minorTicks.add(v);
          }
        }
      }
      return a;
    }

    private static String format(double v, int exponent) {
      return String.format(Locale.ROOT, "%." + Math.max(0, -exponent) + "f", v);
    }

    private static double niceStep(double raw) {
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double f = raw / magnitude;
      return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * magnitude;
    }
  }
}
