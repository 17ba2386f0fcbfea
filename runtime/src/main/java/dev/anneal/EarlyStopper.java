package dev.anneal;

import dev.anneal.internal.control.Controllers;
import dev.anneal.internal.control.StateText;
import dev.anneal.internal.control.StoppingRules;

/**
 * Says when to stop training because a monitored metric has stopped improving ({@link
 * EarlyStopping}): Keras 3's {@code EarlyStopping} counting, with {@link NonFinite} handling.
 *
 * <pre>{@code
 * EarlyStopper stop = EarlyStopper.builder(10).minDelta(1e-4).build();
 * for (int epoch = 0; ; epoch++) {
 *   double loss = validate();
 *   if (stop.improved()) saveCheckpoint();   // after observe: this one is the new best
 *   if (stop.observe(loss)) break;
 * }
 * }</pre>
 *
 * <p>{@link #observe(double)} returns true on every call where Keras's callback would set {@code
 * stop_training} (and on a non-finite metric with {@link NonFinite#STOP}); {@link #stopped()} stays
 * true from the first such call on. Not thread-safe: one thread (the training loop) calls every
 * method. {@code observe} allocates nothing.
 */
public final class EarlyStopper implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private static final String STATE_HEADER = "anneal.EarlyStopper.State/1";

  private final transient StoppingRules rules;
  private final long fingerprint;
  private final boolean maximize;
  private final double minDelta;
  private final double baseline;
  private final boolean hasBaseline;
  private final int patience;
  private final int startAfter;
  private final NonFinite nonFinite;
  private final double worst;

  private long observations;
  private double best;
  private long bestIndex = -1;
  private long bad;
  private boolean improved;
  private boolean stopped;

  /** A stopper with fresh state (the factory behind builders and parsing). */
  static EarlyStopper fresh(StoppingRules rules) {
    return new EarlyStopper(rules, Controllers.earlyStopper(rules));
  }

  private EarlyStopper(StoppingRules rules, long fingerprint) {
    this.rules = rules;
    this.fingerprint = fingerprint;
    this.maximize = rules.goal() == Goal.MAXIMIZE;
    this.minDelta = rules.minDelta();
    this.baseline = rules.baseline();
    this.hasBaseline = baseline == baseline;
    this.patience = rules.patience();
    this.startAfter = rules.startAfter();
    this.nonFinite = rules.nonFinite();
    this.worst = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    this.best = worst;
  }

  /**
   * An early stopper written as its annotation, e.g. {@code "@EarlyStopping(patience = 10, minDelta
   * = 1e-4)"}.
   *
   * @throws IllegalArgumentException if it does not parse or breaks a rule, naming the attribute
   */
  public static EarlyStopper parse(String declaration) {
    dev.anneal.internal.kind.Part part =
        dev.anneal.internal.AnnotationParser.alone(
            declaration, dev.anneal.internal.kind.Kind.Role.STOPPER);
    String error = dev.anneal.internal.Rules.firstError(dev.anneal.internal.Rules.checkAlone(part));
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    return fresh(dev.anneal.internal.control.StoppingRules.of(part));
  }

  /** A builder with the annotation's defaults and this {@code patience} ({@code >= 0}). */
  public static Builder builder(int patience) {
    return new Builder(StoppingRules.of(patience));
  }

  /**
   * Immutable builder: every method returns a new builder. Names and defaults as the annotation.
   */
  public static final class Builder {
    private final StoppingRules rules;

    private Builder(StoppingRules rules) {
      this.rules = rules;
    }

    public Builder goal(Goal goal) {
      return new Builder(rules.withGoal(goal));
    }

    public Builder minDelta(double minDelta) {
      return new Builder(rules.withMinDelta(minDelta));
    }

    public Builder baseline(double baseline) {
      return new Builder(rules.withBaseline(baseline));
    }

    public Builder startAfter(int startAfter) {
      return new Builder(rules.withStartAfter(startAfter));
    }

    public Builder nonFinite(NonFinite nonFinite) {
      return new Builder(rules.withNonFinite(nonFinite));
    }

    /**
     * A stopper with fresh state.
     *
     * @throws IllegalArgumentException naming the attribute and value of every broken rule
     */
    public EarlyStopper build() {
      return fresh(rules);
    }

    @Override
    public String toString() {
      return rules.declaration();
    }
  }

  /** Keras's {@code _is_improvement}: {@code monitor_op(value - min_delta, reference)}. */
  private boolean beats(double v, double reference) {
    return maximize ? v - minDelta > reference : v + minDelta < reference;
  }

  /**
   * Feeds one evaluation of the metric (keras/src/callbacks/early_stopping.py, {@code
   * on_epoch_end}). Allocates nothing.
   *
   * @return true when training should stop
   */
  public boolean observe(double metric) {
    long index = observations;
    if (index != Long.MAX_VALUE) { // saturates: a count that wrapped would ignore every later call
      observations = index + 1;
    }
    improved = false;
    if (index < startAfter) {
      return false;
    }
    boolean finite = metric - metric == 0;
    if (!finite) {
      if (nonFinite == NonFinite.STOP) {
        stopped = true;
        return true;
      }
      if (nonFinite == NonFinite.IGNORE) {
        return false;
      }
    }
    bad++;
    if (finite && beats(metric, best)) {
      best = metric;
      bestIndex = index;
      improved = true;
      if (!hasBaseline || beats(metric, baseline)) {
        bad = 0;
      }
      return false;
    }
    if (bad >= patience && index > 0) {
      stopped = true;
      return true;
    }
    return false;
  }

  /** Whether the last observation became the new best (save a checkpoint now). */
  public boolean improved() {
    return improved;
  }

  /** The best metric so far, NaN before any. */
  public double best() {
    return bestIndex < 0 ? Double.NaN : best;
  }

  /** The 0-based index, among all {@code observe} calls, of the best observation; -1 before any. */
  public long bestIndex() {
    return bestIndex;
  }

  /** Whether any {@code observe} call so far returned true. */
  public boolean stopped() {
    return stopped;
  }

  /** The stopper's state now (to checkpoint). */
  public State state() {
    return new State(fingerprint, observations, best, bestIndex, bad, improved, stopped);
  }

  /**
   * Continues from a checkpointed state, bit for bit.
   *
   * @throws IllegalArgumentException naming the field, if the state comes from another declaration
   *     or is inconsistent; this stopper is unchanged then
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
    if (s.bestIndex != -1 && (s.bestIndex < startAfter || s.bestIndex >= s.observations)) {
      throw field(
          "bestIndex",
          "must be -1 (none) or in [startAfter = "
              + startAfter
              + ", observations = "
              + s.observations
              + ")",
          Long.toString(s.bestIndex));
    }
    if (s.bestIndex < 0 ? Double.compare(s.best, worst) != 0 : !Double.isFinite(s.best)) {
      throw field(
          "best",
          s.bestIndex < 0 ? "must be " + worst + " before any best" : "must be finite",
          Double.toString(s.best));
    }
    // bad counts the observations after startAfter that did not reset it; without a baseline the
    // best one resets it, so only those after the best can count.
    long counted = Math.max(0, s.observations - startAfter);
    long maxBad = !hasBaseline && s.bestIndex >= 0 ? s.observations - 1 - s.bestIndex : counted;
    if (s.bad < 0 || s.bad > maxBad) {
      throw field("bad", "must be in [0, " + maxBad + "]", Long.toString(s.bad));
    }
    if (s.stopped && counted == 0) {
      throw field("stopped", "must be false before any counted observation", "true");
    }
    if (s.improved && s.bestIndex != s.observations - 1) {
      throw field("improved", "must be false unless the last observation is the best", "true");
    }
    observations = s.observations;
    best = s.best;
    bestIndex = s.bestIndex;
    bad = s.bad;
    improved = s.improved;
    stopped = s.stopped;
  }

  private static IllegalArgumentException field(String name, String rule, String was) {
    return new IllegalArgumentException("state field " + name + " " + rule + ", was " + was);
  }

  /**
   * Serialized as its declaration and its state text: reading parses both, so the stopper read back
   * continues exactly as this one would.
   */
  private Object writeReplace() {
    return new SerialForm(toString(), state().toString());
  }

  /** The serialized form of a stopper: its declaration and its state text. */
  private static final class SerialForm implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String declaration;
    private final String state;

    SerialForm(String declaration, String state) {
      this.declaration = declaration;
      this.state = state;
    }

    /** A fresh stopper of the declaration with the state restored. */
    private Object readResolve() throws java.io.ObjectStreamException {
      try {
        EarlyStopper s = parse(declaration);
        s.restore(State.parse(state));
        return s;
      } catch (IllegalArgumentException | NullPointerException e) {
        java.io.InvalidObjectException bad =
            new java.io.InvalidObjectException(
                "unreadable EarlyStopper \"" + declaration + "\": " + e);
        bad.initCause(e);
        throw bad;
      }
    }
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("read through its serialization proxy only");
  }

  /** The declaration in annotation syntax, e.g. {@code @EarlyStopping(patience = 10)}. */
  @Override
  public String toString() {
    return rules.declaration();
  }

  /**
   * An early stopper's state, primitives only.
   *
   * @param fingerprint 64-bit hash of the declaration's attributes; {@code restore} rejects
   *     another's
   * @param observations {@code observe} calls so far (ignored ones included)
   * @param best the best metric, or the goal's worst infinity before any
   * @param bestIndex index of the best observation, -1 before any
   * @param bad Keras's {@code wait} counter
   * @param improved whether the last observation became the best
   * @param stopped whether any observation said stop
   */
  public record State(
      long fingerprint,
      long observations,
      double best,
      long bestIndex,
      long bad,
      boolean improved,
      boolean stopped) {

    /**
     * One line: {@code anneal.EarlyStopper.State/1 fingerprint=<16 hex digits> observations=<long>
     * best=<hex float> bestIndex=<long> bad=<long> improved=<boolean> stopped=<boolean>}; doubles
     * as {@link Double#toHexString} (exact), so {@link #parse(String)} gives back an equal state.
     */
    @Override
    public String toString() {
      return STATE_HEADER
          + StateText.fingerprintField("fingerprint", fingerprint)
          + StateText.field("observations", observations)
          + StateText.field("best", best)
          + StateText.field("bestIndex", bestIndex)
          + StateText.field("bad", bad)
          + StateText.field("improved", improved)
          + StateText.field("stopped", stopped);
    }

    /**
     * Reads the form {@link #toString()} writes, exactly.
     *
     * @throws IllegalArgumentException naming the field that is missing or garbled
     */
    public static State parse(String text) {
      StateText t = StateText.read("EarlyStopper.State", STATE_HEADER, 7, text);
      return new State(
          t.fingerprint("fingerprint"),
          t.longValue("observations"),
          t.doubleValue("best"),
          t.longValue("bestIndex"),
          t.longValue("bad"),
          t.booleanValue("improved"),
          t.booleanValue("stopped"));
    }
  }
}
