package dev.anneal.processor.internal;

import static dev.anneal.internal.Literals.count;

import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ElementKind;

/**
 * The texts of the processor's structural diagnostics: what a config may be, its name, the forms of
 * its methods, inherited methods, composites standing alone, controllers on the wrong method. One
 * method per diagnostic, named for the situation it reports; callers decide where it goes.
 *
 * <p>Structural diagnostics here; a kind's rules with the kind: the messages about attribute values
 * ({@code Rules}, the kind records, {@code PlateauRules}, {@code ClipRules}, the compose package)
 * live in the runtime, shared with the builder, next to the kind they check.
 */
public final class Messages {
  private Messages() {}

  // ---- the config type ----

  /** Reported when {@code @Schedule} is on a type that is neither an interface nor abstract. */
  public static String notAnAbstractType(CharSequence type, ElementKind kind) {
    return "@Schedule goes on an interface or an abstract class; " + type + " is " + describe(kind);
  }

  /** "a concrete class", "an enum", "a record", "an annotation type". */
  private static String describe(ElementKind kind) {
    switch (kind.name()) {
      case "CLASS":
        return "a concrete class";
      case "ENUM":
        return "an enum";
      case "ANNOTATION_TYPE":
        return "an annotation type";
      default:
        return "a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** Reported when the config type is private. */
  public static String privateType(CharSequence type) {
    return "@Schedule type "
        + type
        + " must not be private: the generated class implements it"
        + " from outside";
  }

  /** Reported when the config type is local or anonymous. */
  public static String localType(CharSequence type) {
    return "@Schedule type " + type + " must be top-level or a static nested type";
  }

  /** Reported when a type enclosing the config is private. */
  public static String nestedInPrivate(CharSequence type, CharSequence privateOwner) {
    return "@Schedule type "
        + type
        + " is nested in private "
        + privateOwner
        + ", so the generated class cannot see it";
  }

  /** Reported when the config is an inner (non-static) member class. */
  public static String innerClass(CharSequence type) {
    return "@Schedule type "
        + type
        + " must be static: "
        + type
        + " is an inner (non-static) class";
  }

  /** Reported when the config type declares type parameters. */
  public static String typeParameters(CharSequence type) {
    return "@Schedule type " + type + " must not declare type parameters";
  }

  /** Reported when an abstract config class has no constructor the generated subclass can call. */
  public static String noUsableConstructor(CharSequence type) {
    return "@Schedule class "
        + type
        + " needs a non-private constructor without parameters"
        + " (that throws no checked exception) for the generated subclass";
  }

  /** Reported when a sealed config does not permit the generated class. */
  public static String sealedWithoutGenerated(CharSequence type, String generatedName) {
    return "sealed @Schedule type "
        + type
        + " must permit the generated class "
        + generatedName
        + ": add "
        + generatedName
        + " to its permits clause, or make it non-sealed";
  }

  /** Reported on {@code @Schedule.totalSteps} when it is negative. */
  public static String negativeTotalSteps(long totalSteps) {
    return "@Schedule.totalSteps must be > 0 (or 0 for unchecked), was " + totalSteps;
  }

  // ---- @Schedule.name ----

  /** Reported on {@code @Schedule.name} when it is a restricted identifier such as {@code var}. */
  public static String nameRestricted(String name) {
    return "@Schedule.name must be a name a class can have, was \""
        + name
        + "\": var, yield,"
        + " record, sealed and permits are restricted identifiers that cannot name a type";
  }

  /** Reported on {@code @Schedule.name} when it is not a simple Java identifier. */
  public static String nameNotIdentifier(String name) {
    return "@Schedule.name must be a Java identifier (a simple class name), was \"" + name + "\"";
  }

  /** Reported on {@code @Schedule.name} when it is the name of a public type of dev.anneal. */
  public static String nameOfAnnealType(String name) {
    return "@Schedule.name must not be the name of a public type of dev.anneal: in the config's"
        + " package the generated class would hide it from `import dev.anneal.*`, was \""
        + name
        + "\"";
  }

  /** Reported on {@code @Schedule.name} when it is the name of the config's top-level type. */
  public static String nameOfTopLevelType(String name, boolean configIsTopLevel) {
    String whose = configIsTopLevel ? "the config" : "its top-level type";
    return "@Schedule.name must differ from the name of "
        + whose
        + ", which the generated class cannot replace,"
        + " was \""
        + name
        + "\"";
  }

  // ---- abstract methods, declared or inherited ----

  /** Reported when the same abstract method is inherited along two paths (a diamond). */
  public static String inheritedTwice(
      CharSequence method, CharSequence first, CharSequence second, CharSequence config) {
    return "abstract method "
        + method
        + "() is inherited from both "
        + first
        + " and "
        + second
        + "; redeclare it in "
        + config
        + " with its schedule annotations";
  }

  /** Reported when a schedule annotation is on a method with a body. */
  public static String annotatedConcreteMethod(String annotation, CharSequence method) {
    return "@"
        + annotation
        + " is on "
        + method
        + "(), which has a body; schedule methods are abstract and the processor implements them";
  }

  /**
   * Reported when the config inherits a package-private abstract method of a superclass in another
   * package.
   */
  public static String inaccessibleAbstractMethod(
      CharSequence config,
      String signature,
      CharSequence owner,
      CharSequence ownerPackage,
      CharSequence ownerSimpleName) {
    return config
        + " inherits package-private abstract method "
        + signature
        + " from "
        + owner
        + ", which the generated class cannot implement outside package "
        + ownerPackage
        + ": make it protected or public in "
        + ownerSimpleName
        + ", or implement it in a subclass in that package";
  }

  /** Reported when an abstract method declared in source has none of the schedule forms. */
  public static String notASchedule(String signature, boolean inherited, CharSequence methodName) {
    return (inherited ? "inherited " : "")
        + "abstract method "
        + signature
        + " is not a schedule: schedule methods are "
        + forms(methodName);
  }

  /** Reported on the config when a method inherited from a class file has no schedule form. */
  public static String inheritsNotASchedule(
      CharSequence config,
      String signature,
      CharSequence owner,
      CharSequence methodName,
      CharSequence ownerSimpleName) {
    return config
        + " inherits abstract method "
        + signature
        + " from "
        + owner
        + ", which is not a schedule: schedule methods are "
        + forms(methodName)
        + "; implement it in "
        + config
        + " or do not extend "
        + ownerSimpleName;
  }

  /** The five forms of a schedule method named {@code m}. */
  private static String forms(CharSequence m) {
    return "`double "
        + m
        + "(long step)`, `LrSchedule "
        + m
        + "()`, `PlateauSchedule "
        + m
        + "()`, `EarlyStopper "
        + m
        + "()`, `GradientClip "
        + m
        + "()` or `Optimizer "
        + m
        + "()`";
  }

  /**
   * Reported when a method has two body annotations ({@code body}) or two stand-alone ones; {@code
   * inheritedFrom} names the declaring type when the method is in a class file, else {@code null}.
   */
  public static String twoAnnotations(
      boolean body, String method, String first, String second, CharSequence inheritedFrom) {
    String message =
        (body ? "a schedule has exactly one body annotation" : "a method has at most one")
            + ", but "
            + method
            + " has @"
            + first
            + " and @"
            + second;
    return inheritedFrom == null ? message : message + " (inherited from " + inheritedFrom + ")";
  }

  /** Reported when a schedule method has no body annotation. */
  public static String noBody(String method, List<String> bodies) {
    return method + " declares no schedule: add one body annotation (" + annotations(bodies) + ")";
  }

  /** Reported on the config when a method inherited from a class file has no body annotation. */
  public static String inheritsNoBody(
      CharSequence config, String signature, CharSequence owner, List<String> bodies) {
    return config
        + " inherits abstract method "
        + signature
        + " from "
        + owner
        + ", which declares no schedule: redeclare it in "
        + config
        + " with one body annotation ("
        + annotations(bodies)
        + ")";
  }

  /** {@code "@Constant, @StepDecay, ... or @Sigmoid"} from the simple names. */
  private static String annotations(List<String> simpleNames) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < simpleNames.size(); i++) {
      if (i > 0) {
        sb.append(i == simpleNames.size() - 1 ? " or " : ", ");
      }
      sb.append('@').append(simpleNames.get(i));
    }
    return sb.toString();
  }

