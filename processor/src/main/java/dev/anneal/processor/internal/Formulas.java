package dev.anneal.processor.internal;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import dev.anneal.CyclicMode;
import dev.anneal.Interpolation;
import dev.anneal.Ramp;
import dev.anneal.internal.Literals;
import dev.anneal.internal.OneCyclePhases;
import dev.anneal.internal.Plan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The body of a generated {@code at(long step)}: {@link Plan#at} with every constant of the plan
 * written as a literal, dead branches left out, and the same floating-point operations in the same
 * order, so that generated code and the runtime builder return the same doubles.
 *
 * <p>Every step becomes a double through {@code Steps.toDouble}, the exact conversion that does not
 * wait for the previous call's result on JDK 17 (see there); it gives the same double as a cast.
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
      code.beginControlFlow("if (step < $L)", lit(plan.warmupSteps))
          .beginControlFlow("if (step < 0)")
          .addStatement("throw $T.negative(step)", Generator.STEPS)
          .endControlFlow()
          .addStatement("double x = $T.toDouble(step)", Generator.STEPS)
          .addStatement("return $L", plan.warmupShape == Ramp.LINEAR
              ? linear(plan.warmupFrom, plan.warmupSlope, "x")
              : ramp(plan.warmupShape, plan.warmupFrom, plan.warmupTo, plan.warmupLnRatio,
                  "x * " + lit(plan.warmupInv)))
          .endControlFlow()
          .addStatement("long t = step - $L", lit(plan.warmupSteps));
      t = "t";
    } else {
      code.beginControlFlow("if (step < 0)")
          .addStatement("throw $T.negative(step)", Generator.STEPS)
          .endControlFlow();
    }
    if (plan.bodyLength >= 0) {
      code.beginControlFlow("if ($L >= $L)", t, lit(plan.bodyLength));
      if (plan.cooldownSteps > 0) {
        code.addStatement("long u = $L - $L", t, lit(plan.bodyLength))
            .beginControlFlow("if (u < $L)", lit(plan.cooldownSteps))
            .addStatement("double x = $T.toDouble(u)", Generator.STEPS)
            .addStatement("return $L", plan.cooldownShape == Ramp.LINEAR
                ? linear(plan.cooldownFrom, plan.cooldownSlope, "x")
                : ramp(plan.cooldownShape, plan.cooldownFrom, plan.cooldownTo, plan.cooldownLnRatio,
                    "x * " + lit(plan.cooldownInv)))
            .endControlFlow();
      }
      code.addStatement("return $L", lit(plan.endValue)).endControlFlow();
    }
    if (plan.restarts) {
      restarts(code, t);
    } else {
      body(code, t);
    }
    return code.build();
  }

  /** {@code a + slope * x}: one multiply-add (just {@code a} when flat). */
  private static String linear(double a, double slope, String x) {
    return slope == 0 ? lit(a) : sum(a, lit(slope) + " * " + x);
  }

  /** {@link Plan#ramp} for a known shape. */
  private static String ramp(Ramp shape, double a, double b, double lnRatio, String p) {
    if (a == b && shape != Ramp.EXPONENTIAL) {
      return lit(a); // a flat ramp: a + 0 * (...) is a
    }
    switch (shape) {
      case LINEAR:
        return sum(a, lit(b - a) + " * (" + p + ")");
      case COSINE:
        return sum(a, lit(b - a) + " * (0.5 - 0.5 * Math.cos(Math.PI * (" + p + ")))");
      case EXPONENTIAL:
        return lit(a) + " * Math.exp(" + lit(lnRatio) + " * (" + p + "))";
      case SQRT:
        return sum(b, lit(a - b) + " * (1 - Math.sqrt(" + p + "))");
      case CONSTANT:
        return lit(a);
      default:
        throw new AssertionError(shape);
    }
  }

  /** The body when it runs once, for {@code t} below its length. */
  private void body(CodeBlock.Builder code, String t) {
    Plan p = plan;
    switch (p.body) {
      case CONSTANT:
        code.addStatement("return $L", lit(p.from));
        break;
      case STEP_DECAY:
      case EXPONENTIAL:
        if (p.rate == 1) {
          code.addStatement("return $L", lit(p.from));
        } else if (p.staircase) {
          code.addStatement("return $L * Math.exp($T.toDouble($L / $L) * $L)",
              lit(p.from), Generator.STEPS, t, lit(p.every), lit(p.lnRate));
        } else {
          code.addStatement("return $L * Math.exp($T.toDouble($L) * $L)",
              lit(p.from), Generator.STEPS, t, lit(p.lnRatePerStep));
        }
        break;
      case MULTI_STEP:
        for (int k = 0; k < p.milestones.length; k++) {
          code.beginControlFlow("if ($L < $L)", t, lit(p.milestones[k]))
              .addStatement("return $L", lit(p.levels[k]))
              .endControlFlow();
        }
        code.addStatement("return $L", lit(p.levels[p.milestones.length]));
        break;
      case COSINE:
        if (p.exponent == 1) {
          code.addStatement("double x = $T.toDouble($L)", Generator.STEPS, t)
              .addStatement("return $L", plus(lit(p.cosineMid), lit(p.cosineHalf) + " * Math.cos(x * " + lit(p.piOverSteps) + ")"));
        } else {
          code.addStatement("double c = 0.5 + 0.5 * Math.cos($T.toDouble($L) * $L)", Generator.STEPS, t, lit(p.piOverSteps));
          code.addStatement("return $L", sum(p.to, lit(p.delta) + " * " + power("c", p.exponent)));
        }
        break;
      case LINEAR:
        code.addStatement("double x = $T.toDouble($L)", Generator.STEPS, t)
            .addStatement("return $L", linear(p.from, p.linearSlope, "x"));
        break;
      case POLYNOMIAL:
        if (!p.cycle) {
          code.addStatement("double r = $T.toDouble($L - $L) * $L", Generator.STEPS, lit(p.steps), t, lit(p.invSteps));
        } else {
          code.addStatement("long q = $L / $L", t, lit(p.steps))
              .addStatement("long m = $L - q * $L", t, lit(p.steps))
              .beginControlFlow("if (m == 0 && $L != 0)", t)
              .addStatement("return $L", lit(p.to))
              .endControlFlow()
              .addStatement("double r = $T.toDouble($L - m) / ($T.toDouble(q + 1) * $L)",
                  Generator.STEPS, lit(p.steps), Generator.STEPS, lit((double) p.steps));
        }
        code.addStatement("return $L", sum(p.to, lit(p.delta) + " * " + power("r", p.exponent), true));
        break;
      case INVERSE_TIME:
        if (p.staircase) {
          code.addStatement("return $L / (1 + $T.toDouble($L / $L) * $L)",
              lit(p.from), Generator.STEPS, t, lit(p.every), lit(p.rate));
        } else {
          code.addStatement("return $L / (1 + $T.toDouble($L) * $L)", lit(p.from), Generator.STEPS, t, lit(p.ratePerStep));
        }
        break;
      case INVERSE_SQRT:
        code.addStatement("return $L * Math.sqrt($L / ($L + $T.toDouble($L)))",
            lit(p.from), lit(p.timescale), lit(p.timescale), Generator.STEPS, t);
        break;
      case CYCLIC:
        cyclic(code, t);
        break;
      case ONE_CYCLE:
        code.addStatement("double x = $T.toDouble($L)", Generator.STEPS, t);
        oneCycle(code, "x", p.oneCycle);
        break;
      case PIECEWISE:
        piecewise(code, t);
        break;
      default:
        throw new AssertionError(p.body);
    }
  }

  private void cyclic(CodeBlock.Builder code, String t) {
    Plan p = plan;
    code.addStatement("long cycle = $L / $L", t, lit(p.period))
        .addStatement("long pos = $L - cycle * $L", t, lit(p.period))
        .addStatement("double x = pos <= $L ? $T.toDouble(pos) * $L : $T.toDouble($L - pos) * $L",
            lit(p.up), Generator.STEPS, lit(p.invUp), Generator.STEPS, lit(p.period), lit(p.invDown));
    if (p.mode == CyclicMode.TRIANGULAR) {
      code.addStatement("return $L + $L * x", lit(p.low), lit(p.height));
    } else if (p.mode == CyclicMode.TRIANGULAR2) {
      code.add("// the amplitude halves every cycle\n")
          .addStatement("return $L + $L * x * Math.scalb(1.0, (int) -Math.min(cycle, 2000))", lit(p.low), lit(p.height));
    } else {
      code.addStatement("return $L + $L * x * Math.exp($T.toDouble($L) * $L)",
          lit(p.low), lit(p.height), Generator.STEPS, t, lit(p.lnGamma));
    }
  }

  /** PyTorch's phases, unrolled; {@code x <= steps - 1} here. */
  private static void oneCycle(CodeBlock.Builder code, String t, OneCyclePhases o) {
    double end0 = o.end0(o.steps);
    code.beginControlFlow("if ($L <= $L)", t, lit(end0))
        .addStatement("return $L", anneal(o, o.initial, o.peak, t + " * " + lit(1 / end0)))
        .endControlFlow();
    double last = o.steps - 1;
    if (o.threePhase) {
      double end1 = o.end1(o.steps);
      code.beginControlFlow("if ($L <= $L)", t, lit(end1))
          .addStatement("return $L", anneal(o, o.peak, o.initial,
              "(" + t + " - " + lit(end0) + ") * " + lit(1 / (end1 - end0))))
          .endControlFlow()
          .addStatement("return $L", anneal(o, o.initial, o.min,
              "(" + t + " - " + lit(end1) + ") * " + lit(1 / (last - end1))));
    } else {
      code.addStatement("return $L", anneal(o, o.peak, o.min,
          "(" + t + " - " + lit(end0) + ") * " + lit(1 / (last - end0))));
    }
  }

  /** {@link OneCyclePhases#anneal} with {@code (start - end) / 2.0} and {@code end - start} folded. */
  private static String anneal(OneCyclePhases o, double start, double end, String pct) {
    if (o.cosine) {
      return plus(lit(end), lit((start - end) / 2.0) + " * (Math.cos(Math.PI * (" + pct + ")) + 1)");
    }
    return plus(lit(end - start) + " * (" + pct + ")", lit(start));
  }

  private void piecewise(CodeBlock.Builder code, String t) {
    Plan p = plan;
    // t is below the last knot here: the top-level check holds the last value.
    int last = p.knots.length - 1;
    for (int i = 0; i < last; i++) {
      if (i + 1 < last) {
        code.beginControlFlow("if ($L < $L)", t, lit(p.knots[i + 1]));
      }
      String value;
      if (p.interpolation == Interpolation.STEP || p.values[i] == p.values[i + 1]) {
        value = lit(p.values[i]); // held, or a flat segment
      } else {
        // x: steps into segment i
        code.addStatement("double x = $T.toDouble($L)", Generator.STEPS,
            p.knots[i] == 0 ? t : t + " - " + lit(p.knots[i]));
        value = p.interpolation == Interpolation.LINEAR
            ? linear(p.values[i], p.knotSlope[i], "x")
            : plus(lit(p.values[i + 1]), lit(p.values[i] - p.values[i + 1])
                + " * (0.5 + 0.5 * Math.cos(Math.PI * (x * " + lit(p.knotInv[i]) + ")))");
      }
      code.addStatement("return $L", value);
      if (i + 1 < last) {
        code.endControlFlow();
      }
    }
    if (last == 0) {
      code.addStatement("return $L", lit(p.values[0]));
    }
  }

  /** The cycle containing {@code t}, its local step, and the body over that cycle. */
  private void restarts(CodeBlock.Builder code, String t) {
    Plan p = plan;
    String scale = "1";
    if (p.cycleStart == null) {
      code.addStatement("long cycle = $L / $L", t, lit(p.steps));
      if (p.body != dev.anneal.internal.Kind.CONSTANT) {
        code.addStatement("double local = $T.toDouble($L - cycle * $L)", Generator.STEPS, t, lit(p.steps));
      }
      if (p.decay != 1) {
        code.addStatement("double scale = Math.exp($T.toDouble(cycle) * $L)", Generator.STEPS, lit(p.lnDecay));
        scale = "scale";
      }
      periodic(code, "local", lit((double) p.steps), lit(p.invSteps), scale, false);
      return;
    }
    fields.add(FieldSpec.builder(TypeName.get(double[].class), "CYCLE_START", Modifier.PRIVATE, Modifier.STATIC,
            Modifier.FINAL)
        .addJavadoc("Start step of each cycle: cycle i lasts $L * $L^i.\n", lit(p.steps), lit(p.growth))
        .initializer("$T.cycleStarts($L, $L, $L)", Generator.PLAN, lit(p.steps), lit(p.growth), p.limit)
        .build());
    code.addStatement("int cycle = $T.cycleOf(CYCLE_START, $L)", Generator.PLAN, t)
        .addStatement("double p = CYCLE_START[cycle + 1] - CYCLE_START[cycle]")
        .addStatement("double local = $T.toDouble($L) - CYCLE_START[cycle]", Generator.STEPS, t);
    if (p.decay != 1) {
      code.addStatement("double scale = Math.exp($T.toDouble(cycle) * $L)", Generator.STEPS, lit(p.lnDecay));
      scale = "scale";
    }
    periodic(code, "local", "p", "(1 / p)", scale, true);
  }

  /** {@link Plan#periodic}: the body over a cycle of length {@code p}. */
  private void periodic(CodeBlock.Builder code, String t, String p, String invP, String scale, boolean mayEnd) {
    Plan plan = this.plan;
    // The start value scales by decay^cycle; the end value does not.
    String delta = scale.equals("1") ? lit(plan.delta) : lit(plan.from) + " * " + scale + " - " + lit(plan.to);
    if (mayEnd && plan.body != dev.anneal.internal.Kind.CONSTANT && plan.body != dev.anneal.internal.Kind.ONE_CYCLE) {
      code.beginControlFlow("if ($L >= $L)", t, p).addStatement("return $L", lit(plan.to)).endControlFlow();
    }
    switch (plan.body) {
      case CONSTANT:
        code.addStatement("return $L", scale.equals("1") ? lit(plan.from) : lit(plan.from) + " * " + scale);
        break;
      case COSINE:
        code.addStatement("double c = 0.5 + 0.5 * Math.cos($L * $L * Math.PI)", t, invP)
            .addStatement("return $L", sum(plan.to, "(" + delta + ") * " + power("c", plan.exponent)));
        break;
      case LINEAR:
        code.addStatement("double start = $L", scale.equals("1") ? lit(plan.from) : lit(plan.from) + " * " + scale)
            .addStatement("return start + ($L - start) * ($L * $L)", lit(plan.to), t, invP);
        break;
      case POLYNOMIAL:
        code.addStatement("double r = ($L - $L) * $L", p, t, invP)
            .addStatement("return $L", sum(plan.to, "(" + delta + ") * " + power("r", plan.exponent), true));
        break;
      case ONE_CYCLE:
        code.addStatement("return PLAN.oneCycle.periodic($L, $L, $L)", t, p, scale);
        break;
      default:
        throw new AssertionError(plan.body);
    }
  }

  // ---- literals ----

  /** {@code x} or {@code x^e} as Java. */
  private static String power(String x, double e) {
    return e == 1 ? x : "Math.pow(" + x + ", " + lit(e) + ")";
  }

  /** {@code a + term}, or just {@code term} when {@code a} is 0 (adding 0.0 changes nothing). */
  private static String sum(double a, String term) {
    return a == 0 ? term : plus(lit(a), term);
  }

  /** {@code term + a} (operand order as in the Keras formula), or {@code term} when {@code a} is 0. */
  private static String sum(double a, String term, boolean termFirst) {
    return a == 0 ? term : plus(term, lit(a));
  }

  /** {@code a + b}, written {@code a - x} when b is {@code -x}: the same double, easier to read. */
  static String plus(String a, String b) {
    return b.startsWith("-") ? a + " - " + b.substring(1) : a + " + " + b;
  }

  static String lit(double d) {
    return Literals.number(d);
  }

  static String lit(long l) {
    return Literals.number(l) + "L";
  }
}
