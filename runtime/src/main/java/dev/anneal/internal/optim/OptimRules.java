package dev.anneal.internal.optim;

import dev.anneal.internal.Kind;
import dev.anneal.internal.clip.Clipping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Internal, not API. The optimizers' attribute rules (DESIGN "Optimizers"), shared by the builder
 * and the parser: the first broken rule as a message naming {@code @Kind.attribute} and the value,
 * or {@code null}.
 */
public final class OptimRules {
  private OptimRules() {}

  /**
   * A broken rule: the attribute at fault ({@code null} for the annotation as a whole), the message
   * naming {@code @Kind.attribute} and the value, and whether it is an error or a warning.
   */
  public record Finding(String attribute, String message, boolean isError) {}

  /** The first error of {@code spec}, or {@code null} (warnings are the processor's to report). */
  public static String firstError(Spec spec) {
    for (Finding f : check(spec)) {
      if (f.isError()) {
        return f.message();
      }
    }
    return null;
  }

  /**
   * Every broken rule of {@code spec}'s constant attributes, in declaration order: the builder and
   * the parser throw the first error, the processor reports each on its attribute.
   */
  public static List<Finding> check(Spec spec) {
    String k = "@" + spec.family().annotation() + ".";
    List<Finding> out = new ArrayList<>();
    // a switch expression: a new family does not compile until its rules are here
    return switch (spec.family()) {
      case SGD -> sgd(out, k, (Spec.Sgd) spec);
      case ADAM, ADAMW -> adam(out, k, (Spec.Adam) spec);
      case RMSPROP -> rmsProp(out, k, (Spec.RmsProp) spec);
      case ADAGRAD -> adaGrad(out, k, (Spec.AdaGrad) spec);
    };
  }

  private static List<Finding> sgd(List<Finding> out, String k, Spec.Sgd s) {
    boolean ok = nonNegative(out, k, "momentum", s.momentum());
    ok &= nonNegative(out, k, "dampening", s.dampening());
    nonNegative(out, k, "weightDecay", s.weightDecay());
    // judged only on valid momentum and dampening: one error per mistake
    if (ok && s.nesterov() && !(s.momentum() > 0 && s.dampening() == 0)) {
      out.add(
          new Finding(
              "nesterov",
              k
                  + "nesterov needs momentum > 0 and dampening = 0, were momentum = "
                  + s.momentum()
                  + " and dampening = "
                  + s.dampening(),
              true));
    }
    return out;
  }

  private static List<Finding> adam(List<Finding> out, String k, Spec.Adam s) {
    unit(out, k, "beta1", s.beta1());
    unit(out, k, "beta2", s.beta2());
    positive(out, k, "eps", s.eps());
    boolean decay = nonNegative(out, k, "weightDecay", s.weightDecay());
    if (decay && !s.decoupled() && s.weightDecay() > 0) {
      out.add(
          new Finding(
              "weightDecay",
              k
                  + "weightDecay = "
                  + s.weightDecay()
                  + " is an L2 penalty added to the gradient, which Adam's moments then"
                  + " rescale; decoupled weight decay is @AdamW",
              false));
    }
    return out;
  }

  private static List<Finding> rmsProp(List<Finding> out, String k, Spec.RmsProp s) {
    unit(out, k, "alpha", s.alpha());
    positive(out, k, "eps", s.eps());
    nonNegative(out, k, "weightDecay", s.weightDecay());
    nonNegative(out, k, "momentum", s.momentum());
    return out;
  }

  private static List<Finding> adaGrad(List<Finding> out, String k, Spec.AdaGrad s) {
    nonNegative(out, k, "lrDecay", s.lrDecay());
    nonNegative(out, k, "weightDecay", s.weightDecay());
    nonNegative(out, k, "initialAccumulator", s.initialAccumulator());
    positive(out, k, "eps", s.eps());
    return out;
  }

  /**
   * {@code attr} (e.g. {@code @AdamW.lr}) names a schedule or clip that is not there: the closest
   * of {@code known} suggested.
   */
  public static String unknownName(String attr, String name, Collection<String> known) {
    String hint = OptimText.closest(name, known.toArray(new String[0]));
    return attr
        + " names \""
        + name
        + "\", which is not given"
        + (hint != null ? "; did you mean \"" + hint + "\"?" : "");
  }

  /** {@code attr} names {@code what} (e.g. a {@code GradientClip}) where it needs {@code type}. */
  public static String wrongKind(String attr, String name, String what, String type) {
    return attr + " names \"" + name + "\", " + article(what) + ", not " + article(type);
  }

  /** {@code "an Optimizer"}, {@code "an LrSchedule"}, {@code "a GradientClip"}. */
  private static String article(String type) {
    boolean vowelSound = "AEIOU".indexOf(type.charAt(0)) >= 0 || type.startsWith("Lr");
    return (vowelSound ? "an " : "a ") + type;
  }

  /**
   * Whether a clip declared by this annotation can run inside the update ({@link Clipping#fusable},
   * the one home of the rule).
   */
  public static boolean fusable(Kind clip) {
    return Clipping.of(clip).fusable();
  }

  /** {@code clip} names a clip that needs the weight matrices ({@code @AdaptiveClip}). */
  public static String clipNotFusable(Spec.Family family, String clip) {
    return "@"
        + family.annotation()
        + ".clip: "
        + clip
        + " needs the weight matrices; call its apply(params, grads, rows) before step";
  }

  /** A scheduled momentum or beta1 value at a step must be in the attribute's domain too. */
  public static String scheduled(Spec.Family family, double v, long step) {
    boolean adam = family == Spec.Family.ADAM || family == Spec.Family.ADAMW;
    String what = adam ? "beta1Schedule" : "momentumSchedule";
    boolean ok = adam ? v >= 0 && v < 1 : v >= 0 && Double.isFinite(v);
    return ok
        ? null
        : "@"
            + family.annotation()
            + "."
            + what
            + " gave "
            + v
            + " at step "
            + step
            + (adam ? ", outside [0, 1)" : ", not a finite value >= 0");
  }

  private static boolean nonNegative(List<Finding> out, String k, String name, double v) {
    return add(
        out, name, v >= 0 && Double.isFinite(v), k + name + " must be finite and >= 0, was " + v);
  }

  private static boolean positive(List<Finding> out, String k, String name, double v) {
    return add(
        out, name, v > 0 && Double.isFinite(v), k + name + " must be finite and > 0, was " + v);
  }

  private static boolean unit(List<Finding> out, String k, String name, double v) {
    return add(out, name, v >= 0 && v < 1, k + name + " must be >= 0 and < 1, was " + v);
  }

  private static boolean add(List<Finding> out, String name, boolean ok, String message) {
    if (!ok) {
      out.add(new Finding(name, message, true));
    }
    return ok;
  }
}
