package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;
import static dev.anneal.processor.internal.emit.Expr.plus;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.OneCycle;
import java.util.List;

/** PyTorch's phases, unrolled, with every phase boundary and reciprocal folded. */
final class OneCycleEmitter implements PeriodicEmitter<OneCycle.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, OneCycle.Folded c, String t, List<FieldSpec> fields) {
    OneCycle.Phases o = c.phases();
    code.addStatement("double x = toDouble($L)", t);
    phases(code, o, o.peak, o.initial, o.min);
  }

  /**
   * The momentum PyTorch cycles against this one-cycle ({@code Phases.momentum}): the same phases
   * with {@code base} at the LR's peak and {@code max} at both ends, held after the last step.
   */
  static void momentum(
      CodeBlock.Builder code, OneCycle.Folded c, double base, double max, String t) {
    // from the last step on it holds the value there (the runtime evaluates min(t, steps - 1))
    code.beginControlFlow("if ($L >= $L)", t, lit(c.steps - 1))
        .addStatement("return $L", lit(c.momentum(c.steps - 1, base, max)))
        .endControlFlow()
        .addStatement("double x = toDouble($L)", t);
    phases(code, c.phases(), base, max, max);
  }

  /** {@code Phases.value(x, steps, top, start, end)}, unrolled, for {@code x <= steps - 1}. */
  private static void phases(
      CodeBlock.Builder code, OneCycle.Phases o, double top, double start, double end) {
    double end0 = o.end0(o.steps);
    code.beginControlFlow("if (x <= $L)", lit(end0))
        .addStatement("return $L", anneal(o, start, top, "x * " + lit(1 / end0)))
        .endControlFlow();
    double last = o.steps - 1;
    if (o.threePhase) {
      double end1 = o.end1(o.steps);
      code.beginControlFlow("if (x <= $L)", lit(end1))
          .addStatement(
              "return $L",
              anneal(o, top, start, "(x - " + lit(end0) + ") * " + lit(1 / (end1 - end0))))
          .endControlFlow()
          .addStatement(
              "return $L",
              anneal(o, start, end, "(x - " + lit(end1) + ") * " + lit(1 / (last - end1))));
    } else {
      code.addStatement(
          "return $L", anneal(o, top, end, "(x - " + lit(end0) + ") * " + lit(1 / (last - end0))));
    }
  }

  /** {@code Phases.anneal} with {@code (start - end) / 2.0} and {@code end - start} folded. */
  private static String anneal(OneCycle.Phases o, double start, double end, String pct) {
    if (o.cosine) {
      return plus(lit(end), lit((start - end) / 2.0) + " * (cos(PI * (" + pct + ")) + 1)");
    }
    return plus(lit(end - start) + " * (" + pct + ")", lit(start));
  }

  /** {@code Phases.periodic}: the phases over a cycle of length {@code p}, peak scaled. */
  @Override
  public void periodic(
      CodeBlock.Builder code,
      OneCycle.Folded c,
      String t,
      String p,
      String invP,
      String first,
      boolean mayEnd) {
    OneCycle.Phases o = c.phases();
    String top = first == null ? lit(o.peak) : first;
    code.addStatement("double top = $L", top)
        .addStatement("double total = $L", p)
        .addStatement("double x = min($L, total - 1)", t)
        .addStatement("double end0 = $L * total - 1", lit(o.pctStart))
        .beginControlFlow("if (x <= end0)")
        .addStatement("return $L", runtimeAnneal(o, lit(o.initial), "top", "x * (1 / end0)"))
        .endControlFlow();
    if (o.threePhase) {
      code.addStatement("double end1 = 2 * $L * total - 2", lit(o.pctStart))
          .beginControlFlow("if (x <= end1)")
          .addStatement(
              "return $L",
              runtimeAnneal(o, "top", lit(o.initial), "(x - end0) * (1 / (end1 - end0))"))
          .endControlFlow()
          .addStatement(
              "return $L",
              runtimeAnneal(
                  o, lit(o.initial), lit(o.min), "(x - end1) * (1 / (total - 1 - end1))"));
    } else {
      code.addStatement(
          "return $L",
          runtimeAnneal(o, "top", lit(o.min), "(x - end0) * (1 / (total - 1 - end0))"));
    }
  }

  /** {@code Phases.anneal} as written, for start and end values known only at run time. */
  private static String runtimeAnneal(OneCycle.Phases o, String start, String end, String pct) {
    if (o.cosine) {
      return end + " + (" + start + " - " + end + ") / 2.0 * (cos(PI * (" + pct + ")) + 1)";
    }
    return "(" + end + " - " + start + ") * (" + pct + ") + " + start;
  }
}
