package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;
import static dev.anneal.processor.internal.emit.Expr.power;
import static dev.anneal.processor.internal.emit.Expr.sumAfter;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Polynomial;
import java.util.List;

final class PolynomialEmitter implements PeriodicEmitter<Polynomial.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Polynomial.Folded c, String t, List<FieldSpec> fields) {
    if (!c.cycle) {
      code.addStatement("double r = toDouble($L - $L) * $L", lit(c.steps), t, lit(c.invSteps));
    } else {
      code.addStatement("long q = $L / $L", t, lit(c.steps))
          .addStatement("long m = $L - q * $L", t, lit(c.steps))
          .beginControlFlow("if (m == 0 && $L != 0)", t)
          .addStatement("return $L", lit(c.to))
          .endControlFlow()
          .addStatement(
              "double r = toDouble($L - m) / (toDouble(q + 1) * $L)",
              lit(c.steps),
              lit((double) c.steps));
    }
    code.addStatement("return $L", sumAfter(lit(c.delta) + " * " + power("r", c.power), c.to));
  }

  @Override
  public void periodic(
      CodeBlock.Builder code,
      Polynomial.Folded c,
      String t,
      String p,
      String invP,
      String first,
      boolean mayEnd) {
    String delta = first == null ? lit(c.delta) : first + " - " + lit(c.to);
    if (mayEnd) {
      code.beginControlFlow("if ($L >= $L)", t, p)
          .addStatement("return $L", lit(c.to))
          .endControlFlow();
    }
    code.addStatement("double r = ($L - $L) * $L", p, t, invP)
        .addStatement("return $L", sumAfter("(" + delta + ") * " + power("r", c.power), c.to));
  }
}
