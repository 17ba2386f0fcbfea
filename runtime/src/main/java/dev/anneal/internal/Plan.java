package dev.anneal.internal;

import dev.anneal.Anneal;
import dev.anneal.CyclicMode;
import dev.anneal.Interpolation;
import dev.anneal.Ramp;
import java.util.Arrays;
import java.util.List;

/**
 * Internal, not API. A validated declaration compiled to numbers: the constants every evaluator
 * needs (reciprocals, logarithms, phase boundaries) computed once. It is the single description of
 * a schedule: the processor emits these constants as literals, the builder's schedules and the
 * scalar {@link #at} evaluate it directly, and the fill kernels read it.
 *
 * <p>Timeline: {@code [0, warmupSteps)} warm-up ramp; then the body with local step
 * {@code t = step - warmupSteps} (repeating if it restarts) until {@code bodyLength}; then the
 * cool-down ramp over {@code cooldownSteps}; then {@code endValue} holds.
 */
public final class Plan {
  /** Most cycles a growing {@code @Restarts} may have before step {@code Long.MAX_VALUE}. */
  public static final int MAX_CYCLES = 4096;

  public final Declaration declaration;
  public final Kind body;

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

  // body constants, by kind (unused ones are 0)
  public final double from;
  public final double to;
  public final double delta;
  public final long steps;
  public final double invSteps;
  /** {@code (to - from) / steps} of a {@code @Linear} body. */
  public final double linearSlope;
  public final double piOverSteps;
  /**
   * {@code to + delta / 2} and {@code delta / 2}: a {@code @Cosine} body with exponent 1 (and no
   * restarts) is {@code cosineMid + cosineHalf * cos(t * piOverSteps)}.
   */
  public final double cosineMid;
  public final double cosineHalf;
  public final double exponent;
  public final long every;
  public final double lnRate;
  public final double lnRatePerStep;
  public final double ratePerStep;
  public final double rate;
  public final boolean staircase;
  public final boolean cycle;
  public final double timescale;
  public final long[] milestones;
  public final double[] levels;
  public final double low;
  public final double height;
  public final long up;
  public final long period;
  public final double invUp;
  public final double invDown;
  public final CyclicMode mode;
  public final double lnGamma;
  public final OneCyclePhases oneCycle;
  public final long[] knots;
  public final double[] values;
  public final double[] knotInv;
  /** {@code (values[i + 1] - values[i]) / (knots[i + 1] - knots[i])}: a linear segment is one multiply-add. */
  public final double[] knotSlope;
  public final Interpolation interpolation;

  // restarts
  public final boolean restarts;
  public final double growth;
  public final double decay;
  public final double lnDecay;
  public final int limit;
  /** Cycle start steps when {@code growth > 1}: {@code cycleStart[i]} is where cycle i begins. */
  public final double[] cycleStart;

