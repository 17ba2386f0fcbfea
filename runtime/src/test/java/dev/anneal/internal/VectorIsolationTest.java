package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Users compile and run without {@code --add-modules jdk.incubator.vector}: only the one provider
 * class may touch the incubator module, and nothing may refer to it but by reflection.
 */
class VectorIsolationTest {

  @Test
  void onlyTheProviderImportsTheIncubatorModule() throws IOException {
    Path main = Paths.get("src", "main", "java");
    List<String> users;
    try (Stream<Path> files = Files.walk(main)) {
      users =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(VectorIsolationTest::mentionsIncubator)
              .map(p -> main.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .collect(Collectors.toList());
    }
    assertEquals(
        List.of(
            "dev/anneal/internal/vector/VectorClip.java",
            "dev/anneal/internal/vector/VectorKernels.java",
            "dev/anneal/internal/vector/VectorOptim.java"),
        users);
  }

  private static boolean mentionsIncubator(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .anyMatch(
              line ->
                  line.startsWith("import jdk.incubator.vector")
                      || line.contains("jdk.incubator.vector."));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
