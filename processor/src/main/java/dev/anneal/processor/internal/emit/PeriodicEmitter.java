package dev.anneal.processor.internal.emit;

import com.palantir.javapoet.CodeBlock;
import dev.anneal.internal.kind.Periodic;

/** Writes a kind that {@code @Restarts} can repeat: its body over one restart cycle as well. */
public interface PeriodicEmitter<C extends Periodic> extends BodyEmitter<C> {
  /**
   * The body over one restart cycle of length {@code p} (a double expression) at local step {@code
   * t} (a double variable), as {@link Periodic#periodic}: its start value is {@code first} (an
   * expression, {@code null} when it is the body's own), its end value is not scaled; {@code
   * mayEnd} when {@code t} can reach {@code p}.
   */
  void periodic(
      CodeBlock.Builder code,
      C curve,
      String t,
      String p,
      String invP,
      String first,
      boolean mayEnd);
}
