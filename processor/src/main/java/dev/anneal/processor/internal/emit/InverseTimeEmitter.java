package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;
import static dev.anneal.processor.internal.emit.Expr.power;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.InverseTime;
import java.util.List;

final class InverseTimeEmitter implements BodyEmitter<InverseTime.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, InverseTime.Folded c, String t, List<FieldSpec> fields) {
    String d =
        c.staircase
            ? "1 + toDouble(" + t + " / " + lit(c.every) + ") * " + lit(c.rate)
            : "1 + toDouble(" + t + ") * " + lit(c.ratePerStep);
    code.addStatement(
        "return $L / $L",
        lit(c.from),
        c.power == 1 ? "(" + d + ")" : power("(" + d + ")", c.power));
  }
}
