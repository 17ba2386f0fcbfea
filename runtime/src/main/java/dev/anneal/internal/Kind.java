package dev.anneal.internal;

import static dev.anneal.internal.Attr.Type.BOOLEAN;
import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.DOUBLE_ARRAY;
import static dev.anneal.internal.Attr.Type.INT;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Attr.Type.LONG_ARRAY;
import static dev.anneal.internal.Attr.enumerated;
import static dev.anneal.internal.Attr.optional;
import static dev.anneal.internal.Attr.required;

import dev.anneal.Anneal;
import dev.anneal.CyclicMode;
import dev.anneal.Interpolation;
import dev.anneal.Ramp;
import java.util.List;

/**
 * Internal, not API. Every schedule annotation with its attributes: the one catalogue that the
 * processor, the builder and the validation rules share.
 */
public enum Kind {
  CONSTANT("Constant", true, required("value", DOUBLE), optional("steps", LONG, 0L)),
  STEP_DECAY("StepDecay", true, required("from", DOUBLE), required("factor", DOUBLE), required("every", LONG)),
  MULTI_STEP(
      "MultiStep", true, required("from", DOUBLE), required("milestones", LONG_ARRAY), required("factor", DOUBLE)),
  EXPONENTIAL(
      "Exponential",
      true,
      required("from", DOUBLE),
      required("rate", DOUBLE),
      optional("every", LONG, 1L),
      optional("staircase", BOOLEAN, false)),
  COSINE(
      "Cosine",
      true,
      required("from", DOUBLE),
      optional("to", DOUBLE, 0.0),
      required("steps", LONG),
      optional("exponent", DOUBLE, 1.0)),
  LINEAR("Linear", true, required("from", DOUBLE), required("to", DOUBLE), required("steps", LONG)),
  POLYNOMIAL(
      "Polynomial",
      true,
      required("from", DOUBLE),
      optional("to", DOUBLE, 0.0),
      required("steps", LONG),
      optional("power", DOUBLE, 1.0),
      optional("cycle", BOOLEAN, false)),
  INVERSE_TIME(
      "InverseTime",
      true,
      required("from", DOUBLE),
      required("rate", DOUBLE),
      optional("every", LONG, 1L),
      optional("staircase", BOOLEAN, false)),
  INVERSE_SQRT("InverseSqrt", true, required("from", DOUBLE), required("timescale", DOUBLE)),
  CYCLIC(
      "Cyclic",
      true,
      required("low", DOUBLE),
      required("high", DOUBLE),
      required("up", LONG),
      optional("down", LONG, 0L),
      enumerated("mode", CyclicMode.class, CyclicMode.TRIANGULAR),
      optional("gamma", DOUBLE, 1.0)),
  ONE_CYCLE(
      "OneCycle",
      true,
      required("peak", DOUBLE),
      required("steps", LONG),
      optional("pctStart", DOUBLE, 0.3),
      optional("divFactor", DOUBLE, 25.0),
      optional("finalDivFactor", DOUBLE, 1e4),
      enumerated("anneal", Anneal.class, Anneal.COSINE),
      optional("threePhase", BOOLEAN, false)),
  PIECEWISE(
      "Piecewise",
      true,
      required("steps", LONG_ARRAY),
      required("values", DOUBLE_ARRAY),
      enumerated("interpolation", Interpolation.class, Interpolation.STEP)),
  WARMUP(
      "Warmup",
      false,
      required("steps", LONG),
      optional("from", DOUBLE, 0.0),
      enumerated("shape", Ramp.class, Ramp.LINEAR)),
  COOLDOWN(
      "Cooldown",
      false,
      required("steps", LONG),
      optional("to", DOUBLE, 0.0),
      enumerated("shape", Ramp.class, Ramp.LINEAR)),
  RESTARTS(
      "Restarts",
      false,
      optional("growth", DOUBLE, 1.0),
      optional("decay", DOUBLE, 1.0),
      optional("limit", INT, 0));

  private final String simpleName;
  private final boolean body;
  private final List<Attr> attrs;

  Kind(String simpleName, boolean body, Attr... attrs) {
    this.simpleName = simpleName;
    this.body = body;
    this.attrs = List.of(attrs);
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
    return body;
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
