package dev.anneal.internal.compose;

import dev.anneal.internal.Attr;
import dev.anneal.internal.DeclarationParser;
import dev.anneal.internal.parse.JavaLexer;
import dev.anneal.internal.parse.JavaLexer.TokenType;
import dev.anneal.internal.parse.JavaLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API. Reads one schedule written as its annotations: a composite
 * ({@code @Sequence(schedules = {"warm", "decay"}, boundaries = {10})}, {@code @Product(...)},
 * {@code @CycleMomentum(of = "lr")}), which must be the only annotation of its schedule, or else a
 * plain declaration, handed to {@link DeclarationParser}. Literals are read by {@link JavaLexer}
 * exactly as javac reads them.
 */
public final class CompositeParser {
  private final String src;
  private final JavaLexer lexer;

  private CompositeParser(String src) {
    this.src = src;
    this.lexer = new JavaLexer(src);
  }

  /**
   * A {@link Composite} or a {@link dev.anneal.internal.Declaration}; not validated.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Object parse(String source) {
    if (source == null) {
      throw new IllegalArgumentException("the declaration to parse is null");
    }
    CompositeKind kind = compositeIn(source);
    if (kind == null) {
      return DeclarationParser.parse(source);
    }
    return new CompositeParser(source).composite(kind);
  }

  /** The composite annotation in {@code source}; null when there is none (or it is unreadable). */
  static CompositeKind compositeIn(String source) {
    try {
      JavaLexer scan = new JavaLexer(source);
      while (scan.peek().type() != TokenType.EOF) {
        if (scan.next().type() == TokenType.AT && scan.peek().type() == TokenType.IDENTIFIER) {
          CompositeKind k = kindOf((String) scan.qualifiedName().value());
          if (k != null) {
            return k;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return null; // the declaration parser reports it
    }
    return null;
  }

  private static CompositeKind kindOf(String name) {
    return name.contains(".")
        ? CompositeKind.ofQualifiedName(name)
        : CompositeKind.ofSimpleName(name);
  }

  private Composite composite(CompositeKind expected) {
    try {
      Token at = lexer.expect(TokenType.AT);
      Token name = lexer.qualifiedName();
      CompositeKind kind = kindOf((String) name.value());
      if (kind == null) {
        throw fail(
            at.start(),
            "@"
                + expected.simpleName()
                + " is the only annotation of its"
                + " schedule (a composite takes no modifiers), but found @"
                + name.value()
                + " before it");
      }
      Map<String, Object> values = new LinkedHashMap<>();
      if (lexer.accept(TokenType.LPAREN)) {
        if (!lexer.accept(TokenType.RPAREN)) {
          do {
            Token attr = lexer.expect(TokenType.IDENTIFIER);
            String attrName = (String) attr.value();
            Attr a = kind.attr(attrName);
            if (a == null) {
              throw fail(
                  attr.start(), "@" + kind.simpleName() + " has no attribute '" + attrName + "'");
            }
            Object value;
            try {
              lexer.expect(TokenType.EQUALS);
              value = value(kind, a);
            } catch (Failure e) {
              throw e;
            } catch (IllegalArgumentException e) { // a malformed literal: name the attribute
              java.util.regex.Matcher m =
                  java.util.regex.Pattern.compile(
                          "^at ([0-9]+): (.*)$", java.util.regex.Pattern.DOTALL)
                      .matcher(e.getMessage());
              if (!m.matches()) {
                throw e;
              }
              throw fail(
                  Integer.parseInt(m.group(1)) - 1,
                  "@" + kind.simpleName() + "." + attrName + ": " + m.group(2));
            }
            if (values.put(attrName, value) != null) {
              throw fail(attr.start(), "@" + kind.simpleName() + "." + attrName + " given twice");
            }
          } while (lexer.accept(TokenType.COMMA));
          lexer.expect(TokenType.RPAREN);
        }
      }
      Token rest = lexer.peek();
      if (rest.type() != TokenType.EOF) {
        throw fail(
            rest.start(),
            "@"
                + kind.simpleName()
                + " is the only annotation of its schedule"
                + " (a composite takes no modifiers), but found "
                + rest.text()
                + " after it");
      }
      return build(kind, values, at.start());
    } catch (Failure e) {
      throw e;
    } catch (IllegalArgumentException e) { // from the lexer: "at 17: ..."
      throw new IllegalArgumentException(e.getMessage() + " (in \"" + src + "\")", e);
    }
  }

  /** The value of {@code a}, read by its type. */
  private Object value(CompositeKind kind, Attr a) {
    String attr = a.name();
    return switch (a.type()) {
      case STRING_ARRAY -> {
        List<String> names = new ArrayList<>();
        for (Object o : elements(() -> string(kind, attr))) {
          names.add((String) o);
        }
        yield names;
      }
      case LONG_ARRAY -> {
        List<Object> steps = elements(() -> whole(kind, attr));
        long[] b = new long[steps.size()];
        for (int i = 0; i < b.length; i++) {
          b[i] = (Long) steps.get(i);
        }
        yield b;
      }
      case STRING -> string(kind, attr);
      case DOUBLE -> lexer.doubleValue(lexer.signedNumber());
      case INT -> {
        int at = lexer.peek().start();
        long n = whole(kind, attr);
        if (n != (int) n) {
          throw fail(at, "@" + kind.simpleName() + "." + attr + " must be an int, was " + n);
        }
        yield (int) n;
      }
      // no composite has attributes of these types yet
      case LONG, BOOLEAN, DOUBLE_ARRAY, ENUM ->
          throw new AssertionError("@" + kind.simpleName() + "." + attr + " of type " + a.type());
    };
  }

  /** {@code {e, e, ...}} or a single element, as Java allows for an array attribute. */
  private List<Object> elements(java.util.function.Supplier<Object> element) {
    List<Object> out = new ArrayList<>();
    if (lexer.accept(TokenType.LBRACE)) {
      while (lexer.peek().type() != TokenType.RBRACE) {
        out.add(element.get());
        if (!lexer.accept(TokenType.COMMA)) {
          break;
        }
      }
      lexer.expect(TokenType.RBRACE);
    } else {
      out.add(element.get());
    }
    return out;
  }

  private String string(CompositeKind kind, String attr) {
    Token t = lexer.peek();
    if (t.type() != TokenType.STRING) {
      throw fail(
          t.start(),
          "@"
              + kind.simpleName()
              + "."
              + attr
              + " must be a string (a schedule"
              + " name in quotes), was "
              + t.text());
    }
    lexer.next();
    return (String) t.value();
  }

  private long whole(CompositeKind kind, String attr) {
    Token t = lexer.signedNumber();
    if (t.type() != TokenType.INT && t.type() != TokenType.LONG) {
      throw fail(
          t.start(),
          "@" + kind.simpleName() + "." + attr + " must be a whole number, was " + t.text());
    }
    return lexer.longValue(t);
  }

  private Composite build(CompositeKind kind, Map<String, Object> v, int at) {
    for (Attr a : kind.attrs()) {
      if (a.isRequired() && !v.containsKey(a.name())) {
        throw fail(at, "@" + kind.simpleName() + "." + a.name() + " is required but was not given");
      }
    }
    return kind.build(v);
  }

  private Failure fail(int at, String message) {
    return new Failure(message + " (at character " + at + " of \"" + src + "\")");
  }

  /** An error this parser words itself. */
  private static final class Failure extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }
}
