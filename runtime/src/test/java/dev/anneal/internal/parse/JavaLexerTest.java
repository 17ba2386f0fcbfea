package dev.anneal.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.internal.parse.JavaLexer.Token;
import dev.anneal.internal.parse.JavaLexer.TokenType;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The lexer against javac itself: every expression below is compiled by the JDK's compiler as the
 * initializer of a {@code static final} int, long, float, double (or String) constant; the lexer
 * must accept exactly what javac accepts, and give the very value javac compiled into the class
 * (bit for bit: {@code Double.equals}, so -0.0 differs from 0.0).
 */
class JavaLexerTest {

  private static final String[] NUMERIC = {"int", "long", "float", "double"};

  /** Edge cases, each tried as every numeric type; javac decides which are legal. */
  private static final String[] EDGES = {
    "0",
    "00",
    "0_0",
    "010",
    "0_7",
    "0__7",
    "0777",
    "08",
    "09",
    "0_8",
    "08.5",
    "09e1",
    "09f",
    "09d",
    "0_9.0",
    "1_000_000",
    "1__2",
    "1_",
    "0_",
    "_1",
    "2147483647",
    "2147483648",
    "-2147483648",
    "- 2147483648",
    "-/* c */2147483648",
    "+2147483648",
    "- -2147483648",
    "-+2147483648",
    "-(2147483648)",
    "2147483648L",
    "9223372036854775807",
    "9223372036854775807L",
    "9223372036854775808L",
    "-9223372036854775808L",
    "-9223372036854775808",
    "99999999999999999999L",
    "0xFFFFFFFF",
    "0x7fffffff",
    "0x80000000",
    "-0x80000000",
    "0x100000000",
    "0x1_0000_0000L",
    "0xFFFFFFFFFFFFFFFFL",
    "0x1FFFFFFFFFFFFFFFFL",
    "0x0000000000000000000000001",
    "037777777777",
    "040000000000",
    "01777777777777777777777L",
    "02000000000000000000000L",
    "0b",
    "0b1",
    "0B101",
    "0b11111111111111111111111111111111",
    "0b111111111111111111111111111111111",
    "0b1L",
    "0b_1",
    "0b1_",
    "0b102",
    "0x",
    "0xL",
    "0x_1",
    "0x1_",
    "0xg",
    "0x1L",
    "0x1l",
    "1l",
    "0L",
    "1e",
    "1e+",
    "1e-",
    "1e5",
    "1E-5",
    "1e+5",
    "1e_5",
    "1_e5",
    "1e5_",
    "1e1_0",
    "1.",
    "1.f",
    "1.d",
    "1.e2",
    ".5",
    ".5f",
    "5.e3",
    "1._5",
    "1_.5",
    "1.5.5",
    "1.5L",
    "1e5L",
    "1.5ff",
    "0x1.0",
    "0x1p",
    "0x1p3",
    "0x1P-3F",
    "0x1.8p1",
    "0x.8p1",
    "0x.p1",
    "0x1.p1",
    "0Xa.Bp+2d",
    "0x1_0p1_0",
    "0x1p_1",
    "0x1p-1074",
    "0x1p-1075",
    "0x1.0000001p-1075",
    "0x1p1024",
    "0x1.fffffffffffffp1023",
    "0x1.fffffffffffff8p1023",
    "0x1p-149f",
    "0x1p-150f",
    "0x1.000002p-150f",
    "0x1p128f",
    "0x1.fffffep127f",
    "0x1.ffffffp127f",
    "0x1f",
    "0x1d",
    "1e999",
    "1e-999",
    "1e-999f",
    "0e999",
    "0.0e-999f",
    "0x0p99999",
    "0x0.0p0f",
    "1e39f",
    "3.4028235e38f",
    "3.4028236e38f",
    "1.4e-45f",
    "7e-46f",
    "7.1e-46f",
    "4.9e-324",
    "2.4703282292062327e-324",
    "2.4703282292062328e-324",
    "2e-324",
    "3e-324",
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.7976931348623159e308",
    "1e99999999999999999999",
    "1e-99999999999999999999",
    "0.1f",
    "0.1",
    "0.1d",
    "0.1F",
    "0.1D",
    "1f",
    "1d",
    "1F",
    "16777217f",
    "16777217",
    "9007199254740993",
    "9007199254740993L",
    "9223372036854775807L",
    "0.30000000000000004",
    "123456789012345678901234567890",
    "123456789012345678901234567890.0",
    "0000.5",
    "00.5f",
    "-0",
    "-0.0",
    "-0.0f",
    "+0.0",
    "- - 1",
    "--1",
    "++1",
    "-",
    "+",
    "",
    "1 2",
    "1/*c*/",
    "/*c*/1",
    "// c\n1",
    "1 // c",
    "/* unclosed 1",
    "\\u0031",
    "\\u0031\\u0030",
    "\\uuu0031",
    "0\\u0078\\u0031F",
    "\\u002d1",
    "\\u003",
    "\\u00G1",
    "\\\\u0031",
    "\uff11",
    "1\u0661",
    "1\u00a0",
    "1\t",
    "\f1",
    "\r\n1\r\n",
    "1\u000b",
    "1#",
    "true",
    "null",
    "Long.MAX_VALUE",
    "Long.MIN_VALUE",
    "-Long.MIN_VALUE",
    "-Long.MAX_VALUE",
    "Integer.MAX_VALUE",
    "Integer.MIN_VALUE",
    "-Integer.MIN_VALUE",
    "+Integer.MIN_VALUE",
    "Double.MAX_VALUE",
    "-Double.MAX_VALUE",
    "Double.MIN_VALUE",
    "Double.MIN_NORMAL",
    "Double.POSITIVE_INFINITY",
    "Double.NEGATIVE_INFINITY",
    "-Double.POSITIVE_INFINITY",
    "Double.NaN",
    "-Double.NaN",
    "Float.MAX_VALUE",
    "Float.MIN_VALUE",
    "-Float.MIN_VALUE",
    "Float.MIN_NORMAL",
    "Float.POSITIVE_INFINITY",
    "Float.NEGATIVE_INFINITY",
    "Float.NaN",
    "Math.PI",
    "-Math.PI",
    "Math.E",
    "java.lang.Long.MAX_VALUE",
    "java.lang.Math.PI",
    "java . lang . Double . MIN_VALUE",
    "Long./*x*/MAX_VALUE",
    "Long.MAX",
    "Double.NAN",
    "Math.Pi",
    "Long..MAX_VALUE",
    "Long.MAX_VALUE.",
    "- -Long.MIN_VALUE",
  };

