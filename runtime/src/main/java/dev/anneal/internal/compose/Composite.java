package dev.anneal.internal.compose;

import dev.anneal.internal.kind.Checker;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal, not API. A composite annotation as written: its parts are names of other schedules of
 * the same config. One record per annotation, as {@link dev.anneal.internal.kind.Body} has one per
 * body.
 */
public sealed interface Composite permits Sequence, Product, CycleMomentum, Repeat {

  /** The annotation. */
  CompositeKind kind();

  /** The attribute holding the part names: {@code schedules} or {@code of}. */
  String referenceAttribute();

  /**
   * The names of the parts, in order (for {@code of}, one). A problem about {@code
   * references().get(i)} is reported on {@link #referenceAttribute()} element {@code i}, or on the
   * attribute as a whole when it is not an array ({@link #referencesArray()} is false).
   */
  List<String> references();

  /** Whether {@link #referenceAttribute()} is an array ({@code schedules}), not a name. */
  boolean referencesArray();

  /** Adds the rules on the attributes alone (counts, domains, names written as identifiers). */
  void check(Checker check);

  /**
   * Adds the rules that need the resolved parts (one per {@link #references()}), once {@link
   * #check} has passed: which parts are allowed, the length fits in a long, values are finite.
   */
  void checkParts(List<Declared> parts, Checker check);

  /**
   * Adds the rules about what the resolved parts are (a kind of schedule it requires), which hold
   * or not whatever the other attributes say: run even when {@link #check} found errors, so that
   * one wrong attribute does not hide another.
   */
  default void checkReferences(List<Declared> parts, Checker check) {}

  /** Length of the composite over these parts, or -1 when it never ends. */
  long length(List<Declared> parts);

  /** The evaluator over these parts; call only when both checks passed. */
  Declared fold(List<Declared> parts);

  /** Java annotation source, e.g. {@code @Product(schedules = {"base", "warm"})}. */
  String toSource();

  /** The problems of a composite over its resolved parts (attribute rules first). */
  static List<Problem> problems(Composite c, List<Declared> parts) {
    List<Problem> problems = new ArrayList<>();
    Checker check = new Checker(c.kind(), problems);
    c.check(check);
    boolean attributesOk = !check.hasErrors();
    c.checkReferences(parts, check);
    if (attributesOk && !check.hasErrors()) {
      c.checkParts(parts, check);
    }
    return problems;
  }

  /** Whether {@code name} can name a schedule method: a Java identifier. */
  static boolean isName(String name) {
    if (name == null || name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
      return false;
    }
    if (dev.anneal.internal.parse.JavaLexer.isReservedWord(name)) {
      return false; // no method can be named class, true or null
    }
    for (int i = 1; i < name.length(); i++) {
      if (!Character.isJavaIdentifierPart(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A Java string literal for {@code s}. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** {@code {"a", "b"}}. */
  static String quoteAll(List<String> names) {
    StringBuilder sb = new StringBuilder("{");
    for (String n : names) {
      sb.append(sb.length() > 1 ? ", " : "").append(quote(n));
    }
    return sb.append('}').toString();
  }

  /** The name rule shared by every reference: reported when {@code name} is not an identifier. */
  static void checkNames(Composite c, Checker check) {
    List<String> names = c.references();
    for (int i = 0; i < names.size(); i++) {
      if (!isName(names.get(i))) {
        check.error(
            c.referenceAttribute(),
            c.referencesArray() ? i : -1,
            "must be the name of a schedule method of the config (a Java identifier), was "
                + quote(names.get(i)));
      }
    }
  }
}
