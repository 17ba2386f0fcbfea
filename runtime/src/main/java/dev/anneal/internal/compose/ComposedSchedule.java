package dev.anneal.internal.compose;

import dev.anneal.LrSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API. An {@link LrSchedule} over a folded composite: what {@code
 * Schedules.sequence}, {@code product}, {@code cycleMomentum} and the named {@code parse} return.
 * Immutable and thread-safe; {@link #at} allocates nothing. The fills are {@link LrSchedule}'s
 * default loops over {@link #at} (exact; no per-part vector kernels).
 *
 * <p>{@link #toString()} is the schedule with its parts as named entries, parts first and the
 * schedule itself last, e.g. {@code s0: @Linear(from = 0.005, to = 0.05, steps = 10);
 * s1: @Exponential(from = 0.05, rate = 0.95); s2: @Sequence(schedules = {"s0", "s1"}, boundaries =
 * {10})}: {@code Schedules.parseNamed} reads it back. Equal parts share one entry.
 */
public final class ComposedSchedule implements LrSchedule, java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final transient Declared root;
  private final String text;

  public ComposedSchedule(Declared root) {
    this.root = root;
    this.text = entries(root);
  }

  /** The folded composite. */
  public Declared declared() {
    return root;
  }

  @Override
  public double at(long step) {
    return root.at(step);
  }

  /** Length in steps, or -1 when it never ends. */
  public long length() {
    return root.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComposedSchedule c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Serialized as its named entries, which {@code Schedules.parseNamed} reads back. */
  private Object writeReplace() {
    return dev.anneal.internal.compose.SerialProxy.schedule(text);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("read through its serialization proxy only");
  }

  /** The named entries of {@code root}, {@code "; "}-separated, {@code root} last. */
  public static String entries(Declared root) {
    Map<String, String> names = new LinkedHashMap<>(); // source -> name
    name(root, names);
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : names.entrySet()) {
      sb.append(sb.length() > 0 ? "; " : "").append(e.getValue()).append(": ").append(e.getKey());
    }
    return sb.toString();
  }

  private static String name(Declared d, Map<String, String> names) {
    List<String> partNames = new ArrayList<>();
    for (Declared p : d.parts()) {
      partNames.add(name(p, names));
    }
    String source = d.toSource(partNames);
    return names.computeIfAbsent(source, s -> "s" + names.size());
  }
}
