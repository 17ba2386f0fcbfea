package dev.anneal.internal;

import dev.anneal.ParamGroups;

/**
 * Internal, not API. Gives the runtime's fill kernels the arrays behind a {@link ParamGroups}
 * without copying them or exposing them publicly.
 */
public final class GroupArrays {
  /** Implemented once, by {@link ParamGroups}. */
  public interface Access {
    double[] scales(ParamGroups groups);

    long[] delays(ParamGroups groups);
  }

  private static Access access;

  private GroupArrays() {}

  /** Called by {@link ParamGroups}' static initializer; later calls are ignored. */
  public static synchronized void install(Access a) {
    if (access == null) {
      access = a;
    }
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
