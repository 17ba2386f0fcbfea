package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code ```java} block of README.md and docs/REFERENCE.md, extracted from the files
 * themselves, compiles with the anneal processor running (warnings are errors), and the blocks that
 * claim values ({@code expression; // value}) are run and the values asserted.
 *
 * <p>How a block becomes a compilation unit: type declarations (lines at column 0 that start with
 * an annotation, {@code interface}, {@code class}, {@code record} or {@code enum}) are top-level
 * types, and the types of every block of the same document are visible to each block (a fragment
 * may use a config declared earlier in the text); a member class ({@code private static final class
 * ...}: an excerpt of generated code) goes inside the class of the block; every other line is a
 * statement of a method of a class that provides the free variables the fragments use ({@code
 * step}, {@code valLoss}, {@code grads}, {@link #CONTEXT}). A statement {@code expr; // literal} or
 * {@code Type name = expr; // literal}, where the comment starts with {@code true}, {@code false},
 * a number or a string literal, is a claim.
 */
class DocBlocksTest {

  private static final Path ROOT = Path.of("..");
  private static final List<String> DOCS = List.of("README.md", "docs/REFERENCE.md");

  /** The free variables of the fragments: what the surrounding training code would hold. */
  private static final String CONTEXT =
      String.join(
          "\n",
          "abstract class Context {",
          "  long step = 1_000;",
          "  double valLoss = 0.5;",
          "  LrSchedule lr = Schedules.parse(\"@Cosine(from = 0.1, steps = 19_500)\");",
          "  float[] grads = {3, 4};",
          "  float[] weights = {1, 1, 1, 1, 1, 1};",
          "  float[] weightGrads = {3, 4, 0, 0, 0, 0};",
          "  float[] biasGrads = {1, 2};",
          "  int outputs = 2;",
          "  long[] rowSteps = {0, 500, 1_000};",
          "  float[] rowLrs = new float[3];",
          // a framework's optimizer the docs hand a rate to (anneal's own is dev.anneal.Optimizer)
          "  final FrameworkOptimizer optimizer = new FrameworkOptimizer();",
          "  static final class FrameworkOptimizer { void setLr(double lr) {} }",
          "  void log(String message) {}",
          "  void saveCheckpoint() {}",
          "  double trainOneBatch() { return 1.0; }",
          "  abstract void run() throws Exception;",
          "  static void claim(Object actual, Object expected, String where) {",
          "    boolean same = expected instanceof Number && actual instanceof Number",
          "        ? ((Number) expected).doubleValue() == ((Number) actual).doubleValue()",
          "        : expected.equals(actual);",
          "    if (!same) {",
          "      throw new AssertionError(where + \": the text claims \" + expected + \", was \""
              + " + actual);",
          "    }",
          "  }",
          "}",
          "");

  private static final Pattern TYPE_START =
      Pattern.compile("^(@\\w|((public|abstract|final|sealed) )*(interface|class|record|enum) )");

  private static final Pattern MEMBER_CLASS_START =
      Pattern.compile("^((private|public|protected|static|final|abstract) )+class ");

  private static final Pattern CLAIM =
      Pattern.compile(
          "^(\\s*+)(?!(?:if|else|for|while|do|try|switch|return|break|continue|throw)\\b|})"
              + "(?:([\\w.<>\\[\\]]+) (\\w+) = )?(.+?);\\s*//\\s*"
              + "(true|false|-?\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|\"(?:[^\"\\\\]|\\\\.)*\")"
              + "(?:$|[\\s:;,)].*$)");

  /** One {@code ```java} block: its document, the line of its opening fence, and its text. */
  record Block(String doc, int line, List<String> lines) {
    @Override
    public String toString() {
      return doc + ":" + line;
    }
  }

  /** The parts of a block. */
  record Parts(
      List<List<String>> types, List<String> members, List<String> statements, int claims) {}

  static List<Block> blocks(String doc) {
    List<String> lines;
    try {
      lines = Files.readAllLines(ROOT.resolve(doc), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("```java")) {
        int open = i;
        List<String> text = new ArrayList<>();
        while (!lines.get(++i).strip().equals("```")) {
          text.add(lines.get(i));
        }
        blocks.add(new Block(doc, open + 1, text));
      }
    }
    return blocks;
  }

  static Stream<Block> allBlocks() {
    return DOCS.stream().flatMap(d -> blocks(d).stream());
  }

  /** Splits a block into top-level types, member classes and statements (claims rewritten). */
  static Parts parts(Block block) {
    List<List<String>> types = new ArrayList<>();
    List<String> members = new ArrayList<>();
    List<String> statements = new ArrayList<>();
    int claims = 0;
    List<String> lines = block.lines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean type = TYPE_START.matcher(line).find();
      if (type || MEMBER_CLASS_START.matcher(line).find()) {
        // up to the brace that closes the declaration
        int depth = 0;
        boolean opened = false;
        List<String> into = type ? new ArrayList<>() : members;
        if (type) {
          types.add(into);
        }
        for (; i < lines.size(); i++) {
          String l = code(lines.get(i));
          into.add(lines.get(i));
          for (char c : l.toCharArray()) {
            if (c == '{') {
              depth++;
              opened = true;
            } else if (c == '}') {
              depth--;
            }
          }
          if (opened && depth == 0) {
            break;
          }
        }
        continue;
      }
      Matcher claim = CLAIM.matcher(line);
      if (claim.matches()) {
        String where = "\"" + block.doc() + ":" + (block.line() + 1 + i) + "\"";
        String value = claim.group(5);
        if (claim.group(2) != null) {
          statements.add(line);
          statements.add(
              claim.group(1) + "claim(" + claim.group(3) + ", " + value + ", " + where + ");");
        } else {
          statements.add(
              claim.group(1) + "claim(" + claim.group(4) + ", " + value + ", " + where + ");");
        }
        claims++;
      } else {
        statements.add(line);
      }
    }
    return new Parts(types, members, statements, claims);
  }

  /** The line without a trailing comment or string contents (for brace counting). */
  private static String code(String line) {
    return line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*$", "");
  }

  private static final String HEADER =
      "package docs;\n\nimport dev.anneal.*;\nimport dev.anneal.internal.generated.GeneratedSchedule;\n"
          + "import java.util.Map;\n\n";

  private static final Pattern TYPE_NAME =
      Pattern.compile("\\b(?:interface|class|record|enum) (\\w+)");

  /** The block's class, the context, and each type of the document in a file of its own. */
  static List<JavaFileObject> sources(Block block, List<List<String>> docTypes) {
    Parts p = parts(block);
    List<JavaFileObject> files = new ArrayList<>();
    StringBuilder src = new StringBuilder(HEADER);
    src.append("final class Block extends Context {\n");
    for (String m : p.members()) {
      src.append(m).append('\n');
    }
    src.append("@Override void run() throws Exception {\n  do {\n");
    for (String s : p.statements()) {
      src.append("  ").append(s).append('\n');
    }
    src.append("  } while (false);\n}\n}\n");
    files.add(JavaFileObjects.forSourceString("docs.Block", src.toString()));
    files.add(JavaFileObjects.forSourceString("docs.Context", HEADER + CONTEXT));
    for (List<String> type : docTypes) {
      String text = String.join("\n", type);
      Matcher name = TYPE_NAME.matcher(text);
      if (!name.find()) {
        throw new AssertionError("no type name in " + text);
      }
      files.add(JavaFileObjects.forSourceString("docs." + name.group(1), HEADER + text + "\n"));
    }
    return files;
  }

  /** The top-level types declared by every block of {@code doc}. */
  static List<List<String>> docTypes(String doc) {
    List<List<String>> types = new ArrayList<>();
    for (Block b : blocks(doc)) {
      types.addAll(parts(b).types());
    }
    return types;
  }

  /** Names that only a framework's class path resolves (DJL, DL4J and Spark, Tribuo, Smile). */
  private static final List<String> FRAMEWORK_NAMES =
      List.of(
          "EasyTrain.",
          "Loss.",
          "NeuralNetConfiguration",
          "SparkDl4jMultiLayer",
          "AnnealSGD",
          "TimeFunction");

  /**
   * Blocks of the framework sections, which need that framework on the class path: not compiled
   * here. Counted, so no other block can slip out of the test.
   */
  static boolean needsAFramework(Block block) {
    return block.lines().stream().anyMatch(l -> FRAMEWORK_NAMES.stream().anyMatch(l::contains));
  }

  static Stream<Arguments> cases() {
    return allBlocks().filter(b -> !needsAFramework(b)).map(b -> Arguments.of(b));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void compilesWithTheProcessorAndItsClaimsHold(Block block) throws Exception {
    List<JavaFileObject> files = sources(block, docTypes(block.doc()));
    Compilation c =
        Compiled.javac().withOptions("-Xlint:all,-processing", "-Werror").compile(files);
    if (c.status() != Compilation.Status.SUCCESS || !c.warnings().isEmpty()) {
      fail(
          block
              + " does not compile:\n"
              + Compiled.diagnostics(c)
              + "\n--- as compiled:\n"
              + numbered(files));
    }
    Parts p = parts(block);
    if (!p.members().isEmpty()) {
      // an excerpt of generated code: it must be what the processor writes for the doc's config
      List<String> excerpt = normalized(p.members());
      boolean found = false;
      for (JavaFileObject generated : c.generatedSourceFiles()) {
        List<String> lines = List.of(generated.getCharContent(true).toString().split("\n"));
        found |= Collections.indexOfSubList(normalized(lines), excerpt) >= 0;
      }
      assertTrue(found, block + ": the excerpt is not in the generated sources");
    }
    if (p.claims() > 0) {
      ClassLoader loader = Compiled.classLoader(c);
      java.lang.reflect.Constructor<?> create =
          loader.loadClass("docs.Block").getDeclaredConstructor();
      create.setAccessible(true);
      Object instance = create.newInstance();
      java.lang.reflect.Method run = loader.loadClass("docs.Context").getDeclaredMethod("run");
      run.setAccessible(true);
      try {
        run.invoke(instance);
      } catch (InvocationTargetException e) {
        throw new AssertionError(block + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /** Trimmed lines without comments or blank lines (XML comments too). */
  private static List<String> normalized(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String l = line.replaceAll("//.*$", "").replaceAll("<!--.*?-->", "").strip();
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }

  /**
   * The README's Maven snippet is the user project's pom: each part between {@code ...} lines
   * appears in it line for line, with the reactor's version.
   */
  @Test
  void readmeMavenSnippetIsTheUserProjectsPom() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int open = readme.indexOf("```xml");
    assertTrue(open >= 0, "no xml block in README.md");
    List<String> snippet =
        readme.subList(open + 1, readme.subList(open, readme.size()).indexOf("```") + open);
    List<String> pom =
        normalized(Files.readAllLines(ROOT.resolve("examples/user-project/pom.xml")));
    List<String> part = new ArrayList<>();
    int parts = 0;
    for (String line : concat(snippet, List.of("..."))) {
      if (line.strip().equals("...")) {
        List<String> n = normalized(part);
        assertTrue(
            Collections.indexOfSubList(pom, n) >= 0,
            "README.md's Maven snippet part is not in examples/user-project/pom.xml:\n"
                + String.join("\n", n));
        parts++;
        part.clear();
      } else {
        part.add(line);
      }
    }
    assertEquals(2, parts);
    String root = Files.readString(ROOT.resolve("pom.xml"));
    Matcher version =
        Pattern.compile("<artifactId>anneal-parent</artifactId>\\s*<version>([^<]+)<")
            .matcher(root);
    assertTrue(version.find());
    long versions =
        snippet.stream().filter(l -> l.contains("<version>" + version.group(1) + "<")).count();
    assertEquals(2, versions, "the snippet names anneal " + version.group(1) + " twice");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String numbered(List<JavaFileObject> files) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (JavaFileObject f : files.subList(0, 1)) {
      sb.append(f.getName()).append('\n');
      String[] lines = f.getCharContent(true).toString().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        sb.append(String.format("%4d  %s%n", i + 1, lines[i]));
      }
    }
    return sb.toString();
  }

  @Test
  void everyDocumentHasJavaBlocksAndSomeClaimValues() {
    for (String doc : DOCS) {
      assertTrue(blocks(doc).size() >= 5, doc);
    }
    assertTrue(allBlocks().mapToInt(b -> parts(b).claims()).sum() >= 2);
    assertTrue(allBlocks().filter(DocBlocksTest::needsAFramework).count() <= 5);
  }

  @Test
  void claimsAreFoundAndRewritten() {
    Block b =
        new Block(
            "X.md",
            10,
            List.of(
                "a.equals(b);      // true: equal declarations",
                "a.toString();     // \"@Cosine(from = 0.1, steps = 19_500)\"",
                "double v = lr.at(0);   // 0.1",
                "lr.at(0);   // the first value",
                "String s = \"x\"; // e.g. \"y\"",
                "  if (!finder.record(loss)) break;   // false: diverged"));
    Parts p = parts(b);
    assertEquals(3, p.claims());
    assertEquals(
        List.of(
            "claim(a.equals(b), true, \"X.md:11\");",
            "claim(a.toString(), \"@Cosine(from = 0.1, steps = 19_500)\", \"X.md:12\");",
            "double v = lr.at(0);   // 0.1",
            "claim(v, 0.1, \"X.md:13\");",
            "lr.at(0);   // the first value",
            "String s = \"x\"; // e.g. \"y\"",
            "  if (!finder.record(loss)) break;   // false: diverged"),
        p.statements());
  }
}
