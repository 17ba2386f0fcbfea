package dev.anneal.internal;

import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.CyclicMode;
import dev.anneal.Ramp;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API. Every validation rule of a declaration, in one place: attribute domains
 * first, then the rules that combine annotations. Both the processor and the builder call
 * {@link #check}; only the way problems are reported differs.
 */
public final class Rules {
  private final List<Problem> problems = new ArrayList<>();

  private Rules() {}

  /** All problems of {@code decl}; {@code totalSteps <= 0} means no total is required. */
  public static List<Problem> check(Declaration decl, long totalSteps) {
    Rules r = new Rules();
    for (Part p : decl.parts()) {
      r.finite(p);
    }
    if (!r.problems.isEmpty()) {
      return r.problems; // the combination rules below assume finite numbers
    }
    r.body(decl.body());
    if (decl.warmup() != null) {
      r.warmup(decl.warmup(), decl.body());
    }
    if (decl.cooldown() != null) {
      r.cooldown(decl.cooldown(), decl.body());
    }
    if (decl.restarts() != null) {
      r.restarts(decl.restarts(), decl);
    }
    if (r.errors() == 0) {
      r.ranges(decl);
    }
    if (r.errors() == 0) {
      r.length(decl, totalSteps);
    }
    return r.problems;
  }

  /**
   * Finite attributes can still make the schedule's arithmetic overflow ({@code to - from} of
   * {@code -1e308} and {@code 1e308}); every difference and ratio the evaluators form must be finite.
   */
  private void ranges(Declaration decl) {
    Part b = decl.body();
    switch (b.kind()) {
      case COSINE:
      case LINEAR:
      case POLYNOMIAL:
        difference(b, "to", b.d("to"), b.d("from"));
        break;
      case CYCLIC:
        difference(b, "high", b.d("high"), b.d("low"));
        break;
      case ONE_CYCLE:
        difference(b, "peak", b.d("peak"), b.d("peak") / b.d("divFactor"));
        break;
      case PIECEWISE:
        double[] v = b.ds("values");
        for (int i = 1; i < v.length; i++) {
          if (!Double.isFinite(v[i] - v[i - 1])) {
            error(b, "values", i, "differs from values[" + (i - 1) + "] by more than a double can hold, was "
                + number(v[i]) + " after " + number(v[i - 1]));
          }
        }
        break;
      default:
        break;
    }
    if (decl.warmup() != null) {
      Part w = decl.warmup();
      double target = Plan.startValue(b);
      difference(w, "from", target, w.d("from"));
      if (w.e("shape", Ramp.class) == Ramp.EXPONENTIAL) {
        ratio(w, "from", target, w.d("from"));
      }
    }
    if (decl.cooldown() != null) {
      Part c = decl.cooldown();
      double start = Plan.endValue(b);
      difference(c, "to", c.d("to"), start);
      if (c.e("shape", Ramp.class) == Ramp.EXPONENTIAL) {
        ratio(c, "to", c.d("to"), start);
      }
    }
  }

  private void difference(Part p, String attr, double a, double b) {
    if (!Double.isFinite(a - b)) {
      error(p, attr, "is too far from " + number(b) + " for a double to hold the difference, was " + number(a));
    }
  }

  private void ratio(Part p, String attr, double a, double b) {
    double r = a / b;
    if (!Double.isFinite(r) || r == 0 || !Double.isFinite(Math.log(r))) {
      error(p, attr, "makes the exponential ramp's ratio " + number(a) + " / " + number(b)
          + " overflow a double");
    }
  }

  /** The first error's message, or {@code null} when {@code problems} has no error. */
  public static String firstError(List<Problem> problems) {
    for (Problem p : problems) {
      if (p.isError()) {
        return p.message();
      }
    }
    return null;
  }

  private int errors() {
    int n = 0;
    for (Problem p : problems) {
      n += p.isError() ? 1 : 0;
    }
    return n;
  }

  // ---- attribute domains ----

  private void finite(Part p) {
    for (Attr a : p.kind().attrs()) {
      if (a.type() == Attr.Type.DOUBLE && !Double.isFinite(p.d(a.name()))) {
        error(p, a.name(), "must be finite, was " + number(p.d(a.name())));
      } else if (a.type() == Attr.Type.DOUBLE_ARRAY) {
        double[] v = p.ds(a.name());
        for (int i = 0; i < v.length; i++) {
          if (!Double.isFinite(v[i])) {
            error(p, a.name(), i, "must be finite, was " + number(v[i]));
          }
        }
      }
    }
  }

  private void body(Part p) {
    switch (p.kind()) {
      case CONSTANT:
        if (p.l("steps") < 0) {
          error(p, "steps", "must be > 0 (or Constant.UNBOUNDED = 0), was " + count(p.l("steps")));
        }
        break;
      case STEP_DECAY:
        positive(p, "factor");
        positive(p, "every");
        increases(p, "factor");
        break;
      case MULTI_STEP:
        positive(p, "factor");
        increases(p, "factor");
        milestones(p);
        break;
      case EXPONENTIAL:
        positive(p, "rate");
        positive(p, "every");
        increases(p, "rate");
        break;
      case COSINE:
        positive(p, "steps");
        positive(p, "exponent");
        endsAbove(p, "to", "from");
        break;
      case LINEAR:
        positive(p, "steps");
        break;
      case POLYNOMIAL:
        positive(p, "steps");
        positive(p, "power");
        endsAbove(p, "to", "from");
        break;
      case INVERSE_TIME:
        if (p.d("rate") < 0) {
          error(p, "rate", "must be >= 0, was " + number(p.d("rate")));
        }
        positive(p, "every");
        break;
      case INVERSE_SQRT:
        positive(p, "timescale");
        break;
      case CYCLIC:
        cyclic(p);
        break;
      case ONE_CYCLE:
        oneCycle(p);
        break;
      case PIECEWISE:
        piecewise(p);
        break;
      default:
        throw new AssertionError(p.kind());
    }
  }

  private void milestones(Part p) {
    long[] m = p.ls("milestones");
    if (m.length == 0) {
      error(p, "milestones", "must not be empty (use @Constant for a value that never changes)");
    }
    for (int i = 0; i < m.length; i++) {
      if (m[i] <= 0) {
        error(p, "milestones", i, "must be > 0, was " + count(m[i]));
      } else if (i > 0 && m[i] <= m[i - 1]) {
        error(
            p,
            "milestones",
            i,
            "must be strictly increasing, but [" + i + "] = " + count(m[i]) + " follows [" + (i - 1) + "] = "
                + count(m[i - 1]));
      }
    }
  }

  private void cyclic(Part p) {
    if (!(p.d("low") < p.d("high"))) {
      error(p, "high", "must be > low (" + number(p.d("low")) + "), was " + number(p.d("high")));
    }
    positive(p, "up");
    long up = p.l("up");
    long down = p.l("down");
    if (down < 0) {
      error(p, "down", "must be > 0 (or Cyclic.SAME_AS_UP = 0), was " + count(down));
    } else if (up > 0 && down == 0 && up > Long.MAX_VALUE - up) {
      error(p, "up", "must be at most Long.MAX_VALUE / 2 when down = Cyclic.SAME_AS_UP, so that a cycle (up + up"
          + " steps) fits in a long, was " + count(up));
    } else if (up > 0 && down > Long.MAX_VALUE - up) {
      error(p, "down", "must be at most Long.MAX_VALUE - up (" + count(Long.MAX_VALUE - up) + "), so that a cycle"
          + " (up + down steps) fits in a long, was " + count(down));
    }
    double gamma = p.d("gamma");
    if (!(gamma > 0 && gamma <= 1)) {
      error(p, "gamma", "must be in (0, 1] (a larger gamma grows without bound), was " + number(gamma));
    } else if (gamma != 1 && p.e("mode", CyclicMode.class) != CyclicMode.EXP_RANGE) {
      warning(p, "gamma", "is only used by mode = CyclicMode.EXP_RANGE, here it is ignored");
    }
  }

  private void oneCycle(Part p) {
    positive(p, "peak");
    long steps = p.l("steps");
    if (steps < 2) {
      error(p, "steps", "must be >= 2, was " + count(steps));
    }
    double pct = p.d("pctStart");
    if (!(pct > 0 && pct < 1)) {
      error(p, "pctStart", "must be in (0, 1), was " + number(pct));
    } else if (steps >= 2) {
      double end0 = pct * steps - 1;
      if (!(end0 > 0)) {
        error(
            p,
            "pctStart",
            "* steps must be > 1 so that the rising phase ends after step 0 (it ends at pctStart * steps - 1 = "
                + number(end0) + ")");
      } else if (p.b("threePhase") && !(2 * pct * steps - 2 < steps - 1)) {
        error(
            p,
            "pctStart",
            "is too large for threePhase: the falling phase would end at 2 * pctStart * steps - 2 = "
                + number(2 * pct * steps - 2) + ", not before the last step " + count(steps - 1));
      }
    }
    positive(p, "divFactor");
    positive(p, "finalDivFactor");
  }

  private void piecewise(Part p) {
    long[] knots = p.ls("steps");
    double[] values = p.ds("values");
    if (knots.length == 0) {
      error(p, "steps", "must not be empty");
      return;
    }
    if (knots[0] != 0) {
      error(p, "steps", 0, "must be 0 (the first knot is where the body starts), was " + count(knots[0]));
    }
    for (int i = 1; i < knots.length; i++) {
      if (knots[i] <= knots[i - 1]) {
        error(
            p,
            "steps",
            i,
            "must be strictly increasing, but [" + i + "] = " + count(knots[i]) + " follows [" + (i - 1) + "] = "
                + count(knots[i - 1]));
      }
    }
    if (values.length != knots.length) {
      error(
          p,
          "values",
          "must have one value per knot: steps has " + knots.length + " elements, values has " + values.length);
    }
  }

  // ---- modifiers and combinations ----

  private void warmup(Part w, Part body) {
    positive(w, "steps");
    Ramp shape = w.e("shape", Ramp.class);
    if (shape == Ramp.SQRT) {
      error(w, "shape", "Ramp.SQRT is a cool-down shape; use LINEAR, COSINE, EXPONENTIAL or CONSTANT");
      return;
    }
    double target = Plan.startValue(body);
    double from = w.d("from");
    if (shape == Ramp.EXPONENTIAL && !(from > 0 && target > 0)) {
      error(
          w,
          "from",
          "must be > 0 for Ramp.EXPONENTIAL, and so must the body's first value ("
              + number(target) + "), was " + number(from));
    } else if (shape != Ramp.CONSTANT && from > target) {
      warning(
          w,
          "from",
          "is above the value it warms up to (" + number(target) + " at the body's first step), was "
              + number(from));
    }
  }

  private void cooldown(Part c, Part body) {
    positive(c, "steps");
    Ramp shape = c.e("shape", Ramp.class);
    if (shape == Ramp.CONSTANT) {
      error(c, "shape", "Ramp.CONSTANT is a warm-up shape; use LINEAR, COSINE, SQRT or EXPONENTIAL");
      return;
    }
    if (Plan.bodyLength(body) < 0) {
      error(
          c,
          null,
          "needs a body that ends, but " + body.toSource() + " never ends"
              + (body.kind() == Kind.CONSTANT ? " (give @Constant a steps value)" : ""));
      return;
    }
    double start = Plan.endValue(body);
    double to = c.d("to");
    if (shape == Ramp.EXPONENTIAL && !(to > 0 && start > 0)) {
      error(
          c,
          "to",
          "must be > 0 for Ramp.EXPONENTIAL, and so must the body's final value (" + number(start)
              + "), was " + number(to));
    } else if (to > start) {
      warning(c, "to", "is above the value it cools down from (" + number(start) + "), was " + number(to));
    }
  }

  private void restarts(Part r, Declaration decl) {
    Part body = decl.body();
    boolean periodic =
        body.kind() == Kind.COSINE
            || body.kind() == Kind.LINEAR
            || body.kind() == Kind.ONE_CYCLE
            || (body.kind() == Kind.POLYNOMIAL && !body.b("cycle"))
            || (body.kind() == Kind.CONSTANT && body.l("steps") > 0);
    if (!periodic) {
      error(
          r,
          null,
          "repeats a body whose length is its steps attribute (@Cosine, @Linear, @Polynomial without cycle,"
              + " @OneCycle, @Constant with steps), not " + body.toSource());
    }
    if (decl.cooldown() != null) {
      error(r, null, "cannot be combined with @Cooldown: a restarting schedule has no single end to cool down from");
    }
    if (!(r.d("growth") >= 1)) {
      error(r, "growth", "must be >= 1, was " + number(r.d("growth")));
    }
    long length = Plan.bodyLength(body);
    if (periodic && r.d("growth") > 1 && length > 0) {
      int limit = r.i("limit");
      double[] starts = Plan.cycleStarts(length, r.d("growth"), Math.max(limit, 0));
      int cycles = starts.length - 1; // cycle i spans [starts[i], starts[i + 1])
      boolean pastEnd = starts[cycles] >= 0x1p63;
      if (!pastEnd && (limit == 0 || limit > cycles)) {
        // cycleStarts stopped at MAX_CYCLES, before the limit and before Long.MAX_VALUE
        error(
            r,
            "growth",
            "makes more than " + count(Plan.MAX_CYCLES) + " cycles before step Long.MAX_VALUE, was "
                + number(r.d("growth")) + "; use growth = 1, a larger growth, or a limit of at most "
                + count(Plan.MAX_CYCLES));
      } else if (pastEnd && limit > cycles) {
        // the last cycles would start after Long.MAX_VALUE: the schedule could never reach its limit
        error(
            r,
            "limit",
            "must be at most " + cycles + ": with growth " + number(r.d("growth")) + " only " + cycles
                + " cycles start before step Long.MAX_VALUE, was " + limit);
      }
    }
    positive(r, "decay");
    if (r.i("limit") < 0) {
      error(r, "limit", "must be >= 0 (0 = unlimited), was " + r.i("limit"));
    }
    if (r.d("decay") > 1) {
      if (r.i("limit") == 0) {
        error(r, "decay", "must be <= 1 when restarts are unlimited (values would grow without bound), was "
            + number(r.d("decay")));
      } else {
        warning(r, "decay", "is above 1: every restart starts higher than the one before");
      }
    }
  }

  /** Lengths must fit in a long, and finite schedules must end at {@code totalSteps} when given. */
  private void length(Declaration decl, long totalSteps) {
    long w = decl.warmup() == null ? 0 : decl.warmup().l("steps");
    long b = Plan.bodyLength(decl);
    long c = decl.cooldown() == null ? 0 : decl.cooldown().l("steps");
    if (b >= 0 && (b > Long.MAX_VALUE - w || c > Long.MAX_VALUE - w - b)) {
      error(decl.body(), null, "makes the schedule longer than Long.MAX_VALUE steps: " + breakdown(decl, w, b, c));
      return;
    }
    if (totalSteps <= 0 || b < 0) {
      return;
    }
    long total = w + b + c;
    if (total != totalSteps) {
      String sum = breakdown(decl, w, b, c);
      String attr = decl.body().kind().attr("steps") != null ? "steps" : null;
      error(
          decl.body(),
          attr,
          "makes the schedule end at step " + count(total) + ", not at @Schedule(totalSteps = " + count(totalSteps)
              + "): " + sum + " = " + count(total));
    }
  }

  /** {@code "warm-up 500 + cosine 19,000 + cool-down 1,000"}: the lengths that add up to the schedule's. */
  private static String breakdown(Declaration decl, long w, long b, long c) {
    StringBuilder sum = new StringBuilder();
    if (w > 0) {
      sum.append("warm-up ").append(count(w)).append(" + ");
    }
    sum.append(bodyName(decl)).append(' ').append(count(b));
    if (c > 0) {
      sum.append(" + cool-down ").append(count(c));
    }
    return sum.toString();
  }

  private static String bodyName(Declaration decl) {
    String name = decl.body().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    int limit = decl.restarts() == null ? 0 : decl.restarts().i("limit");
    return decl.restarts() == null ? name : name + " (" + limit + (limit == 1 ? " cycle)" : " cycles)");
  }

  // ---- small helpers ----

  private void positive(Part p, String attr) {
    Attr a = p.kind().attr(attr);
    if (a.type() == Attr.Type.LONG ? p.l(attr) <= 0 : !(p.d(attr) > 0)) {
      error(p, attr, "must be > 0, was " + (a.type() == Attr.Type.LONG ? count(p.l(attr)) : number(p.d(attr))));
    }
  }

  private void increases(Part p, String attr) {
    if (p.d(attr) > 1) {
      warning(p, attr, "is above 1, so this decay increases the value, was " + number(p.d(attr)));
    }
  }

  private void endsAbove(Part p, String to, String from) {
    if (p.d(to) > p.d(from)) {
      warning(p, to, "is above " + from + " (" + number(p.d(from)) + "), so this decay increases the value, was "
          + number(p.d(to)));
    }
  }

  private void error(Part p, String attr, String message) {
    error(p, attr, -1, message);
  }

  private void error(Part p, String attr, int index, String message) {
    problems.add(new Problem(Problem.Severity.ERROR, p.kind(), attr, index, where(p, attr, index) + message));
  }

  private void warning(Part p, String attr, String message) {
    problems.add(new Problem(Problem.Severity.WARNING, p.kind(), attr, -1, where(p, attr, -1) + message));
  }

  /** {@code "@Cosine.steps "}, {@code "@MultiStep.milestones[2] "} or {@code "@Cooldown "}. */
  private static String where(Part p, String attr, int index) {
    return "@" + p.kind().simpleName() + (attr == null ? "" : "." + attr) + (index < 0 ? "" : "[" + index + "]") + " ";
  }
}
