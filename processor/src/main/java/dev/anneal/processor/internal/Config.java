package dev.anneal.processor.internal;

import java.util.List;
import javax.lang.model.element.TypeElement;

/** A {@code @Schedule} type, read and structurally checked: what the generator needs. */
public final class Config {
  private final TypeElement type;
  private final String packageName;
  private final String generatedName;
  private final long totalSteps;
  private final boolean isInterface;
  private final List<ScheduleMethod> methods;
  private final List<String> unreadable;

  Config(
      TypeElement type,
      String packageName,
      String generatedName,
      long totalSteps,
      boolean isInterface,
      List<ScheduleMethod> methods,
      List<String> unreadable) {
    this.type = type;
    this.packageName = packageName;
    this.generatedName = generatedName;
    this.totalSteps = totalSteps;
    this.isInterface = isInterface;
    this.methods = List.copyOf(methods);
    this.unreadable = List.copyOf(unreadable);
  }

  public TypeElement type() {
    return type;
  }

  public String packageName() {
    return packageName;
  }

  /** Simple name of the class to generate. */
  public String generatedName() {
    return generatedName;
  }

  /** {@code @Schedule(totalSteps)}, or 0. */
  public long totalSteps() {
    return totalSteps;
  }

  public boolean isInterface() {
    return isInterface;
  }

  public List<ScheduleMethod> methods() {
    return methods;
  }

  /**
   * Names of abstract methods that could not be read (their errors are reported on them): a
   * composite that names one is told so, not that the name is unknown.
   */
  public List<String> unreadable() {
    return unreadable;
  }
}
