package dev.anneal.internal;

import dev.anneal.Ramp;
import dev.anneal.RestartScale;
import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Cooldown;
import dev.anneal.internal.kind.Curve;
import dev.anneal.internal.kind.Periodic;
import dev.anneal.internal.kind.Problem;
import dev.anneal.internal.kind.Restarts;
import dev.anneal.internal.kind.Warmup;
import java.util.List;

/**
 * Internal, not API. A validated declaration compiled to numbers: the timeline (warm-up, the body's
 * folded {@link Curve}, restarts, cool-down) with every constant computed once. The builder's
 * schedules evaluate it, the processor writes its constants as literals, and the fill kernels read
 * it. Immutable: primitive fields only, tables behind accessors.
 *
 * <p>Timeline: {@code [0, warmupSteps)} warm-up ramp; then the body with local step {@code t = step
 * - warmupSteps} (repeating if it restarts) until {@code bodyLength}; then the cool-down ramp over
 * {@code cooldownSteps}; then {@code endValue} holds.
 */
public final class Plan {
  private final Declaration declaration;
  private final Body body;
  private final Curve curve;

  // warm-up: step in [0, warmupSteps)
  public final long warmupSteps;
  public final Ramp warmupShape;
  public final double warmupFrom;
  public final double warmupTo;
  public final double warmupInv;

  /** {@code (warmupTo - warmupFrom) / warmupSteps}: a linear warm-up is one multiply-add. */
  public final double warmupSlope;

  public final double warmupLnRatio;

  /** Length of the body including all restart cycles, or -1 when it never ends. */
  public final long bodyLength;

  /** Value when the body has ended (before any cool-down). */
  public final double bodyEnd;

  // cool-down: local step u = t - bodyLength in [0, cooldownSteps)
  public final long cooldownSteps;
  public final Ramp cooldownShape;
  public final double cooldownFrom;
  public final double cooldownTo;
  public final double cooldownInv;

  /** {@code (cooldownTo - cooldownFrom) / cooldownSteps}. */
  public final double cooldownSlope;

  public final double cooldownLnRatio;

  /** Value after the whole schedule, when it ends at all. */
  public final double endValue;

  // restarts of a periodic body of length `period` (its steps attribute)
  public final boolean restarts;
  public final long period;
  public final double invPeriod;
  public final double growth;
  public final double decay;
  public final double lnDecay;
  public final int limit;

  /** What {@code decay} scales: the start value or the amplitude above the end value. */
  public final RestartScale restartScale;

  /** The repeated body's start value, before any scaling ({@code from}, {@code peak}). */
  public final double restartFirst;

  /** The repeated body's end value, which the scaling leaves alone. */
  public final double restartLast;

  /** {@code restartFirst - restartLast}: what {@link RestartScale#AMPLITUDE} scales. */
  public final double restartAmplitude;

  /** The periodic curve when the body restarts, else {@code null}. */
  private final Periodic periodic;

  /** Cycle start steps when {@code growth > 1}: {@code cycleStart[i]} is where cycle i begins. */
  private final double[] cycleStart;

  private Plan(Declaration d) {
    this.declaration = d;
    this.body = d.body().kind().body(d.body());
    this.curve = body.fold();
    Warmup w = Warmup.of(d.warmup());
    Cooldown c = Cooldown.of(d.cooldown());
    Restarts r = Restarts.of(d.restarts());

    this.restarts = r != null;
    this.period = restarts ? body.length() : 0;
    this.invPeriod = restarts ? 1.0 / period : 0;
    this.growth = r == null ? 1 : r.growth();
    this.decay = r == null ? 1 : r.decay();
    this.lnDecay = Math.log(decay);
    this.limit = r == null ? 0 : r.limit();
    this.restartScale = r == null ? RestartScale.START : r.scale();
    // Rules admit @Restarts only on a periodic body, whose folded curve is Periodic.
    this.periodic = restarts ? (Periodic) curve : null;
    this.restartFirst = restarts ? periodic.first() : 0;
    this.restartLast = restarts ? periodic.last() : 0;
    this.restartAmplitude = restartFirst - restartLast;
    this.cycleStart = restarts && growth != 1 ? Tables.cycleStarts(period, growth, limit) : null;

    this.bodyLength = bodyLength(body, r);
    this.bodyEnd = restarts ? restartEnd() : body.end();

    // Warm-up: ramps to the body's first value.
    this.warmupSteps = w == null ? 0 : w.steps();
    this.warmupShape = w == null ? Ramp.LINEAR : w.shape();
    this.warmupFrom = w == null ? 0 : w.from();
    this.warmupTo = body.start();
    this.warmupInv = warmupSteps > 0 ? 1.0 / warmupSteps : 0;
    this.warmupSlope = warmupSteps > 0 ? (warmupTo - warmupFrom) / warmupSteps : 0;
    this.warmupLnRatio = Math.log(warmupTo / warmupFrom);

    // Cool-down: ramps from the body's end value.
    this.cooldownSteps = c == null ? 0 : c.steps();
    this.cooldownShape = c == null ? Ramp.LINEAR : c.shape();
    this.cooldownFrom = bodyEnd;
    this.cooldownTo = c == null ? bodyEnd : c.to();
    this.cooldownInv = cooldownSteps > 0 ? 1.0 / cooldownSteps : 0;
    this.cooldownSlope = cooldownSteps > 0 ? (cooldownTo - cooldownFrom) / cooldownSteps : 0;
    this.cooldownLnRatio = Math.log(cooldownTo / cooldownFrom);
    this.endValue = cooldownTo;
  }

