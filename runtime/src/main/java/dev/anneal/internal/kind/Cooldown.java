package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;

import dev.anneal.Ramp;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Part;
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
}
