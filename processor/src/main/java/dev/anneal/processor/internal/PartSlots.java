package dev.anneal.processor.internal;

import dev.anneal.internal.Declaration;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import java.util.EnumMap;
import java.util.Map;

/**
 * The schedule annotations of one method, each in its slot by {@link Kind.Role}: one body, one
 * annotation that stands alone (a stopper or a clip), and one of each modifier and controller
 * (javac itself rejects a repeated one: they are not {@code @Repeatable}; the last one read stays).
 */
final class PartSlots {
  private Part body;
  private Part alone;
  private final Map<Kind, Part> modifiers = new EnumMap<>(Kind.class);

  /**
   * The part already in the slot {@code kind} goes to when that slot takes only one annotation of
   * any kind (the body, the one that stands alone), else {@code null}.
   */
  Part occupant(Kind kind) {
    // a switch expression: a new role does not compile until it has a slot
    return switch (kind.role()) {
      case BODY -> body;
      case STOPPER, CLIP -> alone;
      case MODIFIER, CONTROLLER -> null;
    };
  }

  void put(Part part) {
    switch (part.kind().role()) {
      case BODY -> body = part;
      case STOPPER, CLIP -> alone = part;
      case MODIFIER, CONTROLLER -> modifiers.put(part.kind(), part);
    }
  }

  /** The body, or {@code null}. */
  Part body() {
    return body;
  }

  /** The stopper or clip, or {@code null}. */
  Part alone() {
    return alone;
  }

  /** The {@code @ReduceOnPlateau} controller, or {@code null}. */
  Part plateau() {
    return modifiers.get(Kind.REDUCE_ON_PLATEAU);
  }

  /** The declaration of these parts; there is a body. */
  Declaration declaration() {
    return new Declaration(
        body,
        modifiers.get(Kind.WARMUP),
        modifiers.get(Kind.COOLDOWN),
        modifiers.get(Kind.RESTARTS),
        plateau());
  }
}
