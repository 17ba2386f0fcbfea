package dev.anneal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule of docs/ARCHITECTURE.md, checked on the sources of the runtime and the
 * processor: no cycle of classes spans two packages, except the one documented access ({@code
 * ParamGroups} installs {@code GroupArrays}' view of its arrays). A class depends on another when
 * its code (comments and strings removed) names it: fully qualified, imported, or by simple name in
 * the same package. Cycles inside one package are allowed (a catalogue and its members).
 */
class LayeringTest {
  private static final List<Path> ROOTS =
      List.of(Path.of("src/main/java"), Path.of("../processor/src/main/java"));

  /** The one documented cross-package cycle. */
  private static final Set<String> ALLOWED =
      Set.of("dev.anneal.ParamGroups dev.anneal.internal.GroupArrays");

  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(dev\\.anneal(?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)");
  private static final Pattern SIMPLE = Pattern.compile("\\b[A-Z]\\w*\\b");

  @Test
  void noCycleOfClassesSpansTwoPackages() throws IOException {
    Map<String, String> sources = sources();
    Map<String, Set<String>> graph = graph(sources);
    List<String> offending = new ArrayList<>();
    for (Set<String> component : stronglyConnected(graph)) {
      Set<String> packages = new TreeSet<>();
      component.forEach(c -> packages.add(packageOf(c)));
      String classes = String.join(" ", component);
      if (packages.size() > 1 && !ALLOWED.contains(classes)) {
        offending.add(classes);
      }
    }
    assertEquals(List.of(), offending, "cycles of classes across packages");
  }

  /** The test sees the code: the documented cycle is found, so a broken scan cannot pass. */
  @Test
  void theDocumentedCycleIsSeen() throws IOException {
    Map<String, Set<String>> graph = graph(sources());
    assertTrue(graph.size() > 100, "classes read: " + graph.size());
    boolean found = false;
    for (Set<String> component : stronglyConnected(graph)) {
      found |= ALLOWED.contains(String.join(" ", component));
    }
    assertTrue(found, "ParamGroups <-> GroupArrays not found");
  }

  private static Map<String, String> sources() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path root : ROOTS) {
      assertTrue(Files.isDirectory(root), root.toAbsolutePath().toString());
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (!name.endsWith(".java") || name.contains("-")) {
            continue; // module-info, package-info
          }
          String code = strip(Files.readString(f, StandardCharsets.UTF_8));
          Matcher pkg = Pattern.compile("(?m)^package ([\\w.]+);").matcher(code);
          assertTrue(pkg.find(), f.toString());
          out.put(pkg.group(1) + "." + name.substring(0, name.length() - 5), code);
        }
      }
    }
    return out;
  }

  /** The code without comments and with empty string and char literals. */
  private static String strip(String s) {
    return s.replaceAll("(?s)/\\*.*?\\*/", "")
        .replaceAll("//[^\n]*", "")
        .replaceAll("\"(\\\\.|[^\"\\\\\n])*\"", "\"\"")
        .replaceAll("'(\\\\.|[^'\\\\\n])*'", "''");
  }

  private static Map<String, Set<String>> graph(Map<String, String> sources) {
    Map<String, Set<String>> byPackage = new HashMap<>();
    for (String c : sources.keySet()) {
      byPackage.computeIfAbsent(packageOf(c), p -> new TreeSet<>()).add(simpleOf(c));
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      String self = e.getKey();
      Set<String> to = new TreeSet<>();
      Matcher q = QUALIFIED.matcher(e.getValue());
      while (q.find()) {
        String target = q.group(1) + "." + q.group(2);
        if (sources.containsKey(target)) {
          to.add(target);
        }
      }
      String code = e.getValue().replaceAll("(?m)^import [^;]*;", "");
      Set<String> samePackage = byPackage.get(packageOf(self));
      Matcher s = SIMPLE.matcher(code);
      while (s.find()) {
        if (samePackage.contains(s.group())) {
          to.add(packageOf(self) + "." + s.group());
        }
      }
      to.remove(self);
      graph.put(self, to);
    }
    return graph;
  }

  /** Tarjan's strongly connected components, iteratively; each component sorted. */
  private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new java.util.HashSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] next = {0};
    for (String start : graph.keySet()) {
      if (index.containsKey(start)) {
        continue;
      }
      Deque<Object[]> work = new ArrayDeque<>(); // {node, iterator over its edges}
      visit(start, index, low, stack, onStack, next);
      work.push(new Object[] {start, graph.get(start).iterator()});
      while (!work.isEmpty()) {
        Object[] frame = work.peek();
        String v = (String) frame[0];
        @SuppressWarnings("unchecked")
        java.util.Iterator<String> edges = (java.util.Iterator<String>) frame[1];
        if (edges.hasNext()) {
          String w = edges.next();
          if (!index.containsKey(w)) {
            visit(w, index, low, stack, onStack, next);
            work.push(new Object[] {w, graph.get(w).iterator()});
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        work.pop();
        if (!work.isEmpty()) {
          String parent = (String) work.peek()[0];
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          Set<String> component = new TreeSet<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          out.add(component);
        }
      }
    }
    return out;
  }

  private static void visit(
      String v,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]);
    next[0]++;
    stack.push(v);
    onStack.add(v);
  }

  private static String packageOf(String c) {
    return c.substring(0, c.lastIndexOf('.'));
  }

  private static String simpleOf(String c) {
    return c.substring(c.lastIndexOf('.') + 1);
  }
}
