package dev.anneal.processor.internal;

import static dev.anneal.processor.internal.emit.Expr.linear;
import static dev.anneal.processor.internal.emit.Expr.lit;
import static dev.anneal.processor.internal.emit.Expr.sum;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import dev.anneal.Ramp;
import dev.anneal.internal.Plan;
import dev.anneal.internal.kind.Curve;
import dev.anneal.internal.kind.Periodic;
import dev.anneal.processor.internal.emit.Emitters;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The body of a generated {@code at(long step)}: {@link Plan#at} with every constant of the plan
 * written as a literal, dead branches left out, and the same floating-point operations in the same
 * order, so that generated code and the runtime builder return the same doubles. This class writes
 * the timeline (warm-up, end, cool-down, restarts); each body kind's emitter writes the body.
 *
 * <p>Every step becomes a double through {@code toDouble}, the exact conversion that does not wait
 * for the previous call's result on JDK 17 (see {@code Steps.toDouble}); it gives the same double
 * as a cast.
 */
final class Formulas {
  private final Plan plan;
  private final List<FieldSpec> fields = new ArrayList<>();

  Formulas(Plan plan) {
    this.plan = plan;
  }

  /** Extra constants the code refers to (restart tables). Valid after {@link #at()}. */
  List<FieldSpec> fields() {
    return fields;
  }

  CodeBlock at() {
    CodeBlock.Builder code = CodeBlock.builder();
    String t = "step";
    if (plan.warmupSteps > 0) {
      String value =
          plan.warmupShape == Ramp.LINEAR
              ? linear(plan.warmupFrom, plan.warmupSlope, "x")
              : ramp(
                  plan.warmupShape,
                  plan.warmupFrom,
                  plan.warmupTo,
                  plan.warmupLnRatio,
                  "x * " + lit(plan.warmupInv));
      code.beginControlFlow("if (step < $L)", lit(plan.warmupSteps))
          .beginControlFlow("if (step < 0)")
          .addStatement("throw negative(step)")
          .endControlFlow();
      declareIfRead(code, value, "double x = toDouble(step)", "x");
      code.addStatement("return $L", value).endControlFlow();
      t = "t";
    } else {
      code.beginControlFlow("if (step < 0)").addStatement("throw negative(step)").endControlFlow();
    }
    CodeBlock.Builder rest = CodeBlock.builder();
    if (plan.bodyLength >= 0) {
      rest.beginControlFlow("if ($L >= $L)", t, lit(plan.bodyLength));
      if (plan.cooldownSteps > 0) {
        String value =
            plan.cooldownShape == Ramp.LINEAR
                ? linear(plan.cooldownFrom, plan.cooldownSlope, "x")
                : ramp(
                    plan.cooldownShape,
                    plan.cooldownFrom,
                    plan.cooldownTo,
                    plan.cooldownLnRatio,
                    "x * " + lit(plan.cooldownInv));
        rest.addStatement("long u = $L - $L", t, lit(plan.bodyLength))
            .beginControlFlow("if (u < $L)", lit(plan.cooldownSteps));
        declareIfRead(rest, value, "double x = toDouble(u)", "x");
        rest.addStatement("return $L", value).endControlFlow();
      }
      rest.addStatement("return $L", lit(plan.endValue)).endControlFlow();
    }
    if (plan.restarts) {
      restarts(rest, t);
    } else {
      body(rest, plan.curve(), t, fields);
    }
    CodeBlock after = rest.build();
    if (plan.warmupSteps > 0) {
      declareIfRead(code, after.toString(), "long t = step - " + lit(plan.warmupSteps), "t");
    }
    return code.add(after).build();
  }

  /**
   * Adds {@code declaration} only when {@code code} reads {@code name}: a flat ramp or a constant
   * body never reads its step, and generated sources carry no dead locals.
   */
  private static void declareIfRead(
      CodeBlock.Builder code, String reader, String declaration, String name) {
    if (java.util.regex.Pattern.compile("(?<![\\w.])" + name + "(?![\\w])")
        .matcher(reader)
        .find()) {
      code.addStatement(declaration);
    }
  }

  private static <C extends Curve> void body(
      CodeBlock.Builder code, C curve, String t, List<FieldSpec> fields) {
    Emitters.of(curve).emit(code, curve, t, fields);
  }

  /** {@link Plan#ramp} for a known shape. */
  private static String ramp(Ramp shape, double a, double b, double lnRatio, String p) {
    if (a == b && shape != Ramp.EXPONENTIAL) {
      return lit(a); // a flat ramp: a + 0 * (...) is a
    }
    // a switch expression: a new ramp shape does not compile until it is written here
    return switch (shape) {
      case LINEAR -> sum(a, lit(b - a) + " * (" + p + ")");
      case COSINE -> sum(a, lit(b - a) + " * (0.5 - 0.5 * cos(PI * (" + p + ")))");
      case EXPONENTIAL -> lit(a) + " * exp(" + lit(lnRatio) + " * (" + p + "))";
      case SQRT -> sum(b, lit(a - b) + " * (1 - sqrt(" + p + "))");
      case CONSTANT -> lit(a);
    };
  }

  /** The cycle containing {@code t}, its local step, and the body over that cycle. */
  private void restarts(CodeBlock.Builder code, String t) {
    Plan p = plan;
    if (p.cycleStarts() == 0) {
      code.addStatement("long cycle = $L / $L", t, lit(p.period));
      if (p.periodic().cycle().shape() != Periodic.Shape.CONSTANT) {
        code.addStatement("double local = toDouble($L - cycle * $L)", t, lit(p.period));
      }
      if (p.decay != 1) {
        code.addStatement("double scale = exp(toDouble(cycle) * $L)", lit(p.lnDecay));
      }
      periodic(code, p.periodic(), "local", lit((double) p.period), lit(p.invPeriod), false);
      return;
    }
    fields.add(
        FieldSpec.builder(
                TypeName.get(double[].class),
                "CYCLE_START",
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc(
                "Start step of each cycle: cycle i lasts $L * $L^i.\n",
                lit(p.period),
                lit(p.growth))
            .initializer("cycleStarts($L, $L, $L)", lit(p.period), lit(p.growth), p.limit)
            .build());
    code.addStatement("int cycle = cycleOf(CYCLE_START, $L)", t)
        .addStatement("double p = CYCLE_START[cycle + 1] - CYCLE_START[cycle]")
        .addStatement("double local = toDouble($L) - CYCLE_START[cycle]", t);
    if (p.decay != 1) {
      code.addStatement("double scale = exp(toDouble(cycle) * $L)", lit(p.lnDecay));
    }
    periodic(code, p.periodic(), "local", "p", "(1 / p)", true);
  }

  /**
   * As {@link Plan#cycleFirst}: the expression of a cycle's start value from {@code scale}, or
   * {@code null} when there is no decay (the body's own start value).
   */
  private String cycleFirst() {
    if (plan.decay == 1) {
      return null;
    }
    return switch (plan.restartScale) {
      case START -> lit(plan.restartFirst) + " * scale";
      case AMPLITUDE -> lit(plan.restartLast) + " + " + lit(plan.restartAmplitude) + " * scale";
    };
  }

  private <C extends Periodic> void periodic(
      CodeBlock.Builder code, C curve, String t, String p, String invP, boolean mayEnd) {
    Emitters.periodic(curve).periodic(code, curve, t, p, invP, cycleFirst(), mayEnd);
  }
}
