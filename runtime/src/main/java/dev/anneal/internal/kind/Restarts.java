package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.INT;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.RestartScale;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code @Restarts} (SGDR): cycle i lasts {@code steps * growth^i}, starts at the body's start
 * value times {@code decay^i} (or, with {@link RestartScale#AMPLITUDE}, the end value plus the
 * amplitude times {@code decay^i}), and after {@code limit} cycles (0 = never) the final value
 * holds.
 */
public record Restarts(double growth, double decay, int limit, RestartScale scale) {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.optional("growth", DOUBLE, 1.0),
          Attr.optional("decay", DOUBLE, 1.0),
          Attr.optional("limit", INT, 0),
          Attr.enumerated("scale", RestartScale.class, RestartScale.START));

  public static Restarts of(Part p) {
    return p == null
        ? null
        : new Restarts(p.d("growth"), p.d("decay"), p.i("limit"), p.e("scale", RestartScale.class));
  }

  /**
   * Adds these restarts' problems against the body they repeat ({@code bodySource} as declared);
   * {@code cooldown} says whether a {@code @Cooldown} is declared too.
   */
  public void check(Checker check, Body body, String bodySource, boolean cooldown) {
    boolean periodic = body.periodic();
    if (!periodic) {
      check.error(
          null,
          "repeats a body whose length is its steps attribute ("
              + repeatable()
              + "), not "
              + bodySource);
    }
    if (periodic && scale == RestartScale.AMPLITUDE && body.kind() == Kind.CONSTANT) {
      check.error(
          "scale",
          "AMPLITUDE scales the amplitude above the end value, and a @Constant has none"
              + " (its start is its end); use RestartScale.START to scale its value");
    }
    if (cooldown) {
      check.error(
          null,
          "cannot be combined with @Cooldown: a restarting schedule has no single end to"
              + " cool down from");
    }
    if (!(growth >= 1)) {
      check.error("growth", "must be >= 1, was " + number(growth));
    }
    long length = body.length();
    if (periodic && growth > 1 && length > 0) {
      double[] starts = Tables.cycleStarts(length, growth, Math.max(limit, 0));
      int cycles = starts.length - 1; // cycle i spans [starts[i], starts[i + 1])
      boolean pastEnd = starts[cycles] >= 0x1p63;
      if (!pastEnd && (limit == 0 || limit > cycles)) {
        // cycleStarts stopped at MAX_CYCLES, before the limit and before Long.MAX_VALUE
        check.error(
            "growth",
            "makes more than "
                + count(Tables.MAX_CYCLES)
                + " cycles before step"
                + " Long.MAX_VALUE, was "
                + number(growth)
                + "; use growth = 1, a larger growth, or a"
                + " limit of at most "
                + count(Tables.MAX_CYCLES));
      } else if (pastEnd && limit > cycles) {
        // the last cycles would start after Long.MAX_VALUE: the schedule could never reach its
        // limit
        check.error(
            "limit",
            "must be at most "
                + cycles
                + ": with growth "
                + number(growth)
                + " only "
                + cycles
                + " cycles start before step Long.MAX_VALUE, was "
                + limit);
      }
    }
    if (!(decay > 0)) {
      check.error("decay", "must be > 0, was " + number(decay));
    }
    if (limit < 0) {
      check.error("limit", "must be >= 0 (0 = unlimited), was " + limit);
    }
    if (decay > 1) {
      if (limit == 0) {
        check.error(
            "decay",
            "must be <= 1 when restarts are unlimited (values would grow without"
                + " bound), was "
                + number(decay));
      } else {
        check.warning("decay", "is above 1: every restart starts higher than the one before");
      }
    }
  }

  /**
   * {@code "@Cosine, @Linear, @Polynomial without cycle, ..., @Constant with steps"}: the body
   * kinds whose {@link Body#periodic()} holds, found by asking each kind's record. First, in {@link
   * Kind} order, those periodic with their defaults ("without" a boolean attribute that stops it);
   * then those periodic once an optional step count is given ("with" it).
   */
  static String repeatable() {
    List<String> always = new ArrayList<>();
    List<String> given = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (!kind.isBody()) {
        continue;
      }
      Map<String, Object> required = new HashMap<>();
      for (Attr a : kind.attrs()) {
        if (a.isRequired()) {
          required.put(a.name(), sample(a));
        }
      }
      if (periodic(kind, required)) {
        String name = "@" + kind.simpleName();
        for (Attr a : kind.attrs()) {
          if (a.type() == Attr.Type.BOOLEAN && !periodic(kind, with(required, a, true))) {
            name += " without " + a.name();
          }
        }
        always.add(name);
        continue;
      }
      for (Attr a : kind.attrs()) {
        if (!a.isRequired()
            && a.unit() == Attr.Unit.STEPS
            && a.type() == Attr.Type.LONG
            && periodic(kind, with(required, a, (Long) a.defaultValue() + 1))) {
          given.add("@" + kind.simpleName() + " with " + a.name());
        }
      }
    }
    always.addAll(given);
    return String.join(", ", always);
  }

  private static boolean periodic(Kind kind, Map<String, Object> values) {
    return kind.body(Part.of(kind, values)).periodic();
  }

  private static Map<String, Object> with(Map<String, Object> values, Attr a, Object value) {
    Map<String, Object> out = new HashMap<>(values);
    out.put(a.name(), value);
    return out;
  }

  /** Any value of a required attribute's type: periodicity does not depend on the numbers. */
  private static Object sample(Attr a) {
    return switch (a.type()) {
      case DOUBLE -> 1.0;
      case LONG -> 1L;
      case INT -> 1;
      case BOOLEAN -> false;
      case DOUBLE_ARRAY -> new double[] {1.0};
      case LONG_ARRAY -> new long[] {0L};
      case ENUM -> a.enumType().getEnumConstants()[0];
      case STRING -> "x";
      case STRING_ARRAY -> new String[] {"x"};
    };
  }
}
