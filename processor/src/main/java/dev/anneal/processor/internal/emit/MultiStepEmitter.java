package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import dev.anneal.internal.kind.MultiStep;

final class MultiStepEmitter implements BodyEmitter<MultiStep.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, MultiStep.Folded c, String t) {
    for (int k = 0; k < c.count(); k++) {
      code.beginControlFlow("if ($L < $L)", t, lit(c.milestone(k)))
          .addStatement("return $L", lit(c.level(k)))
          .endControlFlow();
    }
    code.addStatement("return $L", lit(c.level(c.count())));
  }
}
