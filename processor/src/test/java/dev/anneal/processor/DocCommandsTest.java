package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * What the docs say about warnings: {@code mvn -q} hides them, {@code -Werror} makes them errors.
 */
class DocCommandsTest {

  private static final Path ROOT = Path.of("..");

  /** Every documented {@code mvn ... -q} command says, on its line, that -q hides warnings. */
  @Test
  void everyQuietCommandSaysThatItHidesWarnings() throws IOException {
    List<String> silent = new ArrayList<>();
    int quiet = 0;
    for (String doc : List.of("README.md", "BENCHMARKS.md", "docs/REFERENCE.md")) {
      List<String> lines = Files.readAllLines(ROOT.resolve(doc), StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        // prose about the flag itself (`mvn -q`) is not a command
        String line = lines.get(i).replace("`mvn -q`", "");
        if (line.matches(".*\\bmvn\\b.* -q\\b.*") || line.matches(".*\\bmvn -q\\b.*")) {
          quiet++;
          if (!line.matches(".*(-q: errors only|-q` hides|-q hides).*")) {
            silent.add(doc + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertTrue(quiet >= 4, "documented -q commands: " + quiet);
    assertEquals(List.of(), silent);
  }

  /** javac's -Werror, as the README recommends, turns anneal's warnings into a failed build. */
  @Test
  void werrorMakesAnnealsWarningsFailTheBuild() {
    String source =
        "package w;\n"
            + "import dev.anneal.*;\n"
            + "@Schedule\n"
            + "interface Cfg {\n"
            + "  @Cosine(from = 0.1, to = 0.2, steps = 100)\n"
            + "  double lr(long step);\n"
            + "}\n";
    Compilation lenient =
        Compiled.javac()
            .withOptions("-Xlint:all,-processing")
            .compile(JavaFileObjects.forSourceString("w.Cfg", source));
    assertEquals(Compilation.Status.SUCCESS, lenient.status());
    assertTrue(
        lenient.warnings().stream()
            .anyMatch(d -> d.getMessage(null).startsWith("@Cosine.to is above from")),
        Compiled.diagnostics(lenient));
    Compilation strict =
        Compiled.javac()
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(JavaFileObjects.forSourceString("w.Cfg", source));
    assertEquals(Compilation.Status.FAILURE, strict.status(), Compiled.diagnostics(strict));
    assertTrue(
        strict.diagnostics().stream()
            .anyMatch(
                d ->
                    d.getKind() == Diagnostic.Kind.ERROR && d.getMessage(null).contains("-Werror")),
        Compiled.diagnostics(strict));
  }
}