  /**
   * Compiles a declaration.
   *
   * @throws IllegalArgumentException with the first rule it breaks
   */
  public static Plan of(Declaration d) {
    List<Problem> problems = Rules.check(d, 0);
    String error = Rules.firstError(problems);
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    return new Plan(d);
  }

  /** Compiles a declaration the rules have passed so far (for their own last check). */
  static Plan unchecked(Declaration d) {
    return new Plan(d);
  }

  /**
   * Parses and compiles a declaration written as Java annotations.
   *
   * @throws IllegalArgumentException if it does not parse or breaks a rule
   */
  public static Plan parse(String source) {
    return of(AnnotationParser.declaration(source));
  }

  /** The declaration, as written. */
  public Declaration declaration() {
    return declaration;
  }

  /** The typed body. */
  public Body body() {
    return body;
  }

  /** The body's folded evaluator. */
  public Curve curve() {
    return curve;
  }

  /** The body's folded evaluator when it restarts, else {@code null}. */
  public Periodic periodic() {
    return periodic;
  }

  /**
   * The start value of a restart cycle whose decay factor is {@code scale} ({@code decay^i}); every
   * evaluator computes it with these operations. Without decay, the body's own start value.
   */
  public double cycleFirst(double scale) {
    if (decay == 1) {
      return restartFirst;
    }
    return switch (restartScale) {
      case START -> restartFirst * scale;
      case AMPLITUDE -> restartLast + restartAmplitude * scale;
    };
  }

  /** Number of cycle starts in the table of a growing restart, or 0 when there is none. */
  public int cycleStarts() {
    return cycleStart == null ? 0 : cycleStart.length;
  }

  /** Where cycle {@code i} of a growing restart begins. */
  public double cycleStart(int i) {
    return cycleStart[i];
  }

  /** The cycle of a growing restart containing {@code t}. */
  public int cycleOf(long t) {
    return Tables.cycleOf(cycleStart, t);
  }

  // ---- scalar evaluation: the reference every other evaluator mirrors ----
  // Steps become doubles through Steps.toDouble: the same doubles as casts, faster on JDK 17.

  /** The value at {@code step}. */
  public double at(long step) {
    if (step < warmupSteps) {
      if (step < 0) {
        throw Steps.negative(step);
      }
      double x = Steps.toDouble(step);
      if (warmupShape == Ramp.LINEAR) {
        return warmupFrom + warmupSlope * x;
      }
      return ramp(warmupShape, warmupFrom, warmupTo, warmupLnRatio, x * warmupInv);
    }
    long t = step - warmupSteps;
    if (bodyLength >= 0 && t >= bodyLength) {
      long u = t - bodyLength;
      if (u >= cooldownSteps) {
        return endValue;
      }
      double x = Steps.toDouble(u);
      if (cooldownShape == Ramp.LINEAR) {
        return cooldownFrom + cooldownSlope * x;
      }
      return ramp(cooldownShape, cooldownFrom, cooldownTo, cooldownLnRatio, x * cooldownInv);
    }
    return restarts ? restarted(t) : curve.at(t);
  }

  /** A warm-up or cool-down ramp from {@code a} to {@code b} at progress {@code p}. */
  public static double ramp(Ramp shape, double a, double b, double lnRatio, double p) {
    return switch (shape) {
      case LINEAR -> a + (b - a) * p;
      case COSINE -> a + (b - a) * (0.5 - 0.5 * Math.cos(Math.PI * p));
      case EXPONENTIAL -> a * Math.exp(lnRatio * p);
      case SQRT -> b + (a - b) * (1 - Math.sqrt(p));
      case CONSTANT -> a;
    };
  }

  // ---- restarts ----

  private double restarted(long t) {
    if (cycleStart == null) {
      long cycleIndex = t / period;
      double local = Steps.toDouble(t - cycleIndex * period);
      double scale = decay == 1 ? 1 : Math.exp(Steps.toDouble(cycleIndex) * lnDecay);
      return periodic.periodic(local, period, invPeriod, cycleFirst(scale));
    }
    int i = Tables.cycleOf(cycleStart, t);
    double p = cycleStart[i + 1] - cycleStart[i];
    double scale = decay == 1 ? 1 : Math.exp(Steps.toDouble(i) * lnDecay);
    return periodic.periodic(Steps.toDouble(t) - cycleStart[i], p, 1 / p, cycleFirst(scale));
  }

  /** The value after the last of {@code limit} cycles. */
  private double restartEnd() {
    if (limit == 0) {
      return Double.NaN;
    }
    int last = limit - 1;
    double p = cycleStart == null ? period : cycleStart[last + 1] - cycleStart[last];
    double scale = decay == 1 ? 1 : Math.exp(last * lnDecay);
    // one-cycle ends at its last step, p - 1
    boolean holdsLast = periodic.cycle().shape() == Periodic.Shape.ONE_CYCLE;
    return periodic.periodic(holdsLast ? p - 1 : p, p, 1 / p, cycleFirst(scale));
  }

  /** Length of the body with its restarts, or -1 when it never ends. */
  public static long bodyLength(Body body, Restarts r) {
    long length = body.length();
    if (r == null || length < 0) {
      return length;
    }
    int limit = r.limit();
    if (limit == 0) {
      return -1;
    }
    if (r.growth() == 1) {
      return length > Long.MAX_VALUE / limit ? Long.MAX_VALUE : length * limit;
    }
    double[] starts = Tables.cycleStarts(length, r.growth(), limit);
    double end = Math.ceil(starts[starts.length - 1]);
    return end >= 0x1p63 ? Long.MAX_VALUE : (long) end;
  }
}