  // ---- controllers and stand-alone methods ----

  /** Reported when an annotation other than the method's own controller is on an alone method. */
  public static String notForAloneMethod(
      String annotation, String method, String returnType, boolean stopper) {
    return "@"
        + annotation
        + " does not apply to "
        + method
        + ", which returns "
        + returnType
        + " and is declared by "
        + aloneAnnotations(stopper)
        + " alone";
  }

  /** Reported when an {@code EarlyStopper} or {@code GradientClip} method lacks its annotation. */
  public static String aloneUndeclared(String method, String returnType, boolean stopper) {
    return method + " returns " + returnType + ": declare it with " + aloneAnnotations(stopper);
  }

  /** What declares an {@code EarlyStopper} ({@code stopper}) or a {@code GradientClip} method. */
  private static String aloneAnnotations(boolean stopper) {
    return stopper
        ? "@EarlyStopping(patience = ...)"
        : "@ClipNorm(max = ...), @ClipValue(max = ...) or @AdaptiveClip";
  }

  /** Reported when a stopper or clip annotation is on a schedule method. */
  public static String aloneOnSchedule(
      String annotation, boolean stopper, String method, String returnType) {
    return "@"
        + annotation
        + " needs a method returning "
        + (stopper ? "EarlyStopper" : "GradientClip")
        + ", but "
        + method
        + " returns "
        + returnType;
  }

