package dev.anneal.internal;

import dev.anneal.internal.kind.AnnotationKind;
import dev.anneal.internal.kind.Kind;
import dev.anneal.internal.kind.Part;
import dev.anneal.internal.parse.JavaLexer;
import dev.anneal.internal.parse.JavaLexer.Token;
import dev.anneal.internal.parse.JavaLexer.TokenType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Internal, not API. The one reader of annotation text, for every family: written exactly as the
 * annotations are written in Java, e.g. {@code @Warmup(steps = 500) @Cosine(from = 0.1, steps =
 * 19_500)}, {@code @Sequence(schedules = {"warm", "decay"}, boundaries = {500})}, {@code @AdamW(lr
 * = "lr", weightDecay = 0.05)}. Attributes are read by their {@link Attr.Type} in the family's
 * {@link AnnotationKind#attrs() model}; tokens and literals by {@link JavaLexer}, exactly as javac
 * reads them. Parses, does not validate: the rules are the families' own.
 *
 * <p>Entry points: {@link #declaration} (a body, its modifiers and a {@code @ReduceOnPlateau}),
 * {@link #alone(String, Kind.Role)} (a stopper, a clip, a controller's rules) and {@link
 * #alone(String, List, String)} (one annotation of a family that stands alone: a composite, an
 * optimizer), whose record the family builds from the values.
 *
 * <p>Errors are {@link IllegalArgumentException}s: this parser's own end with {@code (at character
 * N of "text")} (N from 0), the lexer's (a token that cannot stand there) start with {@code at C:}
 * (the column from 1) and end with {@code (in "text")}.
 */
public final class AnnotationParser {
  /**
   * One annotation as written: its kind, the attributes given (typed by {@link Attr.Type}: {@code
   * Double}, {@code Long}, {@code Integer}, {@code Boolean}, {@code double[]}, {@code long[]}, the
   * enum constant, {@code String}, an unmodifiable {@code List<String>}), and where its {@code @}
   * is in the text.
   */
  public record Annotation<K extends AnnotationKind>(K kind, Map<String, Object> values, int at) {}

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
  private final JavaLexer lexer;

  private AnnotationParser(String src) {
    this.src = src;
    this.lexer = new JavaLexer(src);
  }

  // ---------------------------------------------------------------------------------- entries

