package dev.anneal.internal.optim;

import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.internal.Attr;
import dev.anneal.internal.parse.JavaLexer;
import dev.anneal.internal.parse.JavaLexer.TokenType;
import dev.anneal.internal.parse.JavaLexer.Token;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal, not API. The optimizers' attributes in one place: their names, types and defaults
 * ({@link #values}, {@link #spec}), the annotation text {@code Optimizer.toString} prints and the
 * parser of that text (numbers, strings and names read by {@link JavaLexer}, as javac reads them).
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

  /** The annotation text: attributes that differ from the defaults, schedule names quoted. */
  public static String format(Spec spec, String lr, String momentum, String clip) {
    StringBuilder sb = new StringBuilder("@").append(spec.family().annotation());
    sb.append("(lr = ").append(quote(lr));
    Map<String, Object> defaults = values(defaults(spec.family()));
    for (Map.Entry<String, Object> e : values(spec).entrySet()) {
      Object value = e.getValue();
      if (value.equals(defaults.get(e.getKey()))) {
        continue;
      }
      sb.append(", ").append(e.getKey()).append(" = ");
      sb.append(e.getKey().equals("compat") ? "AdamCompat." + value : value);
    }
    if (momentum != null) {
      sb.append(", ")
          .append(scheduleAttribute(spec.family()))
          .append(" = ")
          .append(quote(momentum));
    }
    if (clip != null) {
      sb.append(", clip = ").append(quote(clip));
    }
    return sb.append(')').toString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  // ------------------------------------------------------------------------------------- parse

  /**
   * Reads {@code @Kind(attr = value, ...)} and resolves its names in {@code named}.
   *
   * @throws IllegalArgumentException naming the position, attribute or name at fault
   */
  public static Parsed parse(String source, Map<String, ?> named) {
    if (named == null) {
      throw new IllegalArgumentException("named must not be null");
    }
    JavaLexer lx = new JavaLexer(source);
    lx.expect(TokenType.AT);
    Token kindToken = lx.qualifiedName();
    String simple = (String) kindToken.value();
    simple = simple.startsWith("dev.anneal.") ? simple.substring("dev.anneal.".length()) : simple;
    Spec.Family family = null;
    for (Spec.Family f : Spec.Family.values()) {
      if (f.annotation().equals(simple)) {
        family = f;
      }
    }
    if (family == null) {
      throw lx.error(
          kindToken, "expected @SGD, @Adam, @AdamW, @RMSProp or @AdaGrad, was @" + simple);
    }
    String at = "@" + family.annotation() + ".";
    Map<String, Object> v = values(defaults(family));
    String schedAttr = scheduleAttribute(family);
    String lrName = null;
    String momName = null;
    String clipName = null;
    lx.expect(TokenType.LPAREN);
    boolean first = true;
    while (!lx.accept(TokenType.RPAREN)) {
      if (!first) {
        lx.expect(TokenType.COMMA);
      }
      first = false;
      Token name = lx.expect(TokenType.IDENTIFIER);
      String attr = (String) name.value();
      lx.expect(TokenType.EQUALS);
      boolean isString =
          attr.equals("lr") || attr.equals("clip") || (schedAttr != null && attr.equals(schedAttr));
      Object old = v.get(attr);
      if (isString) {
        String s = (String) lx.expect(TokenType.STRING).value();
        if (attr.equals("lr")) {
          lrName = s;
        } else if (attr.equals("clip")) {
          clipName = s.isEmpty() ? null : s;
        } else {
          momName = s.isEmpty() ? null : s;
        }
        continue;
      }
      if (old == null) {
        String[] known = v.keySet().toArray(new String[0]);
        String hint = closest(attr, known, "lr", "clip", schedAttr);
        throw lx.error(
            name,
            "@"
                + family.annotation()
                + " has no attribute "
                + attr
                + (hint != null ? "; did you mean " + hint + "?" : ""));
      }
      if (old instanceof Double) {
        v.put(attr, lx.doubleValue(lx.signedNumber()));
      } else if (old instanceof Boolean) {
        v.put(attr, lx.expect(TokenType.BOOLEAN).value());
      } else {
        Token e = lx.qualifiedName();
        String c = (String) e.value();
        c = c.startsWith("dev.anneal.") ? c.substring("dev.anneal.".length()) : c;
        if (!c.equals("AdamCompat.PYTORCH") && !c.equals("AdamCompat.KERAS")) {
          throw lx.error(e, at + "compat must be AdamCompat.PYTORCH or AdamCompat.KERAS, was " + c);
        }
        v.put(attr, c.substring("AdamCompat.".length()));
      }
    }
    lx.expect(TokenType.EOF);
    if (lrName == null) {
      throw new IllegalArgumentException(at + "lr is required");
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

  /** The candidate nearest to {@code ref} within one edit per three characters, else null. */
  static String closest(String ref, String[] candidates, String... more) {
    String best = null;
    int bestDistance = ref.length() / 3 + 1;
    for (String[] list : new String[][] {candidates, more}) {
      for (String c : list) {
        if (c == null) {
          continue;
        }
        int d = distance(ref, c);
        if (d < bestDistance) {
          best = c;
          bestDistance = d;
        }
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
