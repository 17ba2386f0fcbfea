package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
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
    // a switch expression: a new mode does not compile until it is written here
    CodeBlock value =
        switch (c.mode) {
          case TRIANGULAR -> CodeBlock.of("$L + $L * x", lit(c.low), lit(c.height));
          case TRIANGULAR2 -> {
            code.add("// the amplitude halves every cycle\n");
            yield CodeBlock.of(
                "$L + $L * x * scalb(1.0, (int) -min(cycle, 2000))", lit(c.low), lit(c.height));
          }
          case EXP_RANGE ->
              CodeBlock.of(
                  "$L + $L * x * exp(toDouble($L) * $L)",
                  lit(c.low),
                  lit(c.height),
                  t,
                  lit(c.lnGamma));
        };
    code.addStatement("return $L", value);
  }
}
