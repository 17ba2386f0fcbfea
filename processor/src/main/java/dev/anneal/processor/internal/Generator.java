package dev.anneal.processor.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Declaration;
import dev.anneal.internal.Literals;
import dev.anneal.internal.Plan;
import dev.anneal.internal.clip.Clipping;
import dev.anneal.internal.kind.Part;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Step 3 of the pipeline: writes {@code <Config>Impl}. Every schedule method becomes a nested
 * {@code CurveN} class extending the runtime's {@code GeneratedSchedule} (which owns the fills and
 * {@code toString}) whose only method, {@code at}, is the schedule with all constants folded (see
 * {@link Formulas}); the config's methods delegate to it.
 *
 * <p>Names: java.lang types are imported explicitly (JavaPoet's default), which shadows a
 * same-package {@code Override} or {@code String}; the formulas call only helpers inherited from
 * {@code GeneratedSchedule}, so no field or type of the config can shadow them.
 */
public final class Generator {
  static final ClassName LR_SCHEDULE = ClassName.get("dev.anneal", "LrSchedule");
  static final ClassName GENERATED_SCHEDULE =
      ClassName.get("dev.anneal.internal.generated", "GeneratedSchedule");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName PLATEAU_SCHEDULE = ClassName.get("dev.anneal", "PlateauSchedule");
  static final ClassName EARLY_STOPPER = ClassName.get("dev.anneal", "EarlyStopper");
  static final ClassName GRADIENT_CLIP = ClassName.get("dev.anneal", "GradientClip");
  static final ClassName OPTIMIZER = ClassName.get("dev.anneal", "Optimizer");
  static final ClassName MAP = ClassName.get("java.util", "Map");

  private final Elements elements;
  private final SourceVersion sourceVersion;

  public Generator(Elements elements, SourceVersion sourceVersion) {
    this.elements = elements;
    this.sourceVersion = sourceVersion;
  }

  /**
   * The source of the generated class, in ASCII: every other character (of a method name, in a
   * javadoc or a string) written as a unicode escape (backslash, u, four hex digits), so that the
   * file means the same whatever encoding the Filer writes it in and javac reads it back with.
   */
  public String source(Config config) {
    return ascii(generate(config).toString());
  }

  /**
   * {@code source} with every non-ASCII {@code char} (UTF-16 unit, so a surrogate pair becomes two
   * escapes, as Java reads them) written as a unicode escape. JavaPoet writes backslashes only in
   * escape sequences of literals, never right before a non-ASCII character, so every inserted
   * backslash starts an escape.
   */
  static String ascii(String source) {
    StringBuilder sb = null;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c < 0x80) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(source.length() + 64).append(source, 0, i);
      }
      sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
    }
    return sb == null ? source : sb.toString();
  }

  public JavaFile generate(Config config) {
    ClassName configName = ClassName.get(config.type());
    TypeSpec.Builder impl =
        TypeSpec.classBuilder(config.generatedName())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addOriginatingElement(config.type())
            .addJavadoc(classJavadoc(config))
            // The generated class inherits the config's nested types: a nested LrSchedule must not
            // capture references to anneal's.
            .avoidClashesWithNestedClasses(config.type());
    AnnotationSpec generated = generatedAnnotation();
    if (generated != null) {
      impl.addAnnotation(generated);
    }
    if (config.isInterface()) {
      impl.addSuperinterface(configName);
    } else {
      impl.superclass(configName);
    }
    boolean stateful = config.methods().stream().anyMatch(m -> m.form().hasState());
    impl.addMethod(
        MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc(
                stateful
                    ? "Creates the schedules and fresh controller state: each instance owns its controllers.\n"
                    : "Creates the schedules; they hold no state, so one instance can be shared.\n")
            .build());

    // the field holding each method's curve, for composites that name it
    Map<String, String> curveFields = new HashMap<>();
    Map<String, Declaration> declarations = new HashMap<>();
    Map<String, Object> entries = new HashMap<>(); // plain and composite, for the parts' lengths
    for (int i = 0; i < config.methods().size(); i++) {
      ScheduleMethod m = config.methods().get(i);
      curveFields.put(m.name(), "CURVE_" + i);
      if (m.declaration() != null) {
        declarations.put(m.name(), m.declaration());
        entries.put(m.name(), m.declaration());
      } else if (m.composite() != null) {
        entries.put(m.name(), m.composite());
      }
    }
    // A nested class cannot share its enclosing class's name: with @Schedule(name = "Curve0") the
    // curves are Curve_0, Curve_1, ...
    String prefix = "Curve";
    while (config.generatedName().startsWith(prefix)) {
      prefix += "_";
    }
    int index = 0;
    java.util.List<Integer> optimizers = new java.util.ArrayList<>();
    for (ScheduleMethod m : config.methods()) {
      if (m.form() == ScheduleMethod.Form.OPTIMIZER) {
        optimizers.add(index++); // after every field it reads: initializers run in order
        continue;
      }
      if (!m.form().isSchedule()) {
        alone(impl, m, index++);
        continue;
      }
      if (m.composite() != null) {
        String curve = prefix + index;
        ClassName curveClass = ClassName.get(config.packageName(), config.generatedName(), curve);
        String field = "CURVE_" + index;
        impl.addField(
            FieldSpec.builder(curveClass, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("new $T()", curveClass)
                .build());
        impl.addMethod(delegate(m, curveClass, field));
        impl.addType(Composites.curve(m, curveClass, curveFields, declarations, entries, config));
        index++;
        continue;
      }
      Declaration declared = m.declaration().curve();
      Plan plan = Plan.of(declared);
      // Curve0, Curve1, ...: class (and class file) names independent of the method names' length
      // and alphabet; the javadoc says which method each is.
      String curve = prefix + index;
      ClassName curveClass = ClassName.get(config.packageName(), config.generatedName(), curve);
      String field = "CURVE_" + index;
      impl.addField(
          FieldSpec.builder(curveClass, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .initializer("new $T()", curveClass)
              .build());
      if (m.form() == ScheduleMethod.Form.PLATEAU) {
        // each instance owns the controller's state; the curve under it is shared
        String controller = "controller" + index;
        Part plateau = m.declaration().plateau();
        impl.addField(
            FieldSpec.builder(PLATEAU_SCHEDULE, controller, Modifier.PRIVATE, Modifier.FINAL)
                .initializer(
                    "$T.of($L)$L.build()", PLATEAU_SCHEDULE, field, chain(plateau, Set.of()))
                .build());
        impl.addMethod(returning(m, PLATEAU_SCHEDULE, controller, curveClass));
      } else {
        impl.addMethod(delegate(m, curveClass, field));
      }
      impl.addType(curve(m, declared, plan, curveClass));
      index++;
    }
    for (int i : optimizers) {
      optimizer(impl, config, i);
    }
    return JavaFile.builder(config.packageName(), impl.build()).indent("  ").build();
  }

  private AnnotationSpec generatedAnnotation() {
    if (sourceVersion.compareTo(SourceVersion.RELEASE_8) <= 0
        || elements.getTypeElement(GENERATED.canonicalName()) == null) {
      return null;
    }
    return AnnotationSpec.builder(GENERATED)
        .addMember("value", "$S", "dev.anneal.processor.ScheduleProcessor")
        .build();
  }

  private static CodeBlock classJavadoc(Config config) {
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add(
                "The schedules declared by {@link $T}, generated by anneal.\n",
                ClassName.get(config.type()))
            .add("\n<ul>\n");
    for (ScheduleMethod m : config.methods()) {
      doc.add("  <li>{@code $L}: {@code $L}\n", m.name(), m.source());
    }
    return doc.add(
            "</ul>\n\n<p>Do not edit: change the annotations on {@link $T} instead.\n",
            ClassName.get(config.type()))
        .build();
  }

  /** An {@code EarlyStopper} (fresh state per instance) or a {@code GradientClip} (shared). */
  private static void alone(TypeSpec.Builder impl, ScheduleMethod m, int index) {
    Part p = m.alone();
    // a switch expression over the roles: a role that stands alone has its field here
    // switch expressions over the role, then over the clip family: a new clip is named here
    ClassName type =
        switch (p.kind().role()) {
          case STOPPER -> EARLY_STOPPER;
          case CLIP -> GRADIENT_CLIP;
          // read only on a Form.STOPPER or Form.CLIP method (DeclarationReader)
          case BODY, MODIFIER, CONTROLLER -> throw new IllegalStateException(p.toSource());
        };
    CodeBlock init =
        type == EARLY_STOPPER
            ? CodeBlock.of(
                "$T.builder($L)$L.build()", type, p.i("patience"), chain(p, Set.of("patience")))
            : switch (Clipping.of(p.kind())) {
              case NORM ->
                  CodeBlock.of(
                      "$T.norm($L)$L.build()",
                      type,
                      Literals.number(p.d("max")),
                      chain(p, Set.of("max")));
              case VALUE -> CodeBlock.of("$T.value($L)", type, Literals.number(p.d("max")));
              case ADAPTIVE ->
                  CodeBlock.of(
                      "$T.adaptive($L, $L)",
                      type,
                      Literals.number(p.d("clipping")),
                      Literals.number(p.d("eps")));
            };
    boolean state = m.form().hasState();
    String field = state ? "controller" + index : "CLIP_" + index;
    FieldSpec.Builder f =
        FieldSpec.builder(type, field, Modifier.PRIVATE, Modifier.FINAL).initializer(init);
    if (!state) {
      f.addModifiers(Modifier.STATIC);
    }
    impl.addField(f.build());
    impl.addMethod(returning(m, type, field, null));
  }

  /**
   * An {@code Optimizer}: {@code Optimizer.parse} of its declaration over the fields the config's
   * other methods return (the same schedule, plateau and clip objects, so a plateau's cut moves the
   * optimizer's rate). Per instance when it reads a plateau, else shared.
   */
  private static void optimizer(TypeSpec.Builder impl, Config config, int index) {
    ScheduleMethod m = config.methods().get(index);
    ScheduleMethod.Optim o = m.optimizer();
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < config.methods().size(); i++) {
      positions.put(config.methods().get(i).name(), i); // names are unique: validated
    }
    Map<String, String> fields = new java.util.LinkedHashMap<>(); // one entry per name
    boolean perInstance = false;
    for (String name : new String[] {o.lr(), o.momentum(), o.clip()}) {
      if (name == null || fields.containsKey(name)) {
        continue;
      }
      int i = positions.get(name);
      ScheduleMethod.Form form = config.methods().get(i).form();
      perInstance |= form.hasState();
      fields.put(name, field(form, i));
    }
    CodeBlock.Builder named = CodeBlock.builder();
    String sep = "";
    for (Map.Entry<String, String> e : fields.entrySet()) {
      named.add("$L$S, $L", sep, e.getKey(), e.getValue());
      sep = ", ";
    }
    String field = perInstance ? "optimizer" + index : "OPTIMIZER_" + index;
    FieldSpec.Builder f =
        FieldSpec.builder(OPTIMIZER, field, Modifier.PRIVATE, Modifier.FINAL)
            .initializer("$T.parse($S, $T.of($L))", OPTIMIZER, o.source(), MAP, named.build());
    if (!perInstance) {
      f.addModifiers(Modifier.STATIC);
    }
    impl.addField(f.build());
    StringBuilder reads = new StringBuilder();
    for (String name : fields.keySet()) {
      reads.append(reads.length() == 0 ? "" : ", ").append("{@code ").append(name).append("()}");
    }
    impl.addMethod(
        MethodSpec.methodBuilder(m.name())
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(OPTIMIZER)
            .addJavadoc(
                "{@code $L}: immutable, over the objects $L return$L.\n",
                o.source(),
                reads,
                perInstance ? " on this instance" : "")
            .addStatement("return $L", field)
            .build());
  }

  /** The field holding what the method at {@code index} returns, for an optimizer to read. */
  private static String field(ScheduleMethod.Form form, int index) {
    return switch (form) {
      case VALUE, OBJECT -> "CURVE_" + index;
      case PLATEAU -> "controller" + index;
      case CLIP -> "CLIP_" + index;
      case STOPPER, OPTIMIZER -> throw new AssertionError(form + " named by an optimizer");
    };
  }

  /** {@code .name(value)} for every attribute written explicitly, but those in {@code skip}. */
  private static CodeBlock chain(Part p, Set<String> skip) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Attr a : p.kind().attrs()) {
      if (!p.isExplicit(a.name()) || skip.contains(a.name())) {
        continue;
      }
      Object v = p.value(a.name());
      if (v instanceof Enum) {
        b.add(
            ".$L($T.$L)",
            a.name(),
            ClassName.get(((Enum<?>) v).getDeclaringClass()),
            ((Enum<?>) v).name());
      } else if (v instanceof Double) {
        b.add(".$L($L)", a.name(), Literals.number((Double) v));
      } else {
        b.add(".$L($L)", a.name(), v);
      }
    }
    return b.build();
  }

  /** A method returning a field of the generated class. */
  private static MethodSpec returning(
      ScheduleMethod m, ClassName type, String field, ClassName curve) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(m.name())
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(type)
            .addStatement("return $L", field);
    if (curve == null) {
      method.addJavadoc("{@code $L}.\n", m.source());
    } else {
      method.addJavadoc(
          "{@code $L}; the curve is {@link $T}. The controller's state belongs to this instance.\n",
          m.source(),
          curve);
    }
    return method.build();
  }

  private static MethodSpec delegate(ScheduleMethod m, ClassName curve, String field) {
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(m.name())
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("{@code $L}; see {@link $T}.\n", m.source(), curve);
    return switch (m.form()) {
      // Always "step": the user's parameter name could obscure the field.
      case VALUE ->
          method
              .returns(TypeName.DOUBLE)
              .addParameter(TypeName.LONG, "step")
              .addStatement("return $L.at(step)", field)
              .build();
      case OBJECT -> method.returns(LR_SCHEDULE).addStatement("return $L", field).build();
      // their own fields: returning(...), alone(...), optimizer(...)
      case PLATEAU, STOPPER, CLIP, OPTIMIZER -> throw new IllegalStateException(m.form().name());
    };
  }

  private static TypeSpec curve(ScheduleMethod m, Declaration declared, Plan plan, ClassName self) {
    String source = declared.toSource();
    TypeSpec.Builder curve =
        TypeSpec.classBuilder(self.simpleName())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .superclass(GENERATED_SCHEDULE)
            .addJavadoc(Describer.javadoc(m.name(), plan));
    Formulas formulas = new Formulas(plan);
    CodeBlock at = formulas.at();
    formulas.fields().forEach(curve::addField);
    curve.addField(SERIAL_VERSION_UID);
    curve.addMethod(
        MethodSpec.constructorBuilder()
            .addStatement("super($S, $L, $L)", m.name(), GENERATED_FORMAT, pieces(source))
            .build());
    curve.addMethod(
        MethodSpec.methodBuilder("at")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(TypeName.DOUBLE)
            .addParameter(TypeName.LONG, "step")
            .addCode(at)
            .build());
    return curve.build();
  }

  /**
   * {@code GeneratedSchedule} is {@code Serializable} (through its declaration): without the field
   * javac's {@code -Xlint:serial} would warn on every generated class, an error under {@code
   * -Werror}.
   */
  static final FieldSpec SERIAL_VERSION_UID =
      FieldSpec.builder(TypeName.LONG, "serialVersionUID")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("1L")
          .build();

  /** {@code "..."} or {@code "...", "..."}: string constants hold at most 65,535 bytes each. */
  /** Characters per string constant (a class file's constants hold at most 65,535 bytes). */
  static final int PIECE = 8_000;

  static CodeBlock pieces(String s) {
    CodeBlock.Builder b = CodeBlock.builder();
    int piece = PIECE;
    for (int i = 0; i < s.length(); i += piece) {
      b.add(i == 0 ? "$S" : ",\n$S", s.substring(i, Math.min(s.length(), i + piece)));
    }
    return s.isEmpty() ? CodeBlock.of("$S", "") : b.build();
  }

  /**
   * The format of the declaration text embedded in generated classes (annotation syntax); the
   * runtime's {@code GeneratedSchedule.FORMAT} must keep reading it.
   */
  static final int GENERATED_FORMAT = 1;
}
