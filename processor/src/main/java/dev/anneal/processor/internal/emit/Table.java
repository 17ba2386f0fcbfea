package dev.anneal.processor.internal.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import dev.anneal.internal.Tables;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Constant tables for bodies too large for a branch ladder: a static final array decoded once from
 * text, searched by binary search.
 */
final class Table {
  /**
   * Most entries written as a ladder of {@code if (t < k) return v;}: 32 compares (about 400 bytes
   * of bytecode) cost about what a binary search over the same table does (5 to 6 unpredictable
   * branches), and keep {@code at} small enough for the JIT to inline. Past it, a 6,000-entry
   * ladder would exceed the JVM's 64 KiB method limit ("code too large") and C2's 8,000-byte
   * compile limit long before.
   */
  static final int LADDER_LIMIT = 32;

  /** Characters per string constant (a class file's constants hold at most 65,535 bytes). */
  private static final int CHUNK = 8_000;

  private Table() {}

  static void longs(List<FieldSpec> fields, String name, long[] values, String doc) {
    fields.add(
        FieldSpec.builder(long[].class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("$L\n", doc)
            .initializer("longs($L)", strings(Tables.encode(values, CHUNK)))
            .build());
  }

  static void doubles(List<FieldSpec> fields, String name, double[] values, String doc) {
    fields.add(
        FieldSpec.builder(
                TypeName.get(double[].class),
                name,
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc("$L (as the bits of each double, base 36)\n", doc)
            .initializer("doubles($L)", strings(Tables.encode(values, CHUNK)))
            .build());
  }

  private static CodeBlock strings(List<String> chunks) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = 0; i < chunks.size(); i++) {
      b.add(i == 0 ? "$S" : ",\n$S", chunks.get(i));
    }
    return b.build();
  }
}