  // ---- optimizers ----

  /** What declares an {@code Optimizer} method. */
  private static final String OPTIMIZER_ANNOTATIONS =
      "one of @SGD(lr = ...), @Adam(lr = ...), @AdamW(lr = ...), @RMSProp(lr = ...) or"
          + " @AdaGrad(lr = ...)";

  /** Reported when an {@code Optimizer} method has no optimizer annotation. */
  public static String optimizerUndeclared(String method, String returnType) {
    return method + " returns " + returnType + ": declare it with " + OPTIMIZER_ANNOTATIONS;
  }

  /** Reported when an optimizer annotation is on a method not returning {@code Optimizer}. */
  public static String optimizerNeedsOptimizer(
      String annotation, String method, String returnType) {
    return "@"
        + annotation
        + " needs a method returning Optimizer, but "
        + method
        + " returns "
        + returnType;
  }

  /** Reported when a schedule or composite annotation is on an {@code Optimizer} method. */
  public static String notForOptimizer(String annotation, String method, String returnType) {
    return "@"
        + annotation
        + " does not apply to "
        + method
        + ", which returns "
        + returnType
        + " and is declared by "
        + OPTIMIZER_ANNOTATIONS
        + " alone; declare the schedule on its own method and name it in lr";
  }

  /** Reported when an optimizer names a method whose name several methods share. */
  public static String optimizerNamesOverload(String attribute, String name, List<String> sigs) {
    return attribute
        + " names \""
        + name
        + "\", the name of "
        + sigs.size()
        + " methods ("
        + String.join(", ", sigs)
        + "): it must name exactly one method";
  }

  /** Reported when {@code @ReduceOnPlateau} is on a method not returning PlateauSchedule. */
  public static String plateauNeedsPlateauSchedule(String method, String returnType) {
    return "@ReduceOnPlateau needs a method returning PlateauSchedule (each instance owns"
        + " the controller's state), but "
        + method
        + " returns "
        + returnType;
  }

  /** Reported when a method returning PlateauSchedule has no {@code @ReduceOnPlateau}. */
  public static String plateauScheduleWithoutController(String method) {
    return method
        + " returns PlateauSchedule: add @ReduceOnPlateau (e.g. @ReduceOnPlateau("
        + "factor = 0.5, patience = 3)) beside its schedule";
  }

  // ---- clashes with java.lang.Object ----

  /**
   * Reported when a schedule method would override a final method of Object; {@code params} is
   * {@code "()"} or {@code "(long)"}, {@code inheritedFrom} the declaring type when not the config.
   */
  public static String overridesFinalObjectMethod(
      CharSequence method, String params, CharSequence inheritedFrom, CharSequence objectMethod) {
    return overridesObject(method, params, inheritedFrom, objectMethod)
        + ", which is final: rename it";
  }

  /** Reported when a schedule method would override an Object method of another return type. */
  public static String overridesObjectMethodReturning(
      CharSequence method,
      String params,
      CharSequence inheritedFrom,
      CharSequence objectMethod,
      String objectReturnType) {
    return overridesObject(method, params, inheritedFrom, objectMethod)
        + ", which returns "
        + objectReturnType
        + ": rename it";
  }

