package dev.anneal.processor.internal.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.anneal.internal.kind.Curve;
import java.util.List;

/**
 * Writes one kind's curve: statements that end in {@code return}, for a local step {@code t} (a
 * {@code long} variable, non-negative, below the body's length when it has one). Constant tables
 * the code needs go into {@code fields} (static final fields of the generated class).
 */
public interface BodyEmitter<C extends Curve> {
  void emit(CodeBlock.Builder code, C curve, String t, List<FieldSpec> fields);

  /**
   * The body over one restart cycle of length {@code p} (a double expression) at local step {@code
   * t} (a double variable), its start value scaled by {@code scale} ("1" when it is not); {@code
   * mayEnd} when {@code t} can reach {@code p}. Only kinds that restart implement it.
   */
  default void periodic(
      CodeBlock.Builder code,
      C curve,
      String t,
      String p,
      String invP,
      String scale,
      boolean mayEnd) {
    throw new IllegalStateException(curve.body().kind() + " does not restart");
  }
}
