package dev.anneal.processor;

import com.google.auto.service.AutoService;
import dev.anneal.internal.compose.CompositeKind;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.optim.Spec;
import dev.anneal.processor.internal.Config;
import dev.anneal.processor.internal.ConfigReader;
import dev.anneal.processor.internal.Generator;
import dev.anneal.processor.internal.Messages;
import dev.anneal.processor.internal.Reporter;
import dev.anneal.processor.internal.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates {@code <Config>Impl} classes for {@code @Schedule} types. Each config goes through the
 * same pipeline: {@link ConfigReader read} into an immutable model, {@link Validator validate} with
 * the rules the runtime builder shares, {@link Generator generate}.
 */
@AutoService(Processor.class)
public final class ScheduleProcessor extends AbstractProcessor {

  /** Top-level types declared in this compilation's source files (of every round so far). */
  private final Set<String> sourceTypes = new HashSet<>();

  /** Whether {@code e} is declared in a source file of this compilation (so has a line). */
  private boolean inSource(Element e) {
    Element top = e;
    while (top.getEnclosingElement() != null
        && top.getEnclosingElement().getKind() != ElementKind.PACKAGE
        && top.getEnclosingElement().getKind() != ElementKind.MODULE) {
      top = top.getEnclosingElement();
    }
    return top instanceof TypeElement
        && sourceTypes.contains(((TypeElement) top).getQualifiedName().toString());
  }

  /**
   * javac option {@code -Aanneal.trace=true}: the error for an internal failure carries the
   * processor's stack trace (off by default: the error names the config and the exception).
   */
  public static final String TRACE_OPTION = "anneal.trace";

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(TRACE_OPTION);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    names.add("dev.anneal.Schedule");
    for (Kind k : Kind.values()) {
      names.add(k.qualifiedName());
    }
    for (CompositeKind k : CompositeKind.values()) {
      names.add(k.qualifiedName());
    }
    for (Spec.Family f : Spec.Family.values()) {
      names.add(f.qualifiedName());
    }
    return names;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement) {
        sourceTypes.add(((TypeElement) root).getQualifiedName().toString());
      }
    }
    Reporter reporter = new Reporter(processingEnv.getMessager(), this::inSource);
    TypeElement schedule = processingEnv.getElementUtils().getTypeElement("dev.anneal.Schedule");
    if (schedule == null) {
      return false;
    }
    Set<? extends Element> configs = round.getElementsAnnotatedWith(schedule);
    for (TypeElement annotation : annotations) {
      String simple = ConfigReader.methodAnnotation(annotation.getQualifiedName().toString());
      if (simple != null) {
        checkEnclosedInSchedule(simple, annotation, round, configs, reporter);
      }
    }
    for (Element e : configs) {
      try {
        processConfig((TypeElement) e, reporter);
      } catch (FilerException ex) {
        reporter.error(Messages.cannotWrite(e.getSimpleName(), ex.getMessage()), e);
      } catch (RuntimeException | IOException ex) {
        // One error naming the config, and compiling goes on; the trace only when asked for.
        String trace = null;
        if (Boolean.parseBoolean(processingEnv.getOptions().get(TRACE_OPTION))) {
          StringWriter w = new StringWriter();
          ex.printStackTrace(new PrintWriter(w));
          trace = w.toString();
        }
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                Messages.internalError(String.valueOf(e), String.valueOf(ex), trace),
                e);
      }
    }
    // Claim nothing: other processors may want to see the same annotations.
    return false;
  }

  private void processConfig(TypeElement type, Reporter reporter) throws IOException {
    int errorsBefore = reporter.errors();
    Config config =
        new ConfigReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), reporter)
            .read(type);
    if (config == null) {
      return;
    }
    // every readable method is validated even after errors in others: each gets its own errors
    boolean valid = new Validator(reporter).validate(config);
    if (!valid || reporter.errors() > errorsBefore) {
      return; // nothing generated for a config with errors: no second error from generated code
    }
    String source =
        new Generator(processingEnv.getElementUtils(), processingEnv.getSourceVersion())
            .source(config);
    String name =
        config.packageName().isEmpty()
            ? config.generatedName()
            : config.packageName() + "." + config.generatedName();
    JavaFileObject file = processingEnv.getFiler().createSourceFile(name, type);
    try (Writer w = file.openWriter()) {
      w.write(source);
    }
  }

  /**
   * Schedule annotations outside a {@code @Schedule} type would be silently ignored, unless the
   * type is a supertype whose methods a {@code @Schedule} type inherits.
   */
  private void checkEnclosedInSchedule(
      String simpleName,
      TypeElement annotation,
      RoundEnvironment round,
      Set<? extends Element> configs,
      Reporter reporter) {
    Types types = processingEnv.getTypeUtils();
    for (Element e : round.getElementsAnnotatedWith(annotation)) {
      Element owner = e.getEnclosingElement();
      if (!(owner instanceof TypeElement)) {
        continue; // javac rejects the annotation's target itself
      }
      boolean inherited =
          configs.stream()
              .anyMatch(
                  c ->
                      c.equals(owner)
                          || types.isSubtype(
                              types.erasure(c.asType()), types.erasure(owner.asType())));
      if (!inherited) {
        reporter.error(Messages.noEffect(simpleName, e.getSimpleName(), owner.getSimpleName()), e);
      }
    }
  }
}
