package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.linear;
import static dev.anneal.processor.internal.emit.Expr.lit;
import static dev.anneal.processor.internal.emit.Expr.plus;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.Interpolation;
import dev.anneal.internal.kind.Piecewise;
import java.util.List;

final class PiecewiseEmitter implements BodyEmitter<Piecewise.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Piecewise.Folded c, String t, List<FieldSpec> fields) {
    // t is below the last knot here: the timeline holds the last value.
    int last = c.count() - 1;
    if (c.count() > Table.LADDER_LIMIT) {
      table(code, c, t, fields);
      return;
    }
    for (int i = 0; i < last; i++) {
      if (i + 1 < last) {
        code.beginControlFlow("if ($L < $L)", t, lit(c.knot(i + 1)));
      }
      String value;
      if (c.interpolation == Interpolation.STEP || c.value(i) == c.value(i + 1)) {
        value = lit(c.value(i)); // held, or a flat segment
      } else {
        // x: steps into segment i
        code.addStatement(
            "double x = toDouble($L)", c.knot(i) == 0 ? t : t + " - " + lit(c.knot(i)));
        value =
            c.interpolation == Interpolation.LINEAR
                ? linear(c.value(i), c.slope(i), "x")
                : plus(
                    lit(c.value(i + 1)),
                    lit(c.value(i) - c.value(i + 1))
                        + " * (0.5 + 0.5 * cos(PI * (x * "
                        + lit(c.inverseLength(i))
                        + ")))");
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

  /** The curve's own evaluation over constant tables: find the segment, then one interpolation. */
  private static void table(
      CodeBlock.Builder code, Piecewise.Folded c, String t, List<FieldSpec> fields) {
    int n = c.count();
    long[] knots = new long[n];
    double[] values = new double[n];
    double[] rates = new double[n];
    for (int i = 0; i < n; i++) {
      knots[i] = c.knot(i);
      values[i] = c.value(i);
      rates[i] = c.interpolation == Interpolation.LINEAR ? c.slope(i) : c.inverseLength(i);
    }
    Table.longs(fields, "KNOTS", knots, "The knots.");
    Table.doubles(fields, "VALUES", values, "The value at each knot");
    code.addStatement("int i = countAtMost(KNOTS, $L) - 1", t);
    // a switch expression: a new interpolation does not compile until it is written here
    CodeBlock value =
        switch (c.interpolation) {
          case STEP -> CodeBlock.of("VALUES[i]");
          case LINEAR -> {
            Table.doubles(
                fields, "SLOPES", rates, "Per segment, (values[i + 1] - values[i]) / its length");
            yield CodeBlock.of("VALUES[i] + SLOPES[i] * toDouble($L - KNOTS[i])", t);
          }
          case COSINE -> {
            Table.doubles(fields, "INVERSE_LENGTHS", rates, "Per segment, 1 / its length");
            code.addStatement("double p = toDouble($L - KNOTS[i]) * INVERSE_LENGTHS[i]", t);
            yield CodeBlock.of(
                "VALUES[i + 1] + (VALUES[i] - VALUES[i + 1]) * (0.5 + 0.5 * cos(PI * p))");
          }
        };
    code.addStatement("return $L", value);
  }
}
