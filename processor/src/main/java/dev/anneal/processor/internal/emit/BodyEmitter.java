package dev.anneal.processor.internal.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Curve;
import java.util.List;

/**
 * Writes one kind's curve: statements that end in {@code return}, for a local step {@code t} (a
 * {@code long} variable, non-negative, below the body's length when it has one). Constant tables
 * the code needs go into {@code fields} (static final fields of the generated class). A kind that
 * {@code @Restarts} can repeat has a {@link PeriodicEmitter}.
 */
public interface BodyEmitter<C extends Curve> {
  void emit(CodeBlock.Builder code, C curve, String t, List<FieldSpec> fields);
}
