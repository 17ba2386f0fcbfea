package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.number;

import dev.anneal.Ramp;
import dev.anneal.internal.Attr;
import java.util.List;

/**
 * {@code @Cooldown}: after a finite body, a ramp from its final value to {@code to}, then {@code
 * to}.
 */
public record Cooldown(long steps, double to, Ramp shape) {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.requiredSteps("steps", LONG),
          Attr.optional("to", DOUBLE, 0.0),
          Attr.enumerated("shape", Ramp.class, Ramp.LINEAR));

  public static Cooldown of(Part p) {
    return p == null ? null : new Cooldown(p.l("steps"), p.d("to"), p.e("shape", Ramp.class));
  }

  /**
   * Adds this cool-down's problems against the body it follows ({@code bodySource} as declared);
   * {@code valid} says whether the declaration has no error so far (the body's end value needs a
   * valid body).
   */
  public void check(Checker check, Body body, String bodySource, boolean valid) {
    check.positive("steps", steps);
    if (shape == Ramp.CONSTANT) {
      check.error(
          "shape", "Ramp.CONSTANT is a warm-up shape; use LINEAR, COSINE, SQRT or EXPONENTIAL");
      return;
    }
    if (body.length() < 0) {
      check.error(
          null,
          "needs a body that ends, but "
              + bodySource
              + " never ends"
              + (body.kind() == Kind.CONSTANT ? " (give @Constant a steps value)" : ""));
      return;
    }
    if (!valid || check.hasErrors()) {
      return;
    }
    double start = body.end();
    if (shape == Ramp.EXPONENTIAL && !(to > 0 && start > 0)) {
      check.error(
          "to",
          "must be > 0 for Ramp.EXPONENTIAL, and so must the body's final value ("
              + number(start)
              + "), was "
              + number(to));
      return;
    } else if (to > start) {
      check.warning(
          "to", "is above the value it cools down from (" + number(start) + "), was " + number(to));
    }
    check.difference("to", to, start);
    if (shape == Ramp.EXPONENTIAL) {
      Warmup.ratio(check, "to", to, start);
    }
  }
}
