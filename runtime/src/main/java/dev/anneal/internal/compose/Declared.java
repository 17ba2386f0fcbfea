package dev.anneal.internal.compose;

import java.util.List;

/**
 * Internal, not API. A declared schedule whose parts are resolved: a plain declaration ({@link
 * Plain}) or a folded composite. What a composite needs of its parts: their length, their values
 * and, for printing, their own source.
 */
public interface Declared {
  /** Length in steps, or -1 when the schedule never ends. */
  long length();

  /**
   * The value at {@code step}; allocation-free and thread-safe.
   *
   * @throws IllegalArgumentException if {@code step < 0}
   */
  double at(long step);

  /** The parts this schedule refers to, in attribute order (none for a plain declaration). */
  List<Declared> parts();

  /**
   * The declaration in annotation syntax, the parts referred to by {@code partNames} (one per
   * element of {@link #parts()}).
   */
  String toSource(List<String> partNames);
}
