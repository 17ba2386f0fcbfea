package dev.anneal.processor.internal.emit;

import static dev.anneal.processor.internal.emit.Expr.lit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Constant;
import java.util.List;

final class ConstantEmitter implements PeriodicEmitter<Constant.Folded> {
  @Override
  public void emit(CodeBlock.Builder code, Constant.Folded c, String t, List<FieldSpec> fields) {
    code.addStatement("return $L", lit(c.value));
  }

  @Override
  public void periodic(
      CodeBlock.Builder code,
      Constant.Folded c,
      String t,
      String p,
      String invP,
      String first,
      boolean mayEnd) {
    code.addStatement("return $L", first == null ? lit(c.value) : first);
  }
}
