package dev.anneal.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.Optimizer;
import dev.anneal.internal.Attr;
import dev.anneal.internal.optim.OptimRules;
import dev.anneal.internal.optim.OptimText;
import dev.anneal.internal.optim.Spec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optimizer checklist of docs/ARCHITECTURE.md, enforced: every optimizer annotation has its
 * record in the sealed {@link Spec} model, a rule for every number ({@link OptimRules}), a builder
 * with a method per attribute, parse support for every attribute, the processor's support
 * (generated equal to the parse of its text) and a golden case. {@code KindTest} checks the
 * attribute model against the annotation, defaults included.
 */
class OptimizerCompletenessTest {
  private static final Path ROOT = Path.of("..");
  private static final LrSchedule LR = s -> 0.1;

  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void hasARecordInTheSealedModel(Spec.Family family) {
    Spec spec = OptimText.defaults(family);
    assertEquals(family, spec.family());
    assertTrue(spec.getClass().isRecord(), spec.getClass() + " is a record");
    boolean permitted = false;
    for (Class<?> c : Spec.class.getPermittedSubclasses()) {
      permitted |= c == spec.getClass();
    }
    assertTrue(permitted, spec.getClass() + " is permitted by Spec");
  }

  /** Every number has a domain: NaN breaks a rule reported on that very attribute. */
  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void everyNumberHasItsRule(Spec.Family family) {
    assertEquals(List.of(), OptimRules.check(OptimText.defaults(family)), "defaults are valid");
    for (Attr a : family.attrs()) {
      if (a.type() != Attr.Type.DOUBLE) {
        continue;
      }
      Map<String, Object> values = OptimText.values(OptimText.defaults(family));
      values.put(a.name(), Double.NaN);
      List<dev.anneal.internal.kind.Problem> findings =
          OptimRules.check(OptimText.spec(family, values));
      assertEquals(1, findings.size(), "@" + family.simpleName() + "." + a.name() + " = NaN");
      assertEquals(a.name(), findings.get(0).attribute());
      assertTrue(findings.get(0).isError());
      assertTrue(
          findings.get(0).message().startsWith("@" + family.simpleName() + "." + a.name() + " "),
          findings.get(0).message());
    }
  }

  /** A factory on {@code Optimizer} and a builder method for every attribute but {@code lr}. */
  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void hasABuilderWithEveryAttribute(Spec.Family family) {
    Method factory = null;
    for (Method m : Optimizer.class.getMethods()) {
      if (m.getName().equalsIgnoreCase(family.simpleName())
          && Modifier.isStatic(m.getModifiers())) {
        factory = m;
      }
    }
    assertNotNull(factory, "no Optimizer." + family.simpleName() + "(LrSchedule)");
    List<String> missing = new ArrayList<>();
    for (Attr a : family.attrs()) {
      boolean found = a.name().equals("lr");
      for (Method m : factory.getReturnType().getMethods()) {
        found |= m.getName().equals(a.name()) && m.getParameterCount() == 1;
      }
      if (!found) {
        missing.add(a.name());
      }
    }
    assertEquals(List.of(), missing, factory.getReturnType().getSimpleName() + " lacks");
  }

  /** Every attribute set to a valid non-default value parses and prints back. */
  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void parsesEveryAttribute(Spec.Family family) {
    StringBuilder text = new StringBuilder("@" + family.simpleName() + "(lr = \"lr\"");
    for (Attr a : family.attrs()) {
      String value =
          switch (a.type()) {
            case DOUBLE -> a.name().equals("eps") ? "1.0E-6" : "0.25";
            case BOOLEAN -> a.name().equals("nesterov") ? null : "true";
            case ENUM -> "AdamCompat.KERAS";
            case STRING -> a.name().equals("lr") ? null : "\"" + a.name() + "\"";
            default -> throw new AssertionError(a.type());
          };
      if (value != null) {
        text.append(", ").append(a.name()).append(" = ").append(value);
      }
    }
    String declaration = text.append(')').toString();
    Map<String, Object> named = new LinkedHashMap<>();
    named.put("lr", LR);
    named.put("clip", GradientClip.norm(1).build());
    named.put("momentumSchedule", LR);
    named.put("beta1Schedule", LR);
    Optimizer parsed = Optimizer.parse(declaration, named);
    assertEquals(declaration, parsed.toString());
  }

  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void isGeneratedByTheProcessor(Spec.Family family) throws Exception {
    assertTrue(
        new ScheduleProcessor().getSupportedAnnotationTypes().contains(family.qualifiedName()),
        "the processor does not claim to read @" + family.simpleName());
    Compiled compiled =
        Compiled.of(
            "test.Cfg",
            Sources.config(
                "  @Constant(0.1)",
                "  LrSchedule lr();",
                "  @" + family.simpleName() + "(lr = \"lr\")",
                "  Optimizer opt();"));
    Optimizer generated =
        (Optimizer) compiled.implClass().getMethod("opt").invoke(compiled.instance());
    assertEquals("@" + family.simpleName() + "(lr = \"lr\")", generated.toString());
  }

  @ParameterizedTest
  @EnumSource(Spec.Family.class)
  void hasAGoldenCase(Spec.Family family) throws Exception {
    Path golden = ROOT.resolve("runtime/src/test/resources/golden/optim/optim.txt");
    String kind = family.simpleName().toLowerCase(java.util.Locale.ROOT);
    boolean found = false;
    for (String line : Files.readAllLines(golden, StandardCharsets.UTF_8)) {
      found |= line.startsWith("case ") && line.endsWith(" " + kind);
    }
    assertTrue(found, "no golden case of @" + family.simpleName() + " in " + golden);
  }

  /** The checklist's rows name files that exist, for every optimizer. */
  @Test
  void theArchitectureChecklistNamesExistingFiles() throws Exception {
    String doc = Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"), StandardCharsets.UTF_8);
    int start = doc.indexOf("### An optimizer");
    assertTrue(start >= 0, "docs/ARCHITECTURE.md has no optimizer checklist");
    int end = doc.indexOf("\n#", start + 1);
    String section = doc.substring(start, end < 0 ? doc.length() : end);
    assertTrue(section.contains(getClass().getSimpleName()), "the checklist names this test");
    Matcher m = Pattern.compile("^\\| [0-9+]+ \\| `([^`]+)`", Pattern.MULTILINE).matcher(section);
    int rows = 0;
    for (; m.find(); rows++) {
      String path = m.group(1).replace("/.../", "/src/main/java/dev/anneal/");
      for (Spec.Family family : Spec.Family.values()) {
        Path file = ROOT.resolve(path.replace("<Name>", family.simpleName()));
        assertTrue(Files.isRegularFile(file), "the checklist names " + file + ", not a file");
      }
    }
    assertTrue(rows >= 5, "rows found: " + rows);
  }
}
