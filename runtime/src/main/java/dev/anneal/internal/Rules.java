package dev.anneal.internal;

import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.internal.clip.ClipRules;
import dev.anneal.internal.control.PlateauRules;
import dev.anneal.internal.control.StoppingRules;
import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Checker;
import dev.anneal.internal.kind.Cooldown;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.kind.Problem;
import dev.anneal.internal.kind.Restarts;
import dev.anneal.internal.kind.Warmup;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API. Validates a declaration: every number finite, then each body's own rules
 * ({@link Body#check}, in its home class), then each modifier's (its record's {@code check}), then
 * the rules of how annotations combine: the lengths, the plateau over its curve, and finite values
 * along the whole timeline. Both the processor and the builder call {@link #check}; only the way
 * problems are reported differs.
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
      return r.problems; // the rules below assume finite numbers
    }
    Body body = decl.body().kind().body(decl.body());
    body.check(new Checker(body.kind(), r.problems));
    Warmup w = Warmup.of(decl.warmup());
    Cooldown c = Cooldown.of(decl.cooldown());
    Restarts restarts = Restarts.of(decl.restarts());
    if (w != null) {
      w.check(r.check(Kind.WARMUP), body, r.errors() == 0);
    }
    String bodySource = decl.body().toSource();
    if (c != null) {
      c.check(r.check(Kind.COOLDOWN), body, bodySource, r.errors() == 0);
    }
    if (restarts != null) {
      restarts.check(r.check(Kind.RESTARTS), body, bodySource, c != null);
    }
    if (r.errors() == 0) {
      r.length(body, w, c, restarts, totalSteps);
    }
    if (decl.plateau() != null) {
      r.plateau(decl, body);
    }
    if (r.errors() == 0) {
      r.finiteEverywhere(Plan.unchecked(decl));
    }
    return r.problems;
  }

  /**
   * All problems of an annotation that stands alone on its method ({@code @EarlyStopping}, a clip):
   * finite numbers, then its own rules.
   */
  public static List<Problem> checkAlone(Part part) {
    Rules r = new Rules();
    r.finite(part);
    if (!r.problems.isEmpty()) {
      return r.problems;
    }
    List<Problem> own =
        switch (part.kind().role()) {
          case STOPPER -> StoppingRules.of(part).problems();
          case CLIP -> ClipRules.problems(part);
          case BODY, MODIFIER, CONTROLLER ->
              throw new IllegalArgumentException(
                  "@" + part.kind().simpleName() + " does not stand alone on its method");
        };
    for (Problem p : own) {
      r.error(part.kind(), p.attribute(), p.message().substring(p.message().indexOf(' ') + 1));
    }
    return r.problems;
  }

  /** {@code @ReduceOnPlateau}: its own rules, and PYTORCH / KERAS only over a constant LR. */
  private void plateau(Declaration decl, Body body) {
    Kind k = Kind.REDUCE_ON_PLATEAU;
    PlateauRules rules = PlateauRules.of(decl.plateau());
    for (Problem p : rules.problems()) {
      error(k, p.attribute(), p.message().substring(p.message().indexOf(' ') + 1));
    }
    boolean single = decl.warmup() == null && decl.cooldown() == null && decl.restarts() == null;
    double value =
        single && body instanceof dev.anneal.internal.kind.Constant c ? c.value() : Double.NaN;
    String compat = rules.compatCurveProblem(value, decl.curve().toSource());
    if (compat != null) {
      error(k, "compat", compat);
    }
  }

  /**
   * The safety net under the rules above: the value at every step where the schedule changes regime
   * (and at powers of two up to {@code Long.MAX_VALUE}) must be finite. Each kind's rules already
   * reject the overflows they can cause; this catches the combinations (a restart decay above 1
   * over many cycles).
   */
  private void finiteEverywhere(Plan plan) {
    java.util.TreeSet<Long> probes = new java.util.TreeSet<>(); // in order: report the first
    long w = plan.warmupSteps;
    for (long s : new long[] {0, 1, w - 1, w, w + 1, Long.MAX_VALUE}) {
      probes.add(s);
    }
    for (int k = 1; k < 63; k++) {
      probes.add(1L << k);
      probes.add(w + (1L << k));
    }
    if (plan.bodyLength >= 0) {
      long end = w + plan.bodyLength;
      for (long s :
          new long[] {end - 1, end, end + plan.cooldownSteps - 1, end + plan.cooldownSteps}) {
        probes.add(s);
      }
    }
    if (plan.restarts) {
      int cycles = plan.limit == 0 ? 64 : Math.min(plan.limit, 4096);
      for (int i = 0; i < cycles; i++) {
        double start =
            plan.cycleStarts() > 0
                ? (i < plan.cycleStarts() ? plan.cycleStart(i) : 0x1p63)
                : (double) i * plan.period;
        if (start < 0x1p62) {
          probes.add(w + (long) start);
          probes.add(w + (long) start + 1);
        }
      }
    }
    for (long s : probes) {
      if (s < 0) {
        continue;
      }
      double v = plan.at(s);
      if (!Double.isFinite(v)) {
        Kind k = plan.restarts ? Kind.RESTARTS : plan.body().kind();
        error(
            k,
            plan.restarts ? "decay" : null,
            "makes the schedule's value "
                + number(v)
                + " at step "
                + count(s)
                + "; every value must be finite");
        return;
      }
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
      if (a.type() == Attr.Type.DOUBLE
          && !Double.isFinite(p.d(a.name()))
          && !(a.nanMeansNone() && Double.isNaN(p.d(a.name())))
          && !(a.infinityAllowed() && Double.isInfinite(p.d(a.name())))) {
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

  // ---- combinations ----

  /** Lengths must fit in a long, and finite schedules must end at {@code totalSteps} when given. */
  private void length(Body body, Warmup warmup, Cooldown cooldown, Restarts r, long totalSteps) {
    long w = warmup == null ? 0 : warmup.steps();
    long b = Plan.bodyLength(body, r);
    long c = cooldown == null ? 0 : cooldown.steps();
    if (b >= 0 && (b > Long.MAX_VALUE - w || c > Long.MAX_VALUE - w - b)) {
      error(
          body.kind(),
          null,
          "makes the schedule longer than Long.MAX_VALUE steps: " + breakdown(body, r, w, b, c));
      return;
    }
    if (totalSteps <= 0 || b < 0) {
      return;
    }
    long total = w + b + c;
    if (total != totalSteps) {
      String sum = breakdown(body, r, w, b, c);
      String attr = body.kind().attr("steps") != null ? "steps" : null;
      error(
          body.kind(),
          attr,
          "makes the schedule end at step "
              + count(total)
              + ", not at @Schedule(totalSteps = "
              + count(totalSteps)
              + "): "
              + sum
              + " = "
              + count(total));
    }
  }

  /**
   * {@code "warm-up 500 + cosine 19,000 + cool-down 1,000"}: the lengths that add up to the total.
   */
  private static String breakdown(Body body, Restarts r, long w, long b, long c) {
    StringBuilder sum = new StringBuilder();
    if (w > 0) {
      sum.append("warm-up ").append(count(w)).append(" + ");
    }
    String name = body.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    if (r != null) {
      name += " (" + r.limit() + (r.limit() == 1 ? " cycle)" : " cycles)");
    }
    sum.append(name).append(' ').append(count(b));
    if (c > 0) {
      sum.append(" + cool-down ").append(count(c));
    }
    return sum.toString();
  }

  // ---- small helpers: the kinds' Checker, for the combinations ----

  private Checker check(Kind k) {
    return new Checker(k, problems);
  }

  private void error(Part p, String attr, String message) {
    error(p.kind(), attr, -1, message);
  }

  private void error(Part p, String attr, int index, String message) {
    error(p.kind(), attr, index, message);
  }

  private void error(Kind k, String attr, String message) {
    error(k, attr, -1, message);
  }

  private void error(Kind k, String attr, int index, String message) {
    check(k).error(attr, index, message);
  }
}
