package dev.anneal;

import dev.anneal.internal.Checks;
import dev.anneal.internal.control.Controllers;
import dev.anneal.internal.control.PlateauRules;
import dev.anneal.internal.control.StateText;

/**
 * A declared curve times a scale that {@link #observe(double)} lowers when a monitored metric stops
 * improving ({@link ReduceOnPlateau}): {@code at(step) = scale() * curve().at(step)}.
 *
 * <p>Rules: see {@link ReduceOnPlateau} and {@link Compat}. With {@link Compat#PYTORCH} and {@link
 * Compat#KERAS} the controller reduces the learning rate {@code lr} in LR units exactly as those
 * libraries do, starting from the constant curve's value {@code v}, and {@code scale() = lr / v}.
 * For Keras the learning rate is modelled as a float64 number (a Keras optimizer stores it in a
 * float32 variable, which rounds it after each reduction); its {@code old_lr > np.float32(min_lr)}
 * check is reproduced as written.
 *
 * <p>Threads: {@link #observe(double)}, {@link #restore(State)} and {@link #state()} are not
 * thread-safe; call them from one thread (the training loop). {@link #at(long)}, the {@code fill}
 * methods and {@link #scale()} may be called from any thread: the scale is a volatile field, so
 * they see the scale of the latest completed {@code observe}. {@code observe} allocates nothing.
 *
 * <p>Instances come from generated classes (each instance of a config owns fresh state) or from
 * {@link #of(LrSchedule)}.
 */
