package dev.anneal.processor.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.tools.Diagnostic;

/**
 * Reports diagnostics as precisely as javac allows: on the annotation value when there is one, on
 * the annotation otherwise, on the element last.
 */
public final class Reporter {
  private final Messager messager;
  private final Predicate<Element> inSource;
  private int errors;

  public Reporter(Messager messager) {
    this(messager, e -> true);
  }

  /**
   * @param inSource whether an element is declared in a source file of this compilation: javac
   *     gives a diagnostic on an element of a class file neither file nor line
   */
  public Reporter(Messager messager, Predicate<Element> inSource) {
    this.messager = messager;
    this.inSource = inSource;
  }

  /** Whether a diagnostic on {@code e} shows a file and line (else report on the config). */
  public boolean inSource(Element e) {
    return inSource.test(e);
  }

  public void error(String message, Element element) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  public void error(String message, Element element, AnnotationMirror mirror) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
  }

  /**
   * An error or warning on {@code attribute} of {@code mirror} (element {@code index} when the
   * value is an array), falling back to the annotation when the attribute was not written
   * explicitly.
   */
  public void report(
      boolean error,
      String message,
      Element element,
      AnnotationMirror mirror,
      String attribute,
      int index) {
    Diagnostic.Kind kind = error ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
    if (error) {
      errors++;
    }
    AnnotationValue value = attribute == null ? null : explicitValue(mirror, attribute);
    if (value != null && index >= 0 && value.getValue() instanceof List) {
      List<?> elements = (List<?>) value.getValue();
      if (index < elements.size() && elements.get(index) instanceof AnnotationValue) {
        value = (AnnotationValue) elements.get(index);
      }
    }
    if (value != null) {
      messager.printMessage(kind, message, element, mirror, value);
    } else if (mirror != null) {
      messager.printMessage(kind, message, element, mirror);
    } else {
      messager.printMessage(kind, message, element);
    }
  }

  /** The value written for {@code attribute}, or {@code null} when it is defaulted. */
  public static AnnotationValue explicitValue(AnnotationMirror mirror, String attribute) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Errors reported so far. */
  public int errors() {
    return errors;
  }
}
