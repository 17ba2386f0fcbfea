package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.linear;
import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Linear;
import java.util.List;

final class LinearEmitter implements PeriodicEmitter<Linear.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Linear.Folded c, String t, List<FieldSpec> fields) {
    code.addStatement("double x = toDouble($L)", t)
        .addStatement("return $L", linear(c.from, c.slope, "x"));
  }

  @Override
  public void periodic(
      CodeBlock.Builder code,
      Linear.Folded c,
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
    code.addStatement("double start = $L", first == null ? lit(c.from) : first)
        .addStatement("return start + ($L - start) * ($L * $L)", lit(c.to), t, invP);
  }
}
