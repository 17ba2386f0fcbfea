package dev.anneal.internal;

import java.util.Locale;

/** Internal, not API. Java source text for attribute values, shared by javadoc and messages. */
public final class Literals {
  private Literals() {}

  /** Java source for a value of any attribute type. */
  public static String source(Object v) {
    if (v instanceof Double) {
      return number((Double) v);
    }
    if (v instanceof Long) {
      return longSource((Long) v);
    }
    if (v instanceof double[]) {
      StringBuilder sb = new StringBuilder("{");
      for (double d : (double[]) v) {
        sb.append(sb.length() > 1 ? ", " : "").append(number(d));
      }
      return sb.append('}').toString();
    }
    if (v instanceof long[]) {
      StringBuilder sb = new StringBuilder("{");
      for (long l : (long[]) v) {
        sb.append(sb.length() > 1 ? ", " : "").append(longSource(l));
      }
      return sb.append('}').toString();
    }
    if (v instanceof Enum) {
      return ((Enum<?>) v).getDeclaringClass().getSimpleName() + "." + ((Enum<?>) v).name();
    }
    return String.valueOf(v);
  }

  /** A long as Java source: with an L where an int literal could not hold it, as javac needs. */
  private static String longSource(long l) {
    return number(l) + (l == (int) l ? "" : "L");
  }

  /** A double as Java source that reads back to the same value. */
  public static String number(double d) {
    if (Double.isNaN(d)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(d);
  }

  /** A long with digit grouping, as a person writes it in Java: {@code 19_500}. */
  public static String number(long l) {
    String s = Long.toString(l);
    boolean negative = l < 0;
    if (negative) {
      s = s.substring(1);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && (s.length() - i) % 3 == 0 && s.length() > 4) {
        sb.append('_');
      }
      sb.append(s.charAt(i));
    }
    return (negative ? "-" : "") + sb;
  }

  /** A long for prose: {@code 19,500}. */
  public static String count(long l) {
    return String.format(Locale.ROOT, "%,d", l);
  }
}
