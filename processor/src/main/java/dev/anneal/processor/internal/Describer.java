package dev.anneal.processor.internal;

import static dev.anneal.processor.internal.Generator.PLAN;

import com.palantir.javapoet.CodeBlock;
import dev.anneal.internal.Literals;
import dev.anneal.internal.Plan;
import java.util.Locale;

/** The javadoc of a generated curve: the declaration, then what happens on each range of steps. */
final class Describer {
  private Describer() {}

  static CodeBlock javadoc(String method, Plan plan) {
    CodeBlock.Builder doc = CodeBlock.builder()
        .add("Schedule {@code $L}, declared as\n", method)
        .add("{@code $L}.\n\n", plan.declaration.toSource())
        .add("<table>\n  <caption>Value by step</caption>\n");
    long w = plan.warmupSteps;
    if (w > 0) {
      row(doc, "0", count(w), plan.warmupShape.name().toLowerCase(Locale.ROOT) + " warm-up from "
          + Literals.number(plan.warmupFrom) + " to " + Literals.number(plan.warmupTo));
    }
    String bodyEnd = plan.bodyLength < 0 ? null : count(w + plan.bodyLength);
    row(doc, count(w), bodyEnd, body(plan) + (w > 0 ? ", at t = step - " + count(w) : " at t = step"));
    if (plan.bodyLength >= 0) {
      long c = plan.cooldownSteps;
      if (c > 0) {
        row(doc, bodyEnd, count(w + plan.bodyLength + c), plan.cooldownShape.name().toLowerCase(Locale.ROOT)
            + " cool-down from " + Literals.number(plan.cooldownFrom) + " to " + Literals.number(plan.cooldownTo));
      }
      row(doc, count(w + plan.bodyLength + c), null, "holds " + Literals.number(plan.endValue));
    }
    return doc.add("</table>\n\n<p>Negative steps throw {@link IllegalArgumentException}. The {@code fill}s use\n")
        .add("the runtime's vector kernels on the same schedule ({@link $T}) when they pay off.\n", PLAN)
        .build();
  }

  private static void row(CodeBlock.Builder doc, String from, String to, String what) {
    doc.add("  <tr><td>[$L, $L)</td><td>$L</td></tr>\n", from, to == null ? "&infin;" : to, escape(what));
  }

  private static String count(long l) {
    return Literals.count(l);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
  }

  /** One line on the body, with the formula a reader can check. */
  private static String body(Plan p) {
    String n;
    switch (p.body) {
      case CONSTANT:
        n = "constant " + num(p.from);
        break;
      case STEP_DECAY:
        n = "step decay: " + num(p.from) + " * " + num(p.rate) + "^floor(t / " + count(p.every) + ")";
        break;
      case MULTI_STEP:
        n = "multi-step: " + num(p.from) + " * factor^(milestones passed), milestones "
            + Literals.source(p.milestones);
        break;
      case EXPONENTIAL:
        n = "exponential: " + num(p.from) + " * " + num(p.rate) + "^" + (p.staircase ? "floor(t / " : "(t / ")
            + count(p.every) + ")";
        break;
      case COSINE:
        n = "cosine: " + num(p.to) + " + " + num(p.delta) + " * ((1 + cos(pi * t / " + count(p.steps) + ")) / 2)"
            + (p.exponent == 1 ? "" : "^" + num(p.exponent));
        break;
      case LINEAR:
        n = "linear: " + num(p.from) + " + " + num(p.to - p.from) + " * t / " + count(p.steps);
        break;
      case POLYNOMIAL:
        n = "polynomial: " + num(p.delta) + " * (1 - t / S)^" + num(p.exponent) + " + " + num(p.to) + ", S = "
            + (p.cycle ? count(p.steps) + " * ceil(t / " + count(p.steps) + ")" : count(p.steps));
        break;
      case INVERSE_TIME:
        n = "inverse time: " + num(p.from) + " / (1 + " + num(p.rate) + " * " + (p.staircase ? "floor(t / " : "(t / ")
            + count(p.every) + "))";
        break;
      case INVERSE_SQRT:
        n = "inverse square root: " + num(p.from) + " * sqrt(" + num(p.timescale) + " / (" + num(p.timescale)
            + " + t))";
        break;
      case CYCLIC:
        n = "cyclic " + p.mode.name().toLowerCase(Locale.ROOT) + " between " + num(p.low) + " and "
            + num(p.low + p.height) + ", up " + count(p.up) + " steps, down " + count(p.period - p.up) + " steps";
        break;
      case ONE_CYCLE:
        n = "one-cycle (PyTorch OneCycleLR, " + (p.oneCycle.cosine ? "cosine" : "linear") + ", "
            + (p.oneCycle.threePhase ? "three" : "two") + " phases): " + num(p.oneCycle.initial) + " up to "
            + num(p.oneCycle.peak) + " by step " + num(p.oneCycle.end0(p.oneCycle.steps)) + ", down to "
            + num(p.oneCycle.min) + " at step " + count(p.steps - 1);
        break;
      case PIECEWISE:
        n = "piecewise " + p.interpolation.name().toLowerCase(Locale.ROOT) + " through knots "
            + Literals.source(p.knots) + " with values " + Literals.source(p.values);
        break;
      default:
        throw new AssertionError(p.body);
    }
    if (p.restarts) {
      n += "; restarts every " + count(p.steps) + (p.growth == 1 ? "" : " * " + num(p.growth) + "^i") + " steps"
          + (p.decay == 1 ? "" : ", start value * " + num(p.decay) + "^i")
          + (p.limit == 0 ? "" : ", " + p.limit + " cycles");
    }
    return n;
  }

  private static String num(double d) {
    return Literals.number(d);
  }
}
