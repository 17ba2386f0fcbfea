package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.InverseSqrt;
import java.util.List;

final class InverseSqrtEmitter implements BodyEmitter<InverseSqrt.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, InverseSqrt.Folded c, String t, List<FieldSpec> fields) {
    code.addStatement(
        "return $L * sqrt($L / ($L + toDouble($L)))",
        lit(c.from),
        lit(c.timescale),
        lit(c.timescale),
        t);
  }
}
