package dev.anneal.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Small config sources for compile tests, and the checks every compilation must pass. */
final class Sources {
  static final String PACKAGE = "test";
  static final String CONFIG = "Cfg";

  private Sources() {}

  /** {@code test.Cfg}: an {@code @Schedule interface Cfg} whose body is {@code lines}. */
  static JavaFileObject config(String... lines) {
    return configWith("@Schedule", lines);
  }

  /**
   * Like {@link #config}, with {@code scheduleAnnotation} (e.g. {@code @Schedule(totalSteps =
   * 100)}).
   */
  static JavaFileObject configWith(String scheduleAnnotation, String... lines) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "package " + PACKAGE + ";",
                "",
                "import dev.anneal.*;",
                "",
                scheduleAnnotation,
                "interface " + CONFIG + " {"));
    all.addAll(Arrays.asList(lines));
    all.add("}");
    return JavaFileObjects.forSourceLines(PACKAGE + "." + CONFIG, all);
  }

  /** {@code test.<simpleName>} from complete lines (package and imports included). */
  static JavaFileObject file(String simpleName, String... lines) {
    return JavaFileObjects.forSourceLines(PACKAGE + "." + simpleName, lines);
  }

  /**
   * Compiles with the processor. A processor exception surfaces from compile-testing as a thrown
   * {@link RuntimeException}; that fails the test here, as does any diagnostic that reads like a
   * crash (the processor's "could not generate" fallback or a stack trace).
   */
  static Compilation compile(JavaFileObject... sources) {
    Compilation c;
    try {
      c = Compiled.compile(sources);
    } catch (RuntimeException e) {
      throw new AssertionError("the processor threw instead of reporting a diagnostic", e);
    }
    assertNoCrash(c);
    return c;
  }

  /** No diagnostic reads like a crash of the processor. */
  static void assertNoCrash(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String m = d.getMessage(null);
      assertWithMessage("crash-like diagnostic:\n%s", Compiled.diagnostics(c))
          .that(m.contains("could not generate") || m.contains("Exception") || m.contains("\tat "))
          .isFalse();
    }
  }

  /** 1-based line number of the only line of {@code f} containing {@code fragment}. */
  static long line(JavaFileObject f, String fragment) {
    String[] lines = text(f).split("\n", -1);
    long found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment)) {
        if (found >= 0) {
          throw new IllegalArgumentException(
              "\"" + fragment + "\" is on more than one line of " + f.getName());
        }
        found = i + 1;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("\"" + fragment + "\" is on no line of " + f.getName());
    }
    return found;
  }

  /**
   * 1-based column of {@code caret} on the line containing {@code fragment}, searching from the
   * start of {@code fragment}.
   */
  static long column(JavaFileObject f, String fragment, String caret) {
    String text = text(f).split("\n", -1)[(int) line(f, fragment) - 1];
    int at = text.indexOf(caret, text.indexOf(fragment));
    if (at < 0) {
      throw new IllegalArgumentException("\"" + caret + "\" is not in \"" + text + "\"");
    }
    return at + 1;
  }

  static String text(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The generated source of {@code qualifiedName}, which must exist. */
  static String generated(Compilation c, String qualifiedName) {
    return text(
        c.generatedSourceFile(qualifiedName)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no generated " + qualifiedName + ":\n" + Compiled.diagnostics(c))));
  }
}
