package dev.anneal.processor;

import com.google.auto.service.AutoService;
import dev.anneal.internal.Kind;
import dev.anneal.processor.internal.Config;
import dev.anneal.processor.internal.ConfigReader;
import dev.anneal.processor.internal.Generator;
import dev.anneal.processor.internal.Reporter;
import dev.anneal.processor.internal.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Generates {@code <Config>Impl} classes for {@code @Schedule} types. Each config goes through the
 * same pipeline: {@link ConfigReader read} into an immutable model, {@link Validator validate} with
 * the rules the runtime builder shares, {@link Generator generate}.
 */
@AutoService(Processor.class)
public final class ScheduleProcessor extends AbstractProcessor {

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    names.add("dev.anneal.Schedule");
    for (Kind k : Kind.values()) {
      names.add(k.qualifiedName());
    }
    // The generated classes carry @Generated; claiming it spares users -Xlint:processing's
    // "No processor claimed" warning, which -Werror turns into a failed build.
    names.add("javax.annotation.processing.Generated");
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    for (TypeElement annotation : annotations) {
      Kind kind = Kind.ofQualifiedName(annotation.getQualifiedName().toString());
      if (kind != null) {
        checkEnclosedInSchedule(kind, annotation, round, reporter);
      }
    }
    TypeElement schedule = processingEnv.getElementUtils().getTypeElement("dev.anneal.Schedule");
    if (schedule == null) {
      return true;
    }
    for (Element e : round.getElementsAnnotatedWith(schedule)) {
      try {
        processConfig((TypeElement) e, reporter);
      } catch (RuntimeException | IOException ex) {
        // Never a stack trace for the user to decode: name the config and keep compiling the rest.
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        processingEnv.getMessager().printMessage(
            Diagnostic.Kind.ERROR,
            "anneal could not generate the implementation of " + e + ": " + ex
                + ". Please report this with the declaration; details:\n" + trace,
            e);
      }
    }
    return true; // anneal's annotations are anneal's alone: claiming them keeps -Xlint quiet
  }

  private void processConfig(TypeElement type, Reporter reporter) throws IOException {
    Config config =
        new ConfigReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), reporter).read(type);
    if (config == null || !new Validator(reporter).validate(config)) {
      return;
    }
    new Generator(processingEnv.getElementUtils(), processingEnv.getSourceVersion())
        .generate(config)
        .writeTo(processingEnv.getFiler());
  }

  /** Schedule annotations on methods of types without {@code @Schedule} would be silently ignored. */
  private static void checkEnclosedInSchedule(
      Kind kind, TypeElement annotation, RoundEnvironment round, Reporter reporter) {
    for (Element e : round.getElementsAnnotatedWith(annotation)) {
      Element owner = e.getEnclosingElement();
      boolean inSchedule = owner != null
          && (owner.getKind().isInterface() || owner.getKind() == ElementKind.CLASS)
          && owner.getAnnotationMirrors().stream()
              .anyMatch(a -> a.getAnnotationType().toString().equals("dev.anneal.Schedule"));
      if (!inSchedule) {
        reporter.error(
            "@" + kind.simpleName() + " on " + e.getSimpleName() + "() has no effect: " + owner.getSimpleName()
                + " is not annotated @Schedule",
            e);
      }
    }
  }
}
