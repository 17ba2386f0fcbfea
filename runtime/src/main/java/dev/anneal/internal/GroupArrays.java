package dev.anneal.internal;

import dev.anneal.ParamGroups;

/**
 * Internal, not API. Gives the runtime's fill kernels the arrays behind a {@link ParamGroups}
 * without copying them or exposing them publicly.
 *
 * <p>The one documented import cycle of the runtime ({@code dev.anneal.ParamGroups} and this
 * class): the kernels here need the arrays, and {@code ParamGroups} must keep them private to stay
 * immutable. Installed once, before any {@code ParamGroups} exists (its static initializer), so
 * every caller that holds one sees the access.
 */
public final class GroupArrays {
  /** Implemented once, by {@link ParamGroups}. */
  public interface Access {
    double[] scales(ParamGroups groups);

    long[] delays(ParamGroups groups);
  }

  private static volatile Access access;

  private GroupArrays() {}

  /**
   * Called once, by {@link ParamGroups}' static initializer.
   *
   * @throws IllegalStateException on a second call: nothing else may read the arrays
   */
  public static synchronized void install(Access a) {
    if (access != null) {
      throw new IllegalStateException("the per-group arrays' access is already installed");
    }
    access = a;
  }

  /** The scales of {@code groups}; read-only by contract. */
  public static double[] scales(ParamGroups groups) {
    return access.scales(groups);
  }

  /** The delays of {@code groups}; read-only by contract. */
  public static long[] delays(ParamGroups groups) {
    return access.delays(groups);
  }
}
