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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * In every java block, {@code improved()} is read after {@code observe(...)} (on its line or the
   * three before): read before, it reports the previous observation and the checkpoint saved is the
   * wrong epoch's.
   */
  private static final Pattern IMPROVED =
      Pattern.compile("(\\w+(?:\\.\\w+\\(\\))*)\\.improved\\(\\)");

  @Test
  void improvedIsReadAfterObserve() {
    int reads = 0;
    for (String doc : List.of("README.md", "docs/REFERENCE.md")) {
      for (DocBlocksTest.Block block : DocBlocksTest.blocks(doc)) {
        List<String> lines = block.lines();
        for (int i = 0; i < lines.size(); i++) {
          Matcher read = IMPROVED.matcher(lines.get(i));
          if (!read.find()) {
            continue;
          }
          reads++;
          // the same stopper's observe: another controller's does not count
          String observe = read.group(1) + ".observe(";
          boolean observed = lines.get(i).substring(0, read.start()).contains(observe);
          for (int j = Math.max(0, i - 3); j < i; j++) {
            observed |= lines.get(j).contains(observe);
          }
          assertTrue(observed, block + " line " + (i + 1) + ": " + lines.get(i));
        }
      }
    }
    assertTrue(reads >= 2, "improved() read in " + reads + " places");
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
