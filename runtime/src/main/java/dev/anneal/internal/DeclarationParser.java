package dev.anneal.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API. Reads a declaration written exactly as the annotations are written in Java,
 * e.g. {@code @Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)}: the form
 * generated classes embed and {@code Schedules.parse} accepts from config files.
 */
public final class DeclarationParser {
  private final String src;
  private int pos;

  private DeclarationParser(String src) {
    this.src = src;
  }

  /**
   * Parses a declaration; does not validate it.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Declaration parse(String source) {
    return new DeclarationParser(source).declaration();
  }

  private Declaration declaration() {
    Part body = null;
    Map<Kind, Part> modifiers = new LinkedHashMap<>();
    skipSpace();
    while (pos < src.length()) {
      int at = pos;
      Part part = annotation();
      if (part.kind().isBody()) {
        if (body != null) {
          throw fail(at, "a schedule has exactly one body, but found @" + body.kind().simpleName() + " and @"
              + part.kind().simpleName());
        }
        body = part;
      } else if (modifiers.put(part.kind(), part) != null) {
        throw fail(at, "@" + part.kind().simpleName() + " given twice");
      }
      skipSpace();
    }
    if (body == null) {
      throw fail(pos, "no body annotation (@Constant, @Cosine, ...) in \"" + src + "\"");
    }
    return new Declaration(body, modifiers.get(Kind.WARMUP), modifiers.get(Kind.COOLDOWN), modifiers.get(Kind.RESTARTS));
  }

  private Part annotation() {
    expect('@');
    int at = pos;
    String name = qualifiedName();
    String simple = name.substring(name.lastIndexOf('.') + 1);
    Kind kind = Kind.ofSimpleName(simple);
    if (kind == null || (name.contains(".") && !name.equals(kind.qualifiedName()))) {
      throw fail(at, "unknown annotation @" + name);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '(') {
      pos++;
      skipSpace();
      if (peek() != ')') {
        int mark = pos;
        String first = identifierOrNull();
        skipSpace();
        if (first != null && peek() == '=') {
          pos = mark;
          do {
            skipSpace();
            int attrAt = pos;
            String attrName = identifier();
            Attr attr = kind.attr(attrName);
            if (attr == null) {
              throw fail(attrAt, "@" + kind.simpleName() + " has no attribute '" + attrName + "'");
            }
            skipSpace();
            expect('=');
            skipSpace();
            if (values.put(attrName, value(kind, attr)) != null) {
              throw fail(attrAt, "@" + kind.simpleName() + "." + attrName + " given twice");
            }
            skipSpace();
          } while (tryConsume(','));
        } else {
          pos = mark; // single-element shorthand: @Constant(5e-4)
          Attr attr = kind.attr("value");
          if (attr == null) {
            throw fail(mark, "@" + kind.simpleName() + " has no 'value' attribute: write name = value");
          }
          values.put("value", value(kind, attr));
          skipSpace();
        }
      }
      expect(')');
    }
    try {
      return Part.of(kind, values);
    } catch (IllegalArgumentException e) {
      throw fail(at, e.getMessage());
    }
  }

  private Object value(Kind kind, Attr attr) {
    switch (attr.type()) {
      case DOUBLE:
        return number(kind, attr);
      case LONG:
        return wholeNumber(kind, attr);
      case INT:
        {
          long v = wholeNumber(kind, attr);
          if (v != (int) v) {
            throw fail(pos, "@" + kind.simpleName() + "." + attr.name() + " must fit in an int, was " + v);
          }
          return (int) v;
        }
      case BOOLEAN:
        {
          String word = identifier();
          if (!word.equals("true") && !word.equals("false")) {
            throw fail(pos, "@" + kind.simpleName() + "." + attr.name() + " must be true or false, was " + word);
          }
          return Boolean.valueOf(word);
        }
      case DOUBLE_ARRAY:
      case LONG_ARRAY:
        {
          List<Object> items = new ArrayList<>();
          if (tryConsume('{')) {
            skipSpace();
            if (!tryConsume('}')) {
              do {
                skipSpace();
                items.add(element(kind, attr));
                skipSpace();
              } while (tryConsume(','));
              expect('}');
            }
          } else {
            items.add(element(kind, attr));
          }
          if (attr.type() == Attr.Type.DOUBLE_ARRAY) {
            double[] ds = new double[items.size()];
            for (int i = 0; i < ds.length; i++) {
              ds[i] = (Double) items.get(i);
            }
            return ds;
          }
          long[] ls = new long[items.size()];
          for (int i = 0; i < ls.length; i++) {
            ls[i] = (Long) items.get(i);
          }
          return ls;
        }
      case ENUM:
        {
          int at = pos;
          String name = qualifiedName();
          String constant = name.substring(name.lastIndexOf('.') + 1);
          for (Enum<?> c : attr.enumType().getEnumConstants()) {
            if (c.name().equals(constant)) {
              return c;
            }
          }
          throw fail(at, "@" + kind.simpleName() + "." + attr.name() + " must be a "
              + attr.enumType().getSimpleName() + " constant, was " + name);
        }
      default:
        throw new AssertionError(attr.type());
    }
  }

  /** One element of an array attribute, boxed as its own type (a ternary would widen longs). */
  private Object element(Kind kind, Attr attr) {
    if (attr.type() == Attr.Type.DOUBLE_ARRAY) {
      return number(kind, attr);
    }
    return wholeNumber(kind, attr);
  }

