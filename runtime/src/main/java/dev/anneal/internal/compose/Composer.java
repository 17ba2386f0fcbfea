package dev.anneal.internal.compose;

import dev.anneal.LrSchedule;
import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Declaration;
import dev.anneal.internal.Plan;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Internal, not API. The back end of {@code Schedules.sequence}, {@code product}, {@code
 * cycleMomentum}, {@code parse(Map, String)} and {@code parseNamed}: schedules built by anneal
 * become {@link Declared} parts, the composite's rules run, and the result is a {@link
 * ComposedSchedule} (or, for a plain entry, the builder's {@link PlanSchedule}).
 */
public final class Composer {
  private Composer() {}

  /** {@code @Sequence} of these parts. */
  public static LrSchedule sequence(long[] boundaries, LrSchedule... parts) {
    if (boundaries == null) {
      throw new IllegalArgumentException("@Sequence.boundaries must not be null");
    }
    List<Declared> ps = parts(CompositeKind.SEQUENCE, parts);
    return build(new Sequence(names(ps.size()), boundaries), ps);
  }

  /** {@code @Product} of these parts. */
  public static LrSchedule product(LrSchedule... parts) {
    List<Declared> ps = parts(CompositeKind.PRODUCT, parts);
    return build(new Product(names(ps.size())), ps);
  }

  /** {@code @CycleMomentum} against {@code of} with the defaults ({@code OneCycleLR}'s). */
  public static LrSchedule cycleMomentum(LrSchedule of) {
    return cycleMomentum(of, CycleMomentum.DEFAULT_BASE, CycleMomentum.DEFAULT_MAX);
  }

  /** {@code @CycleMomentum} against {@code of}. */
  public static LrSchedule cycleMomentum(LrSchedule of, double base, double max) {
    List<Declared> ps = parts(CompositeKind.CYCLE_MOMENTUM, of);
    String why = CycleMomentum.unsupported(ps.get(0));
    if (why != null) {
      throw new IllegalArgumentException(
          "@CycleMomentum.of must be a plain one-cycle or cyclic"
              + " schedule (Schedules.oneCycle or Schedules.cyclic without warmup, cooldown or"
              + " restarts), was "
              + why);
    }
    return build(new CycleMomentum("s0", base, max), ps);
  }

  /** {@code @Repeat} of {@code of}, {@code times} times (0 = forever). */
  public static LrSchedule repeat(LrSchedule of, int times) {
    return build(new Repeat("s0", times), parts(CompositeKind.REPEAT, of));
  }

  private static LrSchedule build(Composite c, List<Declared> parts) {
    List<Problem> problems = Composite.problems(c, parts);
    for (Problem p : problems) {
      if (p.isError()) {
        throw new IllegalArgumentException(p.message());
      }
    }
    return new ComposedSchedule(c.fold(parts));
  }

  private static List<String> names(int n) {
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add("s" + i);
    }
    return names;
  }

  /** The parts as {@link Declared}: only schedules anneal built (it knows their length, source). */
  private static List<Declared> parts(CompositeKind kind, LrSchedule... parts) {
    String annotation = kind.simpleName();
    Attr reference = kind.attrs().get(0); // every composite names its parts first
    String attr = reference.name();
    if (parts == null) {
      throw new IllegalArgumentException("@" + annotation + "." + attr + " must not be null");
    }
    List<Declared> out = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      String where =
          "@"
              + annotation
              + "."
              + attr
              + (reference.type() == Attr.Type.STRING_ARRAY ? "[" + i + "]" : "");
      out.add(declared(parts[i], where));
    }
    return out;
  }

  /** A schedule anneal built as a part; {@code where} names the attribute for the message. */
  static Declared declared(LrSchedule s, String where) {
    if (s instanceof PlanSchedule p) {
      return new Plain(p.plan());
    }
    if (s instanceof ComposedSchedule c) {
      return c.declared();
    }
    throw new IllegalArgumentException(
        where
            + " must be a schedule built by anneal"
            + " (Schedules.parse, a Schedules builder or a composite of them; not a controller or"
            + " another LrSchedule), was "
            + (s == null ? "null" : s.getClass().getName() + ": " + s));
  }

  /**
   * The schedule {@code name} of named declarations that may refer to each other; every entry is
   * checked. A plateau entry is a schedule of its own (built by {@code plain}), never a part.
   *
   * @param plain the schedule of one plain declaration, its controller included
   * @throws IllegalArgumentException {@code "name: message"} for the first error
   */
  public static LrSchedule parse(
      Map<String, String> named, String name, Function<Declaration, LrSchedule> plain) {
    if (named == null) {
      throw new IllegalArgumentException("the named declarations are null");
    }
    Map<String, Object> declared = new LinkedHashMap<>();
    // A plateau is a schedule of its own (with observe), never a part: as on a config.
    Map<String, Declaration> plateaus = new LinkedHashMap<>();
    Map<String, String> notParts = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : named.entrySet()) {
      String n = e.getKey();
      if (!Composite.isName(n)) {
        throw new IllegalArgumentException(
            "a schedule name must be a Java identifier, was " + Composite.quote(n));
      }
      try {
        Object parsed = schedule(e.getValue());
        if (parsed instanceof Declaration d && d.plateau() != null) {
          Plan.of(d); // every entry is checked
          plateaus.put(n, d);
          notParts.put(n, "a schedule with @ReduceOnPlateau (a PlateauSchedule)");
        } else {
          declared.put(n, parsed);
        }
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(n + ": " + ex.getMessage(), ex);
      }
    }
    if (!declared.containsKey(name) && !plateaus.containsKey(name)) {
      throw new IllegalArgumentException(
          "no schedule named "
              + Composite.quote(name)
              + " (declared: "
              + String.join(", ", named.keySet())
              + ")");
    }
    Resolver r = Resolver.resolve(declared, declared.containsKey(name) ? name : null, notParts);
    if (!r.errors().isEmpty()) {
      throw new IllegalArgumentException(r.errors().get(0));
    }
    if (plateaus.containsKey(name)) {
      return plain.apply(plateaus.get(name));
    }
    Declared d = r.get(name);
    return d instanceof Plain p ? new PlanSchedule(p.plan()) : new ComposedSchedule(d);
  }

  /**
   * One schedule as written: a composite, which is the only annotation of its schedule, or else a
   * plain declaration; read by the one {@link AnnotationParser}, not validated.
   *
   * @return a {@link Composite} or a {@link Declaration}
   * @throws IllegalArgumentException naming the position and what was expected
   */
  public static Object schedule(String source) {
    List<CompositeKind> composites = List.of(CompositeKind.values());
    if (source == null || AnnotationParser.kindIn(source, composites) == null) {
      return AnnotationParser.declaration(source);
    }
    AnnotationParser.Annotation<CompositeKind> a =
        AnnotationParser.alone(source, composites, "schedule (a composite takes no modifiers)");
    return a.kind().build(a.values());
  }

  /**
   * Between entries: a {@code ;}, or a line break before the next {@code name:}. Any other line
   * break is white space inside a (wrapped) declaration.
   */
  private static final java.util.regex.Pattern ENTRY_SEPARATOR =
      java.util.regex.Pattern.compile(";|\\R(?=\\s*[\\p{L}_$][\\p{L}\\p{N}_$]*\\s*:)");

  /**
   * Entries {@code name: declaration}, separated by {@code ;} or line breaks before a name (blank
   * entries are skipped); the schedule is the last entry. A text without any {@code :} is one plain
   * declaration, so this reads back the {@code toString()} of every schedule anneal builds.
   *
   * @param plain the schedule of one plain declaration, its controller included (the public API
   *     builds controllers; this package does not)
   */
  public static LrSchedule parseNamed(String entries, Function<Declaration, LrSchedule> plain) {
    if (entries == null) {
      throw new IllegalArgumentException("the declarations to parse are null");
    }
    if (entries.startsWith("\uFEFF")) { // a byte-order mark a text file may start with
      entries = entries.substring(1);
    }
    if (entries.indexOf(':') < 0) { // a plain declaration's toString: no names
      return plain.apply(AnnotationParser.declaration(entries));
    }
    Map<String, String> named = new LinkedHashMap<>();
    String last = null;
    for (String entry : ENTRY_SEPARATOR.split(entries)) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "expected name: declaration, was " + Composite.quote(entry.strip()));
      }
      String name = entry.substring(0, colon).strip();
      if (named.put(name, entry.substring(colon + 1)) != null) {
        throw new IllegalArgumentException(name + ": declared twice");
      }
      last = name;
    }
    if (last == null) {
      throw new IllegalArgumentException("no declaration in " + Composite.quote(entries));
    }
    return parse(Collections.unmodifiableMap(named), last, plain);
  }
}
