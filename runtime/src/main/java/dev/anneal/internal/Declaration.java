package dev.anneal.internal;

import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Internal, not API. A declared schedule: one body and at most one of each modifier, exactly as the
 * user wrote it (annotations or builder). Not validated; {@link Rules} does that.
 */
public final class Declaration {
  private final Part body;
  private final Part warmup;
  private final Part cooldown;
  private final Part restarts;
  private final Part plateau;

  public Declaration(Part body, Part warmup, Part cooldown, Part restarts) {
    this(body, warmup, cooldown, restarts, null);
  }

  /** A declaration with a {@code @ReduceOnPlateau} controller ({@code plateau}, may be null). */
  public Declaration(Part body, Part warmup, Part cooldown, Part restarts, Part plateau) {
    this.body = require(body, true, null);
    this.warmup = require(warmup, false, Kind.WARMUP);
    this.cooldown = require(cooldown, false, Kind.COOLDOWN);
    this.restarts = require(restarts, false, Kind.RESTARTS);
    this.plateau = require(plateau, false, Kind.REDUCE_ON_PLATEAU);
  }

  private static Part require(Part p, boolean body, Kind kind) {
    if (body && (p == null || !p.kind().isBody())) {
      throw new IllegalArgumentException("a schedule needs exactly one body, was " + p);
    }
    if (!body && p != null && p.kind() != kind) {
      throw new IllegalArgumentException("expected @" + kind.simpleName() + ", was " + p);
    }
    return p;
  }

  public Part body() {
    return body;
  }

  /** The warm-up, or {@code null}. */
  public Part warmup() {
    return warmup;
  }

  /** The cool-down, or {@code null}. */
  public Part cooldown() {
    return cooldown;
  }

  /** The restarts, or {@code null}. */
  public Part restarts() {
    return restarts;
  }

  /** The {@code @ReduceOnPlateau} controller, or {@code null}. */
  public Part plateau() {
    return plateau;
  }

  /** The curve alone: this declaration without its controller. */
  public Declaration curve() {
    return plateau == null ? this : new Declaration(body, warmup, cooldown, restarts, null);
  }

  /** The part of this kind, or {@code null}. */
  public Part part(Kind kind) {
    if (kind == Kind.REDUCE_ON_PLATEAU) {
      return plateau;
    }
    if (kind == Kind.WARMUP) {
      return warmup;
    }
    if (kind == Kind.COOLDOWN) {
      return cooldown;
    }
    if (kind == Kind.RESTARTS) {
      return restarts;
    }
    return body.kind() == kind ? body : null;
  }

  /** Present parts in reading order: warm-up, body, restarts, cool-down, controller. */
  public List<Part> parts() {
    List<Part> parts = new ArrayList<>(5);
    for (Part p : new Part[] {warmup, body, restarts, cooldown, plateau}) {
      if (p != null) {
        parts.add(p);
      }
    }
    return Collections.unmodifiableList(parts);
  }

  /**
   * Java annotation source of the whole declaration, e.g. {@code @Warmup(steps =
   * 500) @Cosine(...)}.
   */
  public String toSource() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts()) {
      sb.append(sb.length() > 0 ? " " : "").append(p.toSource());
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Declaration && parts().equals(((Declaration) o).parts());
  }

  @Override
  public int hashCode() {
    return parts().hashCode();
  }

  @Override
  public String toString() {
    return toSource();
  }
}
