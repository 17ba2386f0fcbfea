package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Sigmoid;
import java.util.List;

final class SigmoidEmitter implements BodyEmitter<Sigmoid.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Sigmoid.Folded c, String t, List<FieldSpec> fields) {
    code.addStatement("long d = $L - $L", t, lit(c.center))
        .addStatement(
            "return $L / (1 + exp($L * (d < 0 ? -toDouble(-d) : toDouble(d))))",
            lit(c.from),
            lit(c.negGamma));
  }
}
