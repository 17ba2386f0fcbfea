package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;

import dev.anneal.Ramp;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Part;
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
}
