package dev.anneal;

import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.Declaration;
import dev.anneal.internal.Plan;
import dev.anneal.internal.Rescale;
import dev.anneal.internal.Steps;
import dev.anneal.internal.compose.Composer;
import dev.anneal.internal.compose.PlanSchedule;
import dev.anneal.internal.control.Controllers;
import dev.anneal.internal.control.PlateauRules;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Schedules built at run time (sweeps, config files), with the same bodies, modifiers, attribute
 * names, defaults and validation as the annotations, and the same values as generated classes.
 *
 * <pre>{@code
 * LrSchedule lr = Schedules.cosine(0.1, 19_500).to(1e-4).warmup(500).build();
 * LrSchedule same = Schedules.parse("@Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)");
 * }</pre>
 *
 * <p>Invalid values throw {@link IllegalArgumentException} naming the attribute and the value, e.g.
 * {@code @Cosine.steps must be > 0, was 0}. Built schedules are immutable and thread-safe; their
 * {@code toString()} is the declaration in annotation syntax, which {@link #parse} reads back.
 */
public final class Schedules {
  private Schedules() {}

  /**
   * A schedule written exactly as its annotations, e.g. from a config file: {@code "@Warmup(steps =
   * 500) @Cosine(from = 0.1, steps = 19_500)"}.
   *
   * @throws IllegalArgumentException if it does not parse or breaks a rule
   */
  public static LrSchedule parse(String declaration) {
    return schedule(AnnotationParser.declaration(declaration));
  }

  /**
   * The schedule of a declaration: a {@link PlateauSchedule} over its curve when it has a
   * {@code @ReduceOnPlateau}, else the curve.
   */
  private static LrSchedule schedule(Declaration d) {
    Plan plan = Plan.of(d); // validates everything, the controller too
    if (d.plateau() == null) {
      return new PlanSchedule(plan);
    }
    LrSchedule curve = new PlanSchedule(Plan.of(d.curve()));
    PlateauRules rules = PlateauRules.of(d.plateau());
    return rules.compat() == Compat.ANNEAL
        ? PlateauSchedule.fresh(Controllers.plateau(curve, rules))
        : PlateauSchedule.fresh(Controllers.plateau(curve, rules, curve.at(0)));
  }

  /**
   * Like {@link #parse}, for a schedule declared in epochs and queried per iteration, smoothly:
   * every step count (steps, every, milestones, up, down, knots, warm-up and cool-down lengths,
   * timescale) is multiplied by {@code iterationsPerEpoch}, so the curve is evaluated at fractional
   * epochs (timm's per-iteration updates).
   */
  public static LrSchedule parseInEpochs(String declaration, long iterationsPerEpoch) {
    return schedule(Rescale.steps(AnnotationParser.declaration(declaration), iterationsPerEpoch));
  }

  /**
   * A schedule declared in epochs, queried per iteration, changing once per epoch (as PyTorch
   * schedulers stepped once per epoch): {@code at(step) = perEpoch.at(step / iterationsPerEpoch)}.
   */
  public static LrSchedule stairPerEpoch(LrSchedule perEpoch, long iterationsPerEpoch) {
    if (iterationsPerEpoch < 1) {
      throw new IllegalArgumentException(
          "iterationsPerEpoch must be >= 1, was " + iterationsPerEpoch);
    }
    if (perEpoch == null) {
      throw new IllegalArgumentException("perEpoch must not be null");
    }
    return new Stair(perEpoch, iterationsPerEpoch);
  }

  /** {@link #stairPerEpoch}; serializable when {@code perEpoch} is. */
  private static final class Stair implements LrSchedule, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final transient LrSchedule perEpoch;
    private final long iterationsPerEpoch;

    Stair(LrSchedule perEpoch, long iterationsPerEpoch) {
      this.perEpoch = perEpoch;
      this.iterationsPerEpoch = iterationsPerEpoch;
    }

    @Override
    public double at(long step) {
      if (step < 0) {
        throw Steps.negative(step);
      }
      return perEpoch.at(step / iterationsPerEpoch);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Stair s
          && s.iterationsPerEpoch == iterationsPerEpoch
          && s.perEpoch.equals(perEpoch);
    }

    @Override
    public int hashCode() {
      return perEpoch.hashCode() * 31 + Long.hashCode(iterationsPerEpoch);
    }

    @Override
    public String toString() {
      return perEpoch + " per epoch of " + iterationsPerEpoch + " iterations";
    }

    /**
     * @throws java.io.NotSerializableException if {@code perEpoch} is not serializable
     */
    private Object writeReplace() throws java.io.ObjectStreamException {
      if (!(perEpoch instanceof java.io.Serializable)) {
        throw new java.io.NotSerializableException(
            "the schedule "
                + perEpoch
                + " ("
                + perEpoch.getClass().getName()
                + ") is not Serializable");
      }
      return new StairForm((java.io.Serializable) perEpoch, iterationsPerEpoch);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
      throw new java.io.InvalidObjectException("read through its serialization proxy only");
    }
  }

  /** The serialized form of a {@link Stair}: its per-epoch schedule and the epoch length. */
  private static final class StairForm implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final java.io.Serializable perEpoch;
    private final long iterationsPerEpoch;

    StairForm(java.io.Serializable perEpoch, long iterationsPerEpoch) {
      this.perEpoch = perEpoch;
      this.iterationsPerEpoch = iterationsPerEpoch;
    }

    private Object readResolve() throws java.io.ObjectStreamException {
      try {
        return stairPerEpoch((LrSchedule) perEpoch, iterationsPerEpoch);
      } catch (IllegalArgumentException | ClassCastException e) {
        java.io.InvalidObjectException bad =
            new java.io.InvalidObjectException("unreadable per-epoch schedule: " + e);
        bad.initCause(e);
        throw bad;
      }
    }
  }

  // ---- composition: parts are schedules built by anneal (parse, a builder, a composite) ----

  /**
   * {@link Sequence}: {@code parts[i]} on {@code [boundaries[i - 1], boundaries[i])}, at {@code
   * step - boundaries[i - 1]} (the step re-based at each boundary; {@code boundaries[-1] = 0}). At
   * least 2 parts; {@code boundaries} strictly increasing, {@code > 0}, one fewer than parts.
   *
   * <pre>{@code
   * LrSchedule lr = Schedules.sequence(new long[] {10},
   *     Schedules.linear(0.005, 0.05, 10).build(), Schedules.exponential(0.05, 0.95).build());
   * }</pre>
   *
   * @throws IllegalArgumentException naming the attribute and value of the first broken rule, or a
   *     part that is not a schedule built by anneal (a controller, a lambda, a generated class)
   */
  public static LrSchedule sequence(long[] boundaries, LrSchedule... parts) {
    return Composer.sequence(boundaries, parts);
  }

  /**
   * {@link Product}: {@code parts[0].at(step) * parts[1].at(step) * ...}, multiplied left to right.
   * At least 2 parts.
   *
   * @throws IllegalArgumentException as {@link #sequence}
   */
  public static LrSchedule product(LrSchedule... parts) {
    return Composer.product(parts);
  }

  /**
   * {@link Repeat}: {@code of} repeated {@code times} times ({@code 0} = forever), the last
   * repetition running on past its end; {@code of} must end. SGDR with a warm-up in every cycle:
   *
   * <pre>{@code
   * LrSchedule lr = Schedules.repeat(Schedules.cosine(0.1, 90).warmup(10).build(), 5);
   * }</pre>
   *
   * @throws IllegalArgumentException as {@link #sequence}
   */
  public static LrSchedule repeat(LrSchedule of, int times) {
    return Composer.repeat(of, times);
  }

  /**
   * {@link CycleMomentum} with {@code OneCycleLR}'s defaults, {@code base = 0.85, max = 0.95}.
   *
   * @throws IllegalArgumentException as {@link #cycleMomentum(LrSchedule, double, double)}
   */
  public static LrSchedule cycleMomentum(LrSchedule of) {
    return Composer.cycleMomentum(of);
  }

  /**
   * {@link CycleMomentum}: the momentum PyTorch cycles against the one-cycle or cyclic LR {@code
   * of}, between {@code base} (at the LR's peak) and {@code max}; {@code CyclicLR}'s defaults are
   * {@code 0.8, 0.9}.
   *
   * @throws IllegalArgumentException if {@code of} is not a plain {@link #oneCycle} or {@link
   *     #cyclic} schedule (no warm-up, cool-down or restarts), or a value breaks a rule
   */
  public static LrSchedule cycleMomentum(LrSchedule of, double base, double max) {
    return Composer.cycleMomentum(of, base, max);
  }

  /**
   * The schedule {@code name} of a set of named declarations, e.g. from a config file. Each value
   * is one schedule written exactly as its annotations on a schedule method: a plain declaration
   * ({@code "@Warmup(steps = 500) @Cosine(from = 0.1, steps = 19_500)"}) or one composite whose
   * names refer to other entries of the map, as annotations refer to schedule methods:
   *
   * <pre>{@code
   * Map<String, String> named = Map.of(
   *     "warm", "@Linear(from = 0.005, to = 0.05, steps = 10)",
   *     "decay", "@Exponential(from = 0.05, rate = 0.95)",
   *     "lr", "@Sequence(schedules = {\"warm\", \"decay\"}, boundaries = {10})");
   * LrSchedule lr = Schedules.parse(named, "lr");
   * }</pre>
   *
   * <p>Every entry is checked, not only those {@code name} needs: names are Java identifiers, a
   * referenced name must be an entry, no entry may refer to itself or take part in a cycle of
   * references.
   *
   * @throws IllegalArgumentException {@code "entry: message"} for the first broken rule
   */
  public static LrSchedule parse(Map<String, String> named, String name) {
    return Composer.parse(named, name, Schedules::schedule);
  }

  /**
   * Named declarations in one text: entries {@code name: declaration} separated by {@code ;} or
   * line breaks (so no {@code ;} inside a comment), blank entries skipped; the schedule is the last
   * entry and may refer to the ones before or after it, as in {@link #parse(Map, String)}. A text
   * without any {@code :} is one plain declaration, as {@link #parse(String)} reads it. This reads
   * back the {@code toString()} of every schedule anneal builds; a composite writes its parts named
   * {@code s0, s1, ...}, itself last:
   *
   * <pre>{@code
   * s0: @OneCycle(peak = 0.1, steps = 100); s1: @CycleMomentum(of = "s0")
   * }</pre>
   *
   * @throws IllegalArgumentException as {@link #parse(Map, String)}
   */
  public static LrSchedule parseNamed(String entries) {
    return Composer.parseNamed(entries, Schedules::schedule);
  }

  // ---- bodies: required attributes are parameters, optional ones are methods ----

  /** {@link Constant}: {@code value} at every step. */
  public static ConstantBuilder constant(double value) {
    return new ConstantBuilder().set("value", value);
  }

  /** {@link StepDecay}: {@code from * factor^floor(t / every)}. */
  public static BodyBuilder stepDecay(double from, double factor, long every) {
    return new BodyBuilder(Kind.STEP_DECAY)
        .set("from", from)
        .set("factor", factor)
        .set("every", every);
  }

  /** {@link MultiStep}: {@code from * factor^(milestones passed)}. */
  public static BodyBuilder multiStep(double from, double factor, long... milestones) {
    return new BodyBuilder(Kind.MULTI_STEP)
        .set("from", from)
        .set("factor", factor)
        .set("milestones", milestones.clone());
  }

  /** {@link Exponential}: {@code from * rate^(t / every)}, optionally clamped at {@code to}. */
  public static ExponentialBuilder exponential(double from, double rate) {
    return new ExponentialBuilder().set("from", from).set("rate", rate);
  }

  /** {@link Cosine}: from {@code from} to 0 (or {@link CosineBuilder#to}) over {@code steps}. */
  public static CosineBuilder cosine(double from, long steps) {
    return new CosineBuilder().set("from", from).set("steps", steps);
  }

  /** {@link Linear}: from {@code from} to {@code to} over {@code steps}. */
  public static BodyBuilder linear(double from, double to, long steps) {
    return new BodyBuilder(Kind.LINEAR).set("from", from).set("to", to).set("steps", steps);
  }

  /** {@link Polynomial}: Keras PolynomialDecay. */
  public static PolynomialBuilder polynomial(double from, long steps) {
    return new PolynomialBuilder().set("from", from).set("steps", steps);
  }

  /** {@link InverseTime}: {@code from / (1 + rate * t / every)^power}. */
  public static InverseTimeBuilder inverseTime(double from, double rate) {
    return new InverseTimeBuilder().set("from", from).set("rate", rate);
  }

  /** {@link InverseSqrt}: {@code from * sqrt(timescale / (timescale + t))}. */
  public static BodyBuilder inverseSqrt(double from, double timescale) {
    return new BodyBuilder(Kind.INVERSE_SQRT).set("from", from).set("timescale", timescale);
  }

  /** {@link Cyclic}: PyTorch CyclicLR between {@code low} and {@code high}. */
  public static CyclicBuilder cyclic(double low, double high, long up) {
    return new CyclicBuilder().set("low", low).set("high", high).set("up", up);
  }

  /** {@link OneCycle}: PyTorch OneCycleLR. */
  public static OneCycleBuilder oneCycle(double peak, long steps) {
    return new OneCycleBuilder().set("peak", peak).set("steps", steps);
  }

  /** {@link Piecewise}: values at knots. */
  public static PiecewiseBuilder piecewise(long[] steps, double[] values) {
    return new PiecewiseBuilder().set("steps", steps.clone()).set("values", values.clone());
  }

  /** {@link Tanh}: timm TanhLRScheduler from {@code from} to 0 (or {@link TanhBuilder#to}). */
  public static TanhBuilder tanh(double from, long steps) {
    return new TanhBuilder().set("from", from).set("steps", steps);
  }

  /** {@link Sigmoid}: DL4J SigmoidSchedule, {@code from / (1 + exp(-gamma * (t - center)))}. */
  public static BodyBuilder sigmoid(double from, double gamma, long center) {
    return new BodyBuilder(Kind.SIGMOID)
        .set("from", from)
        .set("gamma", gamma)
        .set("center", center);
  }

  /**
   * A schedule under construction: a body, then modifiers. Immutable, as the controllers' builders:
   * each method returns a new builder and leaves this one as it was, so a builder can be shared and
   * extended in several ways. Nothing is checked until {@link #build()}.
   */
  public abstract static class Builder<B extends Builder<B>> {
    private final Kind body;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private Part warmup;
    private Part cooldown;
    private Part restarts;

    Builder(Kind body) {
      this.body = body;
    }

    /** An empty builder of this class (the copy starts from it). */
    abstract B blank();

    /** A copy of this builder: every method returns one, so a builder never changes. */
    private B copy() {
      B b = blank();
      Builder<B> c = b;
      c.values.putAll(values);
      c.warmup = warmup;
      c.cooldown = cooldown;
      c.restarts = restarts;
      return b;
    }

    final B set(String attribute, Object value) {
      B b = copy();
      Builder<B> c = b;
      c.values.put(attribute, value);
      return b;
    }

    final Kind body() {
      return body;
    }

    /** {@link Warmup}: linear from 0 over {@code steps}. */
    public B warmup(long steps) {
      B b = copy();
      Builder<B> c = b;
      c.warmup = part(Kind.WARMUP, "steps", steps);
      return b;
    }

    /** {@link Warmup}: from {@code from} to the body's first value over {@code steps}, shaped. */
    public B warmup(long steps, double from, Ramp shape) {
      B b = copy();
      Builder<B> c = b;
      c.warmup = part(Kind.WARMUP, "steps", steps, "from", from, "shape", shape);
      return b;
    }

    /** {@link Cooldown}: linear to 0 over {@code steps} after the body ends. */
    public B cooldown(long steps) {
      B b = copy();
      Builder<B> c = b;
      c.cooldown = part(Kind.COOLDOWN, "steps", steps);
      return b;
    }

    /** {@link Cooldown}: from the body's end value to {@code to} over {@code steps}, shaped. */
    public B cooldown(long steps, double to, Ramp shape) {
      B b = copy();
      Builder<B> c = b;
      c.cooldown = part(Kind.COOLDOWN, "steps", steps, "to", to, "shape", shape);
      return b;
    }

    /** {@link Restarts} with fixed-length cycles, forever. */
    public B restarts() {
      B b = copy();
      Builder<B> c = b;
      c.restarts = part(Kind.RESTARTS);
      return b;
    }

    /**
     * {@link Restarts}: cycle i lasts {@code steps * growth^i}; the start value scales by {@code
     * decay^i}.
     */
    public B restarts(double growth, double decay, int limit) {
      B b = copy();
      Builder<B> c = b;
      c.restarts = part(Kind.RESTARTS, "growth", growth, "decay", decay, "limit", limit);
      return b;
    }

    /**
     * {@link Restarts}: cycle i lasts {@code steps * growth^i}; {@code decay^i} scales what {@code
     * scale} says: the start value ({@link RestartScale#START}) or the amplitude above the end
     * value ({@link RestartScale#AMPLITUDE}, Keras {@code CosineDecayRestarts}).
     */
    public B restarts(double growth, double decay, int limit, RestartScale scale) {
      B b = copy();
      Builder<B> c = b;
      c.restarts =
          part(Kind.RESTARTS, "growth", growth, "decay", decay, "limit", limit, "scale", scale);
      return b;
    }

    /**
     * The schedule.
     *
     * @throws IllegalArgumentException naming the attribute and value of the first broken rule
     */
    public LrSchedule build() {
      return new PlanSchedule(Plan.of(declaration()));
    }

    /**
     * The schedule for a declaration in epochs, queried per iteration: see {@link
     * Schedules#parseInEpochs}.
     */
    public LrSchedule buildInEpochs(long iterationsPerEpoch) {
      return new PlanSchedule(Plan.of(Rescale.steps(declaration(), iterationsPerEpoch)));
    }

    private Declaration declaration() {
      return new Declaration(Part.of(body, values), warmup, cooldown, restarts);
    }

    /** The declaration in annotation syntax. */
    @Override
    public String toString() {
      return declaration().toSource();
    }

    private static Part part(Kind kind, Object... nameValues) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < nameValues.length; i += 2) {
        m.put((String) nameValues[i], nameValues[i + 1]);
      }
      return Part.of(kind, m);
    }
  }

  /** A body with no optional attributes. */
  public static final class BodyBuilder extends Builder<BodyBuilder> {
    BodyBuilder(Kind kind) {
      super(kind);
    }

    @Override
    BodyBuilder blank() {
      return new BodyBuilder(body());
    }
  }

  /** {@link Constant}. */
  public static final class ConstantBuilder extends Builder<ConstantBuilder> {
    ConstantBuilder() {
      super(Kind.CONSTANT);
    }

    @Override
    ConstantBuilder blank() {
      return new ConstantBuilder();
    }

    /** Length, so a cool-down or restarts can follow. */
    public ConstantBuilder steps(long steps) {
      return set("steps", steps);
    }
  }

  /** {@link Exponential}. */
  public static final class ExponentialBuilder extends Builder<ExponentialBuilder> {
    ExponentialBuilder() {
      super(Kind.EXPONENTIAL);
    }

    @Override
    ExponentialBuilder blank() {
      return new ExponentialBuilder();
    }

    public ExponentialBuilder every(long every) {
      return set("every", every);
    }

    public ExponentialBuilder staircase(boolean staircase) {
      return set("staircase", staircase);
    }

    /** Clamp: the value holds {@code to} once the decay (or growth) reaches it. */
    public ExponentialBuilder to(double to) {
      return set("to", to);
    }
  }

  /** {@link InverseTime}. */
  public static final class InverseTimeBuilder extends Builder<InverseTimeBuilder> {
    InverseTimeBuilder() {
      super(Kind.INVERSE_TIME);
    }

    @Override
    InverseTimeBuilder blank() {
      return new InverseTimeBuilder();
    }

    public InverseTimeBuilder every(long every) {
      return set("every", every);
    }

    public InverseTimeBuilder staircase(boolean staircase) {
      return set("staircase", staircase);
    }

    /** Exponent of the denominator (DL4J InverseSchedule). */
    public InverseTimeBuilder power(double power) {
      return set("power", power);
    }
  }

  /** {@link Tanh}. */
  public static final class TanhBuilder extends Builder<TanhBuilder> {
    TanhBuilder() {
      super(Kind.TANH);
    }

    @Override
    TanhBuilder blank() {
      return new TanhBuilder();
    }

    public TanhBuilder to(double to) {
      return set("to", to);
    }

    public TanhBuilder lower(double lower) {
      return set("lower", lower);
    }

    public TanhBuilder upper(double upper) {
      return set("upper", upper);
    }
  }

  /** {@link Cosine}. */
  public static final class CosineBuilder extends Builder<CosineBuilder> {
    CosineBuilder() {
      super(Kind.COSINE);
    }

    @Override
    CosineBuilder blank() {
      return new CosineBuilder();
    }

    public CosineBuilder to(double to) {
      return set("to", to);
    }

    public CosineBuilder exponent(double exponent) {
      return set("exponent", exponent);
    }
  }

  /** {@link Polynomial}. */
  public static final class PolynomialBuilder extends Builder<PolynomialBuilder> {
    PolynomialBuilder() {
      super(Kind.POLYNOMIAL);
    }

    @Override
    PolynomialBuilder blank() {
      return new PolynomialBuilder();
    }

    public PolynomialBuilder to(double to) {
      return set("to", to);
    }

    public PolynomialBuilder power(double power) {
      return set("power", power);
    }

    public PolynomialBuilder cycle(boolean cycle) {
      return set("cycle", cycle);
    }
  }

  /** {@link Cyclic}. */
  public static final class CyclicBuilder extends Builder<CyclicBuilder> {
    CyclicBuilder() {
      super(Kind.CYCLIC);
    }

    @Override
    CyclicBuilder blank() {
      return new CyclicBuilder();
    }

    public CyclicBuilder down(long down) {
      return set("down", down);
    }

    public CyclicBuilder mode(CyclicMode mode) {
      return set("mode", mode);
    }

    public CyclicBuilder gamma(double gamma) {
      return set("gamma", gamma);
    }
  }

  /** {@link OneCycle}. */
  public static final class OneCycleBuilder extends Builder<OneCycleBuilder> {
    OneCycleBuilder() {
      super(Kind.ONE_CYCLE);
    }

    @Override
    OneCycleBuilder blank() {
      return new OneCycleBuilder();
    }

    public OneCycleBuilder pctStart(double pctStart) {
      return set("pctStart", pctStart);
    }

    public OneCycleBuilder divFactor(double divFactor) {
      return set("divFactor", divFactor);
    }

    public OneCycleBuilder finalDivFactor(double finalDivFactor) {
      return set("finalDivFactor", finalDivFactor);
    }

    public OneCycleBuilder anneal(Anneal anneal) {
      return set("anneal", anneal);
    }

    public OneCycleBuilder threePhase(boolean threePhase) {
      return set("threePhase", threePhase);
    }
  }

  /** {@link Piecewise}. */
  public static final class PiecewiseBuilder extends Builder<PiecewiseBuilder> {
    PiecewiseBuilder() {
      super(Kind.PIECEWISE);
    }

    @Override
    PiecewiseBuilder blank() {
      return new PiecewiseBuilder();
    }

    public PiecewiseBuilder interpolation(Interpolation interpolation) {
      return set("interpolation", interpolation);
    }
  }
}
