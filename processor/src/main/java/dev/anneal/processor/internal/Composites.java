package dev.anneal.processor.internal;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.anneal.internal.Declaration;
import dev.anneal.internal.Plan;
import dev.anneal.internal.compose.Composite;
import dev.anneal.internal.compose.CycleMomentum;
import dev.anneal.internal.compose.Product;
import dev.anneal.internal.compose.Repeat;
import dev.anneal.internal.compose.Resolver;
import dev.anneal.internal.compose.Sequence;
import dev.anneal.processor.internal.emit.Emitters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The generated class of a composite: its parts are the config's other schedules, called through
 * their static final curve fields (final classes: the JIT inlines them, no interface dispatch),
 * with the runtime's operations in the runtime's order ({@code dev.anneal.internal.compose}).
 */
final class Composites {
  private Composites() {}

  static TypeSpec curve(
      ScheduleMethod m,
      ClassName self,
      Map<String, String> curveFields,
      Map<String, Declaration> declarations,
      Map<String, Object> entries,
      Config config) {
    CodeBlock.Builder at =
        CodeBlock.builder()
            .beginControlFlow("if (step < 0)")
            .addStatement("throw negative(step)")
            .endControlFlow();
    List<FieldSpec> fields = new ArrayList<>();
    Composite composite = m.composite();
    // a switch expression: a new composite kind without its generator does not compile
    CodeBlock.Builder body =
        switch (composite.kind()) {
          case SEQUENCE -> sequence(at, (Sequence) composite, curveFields, fields);
          case PRODUCT -> product(at, (Product) composite, curveFields);
          case REPEAT -> repeat(at, m.name(), (Repeat) composite, curveFields, entries);
          case CYCLE_MOMENTUM -> cycleMomentum(at, (CycleMomentum) composite, declarations, fields);
        };
    TypeSpec.Builder curve =
        TypeSpec.classBuilder(self.simpleName())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .superclass(Generator.GENERATED_SCHEDULE)
            .addJavadoc(
                "Schedule {@code $L}, declared as\n{@code $L}.\n\n<p>Negative steps throw {@link "
                    + "IllegalArgumentException}; the {@code fill}s run {@code at} per element.\n",
                m.name(),
                m.source());
    fields.forEach(curve::addField);
    return curve
        .addField(Generator.SERIAL_VERSION_UID)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addStatement(
                    "super($L, $L, $L)",
                    oneString(namedParts(m, config) + m.name()),
                    Generator.GENERATED_FORMAT,
                    Generator.pieces(m.source()))
                .build())
        .addMethod(
            MethodSpec.methodBuilder("at")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(TypeName.DOUBLE)
                .addParameter(TypeName.LONG, "step")
                .addCode(body.build())
                .build())
        .build();
  }

  /** On {@code [b[i-1], b[i])}: part i at {@code step - b[i-1]}. */
  private static CodeBlock.Builder sequence(
      CodeBlock.Builder at, Sequence s, Map<String, String> curveFields, List<FieldSpec> fields) {
    if (s.boundaries().length > Sequence.Folded.LADDER_LIMIT) {
      return searched(s, at, fields, curveFields);
    }
    long[] b = s.boundaries();
    for (int i = 0; i < b.length; i++) {
      String local = i == 0 ? "step" : "step - " + lit(b[i - 1]);
      at.beginControlFlow("if (step < $L)", lit(b[i]))
          .addStatement("return $L.at($L)", curveFields.get(s.schedules().get(i)), local)
          .endControlFlow();
    }
    return at.addStatement(
        "return $L.at(step - $L)",
        curveFields.get(s.schedules().get(b.length)),
        lit(b[b.length - 1]));
  }

  /** Strictly left to right, as the runtime multiplies. */
  private static CodeBlock.Builder product(
      CodeBlock.Builder at, Product p, Map<String, String> curveFields) {
    at.addStatement("double v = $L.at(step)", curveFields.get(p.schedules().get(0)));
    for (int i = 1; i < p.schedules().size(); i++) {
      at.addStatement("v *= $L.at(step)", curveFields.get(p.schedules().get(i)));
    }
    return at.addStatement("return v");
  }

  /** The momentum PyTorch cycles against a plain one-cycle or cyclic LR. */
  private static CodeBlock.Builder cycleMomentum(
      CodeBlock.Builder at,
      CycleMomentum c,
      Map<String, Declaration> declarations,
      List<FieldSpec> fields) {
    at.add(
        "// the momentum PyTorch cycles against $L: the same phases, moving opposite to the LR\n",
        c.of());
    // validated: `of` is a plain one-cycle or cyclic LR; each admitted curve has its case
    Plan lr = Plan.of(declarations.get(c.of()));
    return CycleMomentum.momentum(lr, c.base(), c.max())
        .match(
            oneCycle -> {
              Emitters.oneCycleMomentum(at, oneCycle.lr(), oneCycle.base(), oneCycle.max(), "step");
              return at;
            },
            cyclic -> {
              Emitters.of(cyclic.curve()).emit(at, cyclic.curve(), "step", fields);
              return at;
            });
  }

  /**
   * As {@code Repeat.Folded.at}: {@code of.at(step % L)} before {@code times * L} (always when
   * forever), then {@code of.at(step - (times - 1) * L)}.
   */
  private static CodeBlock.Builder repeat(
      CodeBlock.Builder at,
      String name,
      Repeat r,
      Map<String, String> curveFields,
      Map<String, Object> entries) {
    // validated: resolves, and `of` has a finite length
    Repeat.Folded f = (Repeat.Folded) Resolver.resolve(entries, name).get(name);
    String of = curveFields.get(r.of());
    if (r.times() == 0) {
      return at.addStatement("return $L.at(step % $L)", of, lit(f.period()));
    }
    return at.beginControlFlow("if (step < $L)", lit(f.end()))
        .addStatement("return $L.at(step % $L)", of, lit(f.period()))
        .endControlFlow()
        .addStatement("return $L.at(step - $L)", of, lit(f.lastStart()));
  }

  /**
   * A sequence with more boundaries than a ladder should hold (as the runtime's {@code
   * Sequence.Folded}): the boundaries and each segment's part as constant tables, a binary search,
   * then one branch per distinct part (the parts' static fields are read when {@code at} runs,
   * never while the classes initialize).
   */
  private static CodeBlock.Builder searched(
      Sequence s, CodeBlock.Builder at, List<FieldSpec> fields, Map<String, String> curveFields) {
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(s.schedules()));
    long[] partOf = new long[s.schedules().size()];
    for (int i = 0; i < partOf.length; i++) {
      partOf[i] = distinct.indexOf(s.schedules().get(i));
    }
    Emitters.longTable(fields, "BOUNDARIES", s.boundaries(), "The boundaries, in order.");
    Emitters.longTable(
        fields, "PART_OF", partOf, "Segment i runs part PART_OF[i] of the distinct parts.");
    at.addStatement("int i = countAtMost(BOUNDARIES, step)")
        .addStatement("long t = i == 0 ? step : step - BOUNDARIES[i - 1]")
        .addStatement("int part = (int) PART_OF[i]");
    for (int p = 0; p < distinct.size() - 1; p++) {
      at.beginControlFlow("if (part == $L)", p)
          .addStatement("return $L.at(t)", curveFields.get(distinct.get(p)))
          .endControlFlow();
    }
    return at.addStatement("return $L.at(t)", curveFields.get(distinct.get(distinct.size() - 1)));
  }

  /** A string expression: a literal, or joined at run time when too long for one constant. */
  private static CodeBlock oneString(String s) {
    CodeBlock pieces = Generator.pieces(s);
    return s.length() <= Generator.PIECE
        ? pieces
        : CodeBlock.of("$T.join(\"\", $L)", ClassName.get(String.class), pieces);
  }

  /**
   * The parts {@code m} names, transitively, as {@code name: declaration; } entries, parts before
   * the composites that name them: with {@code m}'s own {@code name: declaration} after them, the
   * generated {@code toString()} is text {@code Schedules.parseNamed} reads back.
   */
  static String namedParts(ScheduleMethod m, Config config) {
    Map<String, ScheduleMethod> byName = new java.util.HashMap<>();
    for (ScheduleMethod each : config.methods()) {
      byName.put(each.name(), each);
    }
    Map<String, String> entries = new java.util.LinkedHashMap<>();
    for (String part : m.composite().references()) {
      addEntries(byName.get(part), byName, entries);
    }
    StringBuilder sb = new StringBuilder();
    entries.forEach((name, source) -> sb.append(name).append(": ").append(source).append("; "));
    return sb.toString();
  }

  private static void addEntries(
      ScheduleMethod m, Map<String, ScheduleMethod> byName, Map<String, String> entries) {
    if (entries.containsKey(m.name())) {
      return;
    }
    if (m.composite() != null) {
      for (String part : m.composite().references()) {
        addEntries(byName.get(part), byName, entries);
      }
    }
    entries.put(m.name(), m.source());
  }
}
