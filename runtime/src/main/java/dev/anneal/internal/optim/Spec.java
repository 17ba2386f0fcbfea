package dev.anneal.internal.optim;

/**
 * Internal, not API. A declared optimizer's constant attributes, typed: one record per optimizer
 * annotation ({@code @Adam} and {@code @AdamW} share {@link Adam}, told apart by {@code
 * decoupled}). Schedules and the clip are not here: they are values of the config, held by {@code
 * Optimizer}. Dispatch is an exhaustive {@code switch} over {@link #family()}.
 */
public sealed interface Spec {
  /** The optimizer annotations. */
  enum Family {
    SGD("SGD"),
    ADAM("Adam"),
    ADAMW("AdamW"),
    RMSPROP("RMSProp"),
    ADAGRAD("AdaGrad");

    private final String annotation;

    Family(String annotation) {
      this.annotation = annotation;
    }

    /** The annotation's simple name, e.g. {@code "AdamW"}. */
    public String annotation() {
      return annotation;
    }
  }

  Family family();

  boolean maximize();

  double weightDecay();

  /** {@code @SGD}. */
  record Sgd(
      double momentum, double dampening, boolean nesterov, double weightDecay, boolean maximize)
      implements Spec {
    @Override
    public Family family() {
      return Family.SGD;
    }
  }

  /** {@code @Adam} ({@code decoupled = false}) and {@code @AdamW}. */
  record Adam(
      boolean decoupled,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad,
      boolean maximize,
      boolean keras)
      implements Spec {
    @Override
    public Family family() {
      return decoupled ? Family.ADAMW : Family.ADAM;
    }
  }

  /** {@code @RMSProp}. */
  record RmsProp(
      double alpha,
      double eps,
      double weightDecay,
      double momentum,
      boolean centered,
      boolean maximize)
      implements Spec {
    @Override
    public Family family() {
      return Family.RMSPROP;
    }
  }

  /** {@code @AdaGrad}. */
  record AdaGrad(
      double lrDecay, double weightDecay, double initialAccumulator, double eps, boolean maximize)
      implements Spec {
    @Override
    public Family family() {
      return Family.ADAGRAD;
    }
  }
}
