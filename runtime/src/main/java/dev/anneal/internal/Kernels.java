package dev.anneal.internal;

import dev.anneal.ParamGroups;

/**
 * Internal, not API. Entry point of the fill kernels that generated classes and builder schedules
 * call. Each method returns {@code false} when the caller should run its own scalar loop instead.
 */
public final class Kernels {
  private Kernels() {}

  public static boolean fill(Plan plan, long step, ParamGroups groups, float[] out) {
    return false;
  }

  public static boolean fill(Plan plan, long step, ParamGroups groups, double[] out) {
    return false;
  }

  public static boolean fill(Plan plan, long[] steps, float[] out) {
    return false;
  }

  public static boolean fill(Plan plan, long[] steps, double[] out) {
    return false;
  }
}
