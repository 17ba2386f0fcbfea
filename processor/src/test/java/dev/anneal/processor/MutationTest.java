package dev.anneal.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import dev.anneal.internal.Attr;
import dev.anneal.internal.kind.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Valid declarations ({@link FuzzDeclarations}) mutated at random, seeded: numbers to extremes,
 * arrays emptied, shuffled, duplicated or lengthened, method and config names to keywords,
 * restricted identifiers and names the generated code uses. Each batch of ~50 methods is one
 * config, compiled once, and must keep these promises:
 *
 * <ul>
 *   <li>never a processor exception or crash-like diagnostic ({@link Sources#compile});
 *   <li>no error in a generated source, ever;
 *   <li>an error located on the line of every method whose declaration {@link Schedules#parse}
 *       rejects (or whose name no method can have, or that clashes with an {@code Object} method),
 *       and none on the line of any other method: a bad method does not hide the others;
 *   <li>the good methods of a batch, compiled without the bad ones, agree with {@link
 *       Schedules#parse} of the same text on a few hundred steps (relative 1e-12).
 * </ul>
 *
 * <p>Each method is written on one line ({@code @Kind(...) double name(long step);}), so that the
 * line of a diagnostic names the method.
 */
class MutationTest {
  private static final long SEED = 0x5eed_a11e_a1L;
  private static final int BATCHES = 24;
  private static final int METHODS_PER_BATCH = 50;

  /** Method names javac rejects (a syntax error: javac then runs no processor at all). */
  private static final List<String> KEYWORDS =
      List.of("class", "int", "new", "goto", "const", "_", "true", "null", "enum", "default");

  /** Method names that are legal, but mean something to Java or to the generated code. */
  private static final List<String> ODD_NAMES =
      List.of(
          "var",
          "yield",
          "record",
          "sealed",
          "permits",
          "when",
          "module",
          "Math",
          "Plan",
          "Kernels",
          "LrSchedule",
          "GeneratedSchedule",
          "Curve0",
          "Curve1",
          "CURVE_0",
          "CYCLE_START",
          "Override",
          "String",
          "Generated",
          "PI",
          "cos",
          "exp",
          "toDouble",
          "negative",
          "step",
          "at",
          "fill",
          "x",
          "t",
          "toString",
          "hashCode",
          "equals",
          "getClass",
          "wait",
          "notify",
          "notifyAll",
          "clone",
          "finalize",
          "λ",
          "ŝtep",
          "日本",
          "$",
          "__");

  /** Names for the config: legal ones that shadow, and ones no type can have. */
  private static final List<String> CONFIG_NAMES =
      List.of(
          "Math",
          "Plan",
          "Kernels",
          "Override",
          "String",
          "Generated",
          "GeneratedSchedule",
          "Curve0",
          "Object",
          "Double",
          "Ĉfg",
          "var",
          "record",
          "yield",
          "sealed",
          "permits",
          "class",
          "_");

  private static final Set<String> NO_TYPE_NAMES =
      Set.of("var", "record", "yield", "sealed", "permits", "class", "_");

  /** Accepted declarations with a non-finite value somewhere, reported after the run. */
  private static final Set<String> NON_FINITE = new java.util.TreeSet<>();

  private static final Pattern ANNOTATION = Pattern.compile("@(\\w+)\\(");
  private static final Pattern PAIR = Pattern.compile("(\\w+) = (\\{[^}]*\\}|[^,){]+)");

  /** One schedule method of a batch. */
  private record Method(String name, boolean objectForm, String declaration) {
    String line() {
      return "  "
          + declaration
          + (objectForm ? " LrSchedule " + name + "();" : " double " + name + "(long step);");
    }

    boolean syntaxError() {
      return KEYWORDS.contains(name);
    }

    /** The generated class cannot implement it (ConfigReader.objectClash). */
    boolean objectClash() {
      if (objectForm) {
        return Set.of("wait", "toString", "getClass", "hashCode", "notify", "notifyAll", "finalize")
            .contains(name);
      }
      return name.equals("wait");
    }

    /**
     * The processor must accept it iff it is a legal method and the runtime parser accepts the
     * text.
     */
    boolean expectedValid() {
      return !syntaxError() && !objectClash() && parses(declaration);
    }
  }

  @Test
  void mutatedDeclarationsCompileCorrectlyOrFailOnTheirOwnLine() {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> valid = FuzzDeclarations.valid(BATCHES * METHODS_PER_BATCH, SEED);
    int accepted = 0;
    int rejected = 0;
    int syntaxBatches = 0;
    int renamedConfigs = 0;
    for (int b = 0; b < BATCHES; b++) {
      List<Method> methods = new ArrayList<>();
      Set<String> used = new HashSet<>();
      // a keyword costs a second compilation of the batch: in about one batch of four
      boolean keywords = random.nextInt(4) == 0;
      for (int i = 0; i < METHODS_PER_BATCH; i++) {
        String declaration = valid.get(b * METHODS_PER_BATCH + i);
        if (random.nextInt(4) != 0) {
          declaration = mutate(declaration, random);
        }
        String name = "m" + i;
        if (random.nextInt(8) == 0) {
          List<String> pool = keywords && random.nextInt(3) == 0 ? KEYWORDS : ODD_NAMES;
          String candidate = pool.get(random.nextInt(pool.size()));
          if (used.add(candidate)) {
            name = candidate;
          }
        }
        methods.add(new Method(name, random.nextBoolean(), declaration));
      }
      String configName =
          random.nextInt(3) == 0 ? CONFIG_NAMES.get(random.nextInt(CONFIG_NAMES.size())) : "Cfg";
      if (!configName.equals("Cfg")) {
        checkConfigName(configName, methods);
        renamedConfigs++;
      }
      if (methods.stream().anyMatch(Method::syntaxError)) {
        syntaxBatches++;
      }
      checkBatch(b, methods);
      for (Method m : methods) {
        if (m.expectedValid()) {
          accepted++;
        } else {
          rejected++;
        }
      }
    }
    System.out.printf(
        "MutationTest: %d methods accepted, %d rejected; %d accepted with non-finite values%n",
        accepted, rejected, NON_FINITE.size());
    NON_FINITE.forEach(
        d ->
            System.out.println(
                "  non-finite: " + (d.length() > 160 ? d.substring(0, 160) + "..." : d)));
    System.out.printf(
        "  %d batches with a keyword method name, %d with a renamed config%n",
        syntaxBatches, renamedConfigs);
    // the mutations must produce both outcomes in quantity, or the test checks little
    assertWithMessage("accepted").that(accepted).isGreaterThan(BATCHES * METHODS_PER_BATCH / 5);
    assertWithMessage("rejected").that(rejected).isGreaterThan(BATCHES * METHODS_PER_BATCH / 5);
    assertWithMessage("batches with a keyword method name").that(syntaxBatches).isGreaterThan(0);
    assertWithMessage("batches with a renamed config").that(renamedConfigs).isGreaterThan(0);
  }

  /**
   * The batch's good methods under another config name: it compiles and works, or (a name no type
   * can have, a name javac's own types clash with) fails with errors in the user's source only.
   */
  private static void checkConfigName(String configName, List<Method> methods) {
    List<Method> good = methods.stream().filter(Method::expectedValid).collect(Collectors.toList());
    JavaFileObject f = source(configName, good);
    Compilation c = Sources.compile(f);
    assertNoErrorInGeneratedSources(c);
    if (NO_TYPE_NAMES.contains(configName)) {
      assertWithMessage("config named %s:\n%s", configName, Compiled.diagnostics(c))
          .that(c.status())
          .isEqualTo(Compilation.Status.FAILURE);
      assertWithMessage(
              "config named %s: an error on its declaration:\n%s",
              configName, Compiled.diagnostics(c))
          .that(c.errors().stream().anyMatch(d -> d.getLineNumber() == 4 || d.getLineNumber() == 3))
          .isTrue();
      return;
    }
    assertWithMessage("config named %s:\n%s", configName, Compiled.diagnostics(c))
        .that(c.status())
        .isEqualTo(Compilation.Status.SUCCESS);
    checkValues(Compiled.of("test." + configName, f), good);
  }

  private static void checkBatch(int batch, List<Method> methods) {
    if (methods.stream().anyMatch(Method::syntaxError)) {
      // javac stops at a syntax error before any processor runs: the error is on that line, and the
      // other methods are checked without it
      JavaFileObject f = source("Cfg", methods);
      Compilation c = Sources.compile(f);
      assertNoErrorInGeneratedSources(c);
      for (int i = 0; i < methods.size(); i++) {
        if (methods.get(i).syntaxError()) {
          assertWithMessage("batch %s: no error on %s", batch, methods.get(i).line())
              .that(errorLines(c))
              .contains(lineOf(i));
        }
      }
    }
    List<Method> rest = methods.stream().filter(m -> !m.syntaxError()).collect(Collectors.toList());
    JavaFileObject f = source("Cfg", rest);
    Compilation c = Sources.compile(f);
    assertNoErrorInGeneratedSources(c);
    Set<Long> errorLines = errorLines(c);
    for (int i = 0; i < rest.size(); i++) {
      Method m = rest.get(i);
      assertWithMessage(
              "batch %s, %s: %s\n%s",
              batch,
              m.expectedValid() ? "valid, but an error" : "invalid, but no error",
              m.line(),
              Compiled.diagnostics(c))
          .that(errorLines.contains(lineOf(i)))
          .isEqualTo(!m.expectedValid());
    }
    assertWithMessage(
            "batch %s: errors not on a method's line:\n%s", batch, Compiled.diagnostics(c))
        .that(errorLines.stream().allMatch(l -> l >= lineOf(0) && l < lineOf(rest.size())))
        .isTrue();
    List<Method> good = rest.stream().filter(Method::expectedValid).collect(Collectors.toList());
    checkValues(
        good.size() == rest.size()
            ? Compiled.of("test.Cfg", f)
            : Compiled.of("test.Cfg", source("Cfg", good)),
        good);
  }

  private static void checkValues(Compiled c, List<Method> methods) {
    long[] steps = new long[300];
    for (int i = 0; i < 250; i++) {
      steps[i] = i;
    }
    for (int i = 250; i < steps.length; i++) {
      steps[i] = 1L << (i - 250 + 8); // 256 .. 2^57
    }
    for (Method m : methods) {
      LrSchedule expected = Schedules.parse(m.declaration());
      LrSchedule actual = c.schedule(m.name());
      for (long step : steps) {
        double e = expected.at(step);
        double a = actual.at(step);
        if (!Double.isFinite(e)) {
          // Non-finite values of an accepted declaration (e.g. @Exponential(from = 4.9E-324, rate =
          // 9223372036854775807L) overflows to Infinity): a rule question handled elsewhere; here
          // only generated and runtime must agree, which the next line checks.
          NON_FINITE.add(m.declaration());
        }
        if (Double.compare(a, e) != 0) {
          assertWithMessage("%s at %s: generated %s, Schedules.parse %s", m.line(), step, a, e)
              .that(Math.abs(a - e))
              .isAtMost(1e-12 * Math.max(Math.abs(a), Math.abs(e)));
        }
      }
    }
  }

  private static void assertNoErrorInGeneratedSources(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertWithMessage("an error outside the user's source:\n%s", Compiled.diagnostics(c))
          .that(d.getSource() != null && !d.getSource().toUri().getPath().contains("SOURCE_OUTPUT"))
          .isTrue();
    }
  }

  private static Set<Long> errorLines(Compilation c) {
    return c.errors().stream().map(Diagnostic::getLineNumber).collect(Collectors.toSet());
  }

  /** The line of method {@code i} in {@link #source}. */
  private static long lineOf(int i) {
    return 5 + i;
  }

  private static JavaFileObject source(String configName, List<Method> methods) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "package test;",
                "import dev.anneal.*;",
                "@Schedule",
                "interface " + configName + " {"));
    for (Method m : methods) {
      lines.add(m.line());
    }
    lines.add("}");
    return JavaFileObjects.forSourceLines("test." + configName, lines);
  }

  private static boolean parses(String declaration) {
    try {
      Schedules.parse(declaration);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // ---- mutations ----

  /** One to three random edits of attribute values. */
  static String mutate(String declaration, SplittableRandom random) {
    String d = declaration;
    for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
      List<int[]> pairs = new ArrayList<>();
      Matcher m = PAIR.matcher(d);
      while (m.find()) {
        pairs.add(new int[] {m.start(1), m.end(1), m.start(2), m.end(2)});
      }
      if (pairs.isEmpty()) {
        return d;
      }
      int[] p = pairs.get(random.nextInt(pairs.size()));
      String attrName = d.substring(p[0], p[1]);
      String value = d.substring(p[2], p[3]).trim();
      Attr attr = attr(d, p[0], attrName);
      if (attr == null || attr.type() == Attr.Type.ENUM || attr.type() == Attr.Type.BOOLEAN) {
        continue;
      }
      String replacement =
          value.startsWith("{")
              ? mutateArray(d, p[0], attr, value, random)
              : number(attr.type(), value, random);
      d =
          d.substring(0, p[2])
              + replacement
              + d.substring(p[2] + d.substring(p[2], p[3]).trim().length());
    }
    return d;
  }

  /** The attribute {@code name} of the annotation the text at {@code at} is in. */
  private static Attr attr(String d, int at, String name) {
    Matcher m = ANNOTATION.matcher(d);
    String kind = null;
    while (m.find() && m.start() < at) {
      kind = m.group(1);
    }
    Kind k = kind == null ? null : Kind.ofSimpleName(kind);
    return k == null ? null : k.attr(name);
  }

  private static String mutateArray(
      String d, int at, Attr attr, String value, SplittableRandom random) {
    List<String> elements = new ArrayList<>();
    for (String e : value.substring(1, value.length() - 1).split(",")) {
      if (!e.isBlank()) {
        elements.add(e.trim());
      }
    }
    switch (random.nextInt(5)) {
      case 0:
        return "{}";
      case 1: // unsorted
        for (int i = elements.size() - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          String t = elements.get(i);
          elements.set(i, elements.get(j));
          elements.set(j, t);
        }
        break;
      case 2: // duplicated
        if (!elements.isEmpty()) {
          int i = random.nextInt(elements.size());
          elements.add(i, elements.get(i));
        }
        break;
      case 3: // lengthened: thousands of increasing steps, or values
        {
          int n = 1000 + random.nextInt(3000);
          long last = 0;
          for (int i = elements.size(); i < n; i++) {
            if (attr.type() == Attr.Type.LONG_ARRAY) {
              last += 1 + random.nextInt(100);
              elements.add(Long.toString(last + 1_000_000L));
            } else {
              elements.add(Double.toString(random.nextDouble()));
            }
          }
          break;
        }
      default: // one element to an extreme
        if (!elements.isEmpty()) {
          int i = random.nextInt(elements.size());
          Attr.Type type = attr.type() == Attr.Type.LONG_ARRAY ? Attr.Type.LONG : Attr.Type.DOUBLE;
          elements.set(i, number(type, elements.get(i), random));
        }
        break;
    }
    return "{" + String.join(", ", elements) + "}";
  }

  /**
   * An extreme number of the attribute's type, written so that javac and the parser both read it.
   */
  private static String number(Attr.Type type, String value, SplittableRandom random) {
    // (-MIN_VALUE is not a literal javac reads: "integer number too large" stops it before
    // processing)
    String negated =
        value.startsWith("-")
            ? (value.matches("-(2147483648|9223372036854775808L)") ? "0" : value.substring(1))
            : "-" + value;
    if (type == Attr.Type.INT) {
      String[] options = {"0", negated, "-2147483648", "2147483647", "1"};
      return options[random.nextInt(options.length)];
    }
    if (type == Attr.Type.LONG) {
      String[] options = {"0", negated, "-9223372036854775808L", "9223372036854775807L", "1"};
      return options[random.nextInt(options.length)];
    }
    // Double.MIN_VALUE as its literal: the parser reads literals only (and Double.NaN, which it
    // cannot read, is an error for both)
    String[] options = {
      "0",
      "0.0",
      "-0.0",
      negated,
      "Double.NaN",
      "Double.POSITIVE_INFINITY",
      "Double.NEGATIVE_INFINITY",
      "4.9E-324",
      "1e308",
      "-1e308",
      "-9223372036854775808L",
      "9223372036854775807L"
    };
    return options[random.nextInt(options.length)];
  }
}
