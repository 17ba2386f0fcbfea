package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Tanh;
import java.util.List;

final class TanhEmitter implements PeriodicEmitter<Tanh.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Tanh.Folded c, String t, List<FieldSpec> fields) {
    code.addStatement(
        "return $L + $L * (1 - tanh($L + $L * toDouble($L)))",
        lit(c.to),
        lit(c.half),
        lit(c.lower),
        lit(c.slope),
        t);
  }

  @Override
  public void periodic(
      CodeBlock.Builder code,
      Tanh.Folded c,
      String t,
      String p,
      String invP,
      String first,
      boolean mayEnd) {
    if (mayEnd) {
      code.beginControlFlow("if ($L >= $L)", t, p)
          .addStatement("return $L", lit(c.to))
          .endControlFlow();
    }
    String start = first == null ? lit(c.from) : first;
    code.addStatement(
        "return $L + 0.5 * ($L - $L) * (1 - tanh($L + $L * ($L * $L)))",
        lit(c.to),
        start,
        lit(c.to),
        lit(c.lower),
        lit(c.range),
        t,
        invP);
  }
}
