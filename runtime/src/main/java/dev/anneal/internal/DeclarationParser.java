package dev.anneal.internal;

import dev.anneal.internal.parse.JavaLexer;
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
  /** anneal's named constants, as javac resolves them in an annotation. */
  private static final Map<String, Long> NAMED =
      Map.of(
          "Constant.UNBOUNDED",
          0L,
          "dev.anneal.Constant.UNBOUNDED",
          0L,
          "Cyclic.SAME_AS_UP",
          0L,
          "dev.anneal.Cyclic.SAME_AS_UP",
          0L);

  private final String src;
  private int pos;

  /** Reads numbers exactly as javac does; created at the first number. */
  private JavaLexer lexer;

  private DeclarationParser(String src) {
    this.src = src;
  }

  /**
   * Parses a declaration; does not validate it.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Declaration parse(String source) {
    if (source == null) {
      throw new IllegalArgumentException("the declaration to parse is null");
    }
    return new DeclarationParser(source).declaration();
  }

  /**
   * Parses one annotation of the given role alone (an {@code @EarlyStopping}, a clip); does not
   * validate it.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Part parseAlone(String source, Kind.Role role) {
    if (source == null) {
      throw new IllegalArgumentException("the declaration to parse is null");
    }
    DeclarationParser p = new DeclarationParser(source);
    p.skipSpace();
    int at = p.pos;
    Part part = p.annotation();
    p.skipSpace();
    if (part.kind().role() != role) {
      throw p.fail(
          at,
          "expected "
              + (role == Kind.Role.STOPPER
                  ? "@EarlyStopping"
                  : "@ClipNorm, @ClipValue or @AdaptiveClip")
              + ", found @"
              + part.kind().simpleName());
    }
    if (p.pos < p.src.length()) {
      throw p.fail(p.pos, "nothing may follow @" + part.kind().simpleName());
    }
    return part;
  }

  private Declaration declaration() {
    Part body = null;
    Map<Kind, Part> modifiers = new LinkedHashMap<>();
    skipSpace();
    while (pos < src.length()) {
      int at = pos;
      Part part = annotation();
      if (part.kind().role() == Kind.Role.STOPPER || part.kind().role() == Kind.Role.CLIP) {
        throw fail(
            at,
            "@"
                + part.kind().simpleName()
                + " is not part of a schedule; read it with "
                + (part.kind().role() == Kind.Role.STOPPER
                    ? "EarlyStopper.parse"
                    : "GradientClip.parse"));
      }
      if (part.kind().isBody()) {
        if (body != null) {
          throw fail(
              at,
              "a schedule has exactly one body, but found @"
                  + body.kind().simpleName()
                  + " and @"
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
    return new Declaration(
        body,
        modifiers.get(Kind.WARMUP),
        modifiers.get(Kind.COOLDOWN),
        modifiers.get(Kind.RESTARTS),
        modifiers.get(Kind.REDUCE_ON_PLATEAU));
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
            throw fail(
                mark, "@" + kind.simpleName() + " has no 'value' attribute: write name = value");
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
          int at = pos;
          JavaLexer.Token t = literal(kind, attr);
          if (t.type() != JavaLexer.TokenType.INT) {
            throw fail(
                at,
                "@" + kind.simpleName() + "." + attr.name() + " must be an int, was " + t.text());
          }
          return lexer.intValue(t);
        }
      case BOOLEAN:
        {
          String word = identifier();
          if (!word.equals("true") && !word.equals("false")) {
            throw fail(
                pos,
                "@"
                    + kind.simpleName()
                    + "."
                    + attr.name()
                    + " must be true or false, was "
                    + word);
          }
          return Boolean.valueOf(word);
        }
      case DOUBLE_ARRAY:
      case LONG_ARRAY:
        {
          List<Object> items = new ArrayList<>();
          if (tryConsume('{')) {
            skipSpace();
            if (tryConsume(',')) { // {,}: an empty array, as Java allows
              skipSpace();
            } else {
              while (peek() != '}') { // a trailing comma is allowed, as in Java
                items.add(element(kind, attr));
                skipSpace();
                if (!tryConsume(',')) {
                  break;
                }
                skipSpace();
              }
            }
            expect('}');
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
          throw fail(
              at,
              "@"
                  + kind.simpleName()
                  + "."
                  + attr.name()
                  + " must be a "
                  + attr.enumType().getSimpleName()
                  + " constant, was "
                  + name);
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
    JavaLexer.Token t = literal(kind, attr); // creates the lexer: call before using it
    return lexer.doubleValue(t);
  }

  private long wholeNumber(Kind kind, Attr attr) {
    int at = pos;
    JavaLexer.Token t = literal(kind, attr);
    if (t.type() != JavaLexer.TokenType.INT && t.type() != JavaLexer.TokenType.LONG) {
      throw fail(
          at,
          "@" + kind.simpleName() + "." + attr.name() + " must be a whole number, was " + t.text());
    }
    return lexer.longValue(t);
  }

  /** A number with unary signs, or a named constant, read by {@link JavaLexer} from pos on. */
  private JavaLexer.Token literal(Kind kind, Attr attr) {
    int at = pos;
    try {
      if (lexer == null) {
        lexer = new JavaLexer(src); // javac's reading: a long too large for an int needs its L
      }
      lexer.reset(pos);
      JavaLexer.Token t = lexer.signedNumber(NAMED);
      pos = t.end();
      return t;
    } catch (IllegalArgumentException e) {
      String why = e.getMessage().replaceFirst("^at [0-9:]+: ", "");
      throw fail(at, "@" + kind.simpleName() + "." + attr.name() + ": " + why);
    }
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

  /** Whitespace and comments, as Java has them. */
  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
        pos++;
      } else if (src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
          pos++;
        }
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw fail(pos, "unclosed comment");
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private IllegalArgumentException fail(int at, String message) {
    return new IllegalArgumentException(message + " (at character " + at + " of \"" + src + "\")");
  }
}
