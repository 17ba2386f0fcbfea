package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.number;

import dev.anneal.Ramp;
import dev.anneal.internal.Attr;
import java.util.List;

/**
 * {@code @Warmup}: for {@code step < steps}, a ramp from {@code from} to the body's first value.
 */
public record Warmup(long steps, double from, Ramp shape) {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.requiredSteps("steps", LONG),
          Attr.optional("from", DOUBLE, 0.0),
          Attr.enumerated("shape", Ramp.class, Ramp.LINEAR));

  public static Warmup of(Part p) {
    return p == null ? null : new Warmup(p.l("steps"), p.d("from"), p.e("shape", Ramp.class));
  }

  /**
   * Adds this warm-up's problems against the body it ramps to; {@code bodyValid} says whether the
   * declaration has no error so far (the ramp's arithmetic needs a valid body).
   */
  public void check(Checker check, Body body, boolean bodyValid) {
    check.positive("steps", steps);
    if (shape == Ramp.SQRT) {
      check.error(
          "shape", "Ramp.SQRT is a cool-down shape; use LINEAR, COSINE, EXPONENTIAL or CONSTANT");
      return;
    }
    double target = body.start();
    if (shape == Ramp.EXPONENTIAL && !(from > 0 && target > 0)) {
      check.error(
          "from",
          "must be > 0 for Ramp.EXPONENTIAL, and so must the body's first value ("
              + number(target)
              + "), was "
              + number(from));
      return;
    } else if (shape != Ramp.CONSTANT && from > target) {
      check.warning(
          "from",
          "is above the value it warms up to ("
              + number(target)
              + " at the body's first step), was "
              + number(from));
    }
    if (!bodyValid || check.hasErrors()) {
      return;
    }
    check.difference("from", target, from);
    if (shape == Ramp.EXPONENTIAL) {
      ratio(check, "from", target, from);
    }
  }

  /** An error when an exponential ramp's ratio {@code a / b} (or its log) leaves the doubles. */
  static void ratio(Checker check, String attr, double a, double b) {
    double r = a / b;
    if (!Double.isFinite(r) || r == 0 || !Double.isFinite(Math.log(r))) {
      check.error(
          attr,
          "makes the exponential ramp's ratio "
              + number(a)
              + " / "
              + number(b)
              + " overflow a double");
    }
  }
}
