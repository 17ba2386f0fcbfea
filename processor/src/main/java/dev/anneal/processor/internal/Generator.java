package dev.anneal.processor.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.internal.Plan;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;

/**
 * Step 3 of the pipeline: writes {@code <Config>Impl}. Every schedule method becomes a nested
 * {@code <Name>Curve} class implementing {@code LrSchedule} whose {@code at} is the schedule with
 * all constants folded (see {@link Formulas}); the config's methods delegate to it.
 */
public final class Generator {
  static final ClassName LR_SCHEDULE = ClassName.get("dev.anneal", "LrSchedule");
  static final ClassName PARAM_GROUPS = ClassName.get("dev.anneal", "ParamGroups");
  static final ClassName PLAN = ClassName.get("dev.anneal.internal", "Plan");
  static final ClassName KERNELS = ClassName.get("dev.anneal.internal", "Kernels");
  static final ClassName STEPS = ClassName.get("dev.anneal.internal", "Steps");

  private final Elements elements;
  private final SourceVersion sourceVersion;

  public Generator(Elements elements, SourceVersion sourceVersion) {
    this.elements = elements;
    this.sourceVersion = sourceVersion;
  }

  /**
   * The source of the generated class. Formulas call {@code Math}; where a type named {@code Math}
   * would shadow {@code java.lang.Math} in the generated class, those calls are fully qualified.
   */
  public String source(Config config) {
    String source = generate(config).toString();
    return shadowsMath(config) ? source.replaceAll("(?<![\\w.])Math\\.", "java.lang.Math.") : source;
  }

  private boolean shadowsMath(Config config) {
    String pkg = config.packageName();
    if (elements.getTypeElement(pkg.isEmpty() ? "Math" : pkg + ".Math") != null) {
      return true;
    }
    for (javax.lang.model.element.Element e : elements.getAllMembers(config.type())) {
      if ((e.getKind().isClass() || e.getKind().isInterface()) && e.getSimpleName().contentEquals("Math")) {
        return true;
      }
    }
    return false;
  }

  public JavaFile generate(Config config) {
    ClassName configName = ClassName.get(config.type());
    TypeSpec.Builder impl = TypeSpec.classBuilder(config.generatedName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(config.type())
        .addJavadoc(classJavadoc(config))
        // The generated class inherits the config's nested types: a nested LrSchedule or Plan must
        // not capture references to anneal's.
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
    impl.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Creates the schedules; they hold no state, so one instance can be shared.\n")
        .build());

    Set<String> curveNames = new HashSet<>();
    curveNames.add(config.generatedName().toLowerCase(Locale.ROOT)); // a nested class cannot share its name
    for (ScheduleMethod m : config.methods()) {
      Plan plan = Plan.of(m.declaration());
      String curve = curveName(m.name(), curveNames);
      ClassName curveClass = ClassName.get(config.packageName(), config.generatedName(), curve);
      impl.addMethod(delegate(m, curveClass));
      impl.addType(curve(m, plan, curveClass));
    }
    return JavaFile.builder(config.packageName(), impl.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private static String curveName(String method, Set<String> taken) {
    String base = Character.toUpperCase(method.charAt(0)) + method.substring(1) + "Curve";
    String name = base;
    for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
      name = base + i;
    }
    return name;
  }

  private AnnotationSpec generatedAnnotation() {
    String name = sourceVersion.compareTo(SourceVersion.RELEASE_8) > 0
        ? "javax.annotation.processing.Generated"
        : "javax.annotation.Generated";
    if (elements.getTypeElement(name) == null) {
      return null;
    }
    int dot = name.lastIndexOf('.');
    return AnnotationSpec.builder(ClassName.get(name.substring(0, dot), name.substring(dot + 1)))
        .addMember("value", "$S", "dev.anneal.processor.ScheduleProcessor")
        .build();
  }

  private static CodeBlock classJavadoc(Config config) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("The schedules declared by {@link $T}, generated by anneal.\n", ClassName.get(config.type()))
        .add("\n<ul>\n");
    for (ScheduleMethod m : config.methods()) {
      doc.add("  <li>{@code $L}: {@code $L}\n", m.name(), m.declaration().toSource());
    }
    return doc.add("</ul>\n\n<p>Do not edit: change the annotations on {@link $T} instead.\n",
        ClassName.get(config.type())).build();
  }

  private static MethodSpec delegate(ScheduleMethod m, ClassName curve) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(m.name())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("{@code $L}; see {@link $T}.\n", m.declaration().toSource(), curve);
    if (m.form() == ScheduleMethod.Form.VALUE) {
      // Always "step": the user's parameter name could obscure the curve class (a parameter named LrCurve).
      return method.returns(TypeName.DOUBLE)
          .addParameter(TypeName.LONG, "step")
          .addStatement("return $T.INSTANCE.at(step)", curve)
          .build();
    }
    return method.returns(LR_SCHEDULE).addStatement("return $T.INSTANCE", curve).build();
  }

  private static TypeSpec curve(ScheduleMethod m, Plan plan, ClassName self) {
    // not ClassName.bestGuess(name): it rejects names that do not start upper-case (_lrCurve, $lrCurve)
    String name = self.simpleName();
    String source = m.declaration().toSource();
    TypeSpec.Builder curve = TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(LR_SCHEDULE)
        .addJavadoc(Describer.javadoc(m.name(), plan))
        .addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The only instance; it holds no state.\n")
            .initializer("new $T()", self)
            .build())
        .addField(FieldSpec.builder(PLAN, "PLAN", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("This schedule as data: drives the vectorized {@code fill}s.\n")
            .initializer("$T.parse($S)", PLAN, source)
            .build());
    Formulas formulas = new Formulas(plan);
    CodeBlock at = formulas.at();
    formulas.fields().forEach(curve::addField);
    curve.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    curve.addMethod(MethodSpec.methodBuilder("at")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameter(TypeName.LONG, "step")
        .addCode(at)
        .build());
    for (String steps : new String[] {"groups", "steps"}) {
      for (TypeName array : new TypeName[] {TypeName.get(float[].class), TypeName.get(double[].class)}) {
        curve.addMethod(fill(steps, array));
      }
    }
    curve.addMethod(MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement("return $S", m.name() + ": " + source)
        .build());
    return curve.build();
  }

  /** A fill that runs the vector kernel when it pays off, else the interface's scalar loop. */
  private static MethodSpec fill(String kind, TypeName array) {
    MethodSpec.Builder fill = MethodSpec.methodBuilder("fill")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC);
    if (kind.equals("groups")) {
      fill.addParameter(TypeName.LONG, "step")
          .addParameter(PARAM_GROUPS, "groups")
          .addParameter(array, "out")
          .beginControlFlow("if (!$T.fill(PLAN, step, groups, out))", KERNELS)
          .addStatement("$T.super.fill(step, groups, out)", LR_SCHEDULE)
          .endControlFlow();
    } else {
      fill.addParameter(TypeName.get(long[].class), "steps")
          .addParameter(array, "out")
          .beginControlFlow("if (!$T.fill(PLAN, steps, out))", KERNELS)
          .addStatement("$T.super.fill(steps, out)", LR_SCHEDULE)
          .endControlFlow();
    }
    return fill.build();
  }
}
