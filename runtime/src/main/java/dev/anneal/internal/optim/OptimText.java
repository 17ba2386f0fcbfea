package dev.anneal.internal.optim;

import dev.anneal.AdamCompat;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.Attr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API. The optimizers' attributes in one place: their names, types and defaults
 * ({@link #values}, {@link #spec}), the annotation text {@code Optimizer.toString} prints, and that
 * text read back through the one {@link AnnotationParser}.
 */
public final class OptimText {
  private OptimText() {}

  /** What {@link #parse} read: the spec, the resolved values and the names used. */
  public record Parsed(
      Spec spec,
      LrSchedule lr,
      LrSchedule momentum,
      GradientClip clip,
      String lrName,
      String momentumName,
      String clipName) {}

  /** The defaults of an annotation: those of its {@link Spec.Family#attrs() attributes}. */
  public static Spec defaults(Spec.Family family) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (Attr a : family.attrs()) {
      if (a.type() != Attr.Type.STRING) { // names of the config's methods are not in the spec
        v.put(a.name(), a.defaultValue());
      }
    }
    return spec(family, v);
  }

  /**
   * The constant attributes of {@code spec} in declaration order (Double, Boolean, compat name).
   */
  public static Map<String, Object> values(Spec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    // a switch expression: a new family that is not listed here does not compile
    return switch (spec.family()) {
      case SGD -> {
        Spec.Sgd s = (Spec.Sgd) spec;
        m.put("momentum", s.momentum());
        m.put("dampening", s.dampening());
        m.put("nesterov", s.nesterov());
        m.put("weightDecay", s.weightDecay());
        m.put("maximize", s.maximize());
        yield m;
      }
      case ADAM, ADAMW -> {
        Spec.Adam s = (Spec.Adam) spec;
        m.put("beta1", s.beta1());
        m.put("beta2", s.beta2());
        m.put("eps", s.eps());
        m.put("weightDecay", s.weightDecay());
        m.put("amsgrad", s.amsgrad());
        m.put("maximize", s.maximize());
        m.put("compat", s.keras() ? "KERAS" : "PYTORCH");
        yield m;
      }
      case RMSPROP -> {
        Spec.RmsProp s = (Spec.RmsProp) spec;
        m.put("alpha", s.alpha());
        m.put("eps", s.eps());
        m.put("weightDecay", s.weightDecay());
        m.put("momentum", s.momentum());
        m.put("centered", s.centered());
        m.put("maximize", s.maximize());
        yield m;
      }
      case ADAGRAD -> {
        Spec.AdaGrad s = (Spec.AdaGrad) spec;
        m.put("lrDecay", s.lrDecay());
        m.put("weightDecay", s.weightDecay());
        m.put("initialAccumulator", s.initialAccumulator());
        m.put("eps", s.eps());
        m.put("maximize", s.maximize());
        yield m;
      }
    };
  }

  /** The spec of {@code family} with these attribute values (all of {@link #values}' keys). */
  public static Spec spec(Spec.Family family, Map<String, Object> v) {
    return switch (family) {
      case SGD ->
          new Spec.Sgd(
              d(v, "momentum"),
              d(v, "dampening"),
              b(v, "nesterov"),
              d(v, "weightDecay"),
              b(v, "maximize"));
      case ADAM, ADAMW ->
          new Spec.Adam(
              family == Spec.Family.ADAMW,
              d(v, "beta1"),
              d(v, "beta2"),
              d(v, "eps"),
              d(v, "weightDecay"),
              b(v, "amsgrad"),
              b(v, "maximize"),
              String.valueOf(v.get("compat")).equals("KERAS"));
      case RMSPROP ->
          new Spec.RmsProp(
              d(v, "alpha"),
              d(v, "eps"),
              d(v, "weightDecay"),
              d(v, "momentum"),
              b(v, "centered"),
              b(v, "maximize"));
      case ADAGRAD ->
          new Spec.AdaGrad(
              d(v, "lrDecay"),
              d(v, "weightDecay"),
              d(v, "initialAccumulator"),
              d(v, "eps"),
              b(v, "maximize"));
    };
  }

  /** The name of the momentum-like schedule attribute, or {@code null} ({@code @AdaGrad}). */
  public static String scheduleAttribute(Spec.Family family) {
    return switch (family) {
      case SGD, RMSPROP -> "momentumSchedule";
      case ADAM, ADAMW -> "beta1Schedule";
      case ADAGRAD -> null;
    };
  }

  private static double d(Map<String, Object> v, String k) {
    return (Double) v.get(k);
  }

  private static boolean b(Map<String, Object> v, String k) {
    return (Boolean) v.get(k);
  }

  // ------------------------------------------------------------------------------------ format

  /**
   * The annotation text, written from the family's attribute model ({@link Attr#text}): {@code lr},
   * then the attributes that differ from the defaults in attribute order, schedule names quoted.
   */
  public static String format(Spec spec, String lr, String momentum, String clip) {
    Map<String, Object> values = values(spec);
    String schedule = scheduleAttribute(spec.family());
    return spec.family()
        .text(
            name -> {
              if (name.equals("lr")) {
                return lr;
              } else if (name.equals(schedule)) {
                return momentum == null ? "" : momentum;
              } else if (name.equals("clip")) {
                return clip == null ? "" : clip;
              } else if (name.equals("compat")) {
                return AdamCompat.valueOf((String) values.get(name));
              }
              return values.get(name);
            });
  }

  // ------------------------------------------------------------------------------------- parse

  /**
   * Reads {@code @Family(attr = value, ...)} through the one {@link AnnotationParser} (by the
   * family's {@link Spec.Family#attrs() attributes}) and resolves its names in {@code named}.
   *
   * @throws IllegalArgumentException naming the position, attribute or name at fault
   */
  public static Parsed parse(String source, Map<String, ?> named) {
    if (named == null) {
      throw new IllegalArgumentException("named must not be null");
    }
    AnnotationParser.Annotation<Spec.Family> a =
        AnnotationParser.alone(source, List.of(Spec.Family.values()), "declaration");
    Spec.Family family = a.kind();
    String at = "@" + family.simpleName() + ".";
    Map<String, Object> v = values(defaults(family));
    String schedAttr = scheduleAttribute(family);
    String lrName = null;
    String momName = null;
    String clipName = null;
    for (Map.Entry<String, Object> e : a.values().entrySet()) {
      String attr = e.getKey();
      Object value = e.getValue();
      if (attr.equals("lr")) {
        lrName = (String) value;
      } else if (attr.equals("clip")) {
        clipName = ((String) value).isEmpty() ? null : (String) value;
      } else if (attr.equals(schedAttr)) {
        momName = ((String) value).isEmpty() ? null : (String) value;
      } else {
        // the spec holds the compat by name (values and spec read it so)
        v.put(attr, value instanceof Enum<?> c ? c.name() : value);
      }
    }
    LrSchedule lr = resolve(named, at + "lr", lrName, LrSchedule.class);
    LrSchedule mom =
        momName == null ? null : resolve(named, at + schedAttr, momName, LrSchedule.class);
    GradientClip clip =
        clipName == null ? null : resolve(named, at + "clip", clipName, GradientClip.class);
    return new Parsed(spec(family, v), lr, mom, clip, lrName, momName, clipName);
  }

  private static <T> T resolve(Map<String, ?> named, String attr, String name, Class<T> type) {
    Object o = named.get(name);
    if (o == null) {
      throw new IllegalArgumentException(OptimRules.unknownName(attr, name, named.keySet()));
    }
    if (!type.isInstance(o)) {
      throw new IllegalArgumentException(
          OptimRules.wrongKind(attr, name, o.getClass().getSimpleName(), type.getSimpleName()));
    }
    return type.cast(o);
  }
}
