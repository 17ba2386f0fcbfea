package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.CyclicMode;
import dev.anneal.internal.kind.Cyclic;
import java.util.List;

final class CyclicEmitter implements BodyEmitter<Cyclic.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Cyclic.Folded c, String t, List<FieldSpec> fields) {
    code.addStatement("long cycle = $L / $L", t, lit(c.period))
        .addStatement("long pos = $L - cycle * $L", t, lit(c.period))
        .addStatement(
            "double x = pos <= $L ? toDouble(pos) * $L : toDouble($L - pos) * $L",
            lit(c.up),
            lit(c.invUp),
            lit(c.period),
            lit(c.invDown));
    if (c.mode == CyclicMode.TRIANGULAR) {
      code.addStatement("return $L + $L * x", lit(c.low), lit(c.height));
    } else if (c.mode == CyclicMode.TRIANGULAR2) {
      code.add("// the amplitude halves every cycle\n")
          .addStatement(
              "return $L + $L * x * scalb(1.0, (int) -min(cycle, 2000))",
              lit(c.low),
              lit(c.height));
    } else {
      code.addStatement(
          "return $L + $L * x * exp(toDouble($L) * $L)",
          lit(c.low),
          lit(c.height),
          t,
          lit(c.lnGamma));
    }
  }
}
