package dev.anneal.internal.optim;

import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.clip.Clipping;
import dev.anneal.internal.kind.Checker;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Internal, not API. The optimizers' attribute rules (DESIGN "Optimizers"), shared by the builder,
 * the parser and the processor: each broken rule a {@link Problem} on its attribute, worded by the
 * {@link Checker} as every family's are ({@code @AdamW.beta1 must be ...}).
 */
public final class OptimRules {
  private OptimRules() {}

  /** The first error of {@code spec}, or {@code null} (warnings are the processor's to report). */
  public static String firstError(Spec spec) {
    for (Problem p : check(spec)) {
      if (p.isError()) {
        return p.message();
      }
    }
    return null;
  }

  /**
   * Every broken rule of {@code spec}'s constant attributes, in declaration order, each on its
   * attribute: the builder and the parser throw the first error, the processor reports each.
   */
  public static List<Problem> check(Spec spec) {
    List<Problem> out = new ArrayList<>();
    Checker check = new Checker(spec.family(), out);
    // a switch expression: a new family does not compile until its rules are here
    return switch (spec.family()) {
      case SGD -> sgd(check, (Spec.Sgd) spec, out);
      case ADAM, ADAMW -> adam(check, (Spec.Adam) spec, out);
      case RMSPROP -> rmsProp(check, (Spec.RmsProp) spec, out);
      case ADAGRAD -> adaGrad(check, (Spec.AdaGrad) spec, out);
    };
  }

  private static List<Problem> sgd(Checker check, Spec.Sgd s, List<Problem> out) {
    boolean ok = nonNegative(check, "momentum", s.momentum());
    ok &= nonNegative(check, "dampening", s.dampening());
    nonNegative(check, "weightDecay", s.weightDecay());
    // judged only on valid momentum and dampening: one error per mistake
    if (ok && s.nesterov() && !(s.momentum() > 0 && s.dampening() == 0)) {
      check.error(
          "nesterov",
          "needs momentum > 0 and dampening = 0, were momentum = "
              + s.momentum()
              + " and dampening = "
              + s.dampening());
    }
    return out;
  }

  private static List<Problem> adam(Checker check, Spec.Adam s, List<Problem> out) {
    unit(check, "beta1", s.beta1());
    unit(check, "beta2", s.beta2());
    positive(check, "eps", s.eps());
    boolean decay = nonNegative(check, "weightDecay", s.weightDecay());
    if (decay && !s.decoupled() && s.weightDecay() > 0) {
      check.warning(
          "weightDecay",
          "= "
              + s.weightDecay()
              + " is an L2 penalty added to the gradient, which Adam's moments then"
              + " rescale; decoupled weight decay is @AdamW");
    }
    return out;
  }

  private static List<Problem> rmsProp(Checker check, Spec.RmsProp s, List<Problem> out) {
    unit(check, "alpha", s.alpha());
    positive(check, "eps", s.eps());
    nonNegative(check, "weightDecay", s.weightDecay());
    nonNegative(check, "momentum", s.momentum());
    return out;
  }

  private static List<Problem> adaGrad(Checker check, Spec.AdaGrad s, List<Problem> out) {
    nonNegative(check, "lrDecay", s.lrDecay());
    nonNegative(check, "weightDecay", s.weightDecay());
    nonNegative(check, "initialAccumulator", s.initialAccumulator());
    positive(check, "eps", s.eps());
    return out;
  }

  /**
   * {@code attr} (e.g. {@code @AdamW.lr}) names a schedule or clip that is not there: the closest
   * of {@code known} suggested.
   */
  public static String unknownName(String attr, String name, Collection<String> known) {
    String hint = AnnotationParser.closest(name, known.toArray(new String[0]));
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
        + family.simpleName()
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
            + family.simpleName()
            + "."
            + what
            + " gave "
            + v
            + " at step "
            + step
            + (adam ? ", outside [0, 1)" : ", not a finite value >= 0");
  }

  private static boolean nonNegative(Checker check, String name, double v) {
    return rule(check, name, v >= 0 && Double.isFinite(v), "must be finite and >= 0, was " + v);
  }

  private static boolean positive(Checker check, String name, double v) {
    return rule(check, name, v > 0 && Double.isFinite(v), "must be finite and > 0, was " + v);
  }

  private static boolean unit(Checker check, String name, double v) {
    return rule(check, name, v >= 0 && v < 1, "must be >= 0 and < 1, was " + v);
  }

  private static boolean rule(Checker check, String name, boolean ok, String rule) {
    if (!ok) {
      check.error(name, rule);
    }
    return ok;
  }
}
