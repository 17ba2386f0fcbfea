package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.INT;

import dev.anneal.RestartScale;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Part;
import java.util.List;

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
}
