package dev.anneal;

import dev.anneal.internal.optim.OptimRules;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.util.Map;

/**
 * An optimizer declared by {@link SGD}, {@link Adam}, {@link AdamW}, {@link RMSProp} or {@link
 * AdaGrad}: the update that consumes the learning rate. Immutable and shareable; {@link #bind}
 * returns the stateful {@link BoundOptimizer} over the model's own arrays, which owns the moments
 * and the step count.
 *
 * <pre>{@code
 * Optimizer opt = Optimizer.adamW(lr).weightDecay(0.01).clip(clip).build();
 * BoundOptimizer adam = opt.bind(groups, groupOf, w1, b1, w2, b2);  // state allocated here
 * adam.step(gw1, gb1, gw2, gb2);      // clip, then one fused pass per array: 0 B
 * }</pre>
 *
 * <p>The optimizer's k-th update (k = 0, 1, ...) uses {@code lr.at(k)} (PyTorch's order: the k-th
 * {@code optimizer.step()} runs at the scheduler's epoch k), times the group's scale; a group with
 * a delay starts its own count at its delay and is not touched before. {@code float[]} updates
 * equal PyTorch 1.13's float32 {@code torch.optim} ({@code foreach=False}, CPU) bit for bit on the
 * golden cases; {@code double[]} updates its float64 runs to 1e-12 relative.
 */