  private double number(Kind kind, Attr attr) {
    int at = pos;
    String word = numberWord();
    if (word.equals("Double.NaN") || word.equals("Double.POSITIVE_INFINITY") || word.equals("Double.NEGATIVE_INFINITY")) {
      return word.equals("Double.NaN") ? Double.NaN
          : word.endsWith("POSITIVE_INFINITY") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    String clean = word.replace("_", "");
    if (clean.endsWith("L") || clean.endsWith("l")) {
      clean = clean.substring(0, clean.length() - 1);
    }
    try {
      return Double.parseDouble(clean);
    } catch (NumberFormatException e) {
      throw fail(at, "@" + kind.simpleName() + "." + attr.name() + " must be a number, was " + word);
    }
  }

  private long wholeNumber(Kind kind, Attr attr) {
    int at = pos;
    String word = numberWord();
    if (word.endsWith("UNBOUNDED") || word.endsWith("SAME_AS_UP")) {
      return 0; // Constant.UNBOUNDED, Cyclic.SAME_AS_UP
    }
    String clean = word.replace("_", "");
    if (clean.endsWith("L") || clean.endsWith("l")) {
      clean = clean.substring(0, clean.length() - 1);
    }
    try {
      return Long.parseLong(clean);
    } catch (NumberFormatException e) {
      throw fail(at, "@" + kind.simpleName() + "." + attr.name() + " must be a whole number, was " + word);
    }
  }

  private String numberWord() {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    while (pos < src.length()) {
      char c = src.charAt(pos);
      boolean sign = (c == '-' || c == '+') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E');
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || sign) {
        pos++;
      } else {
        break;
      }
    }
    if (pos == start) {
      throw fail(pos, "expected a number");
    }
    return src.substring(start, pos);
  }

  private String qualifiedName() {
    StringBuilder sb = new StringBuilder(identifier());
    while (peek() == '.') {
      pos++;
      sb.append('.').append(identifier());
    }
    return sb.toString();
  }

  private String identifier() {
    String id = identifierOrNull();
    if (id == null) {
      throw fail(pos, "expected a name");
    }
    return id;
  }

  private String identifierOrNull() {
    int start = pos;
    while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
      pos++;
    }
    if (pos == start || !Character.isJavaIdentifierStart(src.charAt(start))) {
      pos = start;
      return null;
    }
    return src.substring(start, pos);
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private boolean tryConsume(char c) {
    if (peek() == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!tryConsume(c)) {
      throw fail(pos, "expected '" + c + "'");
    }
  }

  private void skipSpace() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException fail(int at, String message) {
    return new IllegalArgumentException(message + " (at character " + at + " of \"" + src + "\")");
  }
}
