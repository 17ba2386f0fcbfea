package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;
import static dev.anneal.processor.internal.emit.Expr.plus;
import static dev.anneal.processor.internal.emit.Expr.power;
import static dev.anneal.processor.internal.emit.Expr.sum;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Cosine;
import java.util.List;

final class CosineEmitter implements PeriodicEmitter<Cosine.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Cosine.Folded c, String t, List<FieldSpec> fields) {
    if (c.exponent == 1) {
      code.addStatement("double x = toDouble($L)", t)
          .addStatement(
              "return $L",
              plus(lit(c.mid), lit(c.half) + " * cos(x * " + lit(c.piOverSteps) + ")"));
    } else {
      code.addStatement("double c = 0.5 + 0.5 * cos(toDouble($L) * $L)", t, lit(c.piOverSteps));
      code.addStatement("return $L", sum(c.to, lit(c.delta) + " * " + power("c", c.exponent)));
    }
  }

  @Override
  public void periodic(
      CodeBlock.Builder code,
      Cosine.Folded c,
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
    code.addStatement("double c = 0.5 + 0.5 * cos($L * $L * PI)", t, invP)
        .addStatement("return $L", sum(c.to, "(" + delta + ") * " + power("c", c.exponent)));
  }
}
