package dev.anneal.internal.control;

import dev.anneal.internal.Attr;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Internal, not API. Reader and writer of the controllers' single-line state texts: a header word,
 * then {@code name=value} fields in a fixed order separated by one space. Doubles are written as
 * {@link Double#toHexString} (exact on every JDK), longs in decimal, the fingerprint as 16 hex
 * digits, booleans as {@code true}/{@code false}. Parsing accepts exactly that form.
 */
public final class StateText {
  private final String what;
  private final String[] tokens;
  private int next = 1;

  private StateText(String what, String[] tokens) {
    this.what = what;
    this.tokens = tokens;
  }

  /**
   * The canonical text of a controller's rules, derived from its attribute model: {@code
   * Name(v,v,...)} in attribute order, doubles as hex floats. The state fingerprint hashes it, so a
   * new or changed attribute changes the fingerprint: {@code StateFormatTest} then fails until the
   * format version in the state header is bumped.
   */
  public static String canonical(String name, Record rules, List<Attr> attrs) {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < attrs.size(); i++) {
      Object v = component(rules, attrs.get(i).name());
      sb.append(i > 0 ? "," : "").append(v instanceof Double d ? Double.toHexString(d) : v);
    }
    return sb.append(')').toString();
  }

  /**
   * The annotation as a user writes it, derived from its attribute model: the required attributes
   * and those that differ from their defaults, in attribute order, e.g.
   * {@code @ReduceOnPlateau(factor = 0.5, compat = Compat.KERAS)}; no parentheses when none is
   * listed.
   */
  public static String declaration(String name, Record rules, List<Attr> attrs) {
    return Attr.text(name, attrs, attribute -> component(rules, attribute));
  }

  private static Object component(Record r, String name) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(r.getClass().getSimpleName() + " has no component " + name);
  }

  /**
   * Starts reading {@code text}, which must begin with {@code header} ({@code name/version}) and
   * have {@code fields}; a text of another version of the format is refused with a message that
   * says so.
   */
  public static StateText read(String what, String header, int fields, String text) {
    if (text == null) {
      throw new IllegalArgumentException(what + " text must not be null");
    }
    String[] tokens = text.split(" ", -1);
    String name = header.substring(0, header.lastIndexOf('/') + 1);
    if (tokens[0].startsWith(name) && !tokens[0].equals(header)) {
      throw new IllegalArgumentException(
          what
              + " text is format version "
              + tokens[0].substring(name.length())
              + ", this runtime reads version "
              + header.substring(name.length())
              + " only ('"
              + header
              + "'): the state was saved by another version of anneal whose rules or"
              + " fingerprint differ; start the controller afresh");
    }
    if (tokens.length != fields + 1 || !tokens[0].equals(header)) {
      throw new IllegalArgumentException(
          what + " text must be '" + header + "' and " + fields + " fields, was '" + text + "'");
    }
    return new StateText(what, tokens);
  }

  private String value(String name) {
    String token = tokens[next++];
    if (!token.startsWith(name + "=")) {
      throw new IllegalArgumentException(
          what
              + " field "
              + name
              + " expected at position "
              + (next - 1)
              + ", was '"
              + token
              + "'");
    }
    return token.substring(name.length() + 1);
  }

  private IllegalArgumentException bad(String name, String kind, String v) {
    return new IllegalArgumentException(
        what + " field " + name + " must be " + kind + ", was '" + v + "'");
  }

  public long fingerprint(String name) {
    String v = value(name);
    if (v.length() != 16
        || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c == Character.toLowerCase(c))) {
      throw bad(name, "16 lower-case hex digits", v);
    }
    return Long.parseUnsignedLong(v, 16);
  }

  public long longValue(String name) {
    String v = value(name);
    try {
      long l = Long.parseLong(v);
      if (Long.toString(l).equals(v)) {
        return l;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, "a decimal integer", v);
  }

  public int intValue(String name) {
    long l = longValue(name);
    if (l != (int) l) {
      throw bad(name, "an int", Long.toString(l));
    }
    return (int) l;
  }

  public double doubleValue(String name) {
    String v = value(name);
    try {
      double d = Double.parseDouble(v);
      if (Double.toHexString(d).equals(v)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, "a hex float (Double.toHexString)", v);
  }

  public boolean booleanValue(String name) {
    String v = value(name);
    if (v.equals("true") || v.equals("false")) {
      return v.equals("true");
    }
    throw bad(name, "true or false", v);
  }

  /** Writer side: {@code name=value} with the formats above. */
  public static String field(String name, double d) {
    return " " + name + "=" + Double.toHexString(d);
  }

  public static String field(String name, long l) {
    return " " + name + "=" + l;
  }

  public static String field(String name, boolean b) {
    return " " + name + "=" + b;
  }

  public static String fingerprintField(String name, long fingerprint) {
    String hex = Long.toHexString(fingerprint);
    return " " + name + "=" + "0".repeat(16 - hex.length()) + hex;
  }
}
