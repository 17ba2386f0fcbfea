package dev.anneal.internal.control;

import dev.anneal.Compat;
import dev.anneal.Goal;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Literals;
import dev.anneal.internal.kind.ControlAttributes;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API. Every attribute of a {@code @ReduceOnPlateau}, defaults as the annotation's.
 * {@link #problems()} lists what breaks the rules, one {@link Problem} per attribute at fault; the
 * processor reports them, {@link Controllers} throws them.
 */
public record PlateauRules(
    Goal goal,
    double factor,
    int patience,
    double relThreshold,
    double absThreshold,
    int cooldown,
    double minScale,
    int startAfter,
    Compat compat) {

  static final String NAME = "ReduceOnPlateau";

  /**
   * The annotation's attributes (declared in {@link ControlAttributes}, which {@code Kind} reads).
   */
  public static final List<Attr> ATTRIBUTES = ControlAttributes.REDUCE_ON_PLATEAU;

  /** The rules of a {@code @ReduceOnPlateau} as read (explicit values and defaults). */
  public static PlateauRules of(Part p) {
    return new PlateauRules(
        p.e("goal", Goal.class),
        p.d("factor"),
        p.i("patience"),
        p.d("relThreshold"),
        p.d("absThreshold"),
        p.i("cooldown"),
        p.d("minScale"),
        p.i("startAfter"),
        p.e("compat", Compat.class));
  }

  /** The annotation's defaults, from {@link #ATTRIBUTES}. */
  public static final PlateauRules DEFAULTS =
      new PlateauRules(
          Attr.defaultOf(ATTRIBUTES, "goal", Goal.class),
          Attr.defaultOf(ATTRIBUTES, "factor", Double.class),
          Attr.defaultOf(ATTRIBUTES, "patience", Integer.class),
          Attr.defaultOf(ATTRIBUTES, "relThreshold", Double.class),
          Attr.defaultOf(ATTRIBUTES, "absThreshold", Double.class),
          Attr.defaultOf(ATTRIBUTES, "cooldown", Integer.class),
          Attr.defaultOf(ATTRIBUTES, "minScale", Double.class),
          Attr.defaultOf(ATTRIBUTES, "startAfter", Integer.class),
          Attr.defaultOf(ATTRIBUTES, "compat", Compat.class));

  public PlateauRules withGoal(Goal v) {
    return new PlateauRules(
        v, factor, patience, relThreshold, absThreshold, cooldown, minScale, startAfter, compat);
  }

  public PlateauRules withFactor(double v) {
    return new PlateauRules(
        goal, v, patience, relThreshold, absThreshold, cooldown, minScale, startAfter, compat);
  }

  public PlateauRules withPatience(int v) {
    return new PlateauRules(
        goal, factor, v, relThreshold, absThreshold, cooldown, minScale, startAfter, compat);
  }

  public PlateauRules withRelThreshold(double v) {
    return new PlateauRules(
        goal, factor, patience, v, absThreshold, cooldown, minScale, startAfter, compat);
  }

  public PlateauRules withAbsThreshold(double v) {
    return new PlateauRules(
        goal, factor, patience, relThreshold, v, cooldown, minScale, startAfter, compat);
  }

  public PlateauRules withCooldown(int v) {
    return new PlateauRules(
        goal, factor, patience, relThreshold, absThreshold, v, minScale, startAfter, compat);
  }

  public PlateauRules withMinScale(double v) {
    return new PlateauRules(
        goal, factor, patience, relThreshold, absThreshold, cooldown, v, startAfter, compat);
  }

  public PlateauRules withStartAfter(int v) {
    return new PlateauRules(
        goal, factor, patience, relThreshold, absThreshold, cooldown, minScale, v, compat);
  }

  public PlateauRules withCompat(Compat v) {
    return new PlateauRules(
        goal, factor, patience, relThreshold, absThreshold, cooldown, minScale, startAfter, v);
  }

  private static void add(List<Problem> out, String attribute, String rule, String was) {
    out.add(
        Problem.error(
            Kind.REDUCE_ON_PLATEAU,
            attribute,
            "@" + NAME + "." + attribute + " " + rule + ", was " + was));
  }

  /** What breaks the rules, in attribute order; empty when valid. */
  public List<Problem> problems() {
    List<Problem> out = new ArrayList<>();
    if (goal == null) {
      add(out, "goal", "must not be null", "null");
    }
    if (!(factor > 0 && factor < 1)) {
      add(out, "factor", "must be in (0, 1)", Literals.number(factor));
    }
    int minPatience = compat == Compat.ANNEAL ? 1 : 0;
    if (patience < minPatience) {
      add(
          out,
          "patience",
          "must be >= " + minPatience + (compat == Compat.ANNEAL ? "" : " with compat = " + compat),
          Integer.toString(patience));
    }
    if (!(relThreshold >= 0 && relThreshold < 1)) {
      add(out, "relThreshold", "must be in [0, 1)", Literals.number(relThreshold));
    }
    if (!(absThreshold >= 0 && absThreshold < Double.POSITIVE_INFINITY)) {
      add(out, "absThreshold", "must be finite and >= 0", Literals.number(absThreshold));
    }
    if (cooldown < 0) {
      add(out, "cooldown", "must be >= 0", Integer.toString(cooldown));
    }
    if (!(minScale >= 0 && minScale < 1)) {
      add(out, "minScale", "must be in [0, 1)", Literals.number(minScale));
    }
    if (startAfter < 0) {
      add(out, "startAfter", "must be >= 0", Integer.toString(startAfter));
    }
    if (compat == null) {
      add(out, "compat", "must not be null", "null");
    } else if (compat == Compat.PYTORCH
        && relThreshold != 0
        && absThreshold != 0
        && relThreshold == relThreshold
        && absThreshold == absThreshold) {
      add(
          out,
          "absThreshold",
          "and relThreshold must not both be non-zero with compat = PYTORCH (threshold_mode 'abs' "
              + "is absThreshold with relThreshold = 0, 'rel' is relThreshold with absThreshold = 0)",
          Literals.number(absThreshold) + " and relThreshold = " + Literals.number(relThreshold));
    }
    return out;
  }

  /**
   * The one rule of {@link Compat#PYTORCH} and {@link Compat#KERAS} about the curve, for the
   * processor, the parser and the builder alike: those libraries' plateau owns the learning rate,
   * so the curve must be that rate, a single {@code @Constant} with a value {@code > 0} and no
   * modifier.
   *
   * @param constantValue the value when the curve is exactly one {@code @Constant}, else NaN
   * @param curve the curve's declaration, for the message
   * @return the rule after {@code "@ReduceOnPlateau.compat "}, or null when it holds
   */
  public String compatCurveProblem(double constantValue, String curve) {
    if (compat == null || compat == Compat.ANNEAL) {
      return null;
    }
    if (constantValue != constantValue) {
      return "= Compat."
          + compat
          + " reproduces a library where the plateau owns the learning rate: it needs a curve"
          + " declared as a single @Constant (the LR it reduces, no warm-up, cool-down or"
          + " restarts), was "
          + curve
          + "; use Compat.ANNEAL to scale any curve";
    }
    if (!(constantValue > 0)) {
      return "= Compat."
          + compat
          + " reduces the learning rate @Constant.value, which must then be > 0, was "
          + Literals.number(constantValue);
    }
    return null;
  }

  /**
   * The annotation with its non-default attributes, e.g. {@code @ReduceOnPlateau(factor = 0.5)}.
   */
  public String declaration() {
    return StateText.declaration(NAME, this, ATTRIBUTES);
  }

  /** Every attribute, exactly (hex floats): the input of the declaration's fingerprint. */
  String canonical() {
    return StateText.canonical(NAME, this, ATTRIBUTES);
  }
}
