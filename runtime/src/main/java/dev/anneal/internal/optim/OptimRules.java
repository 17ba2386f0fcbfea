package dev.anneal.internal.optim;

/**
 * Internal, not API. The optimizers' attribute rules (DESIGN "Optimizers"), shared by the builder
 * and the parser: the first broken rule as a message naming {@code @Kind.attribute} and the value,
 * or {@code null}.
 */
public final class OptimRules {
  private OptimRules() {}

  /** The first problem of {@code spec}, or {@code null}. */
  public static String firstError(Spec spec) {
    String k = "@" + spec.family().annotation() + ".";
    switch (spec.family()) {
      case SGD:
        {
          Spec.Sgd s = (Spec.Sgd) spec;
          String e = nonNegative(k + "momentum", s.momentum());
          e = e != null ? e : nonNegative(k + "dampening", s.dampening());
          e = e != null ? e : nonNegative(k + "weightDecay", s.weightDecay());
          if (e == null && s.nesterov() && !(s.momentum() > 0 && s.dampening() == 0)) {
            e =
                k
                    + "nesterov needs momentum > 0 and dampening = 0, were momentum = "
                    + s.momentum()
                    + " and dampening = "
                    + s.dampening();
          }
          return e;
        }
      case ADAM:
      case ADAMW:
        {
          Spec.Adam s = (Spec.Adam) spec;
          String e = unit(k + "beta1", s.beta1());
          e = e != null ? e : unit(k + "beta2", s.beta2());
          e = e != null ? e : positive(k + "eps", s.eps());
          return e != null ? e : nonNegative(k + "weightDecay", s.weightDecay());
        }
      case RMSPROP:
        {
          Spec.RmsProp s = (Spec.RmsProp) spec;
          String e = unit(k + "alpha", s.alpha());
          e = e != null ? e : positive(k + "eps", s.eps());
          e = e != null ? e : nonNegative(k + "weightDecay", s.weightDecay());
          return e != null ? e : nonNegative(k + "momentum", s.momentum());
        }
      case ADAGRAD:
        {
          Spec.AdaGrad s = (Spec.AdaGrad) spec;
          String e = nonNegative(k + "lrDecay", s.lrDecay());
          e = e != null ? e : nonNegative(k + "weightDecay", s.weightDecay());
          e = e != null ? e : nonNegative(k + "initialAccumulator", s.initialAccumulator());
          return e != null ? e : positive(k + "eps", s.eps());
        }
    }
    throw new AssertionError(spec.family());
  }

  /** A scheduled momentum or beta1 value at a step must be in the attribute's domain too. */
  public static String scheduled(Spec.Family family, double v, long step) {
    boolean adam = family == Spec.Family.ADAM || family == Spec.Family.ADAMW;
    String what = adam ? "beta1Schedule" : "momentumSchedule";
    boolean ok = adam ? v >= 0 && v < 1 : v >= 0 && Double.isFinite(v);
    return ok
        ? null
        : "@"
            + family.annotation()
            + "."
            + what
            + " gave "
            + v
            + " at step "
            + step
            + (adam ? ", outside [0, 1)" : ", not a finite value >= 0");
  }

  private static String nonNegative(String name, double v) {
    return v >= 0 && Double.isFinite(v) ? null : name + " must be finite and >= 0, was " + v;
  }

  private static String positive(String name, double v) {
    return v > 0 && Double.isFinite(v) ? null : name + " must be finite and > 0, was " + v;
  }

  private static String unit(String name, double v) {
    return v >= 0 && v < 1 ? null : name + " must be >= 0 and < 1, was " + v;
  }
}