  /** Texts javac rejects as a constant of every numeric type; the lexer must reject them too. */
  private static final String[] MUST_REJECT = {
    "09",
    "08",
    "0x",
    "1_",
    "_1",
    "1e",
    "0x1.0",
    "1e999",
    "1e-999f",
    "0b",
    "0x1p",
    "1e-999",
    "1e39f",
    "0b102",
    "1.5L",
    "--1",
    "/* unclosed 1",
    "Long.MAX",
  };

  private static final String[] STRINGS = {
    "\"a\"",
    "\"\"",
    "\"\\t\\n\\b\\f\\r\\\"\\'\\\\\"",
    "\"\\101\\7\\0\\377\\400\\08\"",
    "\"\\s\"",
    "\"\\u0041\"",
    "\"\\q\"",
    "\"unclosed",
    "\"a\nb\"",
    "\"\\uD83D\\uDE00\"",
    "\"\u00e9\u4e2d\"",
    "\"\\\\u0041\"",
    "\"\\u005c\\u005c\"",
    "\"\\u005cn\"",
    "\"a\" \"b\"",
  };

  /** One constant: its Java type and initializer, and what the lexer made of it. */
  private static final class Case {
    final String type;
    final String expr;
    Object value;
    String error;

    Case(String type, String expr) {
      this.type = type;
      this.expr = expr;
      try {
        value = lex(type, expr);
      } catch (IllegalArgumentException e) {
        error = e.getMessage();
      }
    }

    String source(String className) {
      return "class " + className + " {\n static final " + type + " F =\n" + expr + "\n;\n}\n";
    }

    @Override
    public String toString() {
      return type
          + " = "
          + expr.replace("\n", "\\n").replace("\r", "\\r")
          + (error != null ? "   [lexer: " + error + "]" : "   [lexer: " + value + "]");
    }
  }

  /** Cases as the fields of one class, and the line each field starts on. */
  private static final class Batch {
    final String source;
    final List<Long> firstLines = new ArrayList<>();

