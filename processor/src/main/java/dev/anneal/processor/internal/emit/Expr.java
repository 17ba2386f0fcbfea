package dev.anneal.processor.internal.emit;

import dev.anneal.internal.Literals;

/** Pieces of Java expressions: literals and the folds the emitters share. */
public final class Expr {
  private Expr() {}

  public static String lit(double d) {
    return Literals.number(d);
  }

  public static String lit(long l) {
    return Literals.number(l) + "L";
  }

  /** {@code a + slope * x}: one multiply-add (just {@code a} when flat). */
  public static String linear(double a, double slope, String x) {
    return slope == 0 ? lit(a) : sum(a, lit(slope) + " * " + x);
  }

  /** {@code x} or {@code x^e}. */
  public static String power(String x, double e) {
    return e == 1 ? x : "pow(" + x + ", " + lit(e) + ")";
  }

  /** {@code a + term}, or just {@code term} when {@code a} is 0 (adding 0.0 changes nothing). */
  public static String sum(double a, String term) {
    return a == 0 ? term : plus(lit(a), term);
  }

  /**
   * {@code term + a} (operand order as in the Keras formula), or {@code term} when {@code a} is 0.
   */
  public static String sumAfter(String term, double a) {
    return a == 0 ? term : plus(term, lit(a));
  }

  /** {@code a + b}, written {@code a - x} when b is {@code -x}: the same double, easier to read. */
  public static String plus(String a, String b) {
    return b.startsWith("-") ? a + " - " + b.substring(1) : a + " + " + b;
  }

  /** {@code toDouble(t)}: the exact step conversion of {@code Steps.toDouble}. */
  public static String toDouble(String t) {
    return "toDouble(" + t + ")";
  }
}
