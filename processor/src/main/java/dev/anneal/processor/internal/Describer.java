package dev.anneal.processor.internal;

import com.palantir.javapoet.CodeBlock;
import dev.anneal.internal.Literals;
import dev.anneal.internal.Plan;
import java.util.Locale;

/** The javadoc of a generated curve: the declaration, then what happens on each range of steps. */
final class Describer {
  private Describer() {}

  static CodeBlock javadoc(String method, Plan plan) {
    CodeBlock.Builder doc =
        CodeBlock.builder()
            .add("Schedule {@code $L}, declared as\n", method)
            .add("{@code $L}.\n\n", plan.declaration().toSource())
            .add("<table>\n  <caption>Value by step</caption>\n");
    long w = plan.warmupSteps;
    if (w > 0) {
      row(
          doc,
          "0",
          count(w),
          plan.warmupShape.name().toLowerCase(Locale.ROOT)
              + " warm-up from "
              + Literals.number(plan.warmupFrom)
              + " to "
              + Literals.number(plan.warmupTo));
    }
    String bodyEnd = plan.bodyLength < 0 ? null : count(w + plan.bodyLength);
    row(
        doc,
        count(w),
        bodyEnd,
        body(plan) + (w > 0 ? ", at t = step - " + count(w) : " at t = step"));
    if (plan.bodyLength >= 0) {
      long c = plan.cooldownSteps;
      if (c > 0) {
        row(
            doc,
            bodyEnd,
            count(w + plan.bodyLength + c),
            plan.cooldownShape.name().toLowerCase(Locale.ROOT)
                + " cool-down from "
                + Literals.number(plan.cooldownFrom)
                + " to "
                + Literals.number(plan.cooldownTo));
      }
      row(doc, count(w + plan.bodyLength + c), null, "holds " + Literals.number(plan.endValue));
    }
    return doc.add(
            "</table>\n\n<p>Negative steps throw {@link IllegalArgumentException}. The {@code fill}s use\n")
        .add("the runtime's vector kernels on the same schedule when they pay off.\n")
        .build();
  }

  private static void row(CodeBlock.Builder doc, String from, String to, String what) {
    doc.add(
        "  <tr><td>[$L, $L)</td><td>$L</td></tr>\n",
        from,
        to == null ? "&infin;" : to,
        escape(what));
  }

  private static String count(long l) {
    return Literals.count(l);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;");
  }

  /** One line on the body, with the formula a reader can check. */
  private static String body(Plan p) {
    String n = p.body().describe();
    if (p.restarts) {
      n +=
          "; restarts every "
              + count(p.period)
              + (p.growth == 1 ? "" : " * " + num(p.growth) + "^i")
              + " steps"
              + (p.decay == 1 ? "" : ", start value * " + num(p.decay) + "^i")
              + (p.limit == 0 ? "" : ", " + p.limit + " cycles");
    }
    return n;
  }

  private static String num(double d) {
    return Literals.number(d);
  }
}
