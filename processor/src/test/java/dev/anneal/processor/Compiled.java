package dev.anneal.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.LrSchedule;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;

/**
 * A config compiled in memory with the {@link ScheduleProcessor} and loaded: the generated class's
 * schedule methods as {@link LrSchedule}s, whatever form they are declared in.
 *
 * <pre>{@code
 * Compiled c = Compiled.of("pkg", "Cfg", "package pkg; import dev.anneal.*; @Schedule interface Cfg { ... }");
 * double v = c.schedule("lr").at(1000);
 * }</pre>
 *
 * <p>The compilation must succeed (warnings are allowed); otherwise {@link #of} throws an {@link
 * AssertionError} listing javac's diagnostics.
 */
public final class Compiled {
  private final Compilation compilation;
  private final ClassLoader loader;
  private final Class<?> config;
  private final Class<?> impl;
  private final Object instance;

  private Compiled(
      Compilation compilation,
      ClassLoader loader,
      Class<?> config,
      Class<?> impl,
      Object instance) {
    this.compilation = compilation;
    this.loader = loader;
    this.config = config;
    this.impl = impl;
    this.instance = instance;
  }

  /**
   * Compiles {@code source}, which declares the {@code @Schedule} type {@code
   * packageName.simpleName} (a top-level type; {@code packageName} may be empty for the default
   * package), and loads the generated class.
   */
  public static Compiled of(String packageName, String simpleName, String source) {
    String qualified = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    return of(qualified, JavaFileObjects.forSourceString(qualified, source));
  }

  /**
   * Compiles {@code source} and loads the generated class for the config with binary name {@code
   * configBinaryName} (e.g. {@code pkg.Outer$Inner}).
   */
  public static Compiled of(String configBinaryName, JavaFileObject source) {
    return of(configBinaryName, implName(configBinaryName), source);
  }

  /**
   * Compiles {@code sources} and loads {@code implBinaryName}, the class generated for the config
   * {@code configBinaryName} (for a config with {@code @Schedule(name = ...)}).
   */
  public static Compiled of(
      String configBinaryName, String implBinaryName, JavaFileObject... sources) {
    Compilation compilation = compile(sources);
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("compilation failed:\n" + diagnostics(compilation));
    }
    ClassLoader loader = classLoader(compilation);
    try {
      Class<?> config = Class.forName(configBinaryName, true, loader);
      Class<?> impl = Class.forName(implBinaryName, true, loader);
      if (!config.isAssignableFrom(impl)) {
        throw new AssertionError(impl + " does not implement " + config);
      }
      Object instance = impl.getConstructor().newInstance();
      return new Compiled(compilation, loader, config, impl, instance);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(
          "cannot load the generated class of "
              + configBinaryName
              + ":\n"
              + diagnostics(compilation),
          e);
    }
  }

  /** Compiles with the processor only; no assertion on the outcome. */
  public static Compilation compile(JavaFileObject... sources) {
    return javac().compile(sources);
  }

  /**
   * javac with the processor and, as class path, only the runtime (what a user's build has): much
   * faster than the whole test class path, which javac would index on every compilation.
   */
  public static Compiler javac() {
    // -Xmaxerrs: tests that put one error per method in a large config must see them all
    return Compiler.javac()
        .withProcessors(new ScheduleProcessor())
        .withClasspath(List.of(RUNTIME))
        .withOptions("-Xmaxerrs", "100000", "-Xmaxwarns", "100000");
  }

  /** The jar or directory that holds the runtime ({@code dev.anneal.*}). */
  private static final File RUNTIME = runtimeLocation();

  private static File runtimeLocation() {
    try {
      return new File(LrSchedule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every diagnostic, one per line, for failure messages. */
  public static String diagnostics(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(
            d ->
                d.getKind()
                    + " "
                    + (d.getSource() == null
                        ? ""
                        : d.getSource().getName()
                            + ":"
                            + d.getLineNumber()
                            + ":"
                            + d.getColumnNumber()
                            + " ")
                    + d.getMessage(null))
        .collect(Collectors.joining("\n"));
  }

  /**
   * {@code pkg.Outer$Inner} -> {@code pkg.Outer_InnerImpl}, as the processor names it by default.
   */
  static String implName(String configBinaryName) {
    int dot = configBinaryName.lastIndexOf('.');
    return configBinaryName.substring(0, dot + 1)
        + configBinaryName.substring(dot + 1).replace('$', '_')
        + "Impl";
  }

  /** A loader over every class file the compilation wrote, delegating to this test's class path. */
  static ClassLoader classLoader(Compilation compilation) {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      int root = path.indexOf("/CLASS_OUTPUT/");
      String name =
          path.substring(
                  root < 0 ? 1 : root + "/CLASS_OUTPUT/".length(),
                  path.length() - ".class".length())
              .replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new InMemoryClassLoader(classes, Compiled.class.getClassLoader());
  }

  /** The compilation, for assertions on diagnostics and generated sources. */
  public Compilation compilation() {
    return compilation;
  }

  public ClassLoader classLoader() {
    return loader;
  }

  /** The config type as compiled. */
  public Class<?> configClass() {
    return config;
  }

  /** The generated class. */
  public Class<?> implClass() {
    return impl;
  }

  /** The instance of the generated class that schedules are read from. */
  public Object instance() {
    return instance;
  }

  /**
   * The schedule of method {@code name}: the object itself for {@code LrSchedule name()}, a wrapper
   * calling the method for {@code double name(long step)} (its exceptions pass through unwrapped).
   * When a config declares both forms under one name, either may be returned.
   */
  public LrSchedule schedule(String name) {
    Method m = method(name);
    if (m.getParameterCount() == 0) {
      try {
        return (LrSchedule) m.invoke(instance);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
    MethodHandle h = handle(m);
    return new LrSchedule() {
      @Override
      public double at(long step) {
        try {
          return (double) h.invokeExact(step);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable e) {
          throw new AssertionError(e);
        }
      }

      @Override
      public String toString() {
        return impl.getSimpleName() + "." + name + "(long)";
      }
    };
  }

  /** {@link #schedule} as a plain function. */
  public LongToDoubleFunction function(String name) {
    LrSchedule s = schedule(name);
    return s::at;
  }

  /**
   * The names of the config's schedule methods (abstract methods of the config, in no particular
   * order).
   */
  public List<String> methodNames() {
    return java.util.Arrays.stream(impl.getMethods())
        .filter(m -> m.getDeclaringClass() == impl && !m.isSynthetic() && !m.isBridge())
        .map(Method::getName)
        .sorted()
        .collect(Collectors.toList());
  }

  private Method method(String name) {
    for (Method m : impl.getMethods()) {
      if (m.getName().equals(name)
          && m.getDeclaringClass() == impl
          && !m.isBridge()
          && Modifier.isPublic(m.getModifiers())
          && (m.getParameterCount() == 0
              || (m.getParameterCount() == 1 && m.getParameterTypes()[0] == long.class))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        impl.getName() + " has no schedule method " + name + "; it has " + methodNames());
  }

  private MethodHandle handle(Method m) {
    try {
      return MethodHandles.lookup()
          .unreflect(m)
          .bindTo(instance)
          .asType(MethodType.methodType(double.class, long.class));
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** Defines classes from bytes; parent first for everything else. */
  private static final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    InMemoryClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
      super(parent);
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
