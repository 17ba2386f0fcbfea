package dev.anneal.processor.internal;

import dev.anneal.internal.Declaration;
import dev.anneal.internal.Kind;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * One schedule method of a config: its name, which of the two forms it has, and its declaration,
 * with the annotation mirrors that diagnostics point at.
 */
public final class ScheduleMethod {
  /** {@code double name(long step)} or {@code LrSchedule name()}. */
  public enum Form {
    VALUE,
    OBJECT
  }

  private final ExecutableElement element;
  private final Form form;
  private final Declaration declaration;
  private final Map<Kind, AnnotationMirror> mirrors;
  private final boolean warningsSuppressed;

  ScheduleMethod(
      ExecutableElement element,
      Form form,
      Declaration declaration,
      Map<Kind, AnnotationMirror> mirrors,
      boolean warningsSuppressed) {
    this.element = element;
    this.form = form;
    this.declaration = declaration;
    this.mirrors = Map.copyOf(mirrors);
    this.warningsSuppressed = warningsSuppressed;
  }

  public String name() {
    return element.getSimpleName().toString();
  }

  public ExecutableElement element() {
    return element;
  }

  public Form form() {
    return form;
  }

  public Declaration declaration() {
    return declaration;
  }

  /** The annotation of this kind on the method. */
  public AnnotationMirror mirror(Kind kind) {
    return mirrors.get(kind);
  }

  /** Whether {@code @SuppressWarnings("anneal")} applies to this method. */
  public boolean warningsSuppressed() {
    return warningsSuppressed;
  }
}