    Batch(List<Case> cases) {
      StringBuilder src = new StringBuilder("class Accepted {\n");
      long line = 2;
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        firstLines.add(line);
        String field = " static final " + c.type + " F" + i + " =\n" + c.expr + "\n;\n";
        src.append(field);
        line += lines(field);
      }
      source = src.append("}\n").toString();
    }
  }

  /** The lexer's value of expr as a constant of type, boxed as that type. */
  static Object lex(String type, String expr) {
    JavaLexer lexer = new JavaLexer(expr);
    if (type.equals("String")) {
      Token t = lexer.expect(TokenType.STRING);
      lexer.expect(TokenType.EOF);
      return t.value();
    }
    Token t = lexer.signedNumber();
    lexer.expect(TokenType.EOF);
    switch (type) {
      case "int":
        return lexer.intValue(t);
      case "long":
        return lexer.longValue(t);
      case "float":
        return lexer.floatValue(t);
      default:
        return lexer.doubleValue(t);
    }
  }

  @Test
  void acceptsExactlyWhatJavacAcceptsWithJavacsValues() throws Exception {
    List<Case> cases = new ArrayList<>();
    for (String e : EDGES) {
      for (String type : NUMERIC) {
        cases.add(new Case(type, e));
      }
    }
    for (String s : STRINGS) {
      cases.add(new Case("String", s));
    }
    Random random = new Random(20_261_130L);
    cases.addAll(randomCases(random));

    List<Case> accepted = new ArrayList<>();
    List<Case> rejected = new ArrayList<>();
    for (Case c : cases) {
      if (c.error == null) {
        accepted.add(c);
      } else {
        assertTrue(c.error.startsWith("at ") && c.error.length() > 8, c.toString());
        rejected.add(c);
      }
    }
    List<String> mismatches = new ArrayList<>();

    // What the lexer accepts: one class, a field per case; javac must compile it, with our values.
    // Cases javac rejects are reported and left out, so the values of all others are compared too.
    List<Case> batch = new ArrayList<>(accepted);
    for (int round = 0; ; round++) {
      Batch b = new Batch(batch);
      InMemoryJavac.Result result = InMemoryJavac.compile(Map.of("Accepted", b.source));
      if (result.errors().isEmpty()) {
        Class<?> k = result.load("Accepted");
        for (int i = 0; i < batch.size(); i++) {
          Field f = k.getDeclaredField("F" + i);
          f.setAccessible(true);
          Object javacValue = f.get(null);
          Case c = batch.get(i);
          if (!Objects.equals(javacValue, c.value)) {
            mismatches.add("javac's value differs: " + c + "   [javac: " + javacValue + "]");
          }
        }
        break;
      }
      assertTrue(round < 5, "javac keeps failing on the accepted cases: " + result.errors());
      List<Case> flagged = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : result.errors()) {
        Case c = batch.get(Math.max(0, lastIndexAtMost(b.firstLines, d.getLineNumber())));
        if (!flagged.contains(c)) {
          flagged.add(c);
          if (!InMemoryJavac.compile(Map.of("One", c.source("One"))).errors().isEmpty()) {
            mismatches.add(
                "javac rejects what the lexer accepts: "
                    + c
                    + "   [javac: "
                    + d.getMessage(Locale.ROOT)
                    + "]");
          }
        }
      }
      batch.removeAll(flagged);
    }

    // What the lexer rejects: a file each, compiled together; javac must report errors in each.
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < rejected.size(); i++) {
      files.put("R" + i, rejected.get(i).source("R" + i));
    }
    InMemoryJavac.Result bad = InMemoryJavac.compile(files);
    for (int i = 0; i < rejected.size(); i++) {
      Case c = rejected.get(i);
      if (bad.errorsIn("R" + i).isEmpty()
          && InMemoryJavac.compile(Map.of("One", c.source("One"))).errors().isEmpty()) {
        mismatches.add("javac accepts what the lexer rejects: " + c);
      }
    }

    assertTrue(
        mismatches.isEmpty(),
        mismatches.size()
            + " of "
            + cases.size()
            + " cases differ:\n"
            + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
    assertTrue(accepted.size() > 1000, "accepted " + accepted.size());
    assertTrue(rejected.size() > 300, "rejected " + rejected.size());
  }

  @Test
  void textsJavacRejectsAreRejectedForEveryType() {
    Map<String, String> files = new LinkedHashMap<>();
    for (String text : MUST_REJECT) {
      for (String type : NUMERIC) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> lex(type, text), type + " " + text);
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), text);
        String name = "M" + files.size();
        files.put(name, new Case(type, text).source(name));
      }
    }
    InMemoryJavac.Result result = InMemoryJavac.compile(files);
    for (String name : files.keySet()) {
      assertFalse(result.errorsIn(name).isEmpty(), "javac accepted " + files.get(name));
    }
  }

  /** As javac: an integer literal too large for an int needs its L, even where a long is wanted. */
  @Test
  void bigIntegersWithoutLAreErrorsAsInJavac() {
    // Expected values are Java literals here, computed by javac when it compiled this test.
    assertEquals(9_007_199_254_740_993L, lex("long", "9_007_199_254_740_993L"));
    assertEquals(0x1_0000_0000L, lex("long", "0x1_0000_0000L"));
    assertEquals((long) 0xFFFFFFFF, lex("long", "0xFFFFFFFF")); // the int -1
    for (String tooLarge :
        new String[] {
          "9223372036854775808",
          "0x1_0000_0000_0000_0000",
          "2147483648",
          "3000000000",
          "9_007_199_254_740_993",
          "0x1_0000_0000"
        }) {
      assertThrows(IllegalArgumentException.class, () -> lex("long", tooLarge), tooLarge);
    }
  }

  @Test
  void errorsNameTheColumnAndTheText() {
    String src = "@Cosine(steps = 2147483648)";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              JavaLexer lexer = new JavaLexer(src);
              while (lexer.next().type() != TokenType.EOF) {
                // lex to the end
              }
            });
    int column = src.indexOf('2') + 1;
    assertTrue(e.getMessage().startsWith("at " + column + ": "), e.getMessage());
    assertTrue(e.getMessage().endsWith(": 2147483648"), e.getMessage());

    String twoLines = "@Warmup(steps = 5)\n  @Cosine(from = 1e999, steps = 9)";
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> {
              JavaLexer lexer = new JavaLexer(twoLines);
              while (lexer.next().type() != TokenType.EOF) {
                // lex to the end
              }
            });
    int col = twoLines.indexOf("1e999") - twoLines.indexOf('\n');
    assertTrue(e.getMessage().startsWith("at 2:" + col + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("1e999"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new JavaLexer(null));
  }

  @Test
  void tokensOfADeclaration() {
    String src =
        "@dev.anneal.Warmup(steps = 500) /* warm */ @Cosine(from = 0.1f, to = -1e-4, "
            + "steps = 19_500, name = \"a\\tb\",) // end";
    JavaLexer lexer = new JavaLexer(src);
    List<TokenType> kinds = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Token t = lexer.next(); t.type() != TokenType.EOF; t = lexer.next()) {
      kinds.add(t.type());
      texts.add(t.text());
      assertEquals(t.text(), src.substring(t.start(), t.end()));
    }
    assertEquals(
        List.of(
            TokenType.AT,
            TokenType.IDENTIFIER,
            TokenType.DOT,
            TokenType.IDENTIFIER,
            TokenType.DOT,
            TokenType.IDENTIFIER,
            TokenType.LPAREN,
            TokenType.IDENTIFIER,
            TokenType.EQUALS,
            TokenType.INT,
            TokenType.RPAREN,
            TokenType.AT,
            TokenType.IDENTIFIER,
            TokenType.LPAREN,
            TokenType.IDENTIFIER,
            TokenType.EQUALS,
            TokenType.FLOAT,
            TokenType.COMMA,
            TokenType.IDENTIFIER,
            TokenType.EQUALS,
            TokenType.MINUS,
            TokenType.DOUBLE,
            TokenType.COMMA,
            TokenType.IDENTIFIER,
            TokenType.EQUALS,
            TokenType.INT,
            TokenType.COMMA,
            TokenType.IDENTIFIER,
            TokenType.EQUALS,
            TokenType.STRING,
            TokenType.COMMA,
            TokenType.RPAREN),
        kinds);
    assertEquals("\"a\\tb\"", texts.get(texts.size() - 3));

    JavaLexer names = new JavaLexer("@ dev . anneal.Warmup");
    names.expect(TokenType.AT);
    Token q = names.qualifiedName();
    assertEquals("dev.anneal.Warmup", q.value());
    assertEquals("dev . anneal.Warmup", q.text());
    assertEquals(TokenType.EOF, names.next().type());
    assertEquals(TokenType.EOF, names.next().type());

    JavaLexer extra = new JavaLexer("Constant.UNBOUNDED");
    Token u = extra.signedNumber(Map.of("Constant.UNBOUNDED", 0L));
    assertEquals(TokenType.LONG, u.type());
    assertEquals(0L, u.value());
  }

  // ---- random literals, seeded ----

  private static List<Case> randomCases(Random r) {
    List<String[]> made = new ArrayList<>(); // {type, expr}
    for (int i = 0; i < 300; i++) {
      double d = Double.longBitsToDouble(r.nextLong());
      if (i % 3 == 0) {
        d = Double.longBitsToDouble(r.nextLong() >>> 12); // subnormals and tiny normals
      }
      if (!Double.isFinite(d)) {
        continue;
      }
      String type = r.nextInt(4) == 0 ? "float" : "double";
      if (r.nextBoolean()) {
        made.add(new String[] {type, sprinkle(Double.toString(d), 10, r) + suffix(r, "d")});
      } else {
        String hex = Double.toHexString(d);
        int p = hex.indexOf('p');
        made.add(new String[] {type, sprinkle(hex.substring(0, p), 16, r) + hex.substring(p)});
      }
    }
    for (int i = 0; i < 200; i++) {
      float f = Float.intBitsToFloat(r.nextInt() >>> (i % 2 == 0 ? 0 : 9));
      if (!Float.isFinite(f)) {
        continue;
      }
      String type = r.nextBoolean() ? "float" : "double";
      String text = r.nextBoolean() ? Float.toString(f) : Float.toHexString(f);
      made.add(new String[] {type, text + (r.nextBoolean() ? "f" : "F")});
    }
    for (int i = 0; i < 300; i++) { // arbitrary decimal digits: rounding, overflow, underflow
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(25);
      for (int k = 0; k < n; k++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
      int dot = r.nextInt(n + 1);
      String text =
          r.nextInt(4) > 0
              ? sprinkle(sb.substring(0, dot), 10, r) + "." + sprinkle(sb.substring(dot), 10, r)
              : sprinkle(sb.toString(), 10, r);
      if (r.nextBoolean()) {
        text +=
            (r.nextBoolean() ? "e" : "E")
                + (r.nextBoolean() ? "-" : r.nextBoolean() ? "+" : "")
                + r.nextInt(r.nextBoolean() ? 50 : 340);
      }
      String type = r.nextBoolean() ? "float" : "double";
      made.add(new String[] {type, text + (type.equals("float") ? "f" : suffix(r, "d"))});
    }
    for (int i = 0; i < 200; i++) { // halfway between two neighbours: ties to even
      if (i % 2 == 0) {
        double d = Math.abs(Double.longBitsToDouble(r.nextLong() >>> (i % 4 == 0 ? 1 : 10)));
        if (!Double.isFinite(d) || d == Double.MAX_VALUE) {
          continue;
        }
        BigDecimal mid =
            new BigDecimal(d).add(new BigDecimal(Math.nextUp(d))).divide(BigDecimal.valueOf(2));
        made.add(new String[] {"double", decimal(mid)});
        made.add(new String[] {"double", decimal(nudge(mid, r))});
      } else {
        float f = Math.abs(Float.intBitsToFloat(r.nextInt() >>> (i % 4 == 1 ? 1 : 6)));
        if (!Float.isFinite(f) || f == Float.MAX_VALUE) {
          continue;
        }
        BigDecimal mid =
            new BigDecimal(f).add(new BigDecimal(Math.nextUp(f))).divide(BigDecimal.valueOf(2));
        made.add(new String[] {r.nextBoolean() ? "float" : "double", decimal(mid) + "f"});
        made.add(new String[] {"float", decimal(nudge(mid, r)) + "f"}); // double rounding shows
      }
    }
    for (int i = 0; i < 400; i++) { // ints and longs in every radix
      boolean isLong = r.nextBoolean();
      long v = isLong ? r.nextLong() >> r.nextInt(64) : r.nextInt() >> r.nextInt(32);
      int radix = new int[] {2, 8, 10, 16}[r.nextInt(4)];
      String body;
      String sign = "";
      if (radix == 10) {
        if (v < 0 && r.nextInt(4) > 0) {
          sign = "-";
        }
        String unsigned = isLong ? Long.toUnsignedString(v) : Integer.toUnsignedString((int) v);
        body = sign.isEmpty() ? unsigned : Long.toString(v).substring(1);
        if (body.equals("0") && !sign.isEmpty()) {
          sign = "";
        }
      } else {
        body = isLong ? Long.toUnsignedString(v, radix) : Integer.toUnsignedString((int) v, radix);
        if (r.nextInt(5) == 0) {
          body = "0".repeat(1 + r.nextInt(3)) + body;
        }
      }
      String prefix =
          radix == 2
              ? (r.nextBoolean() ? "0b" : "0B")
              : radix == 8 ? "0" : radix == 16 ? (r.nextBoolean() ? "0x" : "0X") : "";
      String text = sign + prefix + sprinkle(body, radix, r);
      String type =
          isLong ? new String[] {"long", "float", "double"}[r.nextInt(3)] : NUMERIC[r.nextInt(4)];
      made.add(new String[] {type, text + (isLong ? (r.nextBoolean() ? "L" : "l") : "")});
    }
    int valid = made.size();
    String alphabet = "0123456789_.xXbBeEpPfFdDlLaA";
    for (int i = 0; i < 500; i++) { // mutants: one to three edits of a literal without inner signs
      String[] base = made.get(r.nextInt(valid));
      StringBuilder sb = new StringBuilder(base[1]);
      if (sb.length() > 1 && sb.substring(1).matches(".*[+-].*")) {
        continue;
      }
      for (int k = 1 + r.nextInt(3); k > 0 && sb.length() > 1; k--) {
        int at = r.nextInt(sb.length() + 1);
        char c = alphabet.charAt(r.nextInt(alphabet.length()));
        switch (r.nextInt(3)) {
          case 0:
            sb.insert(at, c);
            break;
          case 1:
            sb.deleteCharAt(Math.min(at, sb.length() - 1));
            break;
          default:
            sb.setCharAt(Math.min(at, sb.length() - 1), c);
        }
      }
      if (sb.length() > 1 && sb.substring(1).matches("(?s).*[+-].*")) {
        continue; // a binary expression, outside the subset
      }
      made.add(new String[] {NUMERIC[r.nextInt(4)], sb.toString()});
    }
    List<Case> cases = new ArrayList<>();
    for (String[] m : made) {
      cases.add(new Case(m[0], m[1]));
    }
    return cases;
  }

  /** Underscores between some pairs of digits of this radix (legal wherever they land). */
  private static String sprinkle(String s, int radix, Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (i > 0 && isDigit(s.charAt(i - 1), radix) && isDigit(c, radix) && r.nextInt(6) == 0) {
        sb.append("_".repeat(1 + r.nextInt(2)));
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** A BigDecimal as a Java floating literal (never an integer literal). */
  private static String decimal(BigDecimal b) {
    String s = b.toString();
    return s.contains(".") || s.contains("E") ? s : s + ".0";
  }

  /** A hair above or below b: rounds the other way than b's tie would if rounded twice. */
  private static BigDecimal nudge(BigDecimal b, Random r) {
    BigDecimal hair = new BigDecimal(java.math.BigInteger.ONE, b.scale() + 1 + r.nextInt(30));
    return r.nextBoolean() ? b.add(hair) : b.subtract(hair);
  }

  /** Line terminators as javac counts them: LF, CR, CR LF. */
  private static int lines(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }

  private static boolean isDigit(char c, int radix) {
    return c < 128 && Character.digit(c, radix) >= 0;
  }

  private static String suffix(Random r, String letter) {
    int k = r.nextInt(4);
    return k == 0 ? letter : k == 1 ? letter.toUpperCase(java.util.Locale.ROOT) : "";
  }

  private static int lastIndexAtMost(List<Long> starts, long line) {
    int found = -1;
    for (int i = 0; i < starts.size() && starts.get(i) <= line; i++) {
      found = i;
    }
    return found;
  }
}