  /** Reported when a schedule method would override an Object method with less access. */
  public static String overridesObjectMethodWithLessAccess(
      CharSequence method,
      String params,
      CharSequence inheritedFrom,
      CharSequence objectMethod,
      boolean publicInObject) {
    return overridesObject(method, params, inheritedFrom, objectMethod)
        + ", which is "
        + (publicInObject ? "public" : "protected")
        + ": declare it public"
        + (publicInObject ? "" : " or protected")
        + ", or rename it";
  }

  private static String overridesObject(
      CharSequence method, String params, CharSequence inheritedFrom, CharSequence objectMethod) {
    return "schedule method "
        + method
        + params
        + (inheritedFrom == null ? "" : " (inherited from " + inheritedFrom + ")")
        + " would override java.lang.Object."
        + objectMethod
        + params;
  }

  // ---- composites ----

  /** Reported when a composite shares its method with another schedule or composite annotation. */
  public static String compositeNotAlone(String composite, String method, String other) {
    return "@"
        + composite
        + " stands alone on "
        + method
        + ": declare @"
        + other
        + " on a schedule of its own"
        + " and name it among the parts";
  }

  /** Reported when a composite is on a method that is neither {@code double(long)} nor object. */
  public static String compositeWrongForm(
      String signature, boolean inherited, CharSequence methodName) {
    return (inherited ? "inherited " : "")
        + "abstract method "
        + signature
        + " cannot be a composite schedule: composites are"
        + " `double "
        + methodName
        + "(long step)` or `LrSchedule "
        + methodName
        + "()`";
  }

  /**
   * What a method that cannot be a composite's part is, for the resolver's message: {@code "a
   * plateau method (dev.anneal.PlateauSchedule)"}.
   */
  public static String notAPart(String form, String returnType) {
    String f = form.toLowerCase(Locale.ROOT);
    return ("aeiou".indexOf(f.charAt(0)) >= 0 ? "an " : "a ") + f + " method (" + returnType + ")";
  }

  /** What an overloaded name is, when a composite names it as a part. */
  public static String overloadedPart(List<String> signatures) {
    return "the name of "
        + signatures.size()
        + " methods ("
        + String.join(", ", signatures)
        + "): a part must be named by exactly one method";
  }

  /** Reported on a composite whose own name is overloaded. */
  public static String overloadedComposite(String name, List<String> signatures) {
    return "a composite's name must refer to one method, but "
        + signatures.size()
        + " methods are named "
        + name
        + " ("
        + String.join(", ", signatures)
        + "): rename the others";
  }

  /** Reported when a composite ends at another step than {@code @Schedule.totalSteps}. */
  public static String compositeLengthMismatch(String composite, long length, long totalSteps) {
    return "@"
        + composite
        + " makes the schedule end at step "
        + count(length)
        + ", not at @Schedule(totalSteps = "
        + count(totalSteps)
        + ")";
  }

  // ---- framing ----

  /** A warning's text, telling how to suppress it. */
  public static String suppressible(String warning) {
    return warning + " [suppress with @SuppressWarnings(\"anneal\")]";
  }

  /** A diagnostic about a method of a class file, reported on the config that inherits it. */
  public static String inheritedMethod(CharSequence method, CharSequence owner, String text) {
    return method + "() inherited from " + owner + ": " + text;
  }

  /**
   * Reported when a schedule annotation is outside any {@code @Schedule} type or its supertypes.
   */
  public static String noEffect(String annotation, CharSequence method, CharSequence owner) {
    return "@"
        + annotation
        + " on "
        + method
        + "() has no effect: "
        + owner
        + " is not annotated @Schedule (nor a supertype of a @Schedule type)";
  }

  /** Reported when the generated class cannot be written: its name is taken. */
  public static String cannotWrite(CharSequence config, String reason) {
    return "cannot write the implementation of "
        + config
        + ": "
        + reason
        + "; another type already has that name (set a different @Schedule(name = ...))";
  }

  /** Reported when the processor itself fails on a config: a bug to report, with the trace. */
  /**
   * The one error for an internal failure: the config and the exception; the stack trace only when
   * {@code trace} is given (javac option {@code -Aanneal.trace=true}).
   */
  public static String internalError(String config, String exception, String trace) {
    return "anneal could not generate the implementation of "
        + config
        + ": "
        + exception
        + ". Please report this with the declaration"
        + (trace == null
            ? " (compile with -Aanneal.trace=true to add the processor's stack trace)."
            : "; stack trace:\n" + trace);
  }
}
