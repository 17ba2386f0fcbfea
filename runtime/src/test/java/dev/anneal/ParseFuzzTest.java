package dev.anneal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Schedules#parse} on thousands of truncated and mutated declarations (seeded): it may only
 * throw {@link IllegalArgumentException} with a message, and whatever it accepts must print as a
 * declaration that parses back to an equal schedule with the same text.
 */
class ParseFuzzTest {

  /** Valid declarations: one of each body, every modifier, the README and javadoc examples. */
  static final String[] VALID = {
    "@Warmup(steps = 500) @Cosine(from = 0.1, to = 1e-4, steps = 19_500)",
    "@Constant(5e-4)",
    "@Constant(value = 0.1, steps = 1000) @Cooldown(steps = 200, to = 1e-5, shape = Ramp.COSINE)",
    "@StepDecay(from = 0.1, factor = 0.1, every = 30)",
    "@MultiStep(from = 0.1, milestones = {30, 80}, factor = 0.1)",
    "@Exponential(from = 0.1, rate = 0.96, every = 100, staircase = true)",
    "@Linear(from = 1e-3, to = 1e-5, steps = 10_000) @Restarts(growth = 2, decay = 0.5, limit = 3)",
    "@Polynomial(from = 0.1, to = 0.001, steps = 5000, power = 2.0, cycle = true)",
    "@InverseTime(from = 0.1, rate = 0.5, every = 10)",
    "@InverseSqrt(from = 1e-3, timescale = 4000)",
    "@Cyclic(low = 1e-4, high = 1e-2, up = 2000, down = 1000, mode = CyclicMode.EXP_RANGE, "
        + "gamma = 0.9999)",
    "@OneCycle(peak = 0.1, steps = 1000, pctStart = 0.25, anneal = Anneal.LINEAR, "
        + "threePhase = true)",
    "@Piecewise(steps = {0, 100, 200}, values = {0.1, 0.01, 0.001}, "
        + "interpolation = Interpolation.LINEAR)",
    "@Warmup(steps = 100, from = 1e-5, shape = Ramp.EXPONENTIAL) @dev.anneal.Cosine(from = 0.1, "
        + "steps = 900) @Cooldown(steps = 100)",
    "@Cosine(from = 0.1, steps = 1000, exponent = 2) @Restarts",
  };

  /** Pieces a mutation may insert: tokens, literals at the edges of their ranges, junk. */
  private static final String[] PIECES = {
    "@",
    "(",
    ")",
    "{",
    "}",
    ",",
    "=",
    ".",
    "-",
    "+",
    "_",
    " ",
    "\n",
    "\t",
    "\u2003",
    "\u0000",
    "\"",
    "'",
    "\\",
    "//",
    "/*",
    "*/",
    "0",
    "00",
    "010",
    "09",
    "0x",
    "0x1p-3",
    "0b101",
    "1e",
    "1e999",
    "1e-999",
    "0.1f",
    "2147483648",
    "-2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "9223372036854775808L",
    "-9223372036854775808L",
    "99999999999999999999",
    "1_",
    "_1",
    "1__0",
    "Long.MAX_VALUE",
    "Long.MIN_VALUE",
    "-Long.MIN_VALUE",
    "Integer.MAX_VALUE",
    "Double.NaN",
    "Double.POSITIVE_INFINITY",
    "Double.MIN_VALUE",
    "Math.PI",
    "true",
    "false",
    "null",
    "Ramp.",
    "Ramp.COSINE",
    "Anneal.LINEAR",
    "CyclicMode.TRIANGULAR2",
    "Interpolation.COSINE",
    "@Constant",
    "@Restarts",
    "@Warmup(steps = 5)",
    "@Cooldown(steps = 5)",
    "steps",
    "from",
    "to",
    "value",
    "milestones",
    "values",
    "limit",
    "{}",
    "{1, 2}",
    "{1,}",
    "{,}",
    "Constant.UNBOUNDED",
    "Cyclic.SAME_AS_UP",
    "dev.anneal.",
    "\\u0040",
    "\u00e9",
    "\ud835\udd18",
  };

  private static final int ITERATIONS = 15_000;