public final class PlateauSchedule implements LrSchedule, java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final String STATE_HEADER = "anneal.PlateauSchedule.State/1";

  /** A controller with fresh state (the factory behind {@link #of}, builders and parsing). */
  static PlateauSchedule fresh(Controllers.Plateau p) {
    return new PlateauSchedule(p.curve(), p.rules(), p.value(), p.fingerprint());
  }

  private final transient LrSchedule curve;
  private final transient PlateauRules rules;
  private final long fingerprint;
  private final Compat mode;
  private final boolean maximize;
  private final double value;
  private final double factor;
  private final double rel;
  private final double abs;

  /** PyTorch's {@code 1 - threshold} (min) or {@code threshold + 1} (max). */
  private final double relEpsilon;

  private final boolean torchRel;
  private final double minScale;
  private final double minLr;
  private final double minLr32;
  private final int patience;
  private final int cooldown;
  private final int startAfter;

  private volatile double scale = 1;

  /** The reduced quantity: the scale (ANNEAL) or the LR in the curve's units (PYTORCH, KERAS). */
  private double level;

  private double best;
  private long bad;
  private int cooldownLeft;
  private long observations;

  /**
   * The last groups a rescaled fill saw, with unit scales: lets the curve's kernels do the work.
   */
  private transient volatile UnitGroups unit;

  private record UnitGroups(ParamGroups groups, ParamGroups unit) {}

  private PlateauSchedule(LrSchedule curve, PlateauRules rules, double value, long fingerprint) {
    this.curve = curve;
    this.rules = rules;
    this.fingerprint = fingerprint;
    this.mode = rules.compat();
    this.maximize = rules.goal() == Goal.MAXIMIZE;
    this.value = value;
    this.factor = rules.factor();
    this.rel = rules.relThreshold();
    this.abs = rules.absThreshold();
    this.torchRel = rules.absThreshold() == 0;
    this.relEpsilon = maximize ? rel + 1. : 1. - rel;
    this.minScale = rules.minScale();
    this.minLr = mode == Compat.ANNEAL ? minScale : minScale * value;
    this.minLr32 = (float) minLr;
    this.patience = rules.patience();
    this.cooldown = rules.cooldown();
    this.startAfter = rules.startAfter();
    this.level = mode == Compat.ANNEAL ? 1 : value;
    this.best = initialBest();
  }

  private double initialBest() {
    return mode == Compat.ANNEAL
        ? Double.NaN
        : maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  /**
   * A plateau schedule written as its annotations, e.g. {@code "@Warmup(steps = 500) @Cosine(from =
   * 0.1, steps = 19_500) @ReduceOnPlateau(factor = 0.5, patience = 3)"}: what {@link
   * Schedules#parse} returns for a declaration with a {@code @ReduceOnPlateau}.
   *
   * @throws IllegalArgumentException if it does not parse, breaks a rule or has no
   *     {@code @ReduceOnPlateau}
   */
  public static PlateauSchedule parse(String declaration) {
    // as Schedules.parseNamed: also what toString() prints for a generated plateau, "lr: @..."
    LrSchedule s = Schedules.parseNamed(declaration);
    if (!(s instanceof PlateauSchedule)) {
      throw new IllegalArgumentException("no @ReduceOnPlateau in \"" + declaration + "\"");
    }
    return (PlateauSchedule) s;
  }

  /**
   * A builder over {@code curve} with the annotation's defaults; {@code build()} gives a fresh
   * controller each time. PYTORCH and KERAS need a curve declared as a single {@code @Constant}
   * (e.g. {@code Schedules.constant(0.1).build()}).
   *
   * @throws IllegalArgumentException if {@code curve} is null or itself a plateau schedule (one
   *     declaration has one {@code @ReduceOnPlateau}: pass its {@link #curve()} instead)
   */
  public static Builder of(LrSchedule curve) {
    if (curve == null) {
      throw new IllegalArgumentException("curve must not be null");
    }
    if (curve instanceof PlateauSchedule p) {
      throw new IllegalArgumentException(
          "curve is already a PlateauSchedule ("
              + p
              + "): a schedule has one @ReduceOnPlateau; pass its curve() to of(...) for other"
              + " rules");
    }
    return new Builder(curve, PlateauRules.DEFAULTS);
  }

  /**
   * Immutable builder: every method returns a new builder. Names and defaults as the annotation.
   */
  public static final class Builder {
    private final LrSchedule curve;
    private final PlateauRules rules;

    private Builder(LrSchedule curve, PlateauRules rules) {
      this.curve = curve;
      this.rules = rules;
    }

    public Builder goal(Goal goal) {
      return new Builder(curve, rules.withGoal(goal));
    }

    public Builder factor(double factor) {
      return new Builder(curve, rules.withFactor(factor));
    }

    public Builder patience(int patience) {
      return new Builder(curve, rules.withPatience(patience));
    }

    public Builder relThreshold(double relThreshold) {
      return new Builder(curve, rules.withRelThreshold(relThreshold));
    }

    public Builder absThreshold(double absThreshold) {
      return new Builder(curve, rules.withAbsThreshold(absThreshold));
    }

    public Builder cooldown(int cooldown) {
      return new Builder(curve, rules.withCooldown(cooldown));
    }

    public Builder minScale(double minScale) {
      return new Builder(curve, rules.withMinScale(minScale));
    }

    public Builder startAfter(int startAfter) {
      return new Builder(curve, rules.withStartAfter(startAfter));
    }

    public Builder compat(Compat compat) {
      return new Builder(curve, rules.withCompat(compat));
    }

    /**
     * A controller with fresh state.
     *
     * @throws IllegalArgumentException naming the attribute and value of every broken rule, or if
     *     PYTORCH/KERAS is asked for over a curve that is not a single {@code @Constant}
     */
    public PlateauSchedule build() {
      if (rules.compat() == null || rules.compat() == Compat.ANNEAL) {
        return fresh(Controllers.plateau(curve, rules));
      }
      String declaration = Controllers.declaration(curve);
      boolean single = declaration.startsWith("@Constant(") && declaration.indexOf('@', 1) < 0;
      String problem = rules.compatCurveProblem(single ? curve.at(0) : Double.NaN, declaration);
      if (problem != null) {
        throw new IllegalArgumentException("@ReduceOnPlateau.compat " + problem);
      }
      return fresh(Controllers.plateau(curve, rules, curve.at(0)));
    }

    @Override
    public String toString() {
      return curve + " " + rules.declaration();
    }
  }

  /**
   * Feeds one evaluation of the metric. Allocates nothing; not thread-safe.
   *
   * @return true when this observation lowered the scale
   */
  public boolean observe(double metric) {
    long index = observations;
    if (index != Long.MAX_VALUE) { // saturates: a count that wrapped would ignore every later call
      observations = index + 1;
    }
    if (index < startAfter) {
      return false;
    }
    return switch (mode) {
      case ANNEAL -> anneal(metric);
      case PYTORCH -> pytorch(metric);
      case KERAS -> keras(metric);
    };
  }

  private boolean anneal(double m) {
    boolean improved = false;
    if (m - m == 0) { // finite
      if (best != best) {
        improved = true;
      } else {
        double threshold = Math.max(abs, rel * Math.abs(best));
        improved = maximize ? m - best > threshold : best - m > threshold;
      }
    }
    if (improved) {
      best = m;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      return false;
    }
    if (improved) {
      bad = 0;
      return false;
    }
    if (++bad < patience) {
      return false;
    }
    bad = 0;
    cooldownLeft = cooldown;
    double next = Math.max(level * factor, minScale);
    if (next < level) {
      level = next;
      scale = next;
      return true;
    }
    return false;
  }

  /** torch/optim/lr_scheduler.py, ReduceLROnPlateau.step, is_better and _reduce_lr. */
  private boolean pytorch(double a) {
    boolean better;
    if (torchRel) {
      better = maximize ? a > best * relEpsilon : a < best * relEpsilon;
    } else {
      better = maximize ? a > best + abs : a < best - abs;
    }
    if (better) {
      best = a;
      bad = 0;
    } else {
      bad++;
    }
    if (cooldownLeft > 0) {
      cooldownLeft--;
      bad = 0;
    }
    if (bad > patience) {
      double oldLr = level;
      double newLr = Math.max(oldLr * factor, minLr);
      boolean reduced = oldLr - newLr > 1e-8;
      if (reduced) {
        level = newLr;
        scale = newLr / value;
      }
      cooldownLeft = cooldown;
      bad = 0;
      return reduced;
    }
    return false;
  }

  /** keras/src/callbacks/reduce_lr_on_plateau.py, ReduceLROnPlateau.on_epoch_end. */
  private boolean keras(double current) {
    if (cooldownLeft > 0) {
      cooldownLeft--;
      bad = 0;
    }
    if (maximize ? current > best + abs : current < best - abs) {
      best = current;
      bad = 0;
      return false;
    }
    if (cooldownLeft > 0) {
      return false;
    }
    bad++;
    if (bad >= patience) {
      double oldLr = level;
      if (oldLr > minLr32) {
        double newLr = Math.max(oldLr * factor, minLr);
        level = newLr;
        scale = newLr / value;
        cooldownLeft = cooldown;
        bad = 0;
        return newLr < oldLr;
      }
    }
    return false;
  }

  /** The current multiplier of the curve: 1 until the first reduction. */
  public double scale() {
    return scale;
  }

  /** The declared curve, without the scale. */
  public LrSchedule curve() {
    return curve;
  }

  /** {@code scale() * curve().at(step)}: one multiply more than the curve. */
  @Override
  public double at(long step) {
    return scale * curve.at(step);
  }

  /**
   * {@code out[g] = groups.scale(g) * (scale() * curve.at(local))}, bit for bit as {@code
   * groups.scale(g) * at(local)}: the curve fills unit-scale groups (its kernels do the work), then
   * one loop applies the scales. The unit-scale copy of {@code groups} is made on the first fill
   * with that {@code groups} object after a reduction and reused while the same object is passed.
   */
  @Override
  public void fill(long step, ParamGroups groups, double[] out) {
    double s = scale;
    if (s == 1) {
      curve.fill(step, groups, out);
      return;
    }
    Checks.fill(step, groups, out.length);
    curve.fill(step, unitOf(groups), out);
    for (int g = 0, n = groups.size(); g < n; g++) {
      out[g] = step < groups.delay(g) ? 0.0 : groups.scale(g) * (s * out[g]);
    }
  }

  /**
   * The curve's float fill, then {@code out[g] = (float) (out[g] * scale())}: two float roundings,
   * so within one float ulp of {@code (float) (groups.scale(g) * at(local))}.
   */
  @Override
  public void fill(long step, ParamGroups groups, float[] out) {
    double s = scale;
    curve.fill(step, groups, out);
    if (s != 1) {
      for (int g = 0, n = groups.size(); g < n; g++) {
        out[g] = (float) (out[g] * s);
      }
    }
  }

  /** The curve's fill, then {@code out[i] = scale() * out[i]}: equal to {@code at} bit for bit. */
  @Override
  public void fill(long[] steps, double[] out) {
    double s = scale;
    curve.fill(steps, out);
    if (s != 1) {
      for (int i = 0; i < steps.length; i++) {
        out[i] = s * out[i];
      }
    }
  }

  /**
   * The curve's float fill, then {@code out[i] = (float) (scale() * out[i])}: within one float ulp
   * of {@code (float) at(steps[i])}.
   */
  @Override
  public void fill(long[] steps, float[] out) {
    double s = scale;
    curve.fill(steps, out);
    if (s != 1) {
      for (int i = 0; i < steps.length; i++) {
        out[i] = (float) (s * out[i]);
      }
    }
  }

  private ParamGroups unitOf(ParamGroups groups) {
    UnitGroups u = unit;
    if (u != null && u.groups == groups) {
      return u.unit;
    }
    int n = groups.size();
    double[] ones = new double[n];
    long[] delays = new long[n];
    for (int g = 0; g < n; g++) {
      ones[g] = 1;
      delays[g] = groups.delay(g);
    }
    ParamGroups made = ParamGroups.of(ones, delays);
    unit = new UnitGroups(groups, made);
    return made;
  }

  /** The controller's state now (to checkpoint). */
  public State state() {
    return new State(fingerprint, observations, scale, level, best, bad, cooldownLeft);
  }

  /**
   * Continues from a checkpointed state: the following observations behave bit for bit as if the
   * run had never stopped.
   *
   * @throws IllegalArgumentException naming the field, if the state comes from another declaration
   *     or is inconsistent with this one; this controller is unchanged then
   */
  public void restore(State s) {
    if (s == null) {
      throw new IllegalArgumentException("state must not be null");
    }
    if (s.fingerprint != fingerprint) {
      throw new IllegalArgumentException(
          "state field fingerprint "
              + String.format("%016x", s.fingerprint)
              + " is another declaration's (this one's is "
              + String.format("%016x", fingerprint)
              + ": "
              + this
              + ")");
    }
    if (s.observations < 0) {
      throw field("observations", "must be >= 0", Long.toString(s.observations));
    }
    double minLevel = mode == Compat.ANNEAL ? minScale : minLr;
    double maxLevel = mode == Compat.ANNEAL ? 1 : value;
    if (!(s.level >= Math.min(minLevel, maxLevel) && s.level <= maxLevel)) {
      throw field(
          "level", "must be in [" + minLevel + ", " + maxLevel + "]", Double.toString(s.level));
    }
    if (!reachable(s.level)) {
      throw field(
          "level",
          "must be "
              + maxLevel
              + " times a power of factor "
              + factor
              + " (each reduction rounded) or the floor "
              + minLevel,
          Double.toString(s.level));
    }
    double expectedScale = mode == Compat.ANNEAL ? s.level : s.level == value ? 1 : s.level / value;
    if (Double.compare(s.scale, expectedScale) != 0) {
      throw field("scale", "must be " + expectedScale + " (from level)", Double.toString(s.scale));
    }
    boolean none = mode == Compat.ANNEAL ? s.best != s.best : s.best == initialBest();
    if (mode == Compat.ANNEAL ? !(none || Double.isFinite(s.best)) : s.best != s.best) {
      throw field(
          "best",
          mode == Compat.ANNEAL ? "must be finite or NaN (none)" : "must not be NaN",
          Double.toString(s.best));
    }
    long counted = Math.max(0, s.observations - startAfter);
    if (counted == 0 && !(none && s.level == maxLevel && s.bad == 0 && s.cooldownLeft == 0)) {
      throw new IllegalArgumentException(
          "state has "
              + s.observations
              + " observations, none counted (startAfter = "
              + startAfter
              + "), so it must be the initial state (no best, level "
              + maxLevel
              + ", bad 0, cooldownLeft 0), was "
              + s);
    }
    // The counter resets when it reaches patience (Keras: unless the level is at its floor, where
    // it keeps counting), and is 0 during cool-down.
    long maxBad =
        switch (mode) {
          case PYTORCH -> patience;
          case KERAS -> !(s.level > minLr32) ? counted : Math.max(0, patience - 1);
          case ANNEAL -> Math.max(0, patience - 1);
        };
    if (s.bad < 0 || s.bad > Math.min(maxBad, counted)) {
      throw field("bad", "must be in [0, " + Math.min(maxBad, counted) + "]", Long.toString(s.bad));
    }
    if (s.cooldownLeft < 0 || s.cooldownLeft > cooldown) {
      throw field(
          "cooldownLeft", "must be in [0, " + cooldown + "]", Integer.toString(s.cooldownLeft));
    }
    if (s.cooldownLeft > 0 && s.bad != 0) {
      throw field(
          "bad", "must be 0 during cool-down (cooldownLeft = " + s.cooldownLeft + ")", "" + s.bad);
    }
    observations = s.observations;
    level = s.level;
    best = s.best;
    bad = s.bad;
    cooldownLeft = s.cooldownLeft;
    scale = s.scale;
  }

  /** Reductions an exact replay checks one by one; past that, the level is checked by logs. */
  private static final int REPLAY_LIMIT = 1 << 20;

  /**
   * Whether {@code observe} can produce {@code level}: the initial level, the floor, or the initial
   * level after k reductions, each rounded as {@code observe} rounds it.
   */
  private boolean reachable(double level) {
    double top = mode == Compat.ANNEAL ? 1 : value;
    double floor = mode == Compat.ANNEAL ? minScale : minLr;
    if (level == top || level == floor) {
      return true;
    }
    double k = Math.log(level / top) / Math.log(factor);
    if (!(k < REPLAY_LIMIT)) {
      // Too many reductions to replay: accept a level within the rounding of k products.
      double off = Math.abs(k - Math.rint(k));
      return off <= k * 0x1p-52 / -Math.log(factor) + 1e-9;
    }
    double l = top;
    for (int i = 0; i <= k + 2 && l > level; i++) {
      l = Math.max(l * factor, floor);
    }
    return l == level;
  }

  private static IllegalArgumentException field(String name, String rule, String was) {
    return new IllegalArgumentException("state field " + name + " " + rule + ", was " + was);
  }

  /**
   * Serialized as its curve (itself written as its declaration), the {@code @ReduceOnPlateau}
   * declaration and its state text: the controller read back continues exactly as this one would.
   *
   * @throws java.io.NotSerializableException if the curve is not serializable (a lambda)
   */
  private Object writeReplace() throws java.io.ObjectStreamException {
    if (!(curve instanceof java.io.Serializable)) {
      throw new java.io.NotSerializableException(
          "the curve " + curve + " (" + curve.getClass().getName() + ") is not Serializable");
    }
    return new SerialForm(
        (java.io.Serializable) curve, rules.declaration(), value, state().toString());
  }

  /**
   * The serialized form of a plateau: its curve (written as itself, i.e. through its own
   * declaration), the {@code @ReduceOnPlateau} text, the constant value PYTORCH/KERAS reduce (NaN
   * for ANNEAL) and the state text; reading builds a fresh controller and restores the state.
   */
  private static final class SerialForm implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final java.io.Serializable curve;
    private final String rules;
    private final double value;
    private final String state;

    SerialForm(java.io.Serializable curve, String rules, double value, String state) {
      this.curve = curve;
      this.rules = rules;
      this.value = value;
      this.state = state;
    }

    private Object readResolve() throws java.io.ObjectStreamException {
      try {
        LrSchedule c = (LrSchedule) curve;
        PlateauRules r =
            PlateauRules.of(
                dev.anneal.internal.AnnotationParser.alone(
                    rules, dev.anneal.internal.kind.Kind.Role.CONTROLLER));
        PlateauSchedule p =
            fresh(value == value ? Controllers.plateau(c, r, value) : Controllers.plateau(c, r));
        p.restore(State.parse(state));
        return p;
      } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
        java.io.InvalidObjectException bad =
            new java.io.InvalidObjectException(
                "unreadable PlateauSchedule \"" + curve + " " + rules + "\": " + e);
        bad.initCause(e);
        throw bad;
      }
    }
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("read through its serialization proxy only");
  }

  /** The declaration in annotation syntax: the curve's, then {@code @ReduceOnPlateau(...)}. */
  @Override
  public String toString() {
    return curve + " " + rules.declaration();
  }

  /**
   * A plateau controller's state, primitives only.
   *
   * @param fingerprint 64-bit hash of the declaration (all rule attributes, the constant value for
   *     PYTORCH/KERAS and the curve's {@code toString()}); {@code restore} rejects another's
   * @param observations {@code observe} calls so far (ignored ones included)
   * @param scale the multiplier of the curve
   * @param level the reduced quantity: equal to {@code scale} (ANNEAL) or the LR (PYTORCH, KERAS)
   * @param best the best metric so far: NaN when none (ANNEAL); PyTorch's and Keras's {@code best}
   *     (initially infinite) otherwise
   * @param bad consecutive non-improving observations (PyTorch {@code num_bad_epochs}, Keras {@code
   *     wait})
   * @param cooldownLeft observations of cool-down still to come
   */
  public record State(
      long fingerprint,
      long observations,
      double scale,
      double level,
      double best,
      long bad,
      int cooldownLeft) {

    /**
     * One line: {@code anneal.PlateauSchedule.State/1 fingerprint=<16 hex digits>
     * observations=<long> scale=<hex float> level=<hex float> best=<hex float> bad=<long>
     * cooldownLeft=<int>}; doubles as {@link Double#toHexString} (exact), so {@link #parse(String)}
     * gives back an equal state.
     */
    @Override
    public String toString() {
      return STATE_HEADER
          + StateText.fingerprintField("fingerprint", fingerprint)
          + StateText.field("observations", observations)
          + StateText.field("scale", scale)
          + StateText.field("level", level)
          + StateText.field("best", best)
          + StateText.field("bad", bad)
          + StateText.field("cooldownLeft", cooldownLeft);
    }

    /**
     * Reads the form {@link #toString()} writes, exactly.
     *
     * @throws IllegalArgumentException naming the field that is missing or garbled
     */
    public static State parse(String text) {
      StateText t = StateText.read("PlateauSchedule.State", STATE_HEADER, 7, text);
      return new State(
          t.fingerprint("fingerprint"),
          t.longValue("observations"),
          t.doubleValue("scale"),
          t.doubleValue("level"),
          t.doubleValue("best"),
          t.longValue("bad"),
          t.intValue("cooldownLeft"));
    }
  }
}
