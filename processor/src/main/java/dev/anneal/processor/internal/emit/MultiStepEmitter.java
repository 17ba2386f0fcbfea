package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.MultiStep;
import java.util.List;

final class MultiStepEmitter implements BodyEmitter<MultiStep.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, MultiStep.Folded c, String t, List<FieldSpec> fields) {
    if (c.count() > Table.LADDER_LIMIT) {
      long[] milestones = new long[c.count()];
      double[] levels = new double[c.count() + 1];
      for (int k = 0; k < c.count(); k++) {
        milestones[k] = c.milestone(k);
        levels[k] = c.level(k);
      }
      levels[c.count()] = c.level(c.count());
      Table.longs(fields, "MILESTONES", milestones, "The milestones.");
      Table.doubles(fields, "LEVELS", levels, "The value once k milestones have passed");
      code.addStatement("return LEVELS[countAtMost(MILESTONES, $L)]", t);
      return;
    }
    for (int k = 0; k < c.count(); k++) {
      code.beginControlFlow("if ($L < $L)", t, lit(c.milestone(k)))
          .addStatement("return $L", lit(c.level(k)))
          .endControlFlow();
    }
    code.addStatement("return $L", lit(c.level(c.count())));
  }
}
