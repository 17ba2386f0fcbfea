package dev.anneal.internal;

import dev.anneal.internal.kind.Body;
import dev.anneal.internal.kind.Constant;
import dev.anneal.internal.kind.Cooldown;
import dev.anneal.internal.kind.Cosine;
import dev.anneal.internal.kind.Cyclic;
import dev.anneal.internal.kind.Exponential;
import dev.anneal.internal.kind.InverseSqrt;
import dev.anneal.internal.kind.InverseTime;
import dev.anneal.internal.kind.Linear;
import dev.anneal.internal.kind.MultiStep;
import dev.anneal.internal.kind.OneCycle;
import dev.anneal.internal.kind.Piecewise;
import dev.anneal.internal.kind.Polynomial;
import dev.anneal.internal.kind.Restarts;
import dev.anneal.internal.kind.Sigmoid;
import dev.anneal.internal.kind.StepDecay;
import dev.anneal.internal.kind.Tanh;
import dev.anneal.internal.kind.Warmup;
import java.util.List;
import java.util.function.Function;

/**
 * Internal, not API. Every schedule annotation: the one catalogue that the processor, the parser and
 * the builder share. Each kind's attributes, rules and evaluator live in its home class in {@code
 * dev.anneal.internal.kind}; this enum only names the annotation and points there.
 */
public enum Kind {
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
  WARMUP("Warmup", Warmup.ATTRIBUTES, null),
  COOLDOWN("Cooldown", Cooldown.ATTRIBUTES, null),
  RESTARTS("Restarts", Restarts.ATTRIBUTES, null);

  private final String simpleName;
  private final List<Attr> attrs;
  private final Function<Part, Body> reader;

  Kind(String simpleName, List<Attr> attrs, Function<Part, Body> reader) {
    this.simpleName = simpleName;
    this.attrs = attrs;
    this.reader = reader;
  }

  /** The typed body of a part of this (body) kind. */
  public Body body(Part part) {
    if (reader == null || part.kind() != this) {
      throw new IllegalArgumentException("not a @" + simpleName + " body: " + part);
    }
    return reader.apply(part);
  }

  /** Simple name of the annotation, e.g. {@code "Cosine"}. */
  public String simpleName() {
    return simpleName;
  }

  /** Fully qualified name of the annotation. */
  public String qualifiedName() {
    return "dev.anneal." + simpleName;
  }

  /** Whether this is a body (exactly one per schedule) rather than a modifier. */
  public boolean isBody() {
    return reader != null;
  }

  /** Attributes in declaration order. */
  public List<Attr> attrs() {
    return attrs;
  }

  /** The attribute called {@code name}, or {@code null}. */
  public Attr attr(String name) {
    for (Attr a : attrs) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** The kind whose annotation has this qualified name, or {@code null}. */
  public static Kind ofQualifiedName(String qualifiedName) {
    for (Kind k : values()) {
      if (k.qualifiedName().equals(qualifiedName)) {
        return k;
      }
    }
    return null;
  }

  /** The kind whose annotation has this simple name, or {@code null}. */
  public static Kind ofSimpleName(String simpleName) {
    for (Kind k : values()) {
      if (k.simpleName.equals(simpleName)) {
        return k;
      }
    }
    return null;
  }
}
