package dev.anneal.internal;

import dev.anneal.ParamGroups;

/**
 * Internal, not API. Argument checks shared by the {@code fill} implementations: fail before
 * writing anything.
 */
public final class Checks {
  private Checks() {}

  public static void fill(long step, ParamGroups groups, int outLength) {
    if (step < 0) {
      throw Steps.negative(step);
    }
    if (outLength < groups.size()) {
      throw new IllegalArgumentException(
          "out has " + outLength + " elements, fewer than the " + groups.size() + " groups");
    }
  }

  public static void fill(long[] steps, int outLength) {
    if (outLength < steps.length) {
      throw new IllegalArgumentException(
          "out has " + outLength + " elements, fewer than the " + steps.length + " steps");
    }
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] < 0) {
        throw new IllegalArgumentException("steps[" + i + "] must be >= 0, was " + steps[i]);
      }
    }
  }
}
