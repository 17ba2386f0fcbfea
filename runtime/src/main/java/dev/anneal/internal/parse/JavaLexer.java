package dev.anneal.internal.parse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Internal, not API. Tokenizes annotation source text exactly as javac's lexer does, for the subset
 * annotations use: names, {@code @ ( ) { } , = . - +}, string and boolean literals, every form of
 * int, long, float and double literal (JLS 3.10.1, 3.10.2), comments, whitespace and unicode
 * escapes (JLS 3.3), plus the numeric constants of {@code Integer}, {@code Long}, {@code Float},
 * {@code Double} and {@code Math} that javac accepts in an annotation.
 *
 * <p>Literal values are javac's: {@code 010} is 8, {@code 0xFFFFFFFF} is -1, {@code 0.1f} is the
 * float nearest 0.1, {@code 2147483648} is legal only right after a unary minus, a float or double
 * literal that rounds to infinity, or to zero while not written as zero, is an error. The rules
 * mirror javac's {@code JavaTokenizer} (scanNumber, scanDigits) and {@code JavacParser} (literal:
 * range checks, isZero; term3: the minus before 2147483648), repository openjdk/jdk,
 * src/jdk.compiler/share/classes/com/sun/tools/javac/parser/; JavaLexerTest checks the lexer
 * against the JDK's compiler itself.
 *
 * <p>Use: {@link #peek()} and {@link #next()} for tokens, {@link #qualifiedName()} for {@code
 * a.b.C}, {@link #signedNumber()} for a number with unary signs or a named constant, then {@link
 * #intValue}, {@link #longValue}, {@link #doubleValue} to widen it to an attribute's type as Java
 * assigns it. Every error is an {@link IllegalArgumentException} whose message starts with the
 * position ({@code at 17: ...}; {@code at 2:17: ...} in text of several lines) and names the
 * offending text.
 */
public final class JavaLexer {

  /** What a token is (a name, a literal, a symbol); not to be confused with an annotation kind. */
  public enum TokenType {
    IDENTIFIER,
    /** A reserved word other than {@code true} and {@code false}; value is the word. */
    KEYWORD,
    BOOLEAN,
    STRING,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    AT,
    LPAREN,
    RPAREN,
    LBRACE,
    RBRACE,
    COMMA,
    EQUALS,
    DOT,
    MINUS,
    PLUS,
    EOF;

    /** Whether tokens of this type are numeric literals. */
    public boolean isNumber() {
      return this == INT || this == LONG || this == FLOAT || this == DOUBLE;
    }
  }

  /**
   * One token. {@code text} is the source text as written (unicode escapes untranslated), {@code
   * start} its offset in the source. {@code value}: {@code Integer}, {@code Long}, {@code Float} or
   * {@code Double} for numbers, {@code Boolean} for booleans, the decoded {@code String} for
   * strings, the name (identifier-ignorable characters removed, as javac does) for identifiers and
   * keywords, {@code null} otherwise.
   */
  public record Token(TokenType type, String text, int start, Object value) {
    /** Offset just after the token in the source. */
    public int end() {
      return start + text.length();
    }
  }

  /** Whether {@code word} is a keyword or a literal ({@code true}, {@code false}, {@code null}). */
  public static boolean isReservedWord(String word) {
    return KEYWORDS.contains(word)
        || word.equals("true")
        || word.equals("false")
        || word.equals("null");
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "_",
          "null");

  private static final Map<String, Number> CONSTANTS = constants();

  private static Map<String, Number> constants() {
    Map<String, Number> m = new HashMap<>();
    m.put("Integer.MAX_VALUE", Integer.MAX_VALUE);
    m.put("Integer.MIN_VALUE", Integer.MIN_VALUE);
    m.put("Long.MAX_VALUE", Long.MAX_VALUE);
    m.put("Long.MIN_VALUE", Long.MIN_VALUE);
    m.put("Float.MAX_VALUE", Float.MAX_VALUE);
    m.put("Float.MIN_VALUE", Float.MIN_VALUE);
    m.put("Float.MIN_NORMAL", Float.MIN_NORMAL);
    m.put("Float.POSITIVE_INFINITY", Float.POSITIVE_INFINITY);
    m.put("Float.NEGATIVE_INFINITY", Float.NEGATIVE_INFINITY);
    m.put("Float.NaN", Float.NaN);
    m.put("Double.MAX_VALUE", Double.MAX_VALUE);
    m.put("Double.MIN_VALUE", Double.MIN_VALUE);
    m.put("Double.MIN_NORMAL", Double.MIN_NORMAL);
    m.put("Double.POSITIVE_INFINITY", Double.POSITIVE_INFINITY);
    m.put("Double.NEGATIVE_INFINITY", Double.NEGATIVE_INFINITY);
    m.put("Double.NaN", Double.NaN);
    m.put("Math.PI", Math.PI);
    m.put("Math.E", Math.E);
    for (String name : Set.copyOf(m.keySet())) {
      m.put("java.lang." + name, m.get(name));
    }
    return Map.copyOf(m);
  }

  private final String src;

  /** The source with unicode escapes translated (JLS 3.3). */
  private final String text;

  /** origin[i]: offset in src of text's char i; origin[text.length()] == src.length(). */
  private final int[] origin;

  /** See {@link #JavaLexer(String, boolean)}. */
  private int pos;

  private Token lookahead;

  /** Type of the last token lexed (javac's "prefix" for 2147483648), null before the first. */
  private TokenType previous;

  /**
   * A lexer over {@code source}.
   *
   * @throws IllegalArgumentException if source is null or holds a malformed unicode escape
   */
  public JavaLexer(String source) {
    if (source == null) {
      throw new IllegalArgumentException("the source text is null");
    }
    this.src = source;
    StringBuilder sb = new StringBuilder(source.length());
    int[] from = new int[source.length() + 1];
    boolean oddBackslashes = false;
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\\' && !oddBackslashes && i + 1 < source.length() && source.charAt(i + 1) == 'u') {
        int j = i + 1;
        while (j < source.length() && source.charAt(j) == 'u') {
          j++;
        }
        int code = 0;
        for (int k = 0; k < 4; k++) {
          char h = j + k < source.length() ? source.charAt(j + k) : 'g';
          int d = h < 128 ? Character.digit(h, 16) : -1;
          if (d < 0) {
            throw error(i, "illegal unicode escape: " + clip(source, i, j + k + 1));
          }
          code = code * 16 + d;
        }
        from[sb.length()] = i;
        sb.append((char) code);
        oddBackslashes = false; // a backslash from an escape never starts another escape
        i = j + 4;
      } else {
        from[sb.length()] = i;
        sb.append(c);
        oddBackslashes = c == '\\' && !oddBackslashes;
        i++;
      }
    }
    from[sb.length()] = source.length();
    this.text = sb.toString();
    this.origin = Arrays.copyOf(from, sb.length() + 1);
  }

  /** The source text this lexer reads. */
  public String source() {
    return src;
  }

  /**
   * Continues reading at this offset of the source (a parser that reads some text itself hands over
   * here); the token before is forgotten, so {@code 2147483648} needs its minus after this.
   */
  public void reset(int sourceOffset) {
    if (sourceOffset < 0 || sourceOffset > src.length()) {
      throw new IllegalArgumentException("offset " + sourceOffset + " is outside the source text");
    }
    int i = Arrays.binarySearch(origin, sourceOffset);
    pos = i >= 0 ? i : -i - 1;
    lookahead = null;
    previous = null;
  }

  /** The next token, without consuming it; {@link TokenType#EOF} at the end. */
  public Token peek() {
    if (lookahead == null) {
      lookahead = lex();
      previous = lookahead.type;
    }
    return lookahead;
  }

  /** The next token, consumed; {@link TokenType#EOF} (again and again) at the end. */
  public Token next() {
    Token t = peek();
    if (t.type != TokenType.EOF) {
      lookahead = null;
    }
    return t;
  }

  /** Consumes the next token if it is of this type. */
  public boolean accept(TokenType type) {
    if (peek().type == type) {
      next();
      return true;
    }
    return false;
  }

  /**
   * The next token, consumed, which must be of this type.
   *
   * @throws IllegalArgumentException naming what was found instead
   */
  public Token expect(TokenType type) {
    Token t = peek();
    if (t.type != type) {
      throw error(t, "expected " + describe(type) + ", was " + describe(t));
    }
    return next();
  }

  /**
   * A name such as {@code Cosine} or {@code java.lang.Long.MAX_VALUE}: identifiers joined by dots
   * (whitespace and comments between them allowed, as in Java). Value: the dotted name.
   */
  public Token qualifiedName() {
    Token first = expect(TokenType.IDENTIFIER);
    StringBuilder name = new StringBuilder((String) first.value);
    int end = first.end();
    while (peek().type == TokenType.DOT) {
      next();
      Token id = expect(TokenType.IDENTIFIER);
      name.append('.').append((String) id.value);
      end = id.end();
    }
    String text = src.substring(first.start, end);
    return new Token(TokenType.IDENTIFIER, text, first.start, name.toString());
  }

  /** {@link #signedNumber(Map)} with only the {@code java.lang} constants. */
  public Token signedNumber() {
    return signedNumber(Map.of());
  }

  /**
   * A constant numeric expression of the subset annotations use: unary {@code -} and {@code +} (any
   * number) before a numeric literal or a named constant ({@code Long.MAX_VALUE}, {@code
   * java.lang.Math.PI}, or one of {@code more}, keyed by the name as written, e.g. {@code
   * "Constant.UNBOUNDED"}). The value is folded in the operand's type as javac folds it: int and
   * long negation wrap ({@code -Integer.MIN_VALUE == Integer.MIN_VALUE}); the type is the operand's
   * (INT, LONG, FLOAT or DOUBLE).
   *
   * @throws IllegalArgumentException if the text there is not such an expression
   */
  public Token signedNumber(Map<String, ? extends Number> more) {
    Token first = peek();
    boolean negate = false;
    while (peek().type == TokenType.MINUS || peek().type == TokenType.PLUS) {
      negate ^= next().type == TokenType.MINUS;
    }
    Token operand = peek();
    Object value;
    TokenType type;
    int end;
    if (operand.type.isNumber()) {
      next();
      value = operand.value;
      type = operand.type;
      end = operand.end();
    } else if (operand.type == TokenType.IDENTIFIER) {
      Token name = qualifiedName();
      Number constant = CONSTANTS.get((String) name.value);
      if (constant == null) {
        constant = more.get((String) name.value);
      }
      if (constant == null) {
        throw error(name, "not a numeric constant: " + name.text);
      }
      value = constant;
      type = typeOf(constant);
      end = name.end();
    } else {
      throw error(operand, "expected a number, was " + describe(operand));
    }
    if (negate) {
      value = negate(value);
    }
    return new Token(type, src.substring(first.start, end), first.start, value);
  }

  /**
   * The value of a numeric token assigned to an {@code int}: only int literals and constants.
   *
   * @throws IllegalArgumentException for any other token, as javac rejects a lossy conversion
   */
  public int intValue(Token t) {
    if (t.type == TokenType.INT) {
      return (Integer) t.value;
    }
    throw lossy(t, "int");
  }

  /** The value of a numeric token assigned to a {@code long}: int (widened) or long. */
  public long longValue(Token t) {
    if (t.type == TokenType.INT || t.type == TokenType.LONG) {
      return ((Number) t.value).longValue();
    }
    throw lossy(t, "long");
  }

  /** The value of a numeric token assigned to a {@code float}: int and long round as in Java. */
  public float floatValue(Token t) {
    switch (t.type) {
      case INT:
        return (float) (int) (Integer) t.value;
      case LONG:
        return (float) (long) (Long) t.value;
      case FLOAT:
        return (Float) t.value;
      default:
        throw lossy(t, "float");
    }
  }

  /**
   * The value of a numeric token assigned to a {@code double}: any number, widened as Java widens
   * (a long rounds to the nearest double, a float is exact).
   */
  public double doubleValue(Token t) {
    switch (t.type) {
      case INT:
        return (double) (int) (Integer) t.value;
      case LONG:
        return (double) (long) (Long) t.value;
      case FLOAT:
        return (double) (float) (Float) t.value;
      case DOUBLE:
        return (Double) t.value;
      default:
        throw lossy(t, "double");
    }
  }

  /** An error at a token: {@code at 17: message}. */
  public IllegalArgumentException error(Token at, String message) {
    return error(at.start, message);
  }

  /** An error at an offset of the source: {@code at 17: message}. */
  public IllegalArgumentException error(int offset, String message) {
    return new LexicalError(offset, message, "at " + position(offset) + ": " + message);
  }

  /**
   * Every error of this lexer: the message starts with the position, and a parser that words the
   * error itself (naming the attribute being read) finds the offset and the reason here.
   */
  public static final class LexicalError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String reason;

    LexicalError(int offset, String reason, String message) {
      super(message);
      this.offset = offset;
      this.reason = reason;
    }

    /** Offset in the source of the offending text. */
    public int offset() {
      return offset;
    }

    /** The message without its position, e.g. {@code integer number too large: 3000000000}. */
    public String reason() {
      return reason;
    }
  }

  // ---- lexing; positions below are in text (escapes translated) unless named otherwise ----

  private Token lex() {
    skipWhitespaceAndComments();
    int start = pos;
    if (pos >= text.length()) {
      return token(TokenType.EOF, start, null);
    }
    int c = text.codePointAt(pos);
    switch (c) {
      case '@':
        return single(TokenType.AT);
      case '(':
        return single(TokenType.LPAREN);
      case ')':
        return single(TokenType.RPAREN);
      case '{':
        return single(TokenType.LBRACE);
      case '}':
        return single(TokenType.RBRACE);
      case ',':
        return single(TokenType.COMMA);
      case '=':
      case '-':
      case '+':
        if (pos + 1 < text.length() && text.charAt(pos + 1) == c) {
          // javac reads "==", "--" and "++" as one operator, never part of an annotation value
          throw errorAt(start, "unexpected " + (char) c + (char) c);
        }
        return single(c == '=' ? TokenType.EQUALS : c == '-' ? TokenType.MINUS : TokenType.PLUS);
      case '.':
        if (pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
          return number(start);
        }
        return single(TokenType.DOT);
      case '"':
        return string(start);
      default:
        if (isDigit(c)) {
          return number(start);
        }
        if (Character.isJavaIdentifierStart(c)) {
          return identifier(start);
        }
        throw errorAt(start, "illegal character: '" + printable(c) + "'");
    }
  }

  private Token single(TokenType type) {
    pos++;
    return token(type, pos - 1, null);
  }

  private Token token(TokenType type, int start, Object value) {
    return new Token(type, src.substring(origin[start], origin[pos]), origin[start], value);
  }

  private void skipWhitespaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '/') {
        while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
          pos++;
        }
      } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
        int close = text.indexOf("*/", pos + 2);
        if (close < 0) {
          throw errorAt(pos, "unclosed comment");
        }
        pos = close + 2;
      } else {
        return;
      }
    }
  }

  private Token identifier(int start) {
    StringBuilder name = new StringBuilder();
    while (pos < text.length()) {
      int cp = text.codePointAt(pos);
      if (!Character.isJavaIdentifierPart(cp)) {
        break;
      }
      if (!Character.isIdentifierIgnorable(cp)) {
        name.appendCodePoint(cp);
      }
      pos += Character.charCount(cp);
    }
    String word = name.toString();
    if (word.equals("true") || word.equals("false")) {
      return token(TokenType.BOOLEAN, start, Boolean.valueOf(word));
    }
    return token(KEYWORDS.contains(word) ? TokenType.KEYWORD : TokenType.IDENTIFIER, start, word);
  }

  private Token string(int start) {
    if (text.startsWith("\"\"\"", start)) {
      throw errorAt(start, "text blocks are not supported here");
    }
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '\r') {
        throw errorAt(start, "unclosed string literal");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return token(TokenType.STRING, start, sb.toString());
      }
      if (c != '\\') {
        sb.append(c);
        pos++;
        continue;
      }
      int escape = pos;
      pos++;
      char e = pos < text.length() ? text.charAt(pos) : '\0';
      pos++;
      switch (e) {
        case 'b':
          sb.append('\b');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 's':
          sb.append(' ');
          break;
        case '"':
        case '\'':
        case '\\':
          sb.append(e);
          break;
        default:
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int max = e <= '3' ? 2 : 1; // \0 .. \377
            for (int k = 0; k < max && pos < text.length() && isOctal(text.charAt(pos)); k++) {
              v = v * 8 + text.charAt(pos++) - '0';
            }
            sb.append((char) v);
          } else {
            throw errorAt(
                escape,
                "illegal escape character in string literal: \\"
                    + (pos <= text.length() ? printable(e) : ""));
          }
      }
    }
  }

  /** JLS 3.10.1 and 3.10.2; pos is at the first digit, or at the '.' of {@code .5}. */
  private Token number(int start) {
    char c0 = text.charAt(pos);
    char c1 = pos + 1 < text.length() ? text.charAt(pos + 1) : '\0';
    Token t;
    if (c0 == '0' && (c1 == 'x' || c1 == 'X')) {
      pos += 2;
      t = hex(start);
    } else if (c0 == '0' && (c1 == 'b' || c1 == 'B')) {
      pos += 2;
      String digits = digits(2);
      if (digits.isEmpty()) {
        throw errorAt(
            start, "binary numbers must contain at least one binary digit: " + here(start));
      }
      t = integer(start, digits, 2);
    } else {
      t = decimal(start);
    }
    if (pos < text.length() && Character.isJavaIdentifierPart(text.codePointAt(pos))) {
      throw errorAt(pos, "illegal character in number: " + here(start) + clipText(pos));
    }
    return t;
  }

  private Token hex(int start) {
    String whole = digits(16);
    boolean dot = false;
    String fraction = "";
    if (peekChar() == '.') {
      dot = true;
      pos++;
      fraction = digits(16);
    }
    char p = peekChar();
    if (p != 'p' && p != 'P') {
      if (dot) {
        throw errorAt(
            start,
            "malformed floating-point literal (a hexadecimal one needs an exponent p): "
                + here(start));
      }
      if (whole.isEmpty()) {
        throw errorAt(
            start,
            "hexadecimal numbers must contain at least one hexadecimal digit: " + here(start));
      }
      return integer(start, whole, 16);
    }
    if (whole.isEmpty() && fraction.isEmpty()) {
      throw errorAt(
          start, "hexadecimal numbers must contain at least one hexadecimal digit: " + here(start));
    }
    pos++;
    String exponent = exponent(start);
    String literal = "0x" + whole + (dot ? "." + fraction : "") + "p" + exponent;
    return floating(start, literal, !isZero(whole + fraction));
  }

  private Token decimal(int start) {
    String whole = text.charAt(pos) == '.' ? "" : digits(10);
    boolean floating = false;
    StringBuilder literal = new StringBuilder(whole);
    String fraction = "";
    if (peekChar() == '.') {
      floating = true;
      pos++;
      fraction = digits(10);
      literal.append('.').append(fraction);
    }
    char e = peekChar();
    if (e == 'e' || e == 'E') {
      floating = true;
      pos++;
      literal.append('e').append(exponent(start));
    }
    char s = peekChar();
    if (floating || s == 'f' || s == 'F' || s == 'd' || s == 'D') {
      return floating(start, literal.toString(), !isZero(whole + fraction));
    }
    if (whole.length() > 1 && whole.charAt(0) == '0') {
      for (int i = 1; i < whole.length(); i++) {
        if (!isOctal(whole.charAt(i))) {
          throw errorAt(
              start,
              "integer number too large (the leading 0 makes it octal, and "
                  + whole.charAt(i)
                  + " is not an octal digit): "
                  + here(start));
        }
      }
      return integer(start, whole, 8);
    }
    return integer(start, whole, 10);
  }

  /** An optional sign and decimal digits after e or p, as text for the JDK's parser. */
  private String exponent(int start) {
    String sign = "";
    if (peekChar() == '+' || peekChar() == '-') {
      sign = String.valueOf(text.charAt(pos++));
    }
    String digits = digits(10);
    if (digits.isEmpty()) {
      throw errorAt(start, "malformed floating-point literal: " + here(start));
    }
    return sign + digits;
  }

  /** A float or double literal; the suffix (f, F, d, D or none) is next. */
  private Token floating(int start, String literal, boolean nonZero) {
    char s = peekChar();
    boolean isFloat = s == 'f' || s == 'F';
    if (isFloat || s == 'd' || s == 'D') {
      pos++;
    }
    // The JDK's correctly rounded parsers, which javac itself calls (Float.valueOf rounds the
    // decimal value straight to float, not via double).
    Number value = isFloat ? (Number) Float.valueOf(literal) : (Number) Double.valueOf(literal);
    double d = value.doubleValue();
    if (Double.isInfinite(d)) {
      throw errorAt(start, "floating-point number too large: " + here(start));
    }
    if (d == 0 && nonZero) {
      throw errorAt(start, "floating-point number too small: " + here(start));
    }
    return token(isFloat ? TokenType.FLOAT : TokenType.DOUBLE, start, value);
  }

  /** An int or long literal (suffix L or l next) from its digits, underscores removed. */
  private Token integer(int start, String digits, int radix) {
    boolean isLong = peekChar() == 'l' || peekChar() == 'L';
    if (isLong) {
      pos++;
    }
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    long v;
    try {
      v = Long.parseUnsignedLong(trimmed, radix); // every digit string here is valid in radix
    } catch (NumberFormatException tooLarge) {
      throw errorAt(start, "integer number too large: " + here(start));
    }
    boolean afterMinus = previous == TokenType.MINUS;
    long intLimit = radix == 10 ? (afterMinus ? 1L << 31 : Integer.MAX_VALUE) : 0xFFFF_FFFFL;
    if (isLong) {
      // decimal: up to 2^63 - 1, and 2^63 right after a unary minus; others: all 64 bits
      if (radix == 10
          && Long.compareUnsigned(v, Long.MIN_VALUE) >= 0
          && !(v == Long.MIN_VALUE && afterMinus)) {
        throw errorAt(start, "integer number too large: " + here(start));
      }
      return token(TokenType.LONG, start, v);
    }
    if (Long.compareUnsigned(v, intLimit) > 0) {
      throw errorAt(start, "integer number too large: " + here(start));
    }
    return token(TokenType.INT, start, (int) v);
  }

  /**
   * Digits of this radix and underscores, which must lie between digits; returns the digits. For
   * radix 10 it also reads 8 and 9 so that octal-looking {@code 09.5} can be a double.
   */
  private String digits(int radix) {
    int begin = pos;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '_') {
        pos++;
      } else if (c < 128 && Character.digit(c, radix) >= 0) {
        sb.append(c);
        pos++;
      } else {
        break;
      }
    }
    if (pos > begin && (text.charAt(begin) == '_' || text.charAt(pos - 1) == '_')) {
      int at = text.charAt(begin) == '_' ? begin : pos - 1;
      throw errorAt(at, "illegal underscore: " + clip(text, begin, pos));
    }
    return sb.toString();
  }

  private char peekChar() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  /** javac's isZero: no digit other than 0 in the significand. */
  private static boolean isZero(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  private static TokenType typeOf(Number n) {
    if (n instanceof Integer) {
      return TokenType.INT;
    }
    if (n instanceof Long) {
      return TokenType.LONG;
    }
    if (n instanceof Float) {
      return TokenType.FLOAT;
    }
    if (n instanceof Double) {
      return TokenType.DOUBLE;
    }
    throw new IllegalArgumentException(
        "a named constant must be an Integer, Long, Float or Double, was "
            + n.getClass().getName());
  }

  private static Object negate(Object v) {
    if (v instanceof Integer) {
      return -(Integer) v;
    }
    if (v instanceof Long) {
      return -(Long) v;
    }
    if (v instanceof Float) {
      return -(Float) v;
    }
    return -(Double) v;
  }

  private IllegalArgumentException lossy(Token t, String type) {
    if (!t.type.isNumber()) {
      return error(t, "expected a number, was " + describe(t));
    }
    String from = t.type.name().toLowerCase(java.util.Locale.ROOT);
    return error(t, "possible lossy conversion from " + from + " to " + type + ": " + t.text);
  }

  private static String describe(TokenType type) {
    switch (type) {
      case IDENTIFIER:
        return "a name";
      case AT:
        return "'@'";
      case LPAREN:
        return "'('";
      case RPAREN:
        return "')'";
      case LBRACE:
        return "'{'";
      case RBRACE:
        return "'}'";
      case COMMA:
        return "','";
      case EQUALS:
        return "'='";
      case DOT:
        return "'.'";
      case MINUS:
        return "'-'";
      case PLUS:
        return "'+'";
      case EOF:
        return "the end";
      default:
        return "a " + type.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static String describe(Token t) {
    return t.type == TokenType.EOF ? "the end" : "'" + t.text + "'";
  }

  /** The source text of the token being read, from its start (a text offset) to pos. */
  private String here(int start) {
    return src.substring(origin[start], origin[Math.min(pos, text.length())]);
  }

  private String clipText(int at) {
    int cp = text.codePointAt(at);
    return printable(cp);
  }

  private static String clip(String s, int from, int to) {
    String part = s.substring(from, Math.min(to, s.length()));
    return part.length() > 40 ? part.substring(0, 40) + "..." : part;
  }

  private static String printable(int cp) {
    return Character.isISOControl(cp) || Character.isWhitespace(cp)
        ? String.format(java.util.Locale.ROOT, "\\u%04x", cp)
        : new String(Character.toChars(cp));
  }

  private IllegalArgumentException errorAt(int textOffset, String message) {
    return error(origin[Math.min(textOffset, text.length())], message);
  }

  /** 1-based column, or line:column if the source has several lines. */
  private String position(int offset) {
    int line = 1;
    int lineStart = 0;
    boolean lines = src.indexOf('\n') >= 0 || src.indexOf('\r') >= 0;
    for (int i = 0; i < offset && i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= src.length() || src.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    int column = offset - lineStart + 1;
    return lines ? line + ":" + column : String.valueOf(column);
  }
}
