package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users and generated code can reach: the module exports {@code dev.anneal} and the narrow
 * package generated code needs, nothing else; and no public class of the runtime has state anyone
 * could change (a public field that is not final, or any public array).
 */
class EncapsulationTest {
  private static final Path CLASSES = Paths.get("target", "classes");

  @Test
  void moduleExportsOnlyTheApiAndWhatGeneratedCodeNeeds() {
    ModuleDescriptor module =
        ModuleFinder.of(CLASSES).find("dev.anneal").orElseThrow().descriptor();
    Set<String> exported =
        module.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("dev.anneal", "dev.anneal.internal.generated"), exported);
  }

  @Test
  void noPublicMutableFieldOrArrayInAnyPublicClass() throws Exception {
    List<String> classes;
    try (Stream<Path> files = Files.walk(CLASSES)) {
      classes =
          files
              .filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
              .map(f -> CLASSES.relativize(f).toString().replace('/', '.').replace(".class", ""))
              .filter(
                  n -> !n.startsWith("dev.anneal.internal.vector")) // loaded only with the module
              .sorted()
              .collect(Collectors.toList());
    }
    assertTrue(classes.size() > 50, "found the runtime's classes: " + classes.size());
    List<String> offenders = new ArrayList<>();
    for (String name : classes) {
      Class<?> c = Class.forName(name, false, getClass().getClassLoader());
      if (!Modifier.isPublic(c.getModifiers())) {
        continue;
      }
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
          continue;
        }
        if (!Modifier.isFinal(m) || f.getType().isArray()) {
          offenders.add(name + "." + f.getName());
        }
      }
    }
    assertEquals(List.of(), offenders);
  }
}