public final class Optimizer implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final transient Spec spec;
  private final transient LrSchedule lr;
  private final transient LrSchedule momentumSchedule;
  private final transient GradientClip clip;
  private final String lrName;
  private final String momentumName;
  private final String clipName;

  private Optimizer(Common c, Spec spec) {
    this.spec = spec;
    this.lr = c.lr;
    this.momentumSchedule = c.momentum;
    this.clip = c.clip;
    this.lrName = c.lrName;
    this.momentumName = c.momentumName;
    this.clipName = c.clipName;
  }

  // ------------------------------------------------------------------------------- factories

  /** {@code @SGD(lr = ...)}: a builder with the annotation's defaults. */
  public static SgdBuilder sgd(LrSchedule lr) {
    return new SgdBuilder(Common.of(lr), (Spec.Sgd) OptimText.defaults(Spec.Family.SGD));
  }

  /** {@code @Adam(lr = ...)}: a builder with the annotation's defaults. */
  public static AdamBuilder adam(LrSchedule lr) {
    return new AdamBuilder(Common.of(lr), (Spec.Adam) OptimText.defaults(Spec.Family.ADAM));
  }

  /** {@code @AdamW(lr = ...)}: a builder with the annotation's defaults (weight decay 0.01). */
  public static AdamBuilder adamW(LrSchedule lr) {
    return new AdamBuilder(Common.of(lr), (Spec.Adam) OptimText.defaults(Spec.Family.ADAMW));
  }

  /** {@code @RMSProp(lr = ...)}: a builder with the annotation's defaults. */
  public static RmsPropBuilder rmsProp(LrSchedule lr) {
    return new RmsPropBuilder(
        Common.of(lr), (Spec.RmsProp) OptimText.defaults(Spec.Family.RMSPROP));
  }

  /** {@code @AdaGrad(lr = ...)}: a builder with the annotation's defaults. */
  public static AdaGradBuilder adaGrad(LrSchedule lr) {
    return new AdaGradBuilder(
        Common.of(lr), (Spec.AdaGrad) OptimText.defaults(Spec.Family.ADAGRAD));
  }

  /**
   * An optimizer written as its annotation, e.g. {@code "@AdamW(lr = \"lr\", weightDecay = 0.05,
   * clip = \"clip\")"}, with the names it uses resolved in {@code named}: {@code lr} and the
   * momentum / beta1 schedule to {@link LrSchedule}s (a {@link PlateauSchedule} too), {@code clip}
   * to a {@link GradientClip}. Same validation and values as the builder.
   *
   * @throws IllegalArgumentException if it does not parse, names a missing or mistyped entry
   *     (suggesting the closest name) or breaks a rule, naming the attribute
   */
  public static Optimizer parse(String declaration, Map<String, ?> named) {
    OptimText.Parsed p = OptimText.parse(declaration, named);
    Common c =
        new Common(p.lr(), p.momentum(), p.clip(), p.lrName(), p.momentumName(), p.clipName());
    return build(c, p.spec());
  }

  private static Optimizer build(Common c, Spec spec) {
    String error = OptimRules.firstError(spec);
    if (error == null && c.clip != null && !c.clip.fusable()) {
      error = OptimRules.clipNotFusable(spec.family(), c.clip.toString());
    }
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
    return new Optimizer(c, spec);
  }

  // ------------------------------------------------------------------------------------ bind

  /** Binds to {@code params}, one group (scale 1, no delay, weight-decay multiplier 1). */
  public BoundOptimizer bind(float[]... params) {
    return BoundOptimizer.bind(this, null, null, params, null);
  }

  /** {@link #bind(float[][])} for {@code double[]} parameters. */
  public BoundOptimizer bind(double[]... params) {
    return BoundOptimizer.bind(this, null, null, null, params);
  }

  /**
   * Binds to {@code params}, array {@code i} in group {@code groupOf[i]} of {@code groups} (its
   * scale multiplies the rate, its delay holds the array untouched, its weight-decay multiplier
   * scales {@code weightDecay}).
   *
   * @throws IllegalArgumentException if an argument is null, {@code groupOf} and {@code params}
   *     differ in length or a group index is out of range
   */
  public BoundOptimizer bind(ParamGroups groups, int[] groupOf, float[]... params) {
    return BoundOptimizer.bind(this, groups, groupOf, params, null);
  }

  /** {@link #bind(ParamGroups, int[], float[][])} for {@code double[]} parameters. */
  public BoundOptimizer bind(ParamGroups groups, int[] groupOf, double[]... params) {
    return BoundOptimizer.bind(this, groups, groupOf, null, params);
  }

  // ------------------------------------------------------------------------------- accessors

  Spec spec() {
    return spec;
  }

  LrSchedule lr() {
    return lr;
  }

  /** The momentum / beta1 schedule, or {@code null}. */
  LrSchedule momentumSchedule() {
    return momentumSchedule;
  }

  /** The clip, or {@code null}. */
  GradientClip clip() {
    return clip;
  }

  /**
   * The declaration, with the attributes that differ from the defaults, e.g. {@code @AdamW(lr =
   * "lr", weightDecay = 0.05, clip = "clip")}. Schedules and clips given to the builder are named
   * {@code "lr"}, {@code "momentumSchedule"} / {@code "beta1Schedule"} and {@code "clip"}.
   */
  @Override
  public String toString() {
    return OptimText.format(
        spec,
        lrName,
        momentumSchedule == null ? null : momentumName,
        clip == null ? null : clipName);
  }

  // --------------------------------------------------------------------------- serialization

  /**
   * Written as its declaration text and the schedules and clip it names (each written as itself,
   * i.e. through its own declaration); read back with {@link #parse}, so the stream holds no
   * internal class.
   */
  private Object writeReplace() throws java.io.ObjectStreamException {
    java.util.LinkedHashMap<String, java.io.Serializable> named = new java.util.LinkedHashMap<>();
    named.put(lrName, serializable(lr));
    if (momentumSchedule != null) {
      named.put(momentumName, serializable(momentumSchedule));
    }
    if (clip != null) {
      named.put(clipName, clip);
    }
    return new SerialForm(toString(), named);
  }

  private static java.io.Serializable serializable(LrSchedule s)
      throws java.io.NotSerializableException {
    if (s instanceof java.io.Serializable ok) {
      return ok;
    }
    throw new java.io.NotSerializableException(
        "the schedule " + s + " (" + s.getClass().getName() + ") is not Serializable");
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("read through its serialization form only");
  }

  /** An optimizer's serialized form: its declaration and what its names refer to. */
  private static final class SerialForm implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String declaration;
    private final java.util.LinkedHashMap<String, java.io.Serializable> named;

    SerialForm(String declaration, java.util.LinkedHashMap<String, java.io.Serializable> named) {
      this.declaration = declaration;
      this.named = named;
    }

    private Object readResolve() throws java.io.ObjectStreamException {
      try {
        return parse(declaration, named);
      } catch (IllegalArgumentException | NullPointerException e) {
        java.io.InvalidObjectException bad =
            new java.io.InvalidObjectException(
                "unreadable Optimizer \"" + declaration + "\": " + e);
        bad.initCause(e);
        throw bad;
      }
    }
  }

  // -------------------------------------------------------------------------------- builders

  /** What every builder holds besides its attributes. */
  private static final class Common {
    final LrSchedule lr;
    final LrSchedule momentum;
    final GradientClip clip;
    final String lrName;
    final String momentumName;
    final String clipName;

    Common(
        LrSchedule lr,
        LrSchedule momentum,
        GradientClip clip,
        String lrName,
        String momentumName,
        String clipName) {
      this.lr = lr;
      this.momentum = momentum;
      this.clip = clip;
      this.lrName = lrName;
      this.momentumName = momentumName;
      this.clipName = clipName;
    }

    static Common of(LrSchedule lr) {
      if (lr == null) {
        throw new IllegalArgumentException("lr must not be null");
      }
      return new Common(lr, null, null, "lr", null, "clip");
    }

    Common momentum(LrSchedule s, String name) {
      if (s == null) {
        throw new IllegalArgumentException(name + " must not be null");
      }
      return new Common(lr, s, clip, lrName, name, clipName);
    }

    Common clip(GradientClip c) {
      if (c == null) {
        throw new IllegalArgumentException("clip must not be null");
      }
      return new Common(lr, momentum, c, lrName, momentumName, clipName);
    }
  }

  /**
   * An immutable {@code @SGD} builder: every method returns a new builder; {@link #build}
   * validates.
   */
  public static final class SgdBuilder {
    private final Common c;
    private final Spec.Sgd s;

    private SgdBuilder(Common c, Spec.Sgd s) {
      this.c = c;
      this.s = s;
    }

    /** Momentum factor (default 0: no buffer). */
    public SgdBuilder momentum(double momentum) {
      return new SgdBuilder(
          c, new Spec.Sgd(momentum, s.dampening(), s.nesterov(), s.weightDecay(), s.maximize()));
    }

    /** Dampening of the momentum (default 0). */
    public SgdBuilder dampening(double dampening) {
      return new SgdBuilder(
          c, new Spec.Sgd(s.momentum(), dampening, s.nesterov(), s.weightDecay(), s.maximize()));
    }

    /** Nesterov momentum (default false). */
    public SgdBuilder nesterov(boolean nesterov) {
      return new SgdBuilder(
          c, new Spec.Sgd(s.momentum(), s.dampening(), nesterov, s.weightDecay(), s.maximize()));
    }

    /** L2 penalty added to the gradient (default 0). */
    public SgdBuilder weightDecay(double weightDecay) {
      return new SgdBuilder(
          c, new Spec.Sgd(s.momentum(), s.dampening(), s.nesterov(), weightDecay, s.maximize()));
    }

    /** Ascend instead of descend (default false). */
    public SgdBuilder maximize(boolean maximize) {
      return new SgdBuilder(
          c, new Spec.Sgd(s.momentum(), s.dampening(), s.nesterov(), s.weightDecay(), maximize));
    }

    /** A schedule whose value replaces {@code momentum} at each step ({@link CycleMomentum}). */
    public SgdBuilder momentumSchedule(LrSchedule schedule) {
      return new SgdBuilder(c.momentum(schedule, "momentumSchedule"), s);
    }

    /** A clip computed before the update and applied inside it. */
    public SgdBuilder clip(GradientClip clip) {
      return new SgdBuilder(c.clip(clip), s);
    }

    /**
     * The optimizer.
     *
     * @throws IllegalArgumentException naming the first attribute out of its domain
     */
    public Optimizer build() {
      return Optimizer.build(c, s);
    }
  }

  /**
   * An immutable {@code @Adam} / {@code @AdamW} builder: every method returns a new builder; {@link
   * #build} validates.
   */
  public static final class AdamBuilder {
    private final Common c;
    private final Spec.Adam s;

    private AdamBuilder(Common c, Spec.Adam s) {
      this.c = c;
      this.s = s;
    }

    private AdamBuilder with(
        double beta1,
        double beta2,
        double eps,
        double weightDecay,
        boolean amsgrad,
        boolean maximize,
        boolean keras) {
      return new AdamBuilder(
          c,
          new Spec.Adam(s.decoupled(), beta1, beta2, eps, weightDecay, amsgrad, maximize, keras));
    }

    /** Decay of the first moment (default 0.9). */
    public AdamBuilder beta1(double beta1) {
      return with(beta1, s.beta2(), s.eps(), s.weightDecay(), s.amsgrad(), s.maximize(), s.keras());
    }

    /** Decay of the second moment (default 0.999). */
    public AdamBuilder beta2(double beta2) {
      return with(s.beta1(), beta2, s.eps(), s.weightDecay(), s.amsgrad(), s.maximize(), s.keras());
    }

    /** Added to the denominator (default 1e-8). */
    public AdamBuilder eps(double eps) {
      return with(s.beta1(), s.beta2(), eps, s.weightDecay(), s.amsgrad(), s.maximize(), s.keras());
    }

    /** {@code @Adam}: L2 added to the gradient (default 0); {@code @AdamW}: decoupled (0.01). */
    public AdamBuilder weightDecay(double weightDecay) {
      return with(s.beta1(), s.beta2(), s.eps(), weightDecay, s.amsgrad(), s.maximize(), s.keras());
    }

    /** AMSGrad (default false). */
    public AdamBuilder amsgrad(boolean amsgrad) {
      return with(s.beta1(), s.beta2(), s.eps(), s.weightDecay(), amsgrad, s.maximize(), s.keras());
    }

    /** Ascend instead of descend (default false). */
    public AdamBuilder maximize(boolean maximize) {
      return with(s.beta1(), s.beta2(), s.eps(), s.weightDecay(), s.amsgrad(), maximize, s.keras());
    }

    /** Whose formula (default {@link AdamCompat#PYTORCH}). */
    public AdamBuilder compat(AdamCompat compat) {
      if (compat == null) {
        throw new IllegalArgumentException("compat must not be null");
      }
      return with(
          s.beta1(),
          s.beta2(),
          s.eps(),
          s.weightDecay(),
          s.amsgrad(),
          s.maximize(),
          compat == AdamCompat.KERAS);
    }

    /** A schedule whose value replaces {@code beta1} at each step ({@link CycleMomentum}). */
    public AdamBuilder beta1Schedule(LrSchedule schedule) {
      return new AdamBuilder(c.momentum(schedule, "beta1Schedule"), s);
    }

    /** A clip computed before the update and applied inside it. */
    public AdamBuilder clip(GradientClip clip) {
      return new AdamBuilder(c.clip(clip), s);
    }

    /**
     * The optimizer.
     *
     * @throws IllegalArgumentException naming the first attribute out of its domain
     */
    public Optimizer build() {
      return Optimizer.build(c, s);
    }
  }

  /**
   * An immutable {@code @RMSProp} builder: every method returns a new builder; {@link #build}
   * validates.
   */
  public static final class RmsPropBuilder {
    private final Common c;
    private final Spec.RmsProp s;

    private RmsPropBuilder(Common c, Spec.RmsProp s) {
      this.c = c;
      this.s = s;
    }

    /** Smoothing constant (default 0.99). */
    public RmsPropBuilder alpha(double alpha) {
      return new RmsPropBuilder(
          c,
          new Spec.RmsProp(
              alpha, s.eps(), s.weightDecay(), s.momentum(), s.centered(), s.maximize()));
    }

    /** Added to the denominator (default 1e-8). */
    public RmsPropBuilder eps(double eps) {
      return new RmsPropBuilder(
          c,
          new Spec.RmsProp(
              s.alpha(), eps, s.weightDecay(), s.momentum(), s.centered(), s.maximize()));
    }

    /** L2 penalty added to the gradient (default 0). */
    public RmsPropBuilder weightDecay(double weightDecay) {
      return new RmsPropBuilder(
          c,
          new Spec.RmsProp(
              s.alpha(), s.eps(), weightDecay, s.momentum(), s.centered(), s.maximize()));
    }

    /** Momentum factor (default 0: no buffer). */
    public RmsPropBuilder momentum(double momentum) {
      return new RmsPropBuilder(
          c,
          new Spec.RmsProp(
              s.alpha(), s.eps(), s.weightDecay(), momentum, s.centered(), s.maximize()));
    }

    /** Centered (default false). */
    public RmsPropBuilder centered(boolean centered) {
      return new RmsPropBuilder(
          c,
          new Spec.RmsProp(
              s.alpha(), s.eps(), s.weightDecay(), s.momentum(), centered, s.maximize()));
    }

    /** Ascend instead of descend (default false). */
    public RmsPropBuilder maximize(boolean maximize) {
      return new RmsPropBuilder(
          c,
          new Spec.RmsProp(
              s.alpha(), s.eps(), s.weightDecay(), s.momentum(), s.centered(), maximize));
    }

    /** A schedule whose value replaces {@code momentum} at each step. */
    public RmsPropBuilder momentumSchedule(LrSchedule schedule) {
      return new RmsPropBuilder(c.momentum(schedule, "momentumSchedule"), s);
    }

    /** A clip computed before the update and applied inside it. */
    public RmsPropBuilder clip(GradientClip clip) {
      return new RmsPropBuilder(c.clip(clip), s);
    }

    /**
     * The optimizer.
     *
     * @throws IllegalArgumentException naming the first attribute out of its domain
     */
    public Optimizer build() {
      return Optimizer.build(c, s);
    }
  }

  /**
   * An immutable {@code @AdaGrad} builder: every method returns a new builder; {@link #build}
   * validates.
   */
  public static final class AdaGradBuilder {
    private final Common c;
    private final Spec.AdaGrad s;

    private AdaGradBuilder(Common c, Spec.AdaGrad s) {
      this.c = c;
      this.s = s;
    }

    /** Inverse-time decay of the rate with the step count (default 0). */
    public AdaGradBuilder lrDecay(double lrDecay) {
      return new AdaGradBuilder(
          c,
          new Spec.AdaGrad(
              lrDecay, s.weightDecay(), s.initialAccumulator(), s.eps(), s.maximize()));
    }

    /** L2 penalty added to the gradient (default 0). */
    public AdaGradBuilder weightDecay(double weightDecay) {
      return new AdaGradBuilder(
          c,
          new Spec.AdaGrad(
              s.lrDecay(), weightDecay, s.initialAccumulator(), s.eps(), s.maximize()));
    }

    /** Starting value of the squared-gradient sum (default 0). */
    public AdaGradBuilder initialAccumulator(double initialAccumulator) {
      return new AdaGradBuilder(
          c,
          new Spec.AdaGrad(
              s.lrDecay(), s.weightDecay(), initialAccumulator, s.eps(), s.maximize()));
    }

    /** Added to the denominator (default 1e-10). */
    public AdaGradBuilder eps(double eps) {
      return new AdaGradBuilder(
          c,
          new Spec.AdaGrad(
              s.lrDecay(), s.weightDecay(), s.initialAccumulator(), eps, s.maximize()));
    }

    /** Ascend instead of descend (default false). */
    public AdaGradBuilder maximize(boolean maximize) {
      return new AdaGradBuilder(
          c,
          new Spec.AdaGrad(
              s.lrDecay(), s.weightDecay(), s.initialAccumulator(), s.eps(), maximize));
    }

    /** A clip computed before the update and applied inside it. */
    public AdaGradBuilder clip(GradientClip clip) {
      return new AdaGradBuilder(c.clip(clip), s);
    }

    /**
     * The optimizer.
     *
     * @throws IllegalArgumentException naming the first attribute out of its domain
     */
    public Optimizer build() {
      return Optimizer.build(c, s);
    }
  }
}
