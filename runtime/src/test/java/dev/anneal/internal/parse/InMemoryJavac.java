package dev.anneal.internal.parse;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** The JDK's own compiler, run in memory: the oracle JavaLexerTest compares the lexer with. */
final class InMemoryJavac {
  /** What one compilation produced: class bytes by binary name, and error diagnostics. */
  record Result(Map<String, byte[]> classes, List<Diagnostic<? extends JavaFileObject>> errors) {
    /** Errors of one source file, by its class name. */
    List<Diagnostic<? extends JavaFileObject>> errorsIn(String className) {
      List<Diagnostic<? extends JavaFileObject>> list = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : errors) {
        if (d.getSource() != null && d.getSource().getName().endsWith("/" + className + ".java")) {
          list.add(d);
        }
      }
      return list;
    }

    Class<?> load(String name) throws ClassNotFoundException {
      ClassLoader loader =
          new ClassLoader(InMemoryJavac.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
              byte[] b = classes.get(n);
              if (b == null) {
                throw new ClassNotFoundException(n);
              }
              return defineClass(n, b, 0, b.length);
            }
          };
      return loader.loadClass(name);
    }
  }

  private InMemoryJavac() {}

  /**
   * Compiles the sources (class name to source text, default package) in one javac run that keeps
   * attributing after syntax errors, so every file reports its own errors.
   */
  static Result compile(Map<String, String> sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run the tests on a JDK");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
    Map<String, ByteArrayOutputStream> out = new HashMap<>();
    ForwardingJavaFileManager<StandardJavaFileManager> files =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(
              Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
              @Override
              public OutputStream openOutputStream() {
                return out.computeIfAbsent(className, k -> new ByteArrayOutputStream());
              }
            };
          }
        };
    List<JavaFileObject> units = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      String code = e.getValue();
      units.add(
          new SimpleJavaFileObject(
              URI.create("mem:///" + e.getKey() + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return code;
            }
          });
    }
    List<String> options =
        List.of("-proc:none", "-XDshould-stop.ifError=FLOW", "-Xmaxerrs", "100000", "-nowarn");
    javac.getTask(null, files, diagnostics, options, null, units).call();
    List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d);
      }
    }
    Map<String, byte[]> classes = new HashMap<>();
    out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return new Result(classes, errors);
  }
}