  @Test
  void parseThrowsOnlyIllegalArgumentAndAcceptedTextRoundTrips() {
    Random random = new Random(0x5EED_A44EL);
    for (String v : VALID) {
      LrSchedule s = Schedules.parse(v);
      assertEquals(s, Schedules.parse(s.toString()), v);
    }
    Map<String, String> failures = new LinkedHashMap<>(); // failure class -> shortest input
    int accepted = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      String input = mutate(random);
      String problem = problem(input);
      if (problem == null) {
        continue;
      }
      if (problem.isEmpty()) {
        accepted++;
        continue;
      }
      String known = failures.get(problem);
      if (known == null || input.length() < known.length()) {
        failures.put(problem, input);
      }
    }
    List<String> report = new ArrayList<>();
    failures.forEach(
        (problem, input) ->
            report.add(
                problem
                    + "\n    shortest: "
                    + quote(input)
                    + "\n    minimal:  "
                    + quote(minimize(input, problem))));
    assertTrue(
        failures.isEmpty(), failures.size() + " kinds of failure:\n" + String.join("\n", report));
    assertTrue(accepted > ITERATIONS / 10, "only " + accepted + " inputs were accepted");
  }

  @Test
  void nullIsAnIllegalArgument() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schedules.parse(null));
    assertFalse(e.getMessage() == null || e.getMessage().isBlank());
  }

  @Test
  void literalsReadAsJavacReadsThem() {
    // The expected values are literals in this file: javac computed them when it compiled the test.
    assertEquals(Schedules.constant(010).build(), Schedules.parse("@Constant(010)"));
    assertEquals(Schedules.constant(0.1f).build(), Schedules.parse("@Constant(0.1f)"));
    assertEquals(Schedules.constant(0x1p-3).build(), Schedules.parse("@Constant(0x1p-3)"));
    assertEquals(Schedules.constant(0x1.8p1f).build(), Schedules.parse("@Constant(0x1.8p1f)"));
    assertEquals(
        Schedules.constant(Long.MAX_VALUE).build(),
        Schedules.parse("@Constant(java.lang.Long.MAX_VALUE)"));
    assertEquals(
        Schedules.constant(Math.PI).steps(Long.MAX_VALUE).build(),
        Schedules.parse("@Constant(value = Math.PI, steps = Long.MAX_VALUE)"));
    assertEquals(
        Schedules.cosine(0.1, 0b1010_0000).to(Float.MIN_VALUE).build(),
        Schedules.parse("@Cosine(from = 0.1, steps = 0b1010_0000, to = Float.MIN_VALUE)"));
    assertEquals(
        Schedules.multiStep(0.1, 0.5, 0x10, 030, 1L << 40).build(),
        Schedules.parse(
            "@MultiStep(from = 0.1, /* javac's octal */ milestones = {0x10, 030, "
                + "1_099_511_627_776L, }, factor = 0.5) // trailing comma and comments, as in Java"));
    assertEquals(Schedules.constant(1.0).build(), Schedules.parse("@Constant(\n  1 // one\n)"));
    LrSchedule big = Schedules.cosine(0.1, 1L << 40).build(); // toString needs an L: javac's rule
    assertEquals(big, Schedules.parse(big.toString()));
    assertTrue(big.toString().matches(".*steps = [0-9_]+L\\).*"), big.toString());
    for (String javacRejects :
        new String[] {
          "@Constant(09)",
          "@Constant(1_)",
          "@Constant(1e-400)",
          "@Constant(0x1.0)",
          "@Constant(9223372036854775808)",
          "@Cosine(from = 1, steps = 1.0)",
          "@Cosine(from = 1, steps = 10) @Restarts(limit = 1L)",
          "@Cosine(from = 1, steps = 10) @Restarts(limit = 2147483648)",
          "@Constant(1) /* open",
          "@MultiStep(from = 0.1, milestones = {,1}, factor = 0.5)",
          "@Constant(--1)"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> Schedules.parse(javacRejects), javacRejects);
      assertFalse(e.getMessage().isBlank());
    }
  }

  /**
   * {@code null} if parse rejected the input properly, "" if it accepted it and the text round
   * trips, else a description of the failure's kind (no input-specific detail, so kinds group).
   */
  static String problem(String input) {
    LrSchedule parsed;
    try {
      parsed = Schedules.parse(input);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        return "IllegalArgumentException without a message at " + where(e);
      }
      return null;
    } catch (Throwable t) { // everything else is a bug: NPE, NumberFormatException, overflow...
      return t.getClass().getName() + " at " + where(t);
    }
    String text = parsed.toString();
    LrSchedule again;
    try {
      again = Schedules.parse(text);
    } catch (Throwable t) {
      return "accepted, but its toString() does not parse: " + t.getClass().getSimpleName();
    }
    if (!again.equals(parsed)) {
      return "accepted, but its toString() parses to a different schedule";
    }
    if (!again.toString().equals(text)) {
      return "accepted, but its toString() does not print the same";
    }
    return "";
  }

  private static String where(Throwable t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().startsWith("dev.anneal")) {
        return e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1)
            + "."
            + e.getMethodName();
      }
    }
    return "?";
  }

  /** Drops characters while the same kind of failure remains. */
  private static String minimize(String input, String problem) {
    String s = input;
    boolean shrunk = true;
    while (shrunk) {
      shrunk = false;
      for (int i = 0; i < s.length(); i++) {
        String t = s.substring(0, i) + s.substring(i + 1);
        if (problem.equals(problem(t))) {
          s = t;
          shrunk = true;
          i--;
        }
      }
    }
    return s;
  }

  private static String mutate(Random r) {
    StringBuilder sb = new StringBuilder(VALID[r.nextInt(VALID.length)]);
    int edits = r.nextInt(3) == 0 ? 1 + r.nextInt(4) : 1; // one edit keeps more inputs valid
    for (int k = 0; k < edits; k++) {
      int at = r.nextInt(sb.length() + 1);
      switch (r.nextInt(10)) {
        case 0: // truncate
          sb.setLength(at);
          break;
        case 1: // delete a stretch
          sb.delete(at, Math.min(sb.length(), at + 1 + r.nextInt(6)));
          break;
        case 2:
        case 3: // insert a piece
          sb.insert(at, PIECES[r.nextInt(PIECES.length)]);
          break;
        case 4: // replace a stretch with a piece
          sb.replace(
              at, Math.min(sb.length(), at + 1 + r.nextInt(4)), PIECES[r.nextInt(PIECES.length)]);
          break;
        case 5:
        case 8:
        case 9: // replace a number with another literal
          replaceNumber(sb, r);
          break;
        case 6: // splice another declaration in
          String other = VALID[r.nextInt(VALID.length)];
          int from = r.nextInt(other.length());
          sb.insert(at, other, from, from + r.nextInt(other.length() - from + 1));
          break;
        default: // one random character
          sb.insert(at, (char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0x3000)));
      }
    }
    return sb.toString();
  }

  private static void replaceNumber(StringBuilder sb, Random r) {
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < sb.length(); i++) {
      boolean wordStart = i == 0 || !Character.isLetterOrDigit(sb.charAt(i - 1));
      if (Character.isDigit(sb.charAt(i)) && wordStart) {
        int j = i;
        while (j < sb.length()
            && (Character.isLetterOrDigit(sb.charAt(j))
                || sb.charAt(j) == '.'
                || sb.charAt(j) == '_')) {
          j++;
        }
        spans.add(new int[] {i, j});
        i = j;
      }
    }
    if (spans.isEmpty()) {
      return;
    }
    int[] span = spans.get(r.nextInt(spans.size()));
    String literal;
    switch (r.nextInt(6)) {
      case 0:
        literal = Long.toString(r.nextLong() >> r.nextInt(64));
        break;
      case 1:
        literal = Double.toString(Double.longBitsToDouble(r.nextLong()));
        break;
      case 2:
        literal = Double.toHexString(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
        break;
      case 3:
        literal = "0x" + Long.toHexString(r.nextLong()) + (r.nextBoolean() ? "L" : "");
        break;
      case 4:
        literal = "0" + Integer.toOctalString(r.nextInt(1 << 20));
        break;
      default:
        literal = r.nextFloat() + "f";
    }
    sb.replace(span[0], span[1], literal);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 32 || c > 126) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
      }
    }
    return sb.append('"').toString();
  }
}
