package dev.anneal.processor.internal;

import dev.anneal.internal.Attr;
import dev.anneal.internal.Declaration;
import dev.anneal.internal.Kind;
import dev.anneal.internal.Part;
import dev.anneal.internal.compose.Composite;
import dev.anneal.internal.compose.CompositeKind;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Step 1 of the pipeline: reads a {@code @Schedule} type into a {@link Config}, reporting what
 * makes it unusable as a config (its shape, its methods, their annotations). Attribute values are
 * read as written; whether they make sense is {@link Validator}'s job.
 */
public final class ConfigReader {
  private static final String SCHEDULE = "dev.anneal.Schedule";
  private static final String LR_SCHEDULE = "dev.anneal.LrSchedule";

  /** Restricted identifiers (JLS 3.9): legal as other names, but not as the name of a type. */
  private static final Set<String> RESTRICTED =
      Set.of("var", "yield", "record", "sealed", "permits");

  private final Elements elements;
  private final Types types;
  private final Reporter reporter;

  public ConfigReader(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
  }

  /**
   * The config with the methods that could be read, or {@code null} when it is no abstract type.
   * Reported errors (see {@link Reporter#errors}) mean: validate it, but generate nothing.
   */
  public Config read(TypeElement type) {
    AnnotationMirror schedule = mirror(type, SCHEDULE);
    if (!checkShape(type, schedule)) {
      return null; // not a type with methods to read (an enum, a record, an annotation type, a
      // class)
    }
    String generatedName = generatedName(type, schedule);
    checkSealed(type, schedule, generatedName);
    Object total = value(schedule, "totalSteps");
    long totalSteps = total instanceof Long ? (Long) total : 0;
    if (totalSteps < 0) {
      reporter.report(
          true, Messages.negativeTotalSteps(totalSteps), type, schedule, "totalSteps", -1);
    }
    checkInaccessibleAbstractMethods(type);
    List<ScheduleMethod> methods = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (ExecutableElement method : abstractMethods(type)) {
      ScheduleMethod m = readMethod(type, method);
      if (m != null) {
        methods.add(m);
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
        methods,
        unreadable);
  }

  /**
   * Reports what keeps {@code type} from being a config; {@code false} when it is not even an
   * abstract type.
   */
  private boolean checkShape(TypeElement type, AnnotationMirror schedule) {
    ElementKind kind = type.getKind();
    boolean abstractClass =
        kind == ElementKind.CLASS && type.getModifiers().contains(Modifier.ABSTRACT);
    if (kind != ElementKind.INTERFACE && !abstractClass) {
      reporter.error(Messages.notAnAbstractType(type.getSimpleName(), kind), type, schedule);
      return false;
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(Messages.privateType(type.getSimpleName()), type, schedule);
    }
    if (type.getNestingKind() == NestingKind.LOCAL
        || type.getNestingKind() == NestingKind.ANONYMOUS) {
      reporter.error(Messages.localType(type.getSimpleName()), type, schedule);
    }
    for (Element e = type.getEnclosingElement();
        e.getKind() != ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        reporter.error(
            Messages.nestedInPrivate(type.getSimpleName(), e.getSimpleName()), type, schedule);
        break;
      }
    }
    // Only the config itself must be static: the generated class names it (Outer.Inner.Cfg), which
    // an inner class on the way does not prevent. Member interfaces, records and enums are
    // implicitly static (also in inner classes, since Java 16); a member class is static only when
    // declared so or when it is a member of an interface.
    if (kind == ElementKind.CLASS
        && type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)
        && type.getEnclosingElement().getKind().isClass()) {
      reporter.error(Messages.innerClass(type.getSimpleName()), type, schedule);
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(Messages.typeParameters(type.getSimpleName()), type, schedule);
    }
    if (abstractClass && !hasAccessibleNoArgConstructor(type)) {
      reporter.error(Messages.noUsableConstructor(type.getSimpleName()), type, schedule);
    }
    return true;
  }

  /** A constructor the generated subclass's implicit {@code super()} can call without a try. */
  private boolean hasAccessibleNoArgConstructor(TypeElement type) {
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getParameters().isEmpty()
          && !c.getModifiers().contains(Modifier.PRIVATE)
          && throwsNoCheckedException(c)) {
        return true;
      }
    }
    return false;
  }

  private boolean throwsNoCheckedException(ExecutableElement c) {
    TypeElement runtime = elements.getTypeElement("java.lang.RuntimeException");
    TypeElement error = elements.getTypeElement("java.lang.Error");
    for (TypeMirror t : c.getThrownTypes()) {
      if (!types.isSubtype(t, runtime.asType()) && !types.isSubtype(t, error.asType())) {
        return false;
      }
    }
    return true;
  }

  private String generatedName(TypeElement type, AnnotationMirror schedule) {
    Object name = value(schedule, "name");
    if (name instanceof String && !((String) name).isEmpty()) {
      String n = (String) name;
      if (RESTRICTED.contains(n)) {
        reporter.report(true, Messages.nameRestricted(n), type, schedule, "name", -1);
      } else if (!SourceVersion.isName(n) || n.contains(".")) {
        reporter.report(true, Messages.nameNotIdentifier(n), type, schedule, "name", -1);
      } else if (isAnnealType(n)) {
        reporter.report(true, Messages.nameOfAnnealType(n), type, schedule, "name", -1);
      } else if (n.equals(outermost(type).getSimpleName().toString())) {
        reporter.report(
            true,
            Messages.nameOfTopLevelType(n, outermost(type) == type),
            type,
            schedule,
            "name",
            -1);
      }
      return n;
    }
    StringBuilder sb = new StringBuilder();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      sb.insert(0, sb.length() == 0 ? e.getSimpleName() : e.getSimpleName() + "_");
    }
    return sb.append("Impl").toString();
  }

  /** Whether {@code name} is the simple name of a public type of {@code dev.anneal}. */
  private boolean isAnnealType(String name) {
    PackageElement anneal = elements.getPackageElement("dev.anneal");
    if (anneal == null) {
      return false;
    }
    for (Element e : anneal.getEnclosedElements()) {
      if (e.getModifiers().contains(Modifier.PUBLIC) && e.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }

  private static TypeElement outermost(TypeElement type) {
    TypeElement t = type;
    while (t.getEnclosingElement() instanceof TypeElement) {
      t = (TypeElement) t.getEnclosingElement();
    }
    return t;
  }

  /** Abstract methods the generated class must implement, declared or inherited. */
  private List<ExecutableElement> abstractMethods(TypeElement type) {
    List<ExecutableElement> result = new ArrayList<>();
    Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      if (m.getEnclosingElement().getKind().isInterface() && overridesObject(m, type, object)) {
        continue; // an interface re-declaring toString(): Object's implementation satisfies it
      }
      // The same method inherited along two paths (a diamond) would be implemented twice.
      String key = m.getSimpleName() + types.erasure(m.asType()).toString();
      ExecutableElement other = bySignature.putIfAbsent(key, m);
      if (other != null) {
        reporter.error(
            Messages.inheritedTwice(
                m.getSimpleName(),
                other.getEnclosingElement().getSimpleName(),
                m.getEnclosingElement().getSimpleName(),
                type.getSimpleName()),
            type);
        continue;
      }
      result.add(m);
    }
    // Annotated methods that are not abstract are mistakes too.
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
        for (AnnotationMirror a : m.getAnnotationMirrors()) {
          Kind kind = kindOf(a);
          Spec.Family family = optimizerOf(a);
          if (kind != null || family != null) {
            String simple = kind != null ? kind.simpleName() : family.simpleName();
            reporter.error(Messages.annotatedConcreteMethod(simple, m.getSimpleName()), m, a);
          }
        }
      }
    }
    return result;
  }

  /**
   * Whether {@code m} re-declares a public, non-final method of {@code Object} compatibly, so that
   * {@code Object}'s implementation satisfies it (an interface's {@code String toString();}). A
   * re-declaration with another return type is not: {@link #objectClash} reports it.
   */
  private boolean overridesObject(ExecutableElement m, TypeElement type, TypeElement object) {
    for (ExecutableElement o : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (o.getModifiers().contains(Modifier.PUBLIC)
          && !o.getModifiers().contains(Modifier.FINAL)
          && o.getSimpleName().equals(m.getSimpleName())
          && sameErasedParameters(o, m)
          && returnCompatible(o.getReturnType(), m.getReturnType())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a method returning {@code sub} can override one returning {@code sup}. */
  private boolean returnCompatible(TypeMirror sub, TypeMirror sup) {
    if (sup.getKind().isPrimitive() || sup.getKind() == TypeKind.VOID) {
      return sub.getKind() == sup.getKind();
    }
    return sub.getKind() == TypeKind.DECLARED
        && types.isSubtype(types.erasure(sub), types.erasure(sup));
  }

  /**
   * Package-private abstract methods of superclasses in other packages: no class outside their
   * package can implement them, and they are not members of the config, so {@link
   * Elements#getAllMembers} does not list them.
   */
  private void checkInaccessibleAbstractMethods(TypeElement config) {
    List<TypeElement> chain = new ArrayList<>();
    for (TypeMirror s = config.getSuperclass(); s.getKind() == TypeKind.DECLARED; ) {
      TypeElement superclass = (TypeElement) types.asElement(s);
      chain.add(superclass);
      s = superclass.getSuperclass();
    }
    for (int i = 0; i < chain.size(); i++) {
      TypeElement owner = chain.get(i);
      if (packageOf(owner).equals(packageOf(config))) {
        continue;
      }
      for (ExecutableElement m : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (m.getModifiers().contains(Modifier.ABSTRACT)
            && !isPublicOrProtected(m)
            && !m.getModifiers().contains(Modifier.PRIVATE)
            && !redeclaredInPackage(m, owner, chain.subList(0, i))) {
          reporter.error(
              Messages.inaccessibleAbstractMethod(
                  config.getSimpleName(),
                  shortSignature(m),
                  owner.getQualifiedName(),
                  packageOf(owner).getQualifiedName(),
                  owner.getSimpleName()),
              config);
        }
      }
    }
  }

  /** Whether a class of {@code lower} in {@code owner}'s package re-declares {@code m}. */
  private boolean redeclaredInPackage(
      ExecutableElement m, TypeElement owner, List<TypeElement> lower) {
    for (TypeElement c : lower) {
      if (!packageOf(c).equals(packageOf(owner))) {
        continue;
      }
      for (ExecutableElement x : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (x.getSimpleName().equals(m.getSimpleName()) && sameErasedParameters(x, m)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code double lr(long)}: without parameter names (a class file has none) or throws clause. */
  private static String shortSignature(ExecutableElement m) {
    StringBuilder sb =
        new StringBuilder()
            .append(m.getReturnType())
            .append(' ')
            .append(m.getSimpleName())
            .append('(');
    String sep = "";
    for (VariableElement p : m.getParameters()) {
      sb.append(sep).append(p.asType());
      sep = ", ";
    }
    return sb.append(')').toString();
  }

  private ScheduleMethod readMethod(TypeElement config, ExecutableElement method) {
    String name = method.getSimpleName() + "()";
    ScheduleMethod.Form form = form(method);
    Spec.Family family = null;
    AnnotationMirror optimizer = null;
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Spec.Family f = optimizerOf(a);
      if (f == null) {
        continue;
      }
      if (family != null) {
        reportOn(
            config,
            method,
            a,
            Messages.twoAnnotations(
                false, name, family.simpleName(), f.simpleName(), inheritedFrom(config, method)));
        return null;
      }
      family = f;
      optimizer = a;
    }
    if (form != null && (family != null || form == ScheduleMethod.Form.OPTIMIZER)) {
      return readOptimizer(config, method, name, form, family, optimizer);
    }
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      CompositeKind composite = compositeKindOf(a);
      if (composite != null) {
        return readComposite(config, method, name, form, composite, a);
      }
    }
    Map<Kind, AnnotationMirror> mirrors = new EnumMap<>(Kind.class);
    Part body = null;
    Part[] modifiers = new Part[4];
    Part alone = null;
    boolean readable = true;
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    boolean located = reporter.inSource(method);
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Kind kind = kindOf(a);
      if (kind == null) {
        continue;
      }
      boolean standsAlone = kind.role() == Kind.Role.STOPPER || kind.role() == Kind.Role.CLIP;
      if ((kind.isBody() && body != null) || (standsAlone && alone != null)) {
        Part first = kind.isBody() ? body : alone;
        String firstName = first.kind().simpleName();
        if (located) {
          reporter.error(
              Messages.twoAnnotations(kind.isBody(), name, firstName, kind.simpleName(), null),
              method,
              a);
        } else {
          reporter.error(
              Messages.twoAnnotations(
                  kind.isBody(), name, firstName, kind.simpleName(), owner.getQualifiedName()),
              config);
        }
        readable = false;
        continue;
      }
      mirrors.put(kind, a);
      Part part = readPart(kind, a);
      if (part == null) {
        readable = false; // javac reports the malformed annotation itself
        continue;
      }
      if (kind.isBody()) {
        body = part;
      } else if (standsAlone) {
        alone = part;
      } else {
        modifiers[modifierSlot(kind)] = part;
      }
    }
    if (form == null) {
      if (located) {
        reporter.error(
            Messages.notASchedule(signature(method), !owner.equals(config), method.getSimpleName()),
            method);
      } else {
        reporter.error(
            Messages.inheritsNotASchedule(
                config.getSimpleName(),
                shortSignature(method),
                owner.getQualifiedName(),
                method.getSimpleName(),
                owner.getSimpleName()),
            config);
      }
      return null;
    }
    if (!readable) {
      return null;
    }
    if (!form.isSchedule()) {
      return readAlone(method, name, form, body, modifiers, alone, mirrors);
    }
    if (alone != null) {
      reporter.error(
          Messages.aloneOnSchedule(
              alone.kind().simpleName(),
              alone.kind().role() == Kind.Role.STOPPER,
              name,
              method.getReturnType().toString()),
          method,
          mirrors.get(alone.kind()));
      return null;
    }
    Part plateau = modifiers[3];
    if (plateau != null && form != ScheduleMethod.Form.PLATEAU) {
      reporter.error(
          Messages.plateauNeedsPlateauSchedule(name, method.getReturnType().toString()),
          method,
          mirrors.get(Kind.REDUCE_ON_PLATEAU));
      return null;
    }
    if (plateau == null && form == ScheduleMethod.Form.PLATEAU) {
      reporter.error(Messages.plateauScheduleWithoutController(name), method);
      return null;
    }
    if (body == null) {
      if (located) {
        reporter.error(Messages.noBody(name, bodyNames()), method);
      } else {
        reporter.error(
            Messages.inheritsNoBody(
                config.getSimpleName(),
                shortSignature(method),
                owner.getQualifiedName(),
                bodyNames()),
            config);
      }
      return null;
    }
    String clash = objectClash(config, method);
    if (clash != null) {
      reporter.error(clash, located ? method : config);
      return null;
    }
    Declaration declaration =
        new Declaration(body, modifiers[0], modifiers[1], modifiers[2], modifiers[3]);
    return new ScheduleMethod(method, form, declaration, null, mirrors, suppressed(method));
  }

  /**
   * An {@code Optimizer} method: exactly one of {@code @SGD}, {@code @Adam}, {@code @AdamW},
   * {@code @RMSProp}, {@code @AdaGrad}, alone; its attributes typed by the family's attribute
   * model.
   */
  private ScheduleMethod readOptimizer(
      TypeElement config,
      ExecutableElement method,
      String name,
      ScheduleMethod.Form form,
      Spec.Family family,
      AnnotationMirror mirror) {
    String returnType = method.getReturnType().toString();
    if (family == null) {
      reportOn(config, method, null, Messages.optimizerUndeclared(name, returnType));
      return null;
    }
    if (form != ScheduleMethod.Form.OPTIMIZER) {
      reportOn(
          config,
          method,
          mirror,
          Messages.optimizerNeedsOptimizer(family.simpleName(), name, returnType));
      return null;
    }
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Kind other = kindOf(a);
      CompositeKind composite = compositeKindOf(a);
      if (other != null || composite != null) {
        String simple = other != null ? other.simpleName() : composite.simpleName();
        reportOn(config, method, a, Messages.notForOptimizer(simple, name, returnType));
        return null;
      }
    }
    String clash = objectClash(config, method);
    if (clash != null) {
      reportOn(config, method, null, clash);
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(e.getKey().getSimpleName().toString(), e.getValue().getValue());
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    for (Attr a : family.attrs()) {
      Object v = convert(a, values.get(a.name()));
      if (v == null) {
        return null; // javac reports the malformed or missing value itself
      }
      typed.put(a.name(), v);
    }
    String schedule = OptimText.scheduleAttribute(family);
    ScheduleMethod.Optim optim =
        new ScheduleMethod.Optim(
            family,
            OptimText.spec(family, typed),
            (String) typed.get("lr"),
            schedule == null ? null : emptyToNull((String) typed.get(schedule)),
            emptyToNull((String) typed.get("clip")),
            mirror);
    return new ScheduleMethod(method, optim, suppressed(method));
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s; // the annotation's "none"
  }

  /** The declaring type's name when {@code method} is inherited from a class file, else null. */
  private Name inheritedFrom(TypeElement config, ExecutableElement method) {
    return reporter.inSource(method)
        ? null
        : ((TypeElement) method.getEnclosingElement()).getQualifiedName();
  }

  /** An error on {@code mirror} of {@code method}, or on the config when it has no source. */
  private void reportOn(
      TypeElement config, ExecutableElement method, AnnotationMirror mirror, String message) {
    if (!reporter.inSource(method)) {
      reporter.error(message, config);
    } else if (mirror != null) {
      reporter.error(message, method, mirror);
    } else {
      reporter.error(message, method);
    }
  }

  static Spec.Family optimizerOf(AnnotationMirror a) {
    Element e = a.getAnnotationType().asElement();
    return e instanceof TypeElement
        ? Spec.Family.ofQualifiedName(((TypeElement) e).getQualifiedName().toString())
        : null;
  }

  /**
   * A composite method: {@code @Sequence}, {@code @Product} or {@code @CycleMomentum}, alone (its
   * parts carry their own modifiers), on a {@code double name(long)} or {@code LrSchedule name()}.
   */
  private ScheduleMethod readComposite(
      TypeElement config,
      ExecutableElement method,
      String name,
      ScheduleMethod.Form form,
      CompositeKind kind,
      AnnotationMirror mirror) {
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      Kind other = kindOf(a);
      CompositeKind second = compositeKindOf(a);
      if (other != null || (second != null && a != mirror)) {
        reporter.error(
            Messages.compositeNotAlone(
                kind.simpleName(), name, other != null ? other.simpleName() : second.simpleName()),
            method,
            a);
        return null;
      }
    }
    if (form != ScheduleMethod.Form.VALUE && form != ScheduleMethod.Form.OBJECT) {
      reporter.error(
          Messages.compositeWrongForm(
              signature(method),
              !method.getEnclosingElement().equals(config),
              method.getSimpleName()),
          method,
          mirror);
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      values.put(e.getKey().getSimpleName().toString(), e.getValue().getValue());
    }
    Map<String, Object> typed = new LinkedHashMap<>();
    for (Attr a : kind.attrs()) {
      Object v = convert(a, values.get(a.name()));
      if (v == null) {
        return null; // javac reports the malformed annotation itself
      }
      typed.put(a.name(), v);
    }
    Composite composite = kind.build(typed);
    return new ScheduleMethod(method, form, composite, mirror, suppressed(method));
  }

  static CompositeKind compositeKindOf(AnnotationMirror a) {
    Element e = a.getAnnotationType().asElement();
    return e instanceof TypeElement
        ? CompositeKind.ofQualifiedName(((TypeElement) e).getQualifiedName().toString())
        : null;
  }

  /** An {@code EarlyStopper} or {@code GradientClip} method: exactly its one annotation. */
  private ScheduleMethod readAlone(
      ExecutableElement method,
      String name,
      ScheduleMethod.Form form,
      Part body,
      Part[] modifiers,
      Part alone,
      Map<Kind, AnnotationMirror> mirrors) {
    Kind.Role role = form == ScheduleMethod.Form.STOPPER ? Kind.Role.STOPPER : Kind.Role.CLIP;
    boolean stopper = role == Kind.Role.STOPPER;
    String returnType = method.getReturnType().toString();
    for (Map.Entry<Kind, AnnotationMirror> e : mirrors.entrySet()) {
      if (e.getKey().role() != role) {
        reporter.error(
            Messages.notForAloneMethod(e.getKey().simpleName(), name, returnType, stopper),
            method,
            e.getValue());
        return null;
      }
    }
    if (alone == null) {
      reporter.error(Messages.aloneUndeclared(name, returnType, stopper), method);
      return null;
    }
    return new ScheduleMethod(method, form, null, alone, mirrors, suppressed(method));
  }

  /**
   * Why the generated class cannot implement {@code method} because of the {@code Object} method
   * with the same signature (final, another return type, more access), or {@code null}.
   */
  private String objectClash(TypeElement config, ExecutableElement method) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement o : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (o.getModifiers().contains(Modifier.PRIVATE)
          || o.getModifiers().contains(Modifier.STATIC)
          || !o.getSimpleName().equals(method.getSimpleName())
          || !sameErasedParameters(o, method)) {
        continue;
      }
      TypeElement owner = (TypeElement) method.getEnclosingElement();
      String arg = method.getParameters().isEmpty() ? "()" : "(long)";
      Name inheritedFrom = owner.equals(config) ? null : owner.getQualifiedName();
      Name name = method.getSimpleName();
      if (o.getModifiers().contains(Modifier.FINAL)) {
        return Messages.overridesFinalObjectMethod(name, arg, inheritedFrom, o.getSimpleName());
      }
      if (!returnCompatible(method.getReturnType(), o.getReturnType())) {
        return Messages.overridesObjectMethodReturning(
            name, arg, inheritedFrom, o.getSimpleName(), o.getReturnType().toString());
      }
      boolean publicInObject = o.getModifiers().contains(Modifier.PUBLIC);
      if (!method.getModifiers().contains(Modifier.PUBLIC)
          && (publicInObject || !method.getModifiers().contains(Modifier.PROTECTED))) {
        return Messages.overridesObjectMethodWithLessAccess(
            name, arg, inheritedFrom, o.getSimpleName(), publicInObject);
      }
    }
    return null;
  }

  private boolean sameErasedParameters(ExecutableElement a, ExecutableElement b) {
    if (a.getParameters().size() != b.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < a.getParameters().size(); i++) {
      TypeMirror x = types.erasure(a.getParameters().get(i).asType());
      if (!types.isSameType(x, types.erasure(b.getParameters().get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPublicOrProtected(ExecutableElement m) {
    return m.getModifiers().contains(Modifier.PUBLIC)
        || m.getModifiers().contains(Modifier.PROTECTED)
        || m.getEnclosingElement().getKind().isInterface();
  }

  private PackageElement packageOf(Element e) {
    return elements.getPackageOf(e);
  }

  /**
   * A sealed config must permit the generated class by name; then it is a legal permitted subtype
   * (final, same package), so it is generated as usual.
   */
  private void checkSealed(TypeElement type, AnnotationMirror schedule, String generatedName) {
    if (!type.getModifiers().contains(Modifier.SEALED)) {
      return;
    }
    String pkg = packageOf(type).getQualifiedName().toString();
    String qualified = pkg.isEmpty() ? generatedName : pkg + "." + generatedName;
    for (TypeMirror permitted : type.getPermittedSubclasses()) {
      Element e = types.asElement(permitted);
      String name =
          e instanceof TypeElement && permitted.getKind() == TypeKind.DECLARED
              ? ((TypeElement) e).getQualifiedName().toString()
              : permitted.toString(); // not generated yet: javac keeps the name as written
      if (name.equals(qualified) || name.equals(generatedName)) {
        return;
      }
    }
    reporter.error(
        Messages.sealedWithoutGenerated(type.getSimpleName(), generatedName), type, schedule);
  }

  /** The simple names of the body annotations, in declaration order. */
  private static List<String> bodyNames() {
    List<String> names = new ArrayList<>();
    for (Kind k : Kind.values()) {
      if (k.isBody()) {
        names.add(k.simpleName());
      }
    }
    return names;
  }

  /** Where a modifier goes in {@code new Declaration(body, warmup, cooldown, restarts)}. */
  private static int modifierSlot(Kind kind) {
    switch (kind) {
      case WARMUP:
        return 0;
      case COOLDOWN:
        return 1;
      case RESTARTS:
        return 2;
      case REDUCE_ON_PLATEAU:
        return 3;
      default:
        throw new AssertionError(kind);
    }
  }

  private ScheduleMethod.Form form(ExecutableElement m) {
    if (!m.getTypeParameters().isEmpty() || !m.getThrownTypes().isEmpty()) {
      return null;
    }
    TypeMirror ret = m.getReturnType();
    if (ret.getKind() == TypeKind.DOUBLE
        && m.getParameters().size() == 1
        && m.getParameters().get(0).asType().getKind() == TypeKind.LONG) {
      return ScheduleMethod.Form.VALUE;
    }
    if (m.getParameters().isEmpty() && ret.getKind() == TypeKind.DECLARED) {
      TypeElement r = (TypeElement) types.asElement(ret);
      if (r.getQualifiedName().contentEquals(LR_SCHEDULE)) {
        return ScheduleMethod.Form.OBJECT;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.PlateauSchedule")) {
        return ScheduleMethod.Form.PLATEAU;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.EarlyStopper")) {
        return ScheduleMethod.Form.STOPPER;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.GradientClip")) {
        return ScheduleMethod.Form.CLIP;
      }
      if (r.getQualifiedName().contentEquals("dev.anneal.Optimizer")) {
        return ScheduleMethod.Form.OPTIMIZER;
      }
    }
    return null;
  }

  private static String signature(ExecutableElement m) {
    StringBuilder sb = new StringBuilder();
    if (!m.getTypeParameters().isEmpty()) {
      sb.append('<');
      String sep = "";
      for (Element t : m.getTypeParameters()) {
        sb.append(sep).append(t.getSimpleName());
        sep = ", ";
      }
      sb.append("> ");
    }
    sb.append(m.getReturnType()).append(' ').append(m.getSimpleName()).append('(');
    String sep = "";
    for (VariableElement p : m.getParameters()) {
      sb.append(sep).append(p.asType()).append(' ').append(p.getSimpleName());
      sep = ", ";
    }
    sb.append(')');
    sep = " throws ";
    for (TypeMirror t : m.getThrownTypes()) {
      sb.append(sep).append(t);
      sep = ", ";
    }
    return sb.toString();
  }

  /**
   * All attribute values (with defaults) as the model's Java types, or {@code null} if one is
   * broken.
   */
  private Part readPart(Kind kind, AnnotationMirror mirror) {
    Map<String, Object> given = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      String name = e.getKey().getSimpleName().toString();
      Attr attr = kind.attr(name);
      if (attr == null) {
        return null;
      }
      Object v = convert(attr, e.getValue().getValue());
      if (v == null) {
        return null;
      }
      given.put(name, v);
    }
    for (Attr a : kind.attrs()) {
      if (a.isRequired() && !given.containsKey(a.name())) {
        return null; // javac: "annotation @X is missing a default value for the element 'y'"
      }
    }
    try {
      return Part.of(kind, given);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An annotation value as the model's Java type, or {@code null} for a broken value. */
  private static Object convert(Attr attr, Object v) {
    switch (attr.type()) {
      case DOUBLE:
        return v instanceof Number ? ((Number) v).doubleValue() : null;
      case LONG:
        return v instanceof Number ? ((Number) v).longValue() : null;
      case INT:
        return v instanceof Integer ? v : null;
      case BOOLEAN:
        return v instanceof Boolean ? v : null;
      case DOUBLE_ARRAY:
      case LONG_ARRAY:
        {
          if (!(v instanceof List)) {
            return null;
          }
          List<?> list = (List<?>) v;
          double[] ds = new double[list.size()];
          long[] ls = new long[list.size()];
          for (int i = 0; i < list.size(); i++) {
            Object x =
                list.get(i) instanceof AnnotationValue
                    ? ((AnnotationValue) list.get(i)).getValue()
                    : null;
            if (!(x instanceof Number)) {
              return null;
            }
            ds[i] = ((Number) x).doubleValue();
            ls[i] = ((Number) x).longValue();
          }
          return attr.type() == Attr.Type.DOUBLE_ARRAY ? ds : ls;
        }
      case STRING:
        return v instanceof String ? v : null;
      case STRING_ARRAY:
        {
          if (!(v instanceof List)) {
            return null;
          }
          List<String> names = new ArrayList<>();
          for (Object x : (List<?>) v) {
            if (!(x instanceof AnnotationValue)
                || !(((AnnotationValue) x).getValue() instanceof String)) {
              return null;
            }
            names.add((String) ((AnnotationValue) x).getValue());
          }
          return names;
        }
      case ENUM:
        if (!(v instanceof VariableElement)) {
          return null;
        }
        String constant = ((VariableElement) v).getSimpleName().toString();
        for (Enum<?> c : attr.enumType().getEnumConstants()) {
          if (c.name().equals(constant)) {
            return c;
          }
        }
        return null;
      default:
        return null;
    }
  }

  private boolean suppressed(Element e) {
    for (; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null) {
        for (String v : s.value()) {
          if (v.equals("anneal") || v.equals("all")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static Kind kindOf(AnnotationMirror a) {
    Element e = a.getAnnotationType().asElement();
    return e instanceof TypeElement
        ? Kind.ofQualifiedName(((TypeElement) e).getQualifiedName().toString())
        : null;
  }

  private static AnnotationMirror mirror(Element e, String annotation) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      Element t = a.getAnnotationType().asElement();
      if (t instanceof TypeElement
          && ((TypeElement) t).getQualifiedName().contentEquals(annotation)) {
        return a;
      }
    }
    return null;
  }

  private Object value(AnnotationMirror mirror, String attribute) {
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue().getValue();
      }
    }
    return null;
  }
}
