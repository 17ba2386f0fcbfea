package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Exponential;
import java.util.List;

final class ExponentialEmitter implements BodyEmitter<Exponential.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Exponential.Folded c, String t, List<FieldSpec> fields) {
    String v;
    if (c.lnRate == 0) {
      v = lit(c.from);
    } else if (c.staircase) {
      v =
          lit(c.from)
              + " * exp(toDouble("
              + t
              + " / "
              + lit(c.every)
              + ") * "
              + lit(c.lnRate)
              + ")";
    } else {
      v = lit(c.from) + " * exp(toDouble(" + t + ") * " + lit(c.lnRatePerStep) + ")";
    }
    if (c.clamped) {
      code.add("// clamped at $L\n", lit(c.to));
      code.addStatement("return $L($L, $L)", c.decays ? "max" : "min", v, lit(c.to));
    } else {
      code.addStatement("return $L", v);
    }
  }
}
