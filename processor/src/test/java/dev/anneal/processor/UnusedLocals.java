package dev.anneal.processor;

import com.google.testing.compile.Compilation;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Dead code in generated sources: every local variable a method of a generated file declares and
 * never reads ({@code long t = step - 200L;} with no {@code t} after it). javac's {@code
 * -Xlint:all} has no such warning, so the generated files are parsed and their identifiers counted
 * per method.
 */
final class UnusedLocals {

  private UnusedLocals() {}

  /** "CfgImpl.java: Curve1.at declares t and never uses it", one per unused local. */
  static List<String> in(Compilation compilation) {
    List<String> unused = new ArrayList<>();
    for (JavaFileObject source : compilation.generatedSourceFiles()) {
      unused.addAll(in(source));
    }
    return unused;
  }

  static List<String> in(JavaFileObject source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavacTask task = (JavacTask) javac.getTask(null, null, null, List.of(), null, List.of(source));
    List<String> unused = new ArrayList<>();
    try {
      for (CompilationUnitTree unit : task.parse()) {
        new TreePathScanner<Void, Void>() {
          /** The file and the innermost class, e.g. {@code CfgImpl.java: Curve1}. */
          private String where() {
            for (Tree t : getCurrentPath()) {
              if (t instanceof com.sun.source.tree.ClassTree c) {
                String file = source.getName();
                return file.substring(file.lastIndexOf('/') + 1) + ": " + c.getSimpleName();
              }
            }
            return source.getName();
          }

          @Override
          public Void visitMethod(MethodTree method, Void unusedArg) {
            if (method.getBody() != null) {
              check(where() + "." + method.getName(), method.getBody(), unused);
            }
            return super.visitMethod(method, unusedArg);
          }

          @Override
          public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unusedArg) {
            if (lambda.getBody() instanceof BlockTree block) {
              check(where() + ": a lambda", block, unused);
            }
            return super.visitLambdaExpression(lambda, unusedArg);
          }
        }.scan(unit, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return unused;
  }

  /** Locals declared in {@code body} (not in nested classes) that no identifier reads. */
  private static void check(String where, Tree body, List<String> unused) {
    List<String> declared = new ArrayList<>();
    Set<String> used = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unusedArg) {
        declared.add(variable.getName().toString());
        return super.visitVariable(variable, unusedArg);
      }

      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unusedArg) {
        used.add(identifier.getName().toString());
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree nested, Void unusedArg) {
        return null; // its methods are checked on their own
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unusedArg) {
        return null; // checked on its own
      }
    }.scan(body, null);
    for (String name : declared) {
      if (!used.contains(name)) {
        unused.add(where + " declares " + name + " and never uses it");
      }
    }
  }
}
