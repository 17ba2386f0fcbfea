package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.anneal.processor.Sources.compile;
import static dev.anneal.processor.Sources.config;
import static dev.anneal.processor.Sources.file;
import static dev.anneal.processor.Sources.line;

import com.google.testing.compile.Compilation;
import dev.anneal.internal.Attr;
import dev.anneal.internal.kind.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the reading step does where no other test looks: a repeated modifier is javac's error alone,
 * every annotation that stands alone on its method (a stopper, a clip) is generated, and a
 * composite where nothing reads it is reported as the other families are.
 */
class ReadingTest {

  static Stream<Kind> modifiersAndControllers() {
    return Stream.of(Kind.values())
        .filter(k -> k.role() == Kind.Role.MODIFIER || k.role() == Kind.Role.CONTROLLER);
  }

  /**
   * Modifiers and controllers are not {@code @Repeatable}: javac reports a second one on the
   * method, and the processor adds nothing (no second error for the same mistake).
   */
  @ParameterizedTest
  @MethodSource("modifiersAndControllers")
  void aRepeatedModifierIsJavacsErrorAlone(Kind kind) {
    String annotation = "@" + kind.simpleName() + required(kind);
    String type = kind.role() == Kind.Role.CONTROLLER ? "PlateauSchedule" : "LrSchedule";
    JavaFileObject f =
        config(
            "  " + annotation,
            "  @Cosine(from = 0.1, steps = 100)",
            "  " + annotation + " // again",
            "  " + type + " lr();");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertWithMessage("errors:\n%s", Compiled.diagnostics(c)).that(c.errors()).hasSize(1);
    assertThat(c)
        .hadErrorContaining("not a repeatable annotation")
        .inFile(f)
        .onLine(line(f, "// again"));
  }

  static Stream<Kind> standingAlone() {
    return Stream.of(Kind.values())
        .filter(k -> k.role() == Kind.Role.STOPPER || k.role() == Kind.Role.CLIP);
  }

  /** Each stopper and clip kind has its factory call in the generated class. */
  @ParameterizedTest
  @MethodSource("standingAlone")
  void everyAnnotationThatStandsAloneIsGenerated(Kind kind) throws Exception {
    String type = kind.role() == Kind.Role.STOPPER ? "EarlyStopper" : "GradientClip";
    Compiled compiled =
        Compiled.of(
            "test.Cfg", config("  @" + kind.simpleName() + required(kind), "  " + type + " it();"));
    Object it = compiled.implClass().getMethod("it").invoke(compiled.instance());
    assertThat(it.getClass().getSimpleName()).isEqualTo(type);
    assertThat(it.toString()).startsWith("@" + kind.simpleName());
  }

  /** A composite on a method with a body would be ignored: reported as a body annotation is. */
  @Test
  void aCompositeOnAMethodWithABodyIsReported() {
    JavaFileObject f =
        config(
            "  @Constant(0.1)",
            "  double a(long step);",
            "  @Product(schedules = {\"a\", \"a\"})",
            "  default double lr(long step) {",
            "    return 0;",
            "  }");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertWithMessage("errors:\n%s", Compiled.diagnostics(c)).that(c.errors()).hasSize(1);
    assertThat(c)
        .hadErrorContaining(
            "@Product is on lr(), which has a body; schedule methods are abstract and the"
                + " processor implements them")
        .inFile(f)
        .onLine(line(f, "@Product"));
  }

  /** A composite outside a {@code @Schedule} type would be ignored: reported as a body is. */
  @Test
  void aCompositeOutsideAScheduleTypeIsReported() {
    JavaFileObject f =
        file(
            "Plain",
            "package test;",
            "import dev.anneal.*;",
            "interface Plain {",
            "  @Repeat(of = \"a\")",
            "  double lr(long step);",
            "}");
    Compilation c = compile(f);
    assertThat(c).failed();
    assertWithMessage("errors:\n%s", Compiled.diagnostics(c)).that(c.errors()).hasSize(1);
    assertThat(c)
        .hadErrorContaining("@Repeat on lr() has no effect: Plain is not annotated @Schedule")
        .inFile(f)
        .onLine(line(f, "double lr(long step);"));
  }

  /** The required attributes with a valid value each ({@code (max = 1.0)}), or nothing. */
  private static String required(Kind kind) {
    List<String> values = new ArrayList<>();
    for (Attr a : kind.attrs()) {
      if (a.isRequired()) {
        values.add(a.name() + " = " + value(a.type()));
      }
    }
    return values.isEmpty() ? "" : "(" + String.join(", ", values) + ")";
  }

  private static String value(Attr.Type type) {
    return switch (type) {
      case INT -> "3";
      case LONG -> "10";
      case DOUBLE -> "1.0";
      case BOOLEAN, DOUBLE_ARRAY, LONG_ARRAY, ENUM, STRING, STRING_ARRAY ->
          throw new AssertionError("no required " + type + " attribute to write: add its value");
    };
  }
}
