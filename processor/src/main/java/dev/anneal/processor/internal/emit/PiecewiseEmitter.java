package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.linear;
import static dev.anneal.processor.internal.emit.Expr.lit;
import static dev.anneal.processor.internal.emit.Expr.plus;

import com.palantir.javapoet.CodeBlock;
import dev.anneal.Interpolation;
import dev.anneal.internal.kind.Piecewise;

final class PiecewiseEmitter implements BodyEmitter<Piecewise.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Piecewise.Folded c, String t) {
    // t is below the last knot here: the timeline holds the last value.
    int last = c.count() - 1;
    for (int i = 0; i < last; i++) {
      if (i + 1 < last) {
        code.beginControlFlow("if ($L < $L)", t, lit(c.knot(i + 1)));
      }
      String value;
      if (c.interpolation == Interpolation.STEP || c.value(i) == c.value(i + 1)) {
        value = lit(c.value(i)); // held, or a flat segment
      } else {
        // x: steps into segment i
        code.addStatement("double x = toDouble($L)", c.knot(i) == 0 ? t : t + " - " + lit(c.knot(i)));
        value = c.interpolation == Interpolation.LINEAR
            ? linear(c.value(i), c.slope(i), "x")
            : plus(lit(c.value(i + 1)), lit(c.value(i) - c.value(i + 1))
                + " * (0.5 + 0.5 * cos(PI * (x * " + lit(c.inverseLength(i)) + ")))");
      }
      code.addStatement("return $L", value);
      if (i + 1 < last) {
        code.endControlFlow();
      }
    }
    if (last == 0) {
      code.addStatement("return $L", lit(c.value(0)));
    }
  }
}