  private Plan(Declaration d) {
    this.declaration = d;
    Part b = d.body();
    this.body = b.kind();
    Part w = d.warmup();
    Part c = d.cooldown();
    Part r = d.restarts();

    // Body constants. Each kind reads only its own attributes.
    double from = 0;
    double to = 0;
    long steps = 0;
    double exponent = 1;
    long every = 1;
    double rate = 1;
    boolean staircase = false;
    boolean cycle = false;
    double timescale = 0;
    long[] milestones = null;
    double[] levels = null;
    double low = 0;
    double height = 0;
    long up = 0;
    long down = 0;
    CyclicMode mode = null;
    double gamma = 1;
    OneCyclePhases oneCycle = null;
    long[] knots = null;
    double[] values = null;
    Interpolation interpolation = null;
    switch (body) {
      case CONSTANT:
        from = b.d("value");
        to = from;
        steps = b.l("steps");
        break;
      case STEP_DECAY:
        from = b.d("from");
        rate = b.d("factor");
        every = b.l("every");
        staircase = true;
        break;
      case MULTI_STEP:
        from = b.d("from");
        milestones = b.ls("milestones");
        levels = new double[milestones.length + 1];
        for (int k = 0; k < levels.length; k++) {
          levels[k] = from * StrictMath.pow(b.d("factor"), k);
        }
        break;
      case EXPONENTIAL:
      case INVERSE_TIME:
        from = b.d("from");
        rate = b.d("rate");
        every = b.l("every");
        staircase = b.b("staircase");
        break;
      case COSINE:
        from = b.d("from");
        to = b.d("to");
        steps = b.l("steps");
        exponent = b.d("exponent");
        break;
      case LINEAR:
        from = b.d("from");
        to = b.d("to");
        steps = b.l("steps");
        break;
      case POLYNOMIAL:
        from = b.d("from");
        to = b.d("to");
        steps = b.l("steps");
        exponent = b.d("power");
        cycle = b.b("cycle");
        break;
      case INVERSE_SQRT:
        from = b.d("from");
        timescale = b.d("timescale");
        break;
      case CYCLIC:
        low = b.d("low");
        height = b.d("high") - low;
        up = b.l("up");
        down = b.l("down") == 0 ? up : b.l("down");
        mode = b.e("mode", CyclicMode.class);
        gamma = b.d("gamma");
        from = low;
        break;
      case ONE_CYCLE:
        steps = b.l("steps");
        oneCycle = new OneCyclePhases(b, b.d("peak"), steps);
        from = oneCycle.initial;
        to = oneCycle.at(steps - 1);
        break;
      case PIECEWISE:
        knots = b.ls("steps");
        values = b.ds("values");
        interpolation = b.e("interpolation", Interpolation.class);
        from = values[0];
        to = values[values.length - 1];
        steps = knots[knots.length - 1];
        break;
      default:
        throw new AssertionError(body);
    }
    this.from = from;
    this.to = to;
    this.delta = from - to;
    this.steps = steps;
    this.invSteps = steps > 0 ? 1.0 / steps : 0;
    this.linearSlope = steps > 0 ? (to - from) / steps : 0;
    this.piOverSteps = steps > 0 ? Math.PI / steps : 0;
    this.cosineHalf = 0.5 * delta;
    this.cosineMid = to + cosineHalf;
    this.exponent = exponent;
    this.every = every;
    this.rate = rate;
    this.lnRate = Math.log(rate);
    this.lnRatePerStep = Math.log(rate) / every;
    this.ratePerStep = rate / every;
    this.staircase = staircase;
    this.cycle = cycle;
    this.timescale = timescale;
    this.milestones = milestones;
    this.levels = levels;
    this.low = low;
    this.height = height;
    this.up = up;
    this.period = up + down;
    this.invUp = up > 0 ? 1.0 / up : 0;
    this.invDown = down > 0 ? 1.0 / down : 0;
    this.mode = mode;
    this.lnGamma = Math.log(gamma);
    this.oneCycle = oneCycle;
    this.knots = knots;
    this.values = values;
    if (knots != null) {
      knotInv = new double[knots.length];
      knotSlope = new double[knots.length];
      for (int i = 0; i + 1 < knots.length; i++) {
        knotInv[i] = 1.0 / (knots[i + 1] - knots[i]);
        knotSlope[i] = (values[i + 1] - values[i]) / (knots[i + 1] - knots[i]);
      }
    } else {
      knotInv = null;
      knotSlope = null;
    }
    this.interpolation = interpolation;

    // Restarts.
    this.restarts = r != null;
    this.growth = r == null ? 1 : r.d("growth");
    this.decay = r == null ? 1 : r.d("decay");
    this.lnDecay = Math.log(decay);
    this.limit = r == null ? 0 : r.i("limit");
    this.cycleStart = restarts && growth != 1 ? cycleStarts(steps, growth, limit) : null;

    this.bodyLength = bodyLength(d);
    this.bodyEnd = restarts ? restartEnd() : to;

    // Warm-up: ramps to the body's first value.
    this.warmupSteps = w == null ? 0 : w.l("steps");
    this.warmupShape = w == null ? Ramp.LINEAR : w.e("shape", Ramp.class);
    this.warmupFrom = w == null ? 0 : w.d("from");
    this.warmupTo = startValue(b);
    this.warmupInv = warmupSteps > 0 ? 1.0 / warmupSteps : 0;
    this.warmupSlope = warmupSteps > 0 ? (warmupTo - warmupFrom) / warmupSteps : 0;
    this.warmupLnRatio = Math.log(warmupTo / warmupFrom);

    // Cool-down: ramps from the body's end value.
    this.cooldownSteps = c == null ? 0 : c.l("steps");
    this.cooldownShape = c == null ? Ramp.LINEAR : c.e("shape", Ramp.class);
    this.cooldownFrom = bodyEnd;
    this.cooldownTo = c == null ? bodyEnd : c.d("to");
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

  /**
   * Parses and compiles a declaration written as Java annotations.
   *
   * @throws IllegalArgumentException if it does not parse or breaks a rule
   */
  public static Plan parse(String source) {
    return of(DeclarationParser.parse(source));
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
    return restarts ? restarted(t) : body(t);
  }

  /** A warm-up or cool-down ramp from {@code a} to {@code b} at progress {@code p}. */
  public static double ramp(Ramp shape, double a, double b, double lnRatio, double p) {
    switch (shape) {
      case LINEAR:
        return a + (b - a) * p;
      case COSINE:
        return a + (b - a) * (0.5 - 0.5 * Math.cos(Math.PI * p));
      case EXPONENTIAL:
        return a * Math.exp(lnRatio * p);
      case SQRT:
        return b + (a - b) * (1 - Math.sqrt(p));
      case CONSTANT:
        return a;
      default:
        throw new AssertionError(shape);
    }
  }

  private double body(long t) {
    switch (body) {
      case CONSTANT:
        return from;
      case STEP_DECAY:
      case EXPONENTIAL:
        return from * Math.exp(staircase ? Steps.toDouble(t / every) * lnRate : Steps.toDouble(t) * lnRatePerStep);
      case MULTI_STEP:
        {
          int k = 0;
          while (k < milestones.length && t >= milestones[k]) {
            k++;
          }
          return levels[k];
        }
      case COSINE:
        if (t >= steps) {
          return to;
        }
        double x = Steps.toDouble(t);
        return exponent == 1 ? cosineMid + cosineHalf * Math.cos(x * piOverSteps) : cosine(x * piOverSteps, delta);
      case LINEAR:
        return t >= steps ? to : from + linearSlope * Steps.toDouble(t);
      case POLYNOMIAL:
        if (!cycle) {
          return t >= steps ? to : polynomial(Steps.toDouble(steps - t) * invSteps, delta);
        }
        {
          long q = t / steps;
          long m = t - q * steps;
          if (m == 0 && t != 0) {
            return to;
          }
          return polynomial(Steps.toDouble(steps - m) / (Steps.toDouble(q + 1) * (double) steps), delta);
        }
      case INVERSE_TIME:
        return from / (1 + (staircase ? Steps.toDouble(t / every) * rate : Steps.toDouble(t) * ratePerStep));
      case INVERSE_SQRT:
        return from * Math.sqrt(timescale / (timescale + Steps.toDouble(t)));
      case CYCLIC:
        return cyclic(t);
      case ONE_CYCLE:
        return oneCycle.at(Steps.toDouble(Math.min(t, steps - 1)));
      case PIECEWISE:
        return piecewise(t);
      default:
        throw new AssertionError(body);
    }
  }

  /** {@code to + delta * ((1 + cos x) / 2)^exponent}. */
  private double cosine(double x, double delta) {
    double c = 0.5 + 0.5 * Math.cos(x);
    return to + delta * (exponent == 1 ? c : Math.pow(c, exponent));
  }

  /** {@code delta * r^power + to}, r = remaining fraction. */
  private double polynomial(double r, double delta) {
    return delta * (exponent == 1 ? r : Math.pow(r, exponent)) + to;
  }

  private double cyclic(long t) {
    long cycleIndex = t / period;
    long pos = t - cycleIndex * period;
    double x = pos <= up ? Steps.toDouble(pos) * invUp : Steps.toDouble(period - pos) * invDown;
    double amplitude;
    switch (mode) {
      case TRIANGULAR:
        return low + height * x;
      case TRIANGULAR2:
        amplitude = Math.scalb(1.0, (int) -Math.min(cycleIndex, 2000));
        break;
      case EXP_RANGE:
        amplitude = Math.exp(Steps.toDouble(t) * lnGamma);
        break;
      default:
        throw new AssertionError(mode);
    }
    return low + height * x * amplitude;
  }

  private double piecewise(long t) {
    int last = knots.length - 1;
    if (t >= knots[last]) {
      return values[last];
    }
    int i = 0;
    while (t >= knots[i + 1]) {
      i++;
    }
    switch (interpolation) {
      case STEP:
        return values[i];
      case LINEAR:
        return values[i] + knotSlope[i] * Steps.toDouble(t - knots[i]);
      case COSINE:
        double p = Steps.toDouble(t - knots[i]) * knotInv[i];
        return values[i + 1] + (values[i] - values[i + 1]) * (0.5 + 0.5 * Math.cos(Math.PI * p));
      default:
        throw new AssertionError(interpolation);
    }
  }

  // ---- restarts ----

  private double restarted(long t) {
    if (cycleStart == null) {
      long cycleIndex = t / steps;
      double local = Steps.toDouble(t - cycleIndex * steps);
      double scale = decay == 1 ? 1 : Math.exp(Steps.toDouble(cycleIndex) * lnDecay);
      return periodic(local, steps, invSteps, scale);
    }
    int i = cycleOf(cycleStart, t);
    double p = cycleStart[i + 1] - cycleStart[i];
    double scale = decay == 1 ? 1 : Math.exp(Steps.toDouble(i) * lnDecay);
    return periodic(Steps.toDouble(t) - cycleStart[i], p, 1 / p, scale);
  }

  /** The cycle containing {@code t}: the last {@code i} with {@code starts[i] <= t}. */
  public static int cycleOf(double[] starts, long t) {
    int i = Arrays.binarySearch(starts, (double) t);
    return i >= 0 ? Math.min(i, starts.length - 2) : -i - 2;
  }

  /**
   * The body at local step {@code t} of a cycle of length {@code p} ({@code invP = 1 / p}) whose
   * start value ({@code from}, {@code value}, {@code peak}) is scaled by {@code scale}; the end value
   * is not.
   */
  public double periodic(double t, double p, double invP, double scale) {
    switch (body) {
      case CONSTANT:
        return from * scale;
      case COSINE:
        return t >= p ? to : cosine(t * invP * Math.PI, from * scale - to);
      case LINEAR:
        {
          double start = from * scale;
          return t >= p ? to : start + (to - start) * (t * invP);
        }
      case POLYNOMIAL:
        return t >= p ? to : polynomial((p - t) * invP, from * scale - to);
      case ONE_CYCLE:
        return oneCycle.periodic(t, p, scale);
      default:
        throw new AssertionError(body);
    }
  }

  /** The value after the last of {@code limit} cycles. */
  private double restartEnd() {
    if (limit == 0) {
      return Double.NaN;
    }
    int last = limit - 1;
    double p = cycleStart == null ? steps : cycleStart[last + 1] - cycleStart[last];
    double scale = decay == 1 ? 1 : Math.exp(last * lnDecay);
    return periodic(body == Kind.ONE_CYCLE ? p - 1 : p, p, 1 / p, scale);
  }

  /**
   * Starts of growing cycles: cycle i lasts {@code steps * growth^i}, computed by repeated
   * multiplication so that integer growth gives exact integer boundaries. Ends with the first start
   * past {@code Long.MAX_VALUE} (or the end of cycle {@code limit - 1}).
   */
  public static double[] cycleStarts(long steps, double growth, int limit) {
    double[] starts = new double[16];
    int n = 0;
    double start = 0;
    double length = steps;
    starts[n++] = 0;
    while ((limit == 0 || n <= limit) && start < 0x1p63 && n <= MAX_CYCLES) {
      start += length;
      length *= growth;
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, 2 * n);
      }
      starts[n++] = start;
    }
    return Arrays.copyOf(starts, n);
  }

  // ---- facts about declarations, also used by the rules ----

  /** The body's first value (what a warm-up ramps to). */
  public static double startValue(Part b) {
    switch (b.kind()) {
      case CONSTANT:
        return b.d("value");
      case CYCLIC:
        return b.d("low");
      case ONE_CYCLE:
        return b.d("peak") / b.d("divFactor");
      case PIECEWISE:
        return b.ds("values").length == 0 ? Double.NaN : b.ds("values")[0];
      default:
        return b.d("from");
    }
  }

  /** The value a finite body ends at (what a cool-down ramps from); NaN when it never ends. */
  public static double endValue(Part b) {
    switch (b.kind()) {
      case CONSTANT:
        return b.d("value");
      case COSINE:
      case LINEAR:
      case POLYNOMIAL:
        return b.d("to");
      case ONE_CYCLE:
        return b.l("steps") < 2 ? Double.NaN : new OneCyclePhases(b, b.d("peak"), b.l("steps")).at(b.l("steps") - 1);
      case PIECEWISE:
        double[] v = b.ds("values");
        return v.length == 0 ? Double.NaN : v[v.length - 1];
      default:
        return Double.NaN;
    }
  }

  /** Natural length of a body alone, or -1 when it never ends. */
  public static long bodyLength(Part b) {
    switch (b.kind()) {
      case CONSTANT:
        return b.l("steps") > 0 ? b.l("steps") : -1;
      case COSINE:
      case LINEAR:
      case ONE_CYCLE:
        return b.l("steps");
      case POLYNOMIAL:
        return b.b("cycle") ? -1 : b.l("steps");
      case PIECEWISE:
        long[] k = b.ls("steps");
        return k.length == 0 ? 0 : k[k.length - 1];
      default:
        return -1;
    }
  }

  /** Length of the body with its restarts, or -1 when it never ends. */
  public static long bodyLength(Declaration d) {
    long length = bodyLength(d.body());
    Part r = d.restarts();
    if (r == null || length < 0) {
      return length;
    }
    int limit = r.i("limit");
    if (limit == 0) {
      return -1;
    }
    if (r.d("growth") == 1) {
      return length > Long.MAX_VALUE / limit ? Long.MAX_VALUE : length * limit;
    }
    double[] starts = cycleStarts(length, r.d("growth"), limit);
    double end = Math.ceil(starts[starts.length - 1]);
    return end >= 0x1p63 ? Long.MAX_VALUE : (long) end;
  }
}
