package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.INT;

import dev.anneal.ClipNonFinite;
import dev.anneal.ClipScope;
import dev.anneal.Compat;
import dev.anneal.Goal;
import dev.anneal.NonFinite;
import dev.anneal.internal.Attr;
import java.util.List;

/**
 * The attributes of the annotations that are not part of a curve: the controllers (rules in {@code
 * internal.control}) and the clips (rules in {@code internal.clip}). Declared here, beside the
 * curve kinds' records, so that {@code Kind} reads every attribute list without depending on the
 * packages whose rules depend on it.
 */
public final class ControlAttributes {
  private ControlAttributes() {}

  /** {@code @ReduceOnPlateau}'s attributes. */
  public static final List<Attr> REDUCE_ON_PLATEAU =
      List.of(
          Attr.enumerated("goal", Goal.class, Goal.MINIMIZE),
          Attr.optional("factor", DOUBLE, 0.1),
          Attr.optional("patience", INT, 10),
          Attr.optional("relThreshold", DOUBLE, 1e-4),
          Attr.optional("absThreshold", DOUBLE, 0.0),
          Attr.optional("cooldown", INT, 0),
          Attr.optional("minScale", DOUBLE, 0.0),
          Attr.optional("startAfter", INT, 0),
          Attr.enumerated("compat", Compat.class, Compat.ANNEAL));

  /** {@code @EarlyStopping}'s attributes. */
  public static final List<Attr> EARLY_STOPPING =
      List.of(
          Attr.enumerated("goal", Goal.class, Goal.MINIMIZE),
          Attr.required("patience", INT),
          Attr.optional("minDelta", DOUBLE, 0.0),
          Attr.optional("baseline", DOUBLE, Double.NaN),
          Attr.optional("startAfter", INT, 0),
          Attr.enumerated("nonFinite", NonFinite.class, NonFinite.STOP));

  /** {@code @ClipNorm}'s attributes. */
  public static final List<Attr> CLIP_NORM =
      List.of(
          Attr.required("max", DOUBLE),
          Attr.optionalUpToInfinity("norm", 2.0),
          Attr.optional("eps", DOUBLE, 1e-6),
          Attr.enumerated("scope", ClipScope.class, ClipScope.GLOBAL),
          Attr.enumerated("nonFinite", ClipNonFinite.class, ClipNonFinite.PROPAGATE));

  /** {@code @ClipValue}'s attributes. */
  public static final List<Attr> CLIP_VALUE = List.of(Attr.required("max", DOUBLE));

  /** {@code @AdaptiveClip}'s attributes. */
  public static final List<Attr> ADAPTIVE_CLIP =
      List.of(Attr.optional("clipping", DOUBLE, 0.01), Attr.optional("eps", DOUBLE, 1e-3));
}
