package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.StepDecay;
import java.util.List;

final class StepDecayEmitter implements BodyEmitter<StepDecay.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, StepDecay.Folded c, String t, List<FieldSpec> fields) {
    if (c.lnFactor == 0) {
      code.addStatement("return $L", lit(c.from));
    } else {
      code.addStatement(
          "return $L * exp(toDouble($L / $L) * $L)", lit(c.from), t, lit(c.every), lit(c.lnFactor));
    }
  }
}
