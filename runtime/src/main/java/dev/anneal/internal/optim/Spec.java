package dev.anneal.internal.optim;

import static dev.anneal.internal.Attr.Type.BOOLEAN;
import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.STRING;

import dev.anneal.AdamCompat;
import dev.anneal.internal.Attr;
import dev.anneal.internal.kind.AnnotationKind;
import java.util.List;

/**
 * Internal, not API. A declared optimizer's constant attributes, typed: one record per optimizer
 * annotation ({@code @Adam} and {@code @AdamW} share {@link Adam}, told apart by {@code
 * decoupled}). Schedules and the clip are not here: they are values of the config, held by {@code
 * Optimizer}. Dispatch is an exhaustive {@code switch} over {@link #family()}.
 */
public sealed interface Spec {
  /**
   * The optimizer annotations, each with its attributes in declaration order: the same {@link Attr}
   * model as the schedules' (a test checks names, types and defaults against the annotations), read
   * by the processor by type; {@link OptimText#defaults} and the parser take their defaults from
   * here.
   */
  enum Family implements AnnotationKind {
    SGD(
        "SGD",
        List.of(
            LR,
            Attr.optional("momentum", DOUBLE, 0.0),
            Attr.optional("dampening", DOUBLE, 0.0),
            Attr.optional("nesterov", BOOLEAN, false),
            Attr.optional("weightDecay", DOUBLE, 0.0),
            Attr.optional("maximize", BOOLEAN, false),
            Attr.optional("momentumSchedule", STRING, ""),
            CLIP)),
    ADAM("Adam", adam(0.0)),
    ADAMW("AdamW", adam(0.01)),
    RMSPROP(
        "RMSProp",
        List.of(
            LR,
            Attr.optional("alpha", DOUBLE, 0.99),
            Attr.optional("eps", DOUBLE, 1e-8),
            Attr.optional("weightDecay", DOUBLE, 0.0),
            Attr.optional("momentum", DOUBLE, 0.0),
            Attr.optional("centered", BOOLEAN, false),
            Attr.optional("maximize", BOOLEAN, false),
            Attr.optional("momentumSchedule", STRING, ""),
            CLIP)),
    ADAGRAD(
        "AdaGrad",
        List.of(
            LR,
            Attr.optional("lrDecay", DOUBLE, 0.0),
            Attr.optional("weightDecay", DOUBLE, 0.0),
            Attr.optional("initialAccumulator", DOUBLE, 0.0),
            Attr.optional("eps", DOUBLE, 1e-10),
            Attr.optional("maximize", BOOLEAN, false),
            CLIP));

    private final String annotation;
    private final List<Attr> attrs;

    Family(String annotation, List<Attr> attrs) {
      this.annotation = annotation;
      this.attrs = attrs;
    }

    /** The annotation's simple name, e.g. {@code "AdamW"}. */
    @Override
    public String simpleName() {
      return annotation;
    }

    /**
     * Attributes in declaration order: {@code lr}, the constants, the momentum / beta1 schedule
     * (not {@code @AdaGrad}), {@code clip}. Names of the config's methods are {@code STRING}s.
     */
    @Override
    public List<Attr> attrs() {
      return attrs;
    }

    /** The family whose annotation has this qualified name, or {@code null}. */
    public static Family ofQualifiedName(String qualifiedName) {
      return AnnotationKind.ofQualifiedName(values(), qualifiedName);
    }

    private static List<Attr> adam(double weightDecay) {
      return List.of(
          LR,
          Attr.optional("beta1", DOUBLE, 0.9),
          Attr.optional("beta2", DOUBLE, 0.999),
          Attr.optional("eps", DOUBLE, 1e-8),
          Attr.optional("weightDecay", DOUBLE, weightDecay),
          Attr.optional("amsgrad", BOOLEAN, false),
          Attr.optional("maximize", BOOLEAN, false),
          Attr.enumerated("compat", AdamCompat.class, AdamCompat.PYTORCH),
          Attr.optional("beta1Schedule", STRING, ""),
          CLIP);
    }
  }

  /** {@code lr}: required, the name of a schedule method. */
  Attr LR = Attr.required("lr", STRING);

  /** {@code clip}: the name of a {@code GradientClip} method, or empty. */
  Attr CLIP = Attr.optional("clip", STRING, "");

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
