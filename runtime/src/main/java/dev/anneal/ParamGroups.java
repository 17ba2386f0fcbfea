package dev.anneal;

import dev.anneal.internal.GroupArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Immutable per-parameter-group settings for {@link LrSchedule#fill(long, ParamGroups, float[])}: a
 * scale (layer-wise LR decay, per-group multipliers), a delay in steps (staggered unfreezing: the
 * group's schedule starts at its delay and its value is 0 before), a weight-decay multiplier (for
 * {@link Optimizer}: 1 by default, 0 for biases and norms) and a name. Arrays passed in are copied.
 */
public final class ParamGroups {
  private final double[] scales;
  private final long[] delays;
  private final String[] names;
  private final double[] weightDecays;
  private final boolean anyDelay;

  static {
    // The runtime's kernels read the arrays directly; user code never sees them.
    GroupArrays.install(
        new GroupArrays.Access() {
          @Override
          public double[] scales(ParamGroups groups) {
            return groups.scales;
          }

          @Override
          public long[] delays(ParamGroups groups) {
            return groups.delays;
          }
        });
  }

  private ParamGroups(double[] scales, long[] delays, String[] names) {
    this(scales, delays, names, ones(scales.length));
  }

  private static double[] ones(int n) {
    double[] a = new double[n];
    Arrays.fill(a, 1.0);
    return a;
  }

  private ParamGroups(double[] scales, long[] delays, String[] names, double[] weightDecays) {
    for (int g = 0; g < scales.length; g++) {
      if (!(weightDecays[g] >= 0) || !Double.isFinite(weightDecays[g])) {
        throw new IllegalArgumentException(
            "weight-decay multiplier of group "
                + g
                + " must be finite and >= 0, was "
                + weightDecays[g]);
      }
      if (!Double.isFinite(scales[g])) {
        throw new IllegalArgumentException(
            "scale of group " + g + " must be finite, was " + scales[g]);
      }
      if (delays[g] < 0) {
        throw new IllegalArgumentException(
            "delay of group " + g + " must be >= 0, was " + delays[g]);
      }
      if (names[g] == null) {
        throw new IllegalArgumentException("name of group " + g + " must not be null");
      }
    }
    this.scales = scales;
    this.delays = delays;
    this.names = names;
    this.weightDecays = weightDecays;
    boolean delayed = false;
    for (long d : delays) {
      delayed |= d != 0;
    }
    this.anyDelay = delayed;
  }

  /** Groups with these scales, no delays, named {@code "0"}, {@code "1"}, ... */
  public static ParamGroups of(double... scales) {
    return of(scales, new long[scales.length]);
  }

  /** Groups with these scales and delays (same length), named by index. */
  public static ParamGroups of(double[] scales, long[] delays) {
    if (scales.length != delays.length) {
      throw new IllegalArgumentException(
          "scales and delays must have the same length, were "
              + scales.length
              + " and "
              + delays.length);
    }
    String[] names = new String[scales.length];
    for (int g = 0; g < names.length; g++) {
      names[g] = Integer.toString(g);
    }
    return new ParamGroups(scales.clone(), delays.clone(), names);
  }

  /**
   * Layer-wise LR decay: {@code layers} groups, input layer first, with {@code scale_i =
   * decay^(layers - 1 - i)} so the last (top) layer gets the full value.
   */
  public static ParamGroups layerwise(int layers, double decay) {
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be >= 1, was " + layers);
    }
    if (!(decay > 0) || !Double.isFinite(decay)) {
      throw new IllegalArgumentException("decay must be finite and > 0, was " + decay);
    }
    double[] scales = new double[layers];
    double s = 1;
    for (int i = layers - 1; i >= 0; i--) {
      scales[i] = s;
      s *= decay;
    }
    String[] names = new String[layers];
    for (int i = 0; i < layers; i++) {
      names[i] = "layer" + i;
    }
    return new ParamGroups(scales, new long[layers], names);
  }

  /** A builder for named groups. */
  public static Builder builder() {
    return new Builder();
  }

  /** Number of groups. */
  public int size() {
    return scales.length;
  }

  /** Scale of group {@code g}. */
  public double scale(int g) {
    return scales[g];
  }

  /** Delay of group {@code g} in steps: its schedule starts then. */
  public long delay(int g) {
    return delays[g];
  }

  /** Name of group {@code g}. */
  public String name(int g) {
    return names[g];
  }

  /**
   * Weight-decay multiplier of group {@code g} (1 unless set by {@link Builder#add(String, double,
   * long, double)}): an {@link Optimizer}'s {@code weightDecay} times this applies to its arrays.
   */
  public double weightDecay(int g) {
    return weightDecays[g];
  }

  /** Whether any group has a non-zero delay. */
  public boolean hasDelays() {
    return anyDelay;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ParamGroups[");
    for (int g = 0; g < scales.length; g++) {
      if (g > 0) {
        sb.append(", ");
      }
      sb.append(names[g]).append(" x").append(scales[g]);
      if (delays[g] != 0) {
        sb.append(" from step ").append(delays[g]);
      }
      if (weightDecays[g] != 1) {
        sb.append(" wd x").append(weightDecays[g]);
      }
    }
    return sb.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamGroups
        && Arrays.equals(scales, ((ParamGroups) o).scales)
        && Arrays.equals(delays, ((ParamGroups) o).delays)
        && Arrays.equals(names, ((ParamGroups) o).names)
        && Arrays.equals(weightDecays, ((ParamGroups) o).weightDecays);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(delays)) + Arrays.hashCode(names);
  }

  /** Collects named groups in order. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<Double> scales = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<Double> weightDecays = new ArrayList<>();

    private Builder() {}

    /** Adds a group whose schedule starts at step {@code delay}, scaled by {@code scale}. */
    public Builder add(String name, double scale, long delay) {
      return add(name, scale, delay, 1.0);
    }

    /**
     * Adds a group whose schedule starts at step {@code delay}, scaled by {@code scale}, whose
     * arrays get {@code weightDecay} times an {@link Optimizer}'s weight decay (0 for biases and
     * norms, as PyTorch users do with a second param group).
     */
    public Builder add(String name, double scale, long delay, double weightDecay) {
      names.add(name);
      scales.add(scale);
      delays.add(delay);
      weightDecays.add(weightDecay);
      return this;
    }

    /** Adds a group with no delay. */
    public Builder add(String name, double scale) {
      return add(name, scale, 0);
    }

    public ParamGroups build() {
      int n = names.size();
      double[] s = new double[n];
      long[] d = new long[n];
      double[] w = new double[n];
      for (int g = 0; g < n; g++) {
        s[g] = scales.get(g);
        d[g] = delays.get(g);
        w[g] = weightDecays.get(g);
      }
      return new ParamGroups(s, d, names.toArray(new String[0]), w);
    }
  }
}
