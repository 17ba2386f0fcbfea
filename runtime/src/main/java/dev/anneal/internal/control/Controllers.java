package dev.anneal.internal.control;

import dev.anneal.Compat;
import dev.anneal.LrSchedule;
import dev.anneal.internal.Literals;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API. The validation and state fingerprints of the controllers: the runtime's
 * package-private factories ({@code PlateauSchedule}, {@code EarlyStopper}) call these, then
 * construct the controller with fresh state. Validates first and throws an {@link
 * IllegalArgumentException} with every problem's message. Knows nothing of the controller classes,
 * so the dependency runs one way: {@code dev.anneal} to here.
 */
public final class Controllers {
  private Controllers() {}

  /**
   * A validated plateau controller: its curve, rules, the constant value PYTORCH/KERAS reduce (NaN
   * under ANNEAL) and the fingerprint its saved state carries.
   */
  public record Plateau(LrSchedule curve, PlateauRules rules, double value, long fingerprint) {}

  /**
   * A plateau controller with {@link Compat#ANNEAL} rules over any curve.
   *
   * @throws IllegalArgumentException if the rules break a rule or ask for PYTORCH/KERAS (which need
   *     {@link #plateau(LrSchedule, PlateauRules, double)})
   */
  public static Plateau plateau(LrSchedule curve, PlateauRules rules) {
    List<Problem> problems = problems(rules);
    if (rules.compat() != null && rules.compat() != Compat.ANNEAL) {
      problems.add(
          Problem.error(
              Kind.REDUCE_ON_PLATEAU,
              "compat",
              "@ReduceOnPlateau.compat = "
                  + rules.compat()
                  + " needs the @Constant value it reduces"));
    }
    Text.throwIfAny(problems);
    return make(curve, rules, Double.NaN);
  }

  /**
   * A plateau controller over a constant curve of value {@code constantValue} (the processor
   * requires a {@code @Constant} body for PYTORCH and KERAS): their {@code min_lr} and {@code eps}
   * are in LR units. With ANNEAL rules the value is not used.
   *
   * @throws IllegalArgumentException if the rules break a rule or the value is not finite and
   *     {@code > 0}
   */
  public static Plateau plateau(LrSchedule curve, PlateauRules rules, double constantValue) {
    List<Problem> problems = problems(rules);
    if (rules.compat() != null
        && rules.compat() != Compat.ANNEAL
        && !(constantValue > 0 && constantValue < Double.POSITIVE_INFINITY)) {
      problems.add(
          Problem.error(
              Kind.CONSTANT,
              "value",
              "@Constant.value must be finite and > 0 under @ReduceOnPlateau(compat = Compat."
                  + rules.compat()
                  + "), was "
                  + Literals.number(constantValue)));
    }
    Text.throwIfAny(problems);
    return make(curve, rules, rules.compat() == Compat.ANNEAL ? Double.NaN : constantValue);
  }

  private static List<Problem> problems(PlateauRules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("@ReduceOnPlateau rules must not be null");
    }
    return new ArrayList<>(rules.problems());
  }

  private static Plateau make(LrSchedule curve, PlateauRules rules, double value) {
    if (curve == null) {
      throw new IllegalArgumentException("the curve of @ReduceOnPlateau must not be null");
    }
    long fingerprint =
        Text.fnv1a(rules.canonical() + "|" + Double.toHexString(value) + "|" + declaration(curve));
    return new Plateau(curve, rules, value, fingerprint);
  }

  /** The fingerprint of a validated early stopper's state. */
  public static long earlyStopper(StoppingRules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("@EarlyStopping rules must not be null");
    }
    Text.throwIfAny(rules.problems());
    return Text.fnv1a(rules.canonical());
  }

  /**
   * The curve's declaration: its {@code toString()} without the {@code "name: "} a generated
   * schedule puts first, so a state saved by a generated controller restores into the same
   * declaration built at run time, and the other way round. A composite's named entries ({@code
   * "s0: ...; s1: ..."}) stay whole: cutting at the first name would start mid-text.
   */
  public static String declaration(LrSchedule curve) {
    String s = String.valueOf(curve);
    int colon = s.indexOf(": @");
    boolean oneEntry = colon >= 0 && s.indexOf('@') == colon + 2 && s.indexOf("; ", colon) < 0;
    return oneEntry ? s.substring(colon + 2) : s;
  }
}
