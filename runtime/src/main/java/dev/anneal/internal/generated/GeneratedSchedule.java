package dev.anneal.internal.generated;

import dev.anneal.LrSchedule;
import dev.anneal.ParamGroups;
import dev.anneal.internal.Kernels;
import dev.anneal.internal.Plan;
import dev.anneal.internal.Steps;
import dev.anneal.internal.Tables;

/**
 * Internal, not API. The base of every generated schedule: the generated subclass writes only
 * {@link #at}; this class owns the four {@code fill}s (the runtime's vector kernels when they pay
 * off, else {@link LrSchedule}'s loops over {@code at}) and {@code toString}.
 *
 * <p>The declaration is embedded as text with the {@link #FORMAT format} it was written in, and
 * read only on the first {@code fill} that could use a kernel, never while the class loads: a
 * runtime that cannot read it (a newer format, a rule that changed) falls back to the plain loops,
 * which are exact, rather than fail.
 *
 * <p>The fills follow {@code at}, whoever subclasses this: the kernels run only when {@code at}
 * agrees bit for bit with the embedded declaration at every regime boundary (as generated code
 * does), else the plain loops over {@code at} run.
 */
public abstract class GeneratedSchedule implements LrSchedule, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The format of the embedded declaration that this runtime reads: annotation syntax, version 1.
   */
  public static final int FORMAT = 1;

  private final String name;
  private final int format;
  private final String declaration;

  /** The declaration as the kernels' description; {@link #UNREADABLE} when it cannot be read. */
  private transient volatile Object plan;

  private static final Object UNREADABLE = new Object();

  /**
   * @param name what {@code toString} writes before {@code ": "} and the declaration: the schedule
   *     method's name, or for a composite its parts' {@code name: declaration; } entries and then
   *     its name, so that {@code toString} is text {@code Schedules.parseNamed} reads back; in one
   *     or more pieces
   * @param format the format of {@code declaration}; this runtime reads {@link #FORMAT}
   * @param declaration the schedule in annotation syntax, as declared, in one or more pieces
   */
  protected GeneratedSchedule(String name, int format, String... declaration) {
    this.name = name;
    this.format = format;
    // in pieces: a class file's string constants hold at most 65,535 bytes
    this.declaration = String.join("", declaration);
  }

  /** The plan the kernels run, or {@code null} when this runtime cannot read the declaration. */
  private Plan plan() {
    Object p = plan;
    if (p == null) {
      p = UNREADABLE;
      if (format == FORMAT) {
        try {
          Plan parsed = Plan.parse(declaration);
          p = agrees(parsed) ? parsed : UNREADABLE;
        } catch (IllegalArgumentException e) {
          p = UNREADABLE;
        }
      }
      plan = p;
    }
    return p == UNREADABLE ? null : (Plan) p;
  }

  /**
   * Whether {@code at} equals {@code p.at} bit for bit around every boundary of the declaration's
   * timeline (warm-up, cycle, body end, cool-down end) and at a few steps between: a subclass that
   * embeds a declaration other than its {@code at} gets the loops over {@code at}.
   */
  private boolean agrees(Plan p) {
    long w = p.warmupSteps;
    long end = p.bodyLength < 0 ? 0 : w + p.bodyLength;
    long[] marks = {
      0, w, w + p.period, w + 2 * p.period, end, end + p.cooldownSteps, 1_000, 1_000_003, 1L << 40
    };
    try {
      for (long mark : marks) {
        for (long s = Math.max(0, mark - 1); s <= mark + 1 && s >= 0; s++) {
          if (Double.doubleToRawLongBits(at(s)) != Double.doubleToRawLongBits(p.at(s))) {
            return false;
          }
        }
      }
    } catch (RuntimeException e) {
      return false;
    }
    return true;
  }

  @Override
  public final void fill(long step, ParamGroups groups, float[] out) {
    Plan p = plan();
    if (p == null || !Kernels.fill(p, step, groups, out)) {
      LrSchedule.super.fill(step, groups, out);
    }
  }

  @Override
  public final void fill(long step, ParamGroups groups, double[] out) {
    Plan p = plan();
    if (p == null || !Kernels.fill(p, step, groups, out)) {
      LrSchedule.super.fill(step, groups, out);
    }
  }

  @Override
  public final void fill(long[] steps, float[] out) {
    Plan p = plan();
    if (p == null || !Kernels.fill(p, steps, out)) {
      LrSchedule.super.fill(steps, out);
    }
  }

  @Override
  public final void fill(long[] steps, double[] out) {
    Plan p = plan();
    if (p == null || !Kernels.fill(p, steps, out)) {
      LrSchedule.super.fill(steps, out);
    }
  }

  // ---- what generated at() methods call: inherited, so no name in a user's config can shadow them
  // ----

  /** {@link Math#PI}. */
  protected static final double PI = Math.PI;

  /** The exception for a negative step. */
  protected static IllegalArgumentException negative(long step) {
    return Steps.negative(step);
  }

  /** {@link Steps#toDouble}: the step as a double, exactly. */
  protected static double toDouble(long n) {
    return Steps.toDouble(n);
  }

  protected static double cos(double x) {
    return Math.cos(x);
  }

  protected static double exp(double x) {
    return Math.exp(x);
  }

  protected static double sqrt(double x) {
    return Math.sqrt(x);
  }

  protected static double tanh(double x) {
    return Math.tanh(x);
  }

  protected static double pow(double x, double y) {
    return Math.pow(x, y);
  }

  protected static double scalb(double x, int n) {
    return Math.scalb(x, n);
  }

  protected static long min(long a, long b) {
    return Math.min(a, b);
  }

  protected static double min(double a, double b) {
    return Math.min(a, b);
  }

  protected static double max(double a, double b) {
    return Math.max(a, b);
  }

  /** {@link Tables#cycleStarts}. */
  protected static double[] cycleStarts(long steps, double growth, int limit) {
    return Tables.cycleStarts(steps, growth, limit);
  }

  /** {@link Tables#cycleOf}. */
  protected static int cycleOf(double[] starts, long t) {
    return Tables.cycleOf(starts, t);
  }

  /** {@link Tables#longs}. */
  protected static long[] longs(String... chunks) {
    return Tables.longs(chunks);
  }

  /** {@link Tables#doubles}. */
  protected static double[] doubles(String... chunks) {
    return Tables.doubles(chunks);
  }

  /** {@link Tables#countAtMost}. */
  protected static int countAtMost(long[] sorted, long x) {
    return Tables.countAtMost(sorted, x);
  }

  /**
   * Serialized as its declaration, which reads back as the same schedule built at run time. A
   * composite's declaration names other methods of its config and cannot be read alone: it is
   * written as itself (the config's class must then be on the reader's class path), as is one in a
   * format this runtime does not read.
   */
  protected final Object writeReplace() {
    if (format == FORMAT) {
      try {
        return dev.anneal.internal.compose.SerialProxy.schedule(
            dev.anneal.internal.compose.SerialProxy.canonical(declaration));
      } catch (IllegalArgumentException e) {
        return this; // a composite, or a declaration this runtime cannot read alone
      }
    }
    return this;
  }

  /** {@code "<method>: <declaration>"}. */
  @Override
  public final String toString() {
    return name + ": " + declaration;
  }
}
