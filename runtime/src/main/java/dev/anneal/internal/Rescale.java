package dev.anneal.internal;

import dev.anneal.internal.kind.Part;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, not API. Multiplies every step-count attribute of a declaration by a factor: a schedule
 * declared in epochs becomes the same curve in iterations, evaluated at fractional epochs.
 */
public final class Rescale {
  private Rescale() {}

  public static Declaration steps(Declaration d, long factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("iterations per epoch must be >= 1, was " + factor);
    }
    // the controller counts observations, not steps: it stays as declared
    return new Declaration(
        part(d.body(), factor),
        part(d.warmup(), factor),
        part(d.cooldown(), factor),
        part(d.restarts(), factor),
        d.plateau());
  }

  private static Part part(Part p, long factor) {
    if (p == null) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Attr a : p.kind().attrs()) {
      // A defaulted step count is scaled too (every = 1 means one epoch here); other defaults stay
      // out.
      if (a.unit() == Attr.Unit.STEPS) {
        values.put(a.name(), scaled(p, a, p.value(a.name()), factor));
      } else if (p.isExplicit(a.name())) {
        values.put(a.name(), p.value(a.name()));
      }
    }
    return Part.of(p.kind(), values);
  }

  /** A step-count attribute times {@code factor}; overflow names the attribute. */
  private static Object scaled(Part p, Attr a, Object v, long factor) {
    try {
      return switch (a.type()) {
        case LONG -> Math.multiplyExact((Long) v, factor);
        case LONG_ARRAY -> {
          long[] ls = (long[]) v;
          for (int i = 0; i < ls.length; i++) {
            ls[i] = Math.multiplyExact(ls[i], factor);
          }
          yield ls;
        }
        case DOUBLE -> (Double) v * factor;
        // no step count is declared with these types (KindTest reads the model)
        case INT, BOOLEAN, DOUBLE_ARRAY, ENUM, STRING, STRING_ARRAY ->
            throw new AssertionError(
                "@" + p.kind().simpleName() + "." + a.name() + ": " + a.type());
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "@"
              + p.kind().simpleName()
              + "."
              + a.name()
              + " = "
              + Literals.source(v)
              + " times "
              + factor
              + " iterations per epoch does not fit in a long");
    }
  }
}
