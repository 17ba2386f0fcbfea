package dev.anneal.processor.internal;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Step 1 of the pipeline: reads a {@code @Schedule} type into a {@link Config}, reporting what
 * makes it unusable as a config: its shape ({@link ConfigShape}), the methods it must implement
 * ({@link AbstractMethods}), and each method's form and annotations ({@link MethodReader}, values
 * by {@link AnnotationValues}). Attribute values are read as written; whether they make sense is
 * {@link Validator}'s job.
 */
public final class ConfigReader {
  private final Elements elements;
  private final ConfigShape shape;
  private final AbstractMethods abstractMethods;
  private final MethodReader methods;

  public ConfigReader(Elements elements, Types types, Reporter reporter) {
    MethodForms forms = new MethodForms(elements, types);
    this.elements = elements;
    this.shape = new ConfigShape(elements, types, reporter);
    this.abstractMethods = new AbstractMethods(elements, types, forms, reporter);
    this.methods = new MethodReader(forms, reporter);
  }

  /**
   * The simple name of the method annotation of any family (a schedule annotation, a composite, an
   * optimizer) called {@code qualifiedName}, or {@code null}.
   */
  public static String methodAnnotation(String qualifiedName) {
    return AnnotationValues.methodAnnotation(qualifiedName);
  }

  /**
   * The config with the methods that could be read, or {@code null} when it is no abstract type.
   * Reported errors (see {@link Reporter#errors}) mean: validate it, but generate nothing.
   */
  public Config read(TypeElement type) {
    AnnotationMirror schedule = AnnotationValues.mirror(type, "dev.anneal.Schedule");
    if (!shape.check(type, schedule)) {
      return null; // not a type with methods to read (an enum, a record, an annotation type, a
      // class)
    }
    String generatedName = shape.generatedName(type, schedule);
    shape.checkSealed(type, schedule, generatedName);
    long totalSteps = shape.totalSteps(type, schedule);
    abstractMethods.checkInaccessible(type);
    List<ScheduleMethod> read = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (ExecutableElement method : abstractMethods.of(type)) {
      ScheduleMethod m = methods.read(type, method);
      if (m != null) {
        read.add(m);
      } else {
        unreadable.add(method.getSimpleName().toString());
      }
    }
    // Errors do not stop here: the validator still checks the methods that could be read, so that
    // one bad method does not hide the others. The caller generates nothing after any error.
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    return new Config(
        type,
        packageName,
        generatedName,
        totalSteps,
        type.getKind() == ElementKind.INTERFACE,
        read,
        unreadable);
  }
}
