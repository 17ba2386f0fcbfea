package dev.anneal.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.anneal.internal.generated.GeneratedSchedule;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The runtime exports {@code dev.anneal.internal.generated} for generated code only, so it must
 * hold exactly what generated code references: the generated sources of every golden config (plain
 * and composite) name no other internal package, and every public type of the exported package.
 */
class ExportedPackageTest {
  private static final String EXPORTED = "dev.anneal.internal.generated";

  @Test
  void theExportedPackageHoldsExactlyWhatGeneratedCodeReferences() throws Exception {
    List<String> lines = new ArrayList<>();
    int n = 0;
    Path golden = Paths.get(getClass().getResource("/golden").toURI());
    for (Path f : csvs(golden)) {
      for (String line : Files.readAllLines(f)) {
        if (line.startsWith("# anneal: ")) {
          lines.add("  " + line.substring("# anneal: ".length()));
          lines.add("  LrSchedule g" + n++ + "();");
        }
      }
    }
    for (Path f : csvs(golden.resolve("composite"))) {
      String prefix = "c" + n++ + "_"; // each case's names, kept apart from the other cases'
      for (String line : Files.readAllLines(f)) {
        if (line.startsWith("# schedule ")) {
          String rest = line.substring("# schedule ".length());
          int colon = rest.indexOf(':');
          String decl =
              rest.substring(colon + 1).trim().replaceAll("\"(\\w+)\"", "\"" + prefix + "$1\"");
          lines.add("  " + decl);
          lines.add("  LrSchedule " + prefix + rest.substring(0, colon).trim() + "();");
        }
      }
    }
    Compilation c = Compiled.compile(Sources.config(lines.toArray(new String[0])));
    assertThat(c).succeeded();
    Set<String> referenced = new TreeSet<>();
    Pattern internal = Pattern.compile("dev\\.anneal\\.internal(?:\\.\\w+)*\\.[A-Z]\\w*");
    for (JavaFileObject generated : c.generatedSourceFiles()) {
      Matcher m = internal.matcher(generated.getCharContent(true));
      while (m.find()) {
        referenced.add(m.group());
      }
    }
    Set<String> exported = new TreeSet<>();
    for (String name : classFiles()) {
      if (!name.contains("$") && !name.equals("package-info")) {
        String type = EXPORTED + "." + name;
        if (java.lang.reflect.Modifier.isPublic(Class.forName(type).getModifiers())) {
          exported.add(type);
        }
      }
    }
    assertWithMessage("internal types named by generated sources (%s golden cases)", n)
        .that(referenced)
        .isEqualTo(exported);
  }

  /** Simple names of the class files of the exported package (runtime classes or jar). */
  private static List<String> classFiles() throws Exception {
    File location =
        new File(
            GeneratedSchedule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String prefix = EXPORTED.replace('.', '/') + "/";
    List<String> names = new ArrayList<>();
    if (location.isDirectory()) {
      for (String f : new File(location, prefix).list()) {
        if (f.endsWith(".class")) {
          names.add(f.substring(0, f.length() - ".class".length()));
        }
      }
    } else {
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(location)) {
        jar.stream()
            .map(java.util.jar.JarEntry::getName)
            .filter(e -> e.startsWith(prefix) && e.endsWith(".class"))
            .map(e -> e.substring(prefix.length(), e.length() - ".class".length()))
            .filter(e -> !e.contains("/"))
            .forEach(names::add);
      }
    }
    return names;
  }

  private static List<Path> csvs(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
  }
}
