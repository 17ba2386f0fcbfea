package dev.anneal.processor.internal;

import dev.anneal.internal.Declaration;
import dev.anneal.internal.compose.Composite;
import dev.anneal.internal.kind.AnnotationKind;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * One method of a config: its name, its form, and what it declares (a schedule's declaration, or
 * one annotation that stands alone), with the annotation mirrors that diagnostics point at.
 */
public final class ScheduleMethod {
  /** What the method returns. */
  public enum Form {
    /** {@code double name(long step)}: a schedule's value. */
    VALUE,
    /** {@code LrSchedule name()}: a schedule. */
    OBJECT,
    /** {@code PlateauSchedule name()}: a schedule with {@code @ReduceOnPlateau}. */
    PLATEAU,
    /** {@code EarlyStopper name()}: {@code @EarlyStopping} alone. */
    STOPPER,
    /** {@code GradientClip name()}: one clip annotation alone. */
    CLIP,
    /**
     * {@code Optimizer name()}: one optimizer annotation alone, naming schedules and a clip of the
     * config.
     */
    OPTIMIZER;

    /** Whether the method declares a schedule (a body and modifiers). */
    public boolean isSchedule() {
      // switch expressions: a new form does not compile until it says what it is
      return switch (this) {
        case VALUE, OBJECT, PLATEAU -> true;
        case STOPPER, CLIP, OPTIMIZER -> false;
      };
    }

    /** Whether each instance of the generated class owns fresh state for this method. */
    public boolean hasState() {
      return switch (this) {
        case PLATEAU, STOPPER -> true;
        case VALUE, OBJECT, CLIP, OPTIMIZER -> false;
      };
    }
  }

  private final ExecutableElement element;
  private final Form form;
  private final Declaration declaration;
  private final Part alone;
  private final Composite composite;
  private final AnnotationMirror compositeMirror;
  private final Map<Kind, AnnotationMirror> mirrors;
  private final boolean warningsSuppressed;
  private final Optim optimizer;

  /**
   * An optimizer as written: its family, its constant attributes typed ({@code spec}), the names it
   * uses ({@code momentum} and {@code clip} {@code null} when not given) and its annotation.
   */
  public record Optim(
      Spec.Family family,
      Spec spec,
      String lr,
      String momentum,
      String clip,
      AnnotationMirror mirror) {
    /** The annotation text, as {@code Optimizer.toString} prints it and parses it. */
    public String source() {
      return OptimText.format(spec, lr, momentum, clip);
    }
  }

  ScheduleMethod(
      ExecutableElement element,
      Form form,
      Declaration declaration,
      Part alone,
      Map<Kind, AnnotationMirror> mirrors,
      boolean warningsSuppressed) {
    this(element, form, declaration, alone, null, null, mirrors, warningsSuppressed, null);
  }

  /** A composite ({@code @Sequence}, {@code @Product}, {@code @CycleMomentum}, ...) alone. */
  ScheduleMethod(
      ExecutableElement element,
      Form form,
      Composite composite,
      AnnotationMirror compositeMirror,
      boolean warningsSuppressed) {
    this(element, form, null, null, composite, compositeMirror, Map.of(), warningsSuppressed, null);
  }

  /** An optimizer: one of {@code @SGD}, {@code @Adam}, ... alone. */
  ScheduleMethod(ExecutableElement element, Optim optimizer, boolean warningsSuppressed) {
    this(element, Form.OPTIMIZER, null, null, null, null, Map.of(), warningsSuppressed, optimizer);
  }

  private ScheduleMethod(
      ExecutableElement element,
      Form form,
      Declaration declaration,
      Part alone,
      Composite composite,
      AnnotationMirror compositeMirror,
      Map<Kind, AnnotationMirror> mirrors,
      boolean warningsSuppressed,
      Optim optimizer) {
    this.element = element;
    this.form = form;
    this.declaration = declaration;
    this.alone = alone;
    this.composite = composite;
    this.compositeMirror = compositeMirror;
    this.mirrors = Map.copyOf(mirrors);
    this.warningsSuppressed = warningsSuppressed;
    this.optimizer = optimizer;
  }

  /** The optimizer ({@link Form#OPTIMIZER}), else {@code null}. */
  public Optim optimizer() {
    return optimizer;
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

  /** The schedule's declaration ({@link Form#isSchedule() schedule forms}), else {@code null}. */
  public Declaration declaration() {
    return declaration;
  }

  /** The annotation of a method that is not a schedule (an early stopper, a clip), else null. */
  public Part alone() {
    return alone;
  }

  /** The composite ({@code @Sequence}, {@code @Repeat}, ...), else null. */
  public Composite composite() {
    return composite;
  }

  /** The composite's annotation, for diagnostics. */
  public AnnotationMirror compositeMirror() {
    return compositeMirror;
  }

  /** The declaration as annotation source, whatever the form. */
  public String source() {
    if (composite != null) {
      return composite.toSource();
    }
    if (optimizer != null) {
      return optimizer.source();
    }
    return declaration != null ? declaration.toSource() : alone.toSource();
  }

  /** The annotation of this kind on the method (a problem's {@code kind()}), or {@code null}. */
  public AnnotationMirror mirror(AnnotationKind kind) {
    return mirrors.get(kind);
  }

  /** Whether {@code @SuppressWarnings("anneal")} applies to this method. */
  public boolean warningsSuppressed() {
    return warningsSuppressed;
  }
}
