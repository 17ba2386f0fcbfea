package dev.anneal.internal.kind;

import dev.anneal.internal.Attr;
import java.util.List;
import java.util.function.Function;

/**
 * Internal, not API. Every schedule annotation: the one catalogue that the processor, the parser
 * and the builder share. Each kind's attributes, rules and evaluator live in its home class in this
 * package (the controllers' and clips' attribute lists in {@link ControlAttributes}, their rules in
 * {@code internal.control} and {@code internal.clip}); this enum only names the annotation and
 * points there.
 */
public enum Kind implements AnnotationKind {
  CONSTANT("Constant", Constant.ATTRIBUTES, Constant::of),
  STEP_DECAY("StepDecay", StepDecay.ATTRIBUTES, StepDecay::of),
  MULTI_STEP("MultiStep", MultiStep.ATTRIBUTES, MultiStep::of),
  EXPONENTIAL("Exponential", Exponential.ATTRIBUTES, Exponential::of),
  COSINE("Cosine", Cosine.ATTRIBUTES, Cosine::of),
  LINEAR("Linear", Linear.ATTRIBUTES, Linear::of),
  POLYNOMIAL("Polynomial", Polynomial.ATTRIBUTES, Polynomial::of),
  INVERSE_TIME("InverseTime", InverseTime.ATTRIBUTES, InverseTime::of),
  INVERSE_SQRT("InverseSqrt", InverseSqrt.ATTRIBUTES, InverseSqrt::of),
  CYCLIC("Cyclic", Cyclic.ATTRIBUTES, Cyclic::of),
  ONE_CYCLE("OneCycle", OneCycle.ATTRIBUTES, OneCycle::of),
  PIECEWISE("Piecewise", Piecewise.ATTRIBUTES, Piecewise::of),
  TANH("Tanh", Tanh.ATTRIBUTES, Tanh::of),
  SIGMOID("Sigmoid", Sigmoid.ATTRIBUTES, Sigmoid::of),
  WARMUP("Warmup", Warmup.ATTRIBUTES, null, Role.MODIFIER),
  COOLDOWN("Cooldown", Cooldown.ATTRIBUTES, null, Role.MODIFIER),
  RESTARTS("Restarts", Restarts.ATTRIBUTES, null, Role.MODIFIER),
  REDUCE_ON_PLATEAU("ReduceOnPlateau", ControlAttributes.REDUCE_ON_PLATEAU, null, Role.CONTROLLER),
  EARLY_STOPPING("EarlyStopping", ControlAttributes.EARLY_STOPPING, null, Role.STOPPER),
  CLIP_NORM("ClipNorm", ControlAttributes.CLIP_NORM, null, Role.CLIP),
  CLIP_VALUE("ClipValue", ControlAttributes.CLIP_VALUE, null, Role.CLIP),
  ADAPTIVE_CLIP("AdaptiveClip", ControlAttributes.ADAPTIVE_CLIP, null, Role.CLIP);

  /** What an annotation declares. */
  public enum Role {
    /** Exactly one per schedule: the curve. */
    BODY,
    /** At most one of each per schedule: warm-up, cool-down, restarts. */
    MODIFIER,
    /** On a schedule whose method returns {@code PlateauSchedule}: the metric-driven scale. */
    CONTROLLER,
    /** Alone on a method returning {@code EarlyStopper}. */
    STOPPER,
    /** Alone on a method returning {@code GradientClip}. */
    CLIP
  }

  private final String simpleName;
  private final List<Attr> attrs;
  private final Function<Part, Body> reader;
  private final Role role;

  Kind(String simpleName, List<Attr> attrs, Function<Part, Body> reader) {
    this(simpleName, attrs, reader, Role.BODY);
  }

  Kind(String simpleName, List<Attr> attrs, Function<Part, Body> reader, Role role) {
    this.simpleName = simpleName;
    this.attrs = attrs;
    this.reader = reader;
    this.role = role;
  }

  /** What this annotation declares. */
  public Role role() {
    return role;
  }

  /** Whether this annotation is part of a schedule's curve (a body or a modifier). */
  public boolean isCurvePart() {
    return role == Role.BODY || role == Role.MODIFIER;
  }

  /** The typed body of a part of this (body) kind. */
  public Body body(Part part) {
    if (reader == null || part.kind() != this) {
      throw new IllegalArgumentException("not a @" + simpleName + " body: " + part);
    }
    return reader.apply(part);
  }

  @Override
  public String simpleName() {
    return simpleName;
  }

  /** Whether this is a body (exactly one per schedule) rather than a modifier. */
  public boolean isBody() {
    return role == Role.BODY;
  }

  @Override
  public List<Attr> attrs() {
    return attrs;
  }

  /**
   * The default of {@code attribute}, typed: what a builder starts from, so that the annotation's
   * default is written once (in the attribute list, which {@code KindTest} reads against the
   * annotation).
   *
   * @throws IllegalArgumentException if the attribute does not exist or is required
   */
  public <T> T defaultValue(String attribute, Class<T> type) {
    return Attr.defaultOf(attrs, attribute, type);
  }

  /** The kind whose annotation has this qualified name, or {@code null}. */
  public static Kind ofQualifiedName(String qualifiedName) {
    return AnnotationKind.ofQualifiedName(values(), qualifiedName);
  }

  /** The kind whose annotation has this simple name, or {@code null}. */
  public static Kind ofSimpleName(String simpleName) {
    return AnnotationKind.ofSimpleName(values(), simpleName);
  }
}
