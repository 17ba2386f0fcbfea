package dev.anneal.internal;

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
    return new Declaration(
        part(d.body(), factor), part(d.warmup(), factor), part(d.cooldown(), factor), part(d.restarts(), factor));
  }

  private static Part part(Part p, long factor) {
    if (p == null) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Attr a : p.kind().attrs()) {
      if (!p.isExplicit(a.name())) {
        continue;
      }
      Object v;
      switch (a.type()) {
        case LONG:
          v = Math.multiplyExact(p.l(a.name()), factor);
          break;
        case LONG_ARRAY:
          long[] ls = p.ls(a.name());
          for (int i = 0; i < ls.length; i++) {
            ls[i] = Math.multiplyExact(ls[i], factor);
          }
          v = ls;
          break;
        default:
          v = p.value(a.name());
          // InverseSqrt's timescale is a step count stored as a double.
          if (p.kind() == Kind.INVERSE_SQRT && a.name().equals("timescale")) {
            v = p.d(a.name()) * factor;
          }
      }
      values.put(a.name(), v);
    }
    return Part.of(p.kind(), values);
  }
}