  /**
   * A declaration: one body, at most one of each modifier and a {@code @ReduceOnPlateau}, in any
   * order; not validated.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Declaration declaration(String source) {
    return read(source, AnnotationParser::declaration);
  }

  /**
   * One annotation of this role alone: an {@code @EarlyStopping}, a clip, or the rules of a plateau
   * schedule ({@code @ReduceOnPlateau}); not validated.
   *
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Part alone(String source, Kind.Role role) {
    List<Kind> kinds = new ArrayList<>();
    for (Kind k : Kind.values()) {
      if (k.role() == role) {
        kinds.add(k);
      }
    }
    return read(source, p -> p.part(p.alone(kinds, "declaration")));
  }

  /**
   * One annotation of {@code kinds} (a family, e.g. {@code List.of(CompositeKind.values())}) that
   * is the only one of its text; not validated. The family builds its record from the values.
   *
   * @param what what the annotation stands alone in, for the message when another one is there
   *     (e.g. {@code "schedule (a composite takes no modifiers)"})
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static <K extends AnnotationKind> Annotation<K> alone(
      String source, List<K> kinds, String what) {
    return read(source, p -> p.alone(kinds, what));
  }

  /**
   * The first annotation of {@code kinds} written in {@code source}, or {@code null} when there is
   * none (or the text cannot be read that far: the parser then reports it).
   */
  public static <K extends AnnotationKind> K kindIn(String source, List<K> kinds) {
    try {
      JavaLexer scan = new JavaLexer(source);
      while (scan.peek().type() != TokenType.EOF) {
        if (scan.next().type() == TokenType.AT && scan.peek().type() == TokenType.IDENTIFIER) {
          K k = kindNamed((String) scan.qualifiedName().value(), kinds);
          if (k != null) {
            return k;
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return null;
  }

  /** Reads {@code source}; a lexer error gets the text appended (this parser's own name it). */
  private static <T> T read(String source, Function<AnnotationParser, T> reading) {
    if (source == null) {
      throw new IllegalArgumentException("the declaration to parse is null");
    }
    try {
      return reading.apply(new AnnotationParser(source));
    } catch (JavaLexer.LexicalError e) { // "at 17: ..."
      throw new IllegalArgumentException(e.getMessage() + " (in \"" + source + "\")", e);
    }
  }

  // ------------------------------------------------------------------------------- structure

  private Declaration declaration() {
    List<Kind> kinds = List.of(Kind.values());
    Part body = null;
    Map<Kind, Part> modifiers = new LinkedHashMap<>();
    while (lexer.peek().type() != TokenType.EOF) {
      Annotation<Kind> a = annotation(kinds); // Part.of names a missing required attribute
      Kind kind = a.kind();
      // a switch expression: a new role does not compile until it is placed here
      String elsewhere =
          switch (kind.role()) {
            case BODY, MODIFIER, CONTROLLER -> null;
            case STOPPER -> "EarlyStopper.parse";
            case CLIP -> "GradientClip.parse";
          };
      if (elsewhere != null) {
        throw fail(
            a.at(),
            "@" + kind.simpleName() + " is not part of a schedule; read it with " + elsewhere);
      }
      Part part = part(a);
      if (kind.isBody()) {
        if (body != null) {
          throw fail(
              a.at(),
              "a schedule has exactly one body, but found @"
                  + body.kind().simpleName()
                  + " and @"
                  + kind.simpleName());
        }
        body = part;
      } else if (modifiers.put(kind, part) != null) {
        throw fail(a.at(), "@" + kind.simpleName() + " given twice");
      }
    }
    if (body == null) {
      throw fail(
          lexer.peek().start(), "no body annotation (@Constant, @Cosine, ...) in \"" + src + "\"");
    }
    return new Declaration(
        body,
        modifiers.get(Kind.WARMUP),
        modifiers.get(Kind.COOLDOWN),
        modifiers.get(Kind.RESTARTS),
        modifiers.get(Kind.REDUCE_ON_PLATEAU));
  }

  private Part part(Annotation<Kind> a) {
    try {
      return Part.of(a.kind(), a.values());
    } catch (IllegalArgumentException e) {
      throw fail(a.at(), e.getMessage());
    }
  }

  private <K extends AnnotationKind> Annotation<K> alone(List<K> kinds, String what) {
    Token at = lexer.peek();
    if (at.type() == TokenType.AT) {
      int mark = at.start();
      lexer.next();
      Token name = lexer.qualifiedName();
      if (kindNamed((String) name.value(), kinds) == null) {
        K later = kindIn(src, kinds);
        throw fail(
            at.start(),
            later != null
                ? "@"
                    + later.simpleName()
                    + " is the only annotation of its "
                    + what
                    + ", but found @"
                    + name.value()
                    + " before it"
                : "expected " + names(kinds) + ", found @" + name.value());
      }
      lexer.reset(mark);
    }
    Annotation<K> a = annotation(kinds);
    Token rest = lexer.peek();
    if (rest.type() != TokenType.EOF) {
      throw fail(
          rest.start(),
          "@"
              + a.kind().simpleName()
              + " is the only annotation of its "
              + what
              + ", but found "
              + rest.text()
              + " after it");
    }
    return complete(a);
  }

  /** {@code "@A"}, {@code "@A or @B"}, {@code "@A, @B or @C"}. */
  private static String names(List<? extends AnnotationKind> kinds) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kinds.size(); i++) {
      if (i > 0) {
        sb.append(i == kinds.size() - 1 ? " or " : ", ");
      }
      sb.append('@').append(kinds.get(i).simpleName());
    }
    return sb.toString();
  }

  /** The member of {@code kinds} named {@code name} (simple, or qualified as it is), or null. */
  private static <K extends AnnotationKind> K kindNamed(String name, List<K> kinds) {
    for (K k : kinds) {
      if (name.contains(".") ? k.qualifiedName().equals(name) : k.simpleName().equals(name)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Why {@code @name} is not read in a declaration: an anneal annotation of another family (a
   * composite, an optimizer), said with where it is read; else an unknown annotation.
   */
  private static String unknown(String name) {
    String simple = name.substring(name.lastIndexOf('.') + 1);
    boolean anneal =
        (simple.equals(name) || name.equals("dev.anneal." + simple)) && isAnnealAnnotation(simple);
    if (!anneal) {
      return "unknown annotation @" + name;
    }
    return "@"
        + simple
        + " is not part of a plain declaration: a composite names other schedules, so it is read from named entries"
        + " (Schedules.parseNamed, Schedules.parse(Map, name)); an optimizer is read with"
        + " Optimizer.parse";
  }

  private static boolean isAnnealAnnotation(String simpleName) {
    try {
      return Class.forName(
              "dev.anneal." + simpleName, false, AnnotationParser.class.getClassLoader())
          .isAnnotation();
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** {@code @Name}, {@code @Name(value)} or {@code @Name(attr = value, ...)}. */
  private <K extends AnnotationKind> Annotation<K> annotation(List<K> kinds) {
    Token at = lexer.expect(TokenType.AT);
    Token name = lexer.qualifiedName();
    K kind = kindNamed((String) name.value(), kinds);
    if (kind == null) {
      throw fail(name.start(), unknown((String) name.value()));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    if (lexer.accept(TokenType.LPAREN) && !lexer.accept(TokenType.RPAREN)) {
      Token first = lexer.peek();
      boolean shorthand = kind.attr("value") != null;
      if (first.type() == TokenType.IDENTIFIER && (!shorthand || named(first))) {
        do {
          Token attrName = lexer.expect(TokenType.IDENTIFIER);
          String n = (String) attrName.value();
          Attr attr = kind.attr(n);
          if (attr == null) {
            String hint = closest(n, attrNames(kind));
            throw fail(
                attrName.start(),
                "@"
                    + kind.simpleName()
                    + " has no attribute '"
                    + n
                    + "'"
                    + (hint != null ? "; did you mean " + hint + "?" : ""));
          }
          lexer.expect(TokenType.EQUALS);
          if (values.put(n, attributeValue(kind, attr)) != null) {
            throw fail(attrName.start(), "@" + kind.simpleName() + "." + n + " given twice");
          }
        } while (lexer.accept(TokenType.COMMA));
      } else { // single-element shorthand: @Constant(5e-4)
        if (!shorthand) {
          throw fail(
              first.start(),
              "@" + kind.simpleName() + " has no 'value' attribute: write name = value");
        }
        values.put("value", attributeValue(kind, kind.attr("value")));
      }
      lexer.expect(TokenType.RPAREN);
    }
    return new Annotation<>(kind, Collections.unmodifiableMap(values), at.start());
  }

  /** {@code a}, once every required attribute is given. */
  private <K extends AnnotationKind> Annotation<K> complete(Annotation<K> a) {
    for (Attr attr : a.kind().attrs()) {
      if (attr.isRequired() && !a.values().containsKey(attr.name())) {
        throw fail(a.at(), where(a.kind(), attr) + " is required but was not given");
      }
    }
    return a;
  }

  /**
   * Whether the identifier {@code first} is followed by {@code =} (then the lexer is back on it).
   */
  private boolean named(Token first) {
    lexer.next();
    boolean equals = lexer.peek().type() == TokenType.EQUALS;
    lexer.reset(first.start());
    return equals;
  }

  private static String[] attrNames(AnnotationKind kind) {
    String[] names = new String[kind.attrs().size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = kind.attrs().get(i).name();
    }
    return names;
  }

  // ---------------------------------------------------------------------------------- values

  /** The value of {@code attr}; text the lexer cannot read there is named by the attribute. */
  private Object attributeValue(AnnotationKind kind, Attr attr) {
    try {
      return value(kind, attr);
    } catch (JavaLexer.LexicalError e) {
      throw fail(e.offset(), where(kind, attr) + ": " + e.reason());
    }
  }

  /** The value of {@code attr}, read by its type. */
  private Object value(AnnotationKind kind, Attr attr) {
    return switch (attr.type()) {
      case DOUBLE -> number(kind, attr);
      case LONG -> whole(kind, attr);
      case INT -> integer(kind, attr);
      case BOOLEAN -> {
        Token t = lexer.next();
        if (t.type() != TokenType.BOOLEAN) {
          throw fail(t.start(), where(kind, attr) + " must be true or false, was " + t.text());
        }
        yield t.value();
      }
      case DOUBLE_ARRAY -> {
        List<Object> items = elements(() -> number(kind, attr));
        double[] ds = new double[items.size()];
        for (int i = 0; i < ds.length; i++) {
          ds[i] = (Double) items.get(i);
        }
        yield ds;
      }
      case LONG_ARRAY -> {
        List<Object> items = elements(() -> whole(kind, attr));
        long[] ls = new long[items.size()];
        for (int i = 0; i < ls.length; i++) {
          ls[i] = (Long) items.get(i);
        }
        yield ls;
      }
      case ENUM -> constant(kind, attr);
      case STRING -> string(kind, attr);
      case STRING_ARRAY -> {
        List<String> names = new ArrayList<>();
        for (Object o : elements(() -> string(kind, attr))) {
          names.add((String) o);
        }
        yield Collections.unmodifiableList(names);
      }
    };
  }

  /** {@code {e, e, ...}} (a trailing comma and {@code {,}} allowed, as in Java) or one element. */
  private List<Object> elements(java.util.function.Supplier<Object> element) {
    List<Object> out = new ArrayList<>();
    if (!lexer.accept(TokenType.LBRACE)) {
      out.add(element.get());
      return out;
    }
    if (!lexer.accept(TokenType.COMMA)) {
      while (lexer.peek().type() != TokenType.RBRACE) {
        out.add(element.get());
        if (!lexer.accept(TokenType.COMMA)) {
          break;
        }
      }
    }
    lexer.expect(TokenType.RBRACE);
    return out;
  }

  private Double number(AnnotationKind kind, Attr attr) {
    return lexer.doubleValue(literal(kind, attr));
  }

  private Long whole(AnnotationKind kind, Attr attr) {
    Token t = literal(kind, attr);
    if (t.type() != TokenType.INT && t.type() != TokenType.LONG) {
      throw fail(t.start(), where(kind, attr) + " must be a whole number, was " + t.text());
    }
    return lexer.longValue(t);
  }

  private Integer integer(AnnotationKind kind, Attr attr) {
    Token t = literal(kind, attr);
    if (t.type() != TokenType.INT) {
      // a long beyond the int range is named by its value (3000000000), the range being what is
      // wrong; one within it (3L) as written, the L being what is wrong
      long n = t.type() == TokenType.LONG ? (Long) t.value() : 0;
      String was = n != (int) n ? String.valueOf(n) : t.text();
      throw fail(t.start(), where(kind, attr) + " must be an int, was " + was);
    }
    return lexer.intValue(t);
  }

  /** A number with unary signs, or a named constant; a malformed one is named from its start. */
  private Token literal(AnnotationKind kind, Attr attr) {
    int at = -1;
    try {
      at = lexer.peek().start();
      return lexer.signedNumber(NAMED);
    } catch (JavaLexer.LexicalError e) {
      throw fail(at < 0 ? e.offset() : at, where(kind, attr) + ": " + e.reason());
    }
  }

  /** {@code Constant}, {@code Enum.CONSTANT} or {@code dev.anneal.Enum.CONSTANT}. */
  private Enum<?> constant(AnnotationKind kind, Attr attr) {
    Token t = lexer.peek();
    if (t.type() == TokenType.IDENTIFIER) {
      String name = (String) lexer.qualifiedName().value();
      int dot = name.lastIndexOf('.');
      String qualifier = dot < 0 ? "" : name.substring(0, dot);
      Class<? extends Enum<?>> type = attr.enumType();
      if (qualifier.isEmpty()
          || qualifier.equals(type.getSimpleName())
          || qualifier.equals(type.getName())) {
        for (Enum<?> c : type.getEnumConstants()) {
          if (c.name().equals(name.substring(dot + 1))) {
            return c;
          }
        }
      }
    }
    throw fail(
        t.start(),
        where(kind, attr)
            + " must be a "
            + attr.enumType().getSimpleName()
            + " constant, was "
            + (t.type() == TokenType.IDENTIFIER
                ? src.substring(t.start(), lexer.peek().start()).strip()
                : t.text()));
  }

  private String string(AnnotationKind kind, Attr attr) {
    Token t = lexer.peek();
    if (t.type() != TokenType.STRING) {
      throw fail(
          t.start(),
          where(kind, attr) + " must be a string (a schedule name in quotes), was " + t.text());
    }
    lexer.next();
    return (String) t.value();
  }

  private static String where(AnnotationKind kind, Attr attr) {
    return "@" + kind.simpleName() + "." + attr.name();
  }

  // ----------------------------------------------------------------------------- suggestions

  /** The candidate nearest to {@code ref} within one edit per three characters, else null. */
  public static String closest(String ref, String... candidates) {
    String best = null;
    int bestDistance = ref.length() / 3 + 1;
    for (String c : candidates) {
      if (c == null) {
        continue;
      }
      int d = distance(ref, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    Arrays.setAll(previous, j -> j);
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  private IllegalArgumentException fail(int at, String message) {
    return new IllegalArgumentException(message + " (at character " + at + " of \"" + src + "\")");
  }
}
