package dev.anneal.internal.compose;

import dev.anneal.internal.Declaration;
import dev.anneal.internal.Plan;
import dev.anneal.internal.Rules;
import dev.anneal.internal.kind.Checker;
import dev.anneal.internal.kind.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal, not API. Resolves the schedules of one config (or one set of named declarations from a
 * config file): each name maps to a plain {@link Declaration} or a {@link Composite} naming others.
 * Checks every plain declaration with {@link Rules}, every composite with its own rules, and the
 * references: a name that is not declared, a schedule naming itself, a cycle of references; then
 * folds each valid schedule, parts first.
 *
 * <p>A composite whose part has errors gets no problem of its own for it (the part reports its own)
 * and is not folded. Problems about a reference are reported on the referring element ({@code
 * schedules[i]} or {@code of}), as the processor reports them.
 */
public final class Resolver {
  private final Map<String, ?> declared;
  private final Map<String, Declared> resolved = new LinkedHashMap<>();
  private final Map<String, List<Problem>> plainProblems = new LinkedHashMap<>();
  private final Map<String, List<Problem>> compositeProblems = new LinkedHashMap<>();

  /** Error messages in the order found, each prefixed with its schedule's name. */
  private final List<String> errors = new ArrayList<>();

  private final Map<String, Boolean> done = new HashMap<>();
  private final Deque<String> visiting = new ArrayDeque<>();

  private final Map<String, String> notParts;

  private Resolver(Map<String, ?> declared, Map<String, String> notParts) {
    this.declared = declared;
    this.notParts = notParts;
  }

  /**
   * Like {@link #resolve(Map, String)}, where {@code notParts} names the config's other methods
   * that are not schedules (a controller, a clip), each with what it is, e.g. {@code "a
   * PlateauSchedule"}: naming one is an error that says so. A name mapped to {@code null} is a
   * method with errors of its own: a composite naming it reports nothing more.
   */
  public static Resolver resolve(
      Map<String, ?> declared, String first, Map<String, String> notParts) {
    Resolver r = new Resolver(declared, notParts);
    if (first != null && declared.containsKey(first)) {
      r.visit(first);
    }
    for (String name : declared.keySet()) {
      r.visit(name);
    }
    return r;
  }

  /**
   * The declared name nearest to {@code ref}, when it is a likely typo: at most one edit per three
   * characters of {@code ref} (so one-letter names get no suggestion), else null.
   */
  private String closest(String ref) {
    String best = null;
    int bestDistance = ref.length() / 3 + 1;
    for (String name : declared.keySet()) {
      int d = distance(ref, name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbouring
   * characters as one edit (optimal string alignment): {@code wram} is one edit from {@code warm}.
   */
  static int distance(String a, String b) {
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        int d = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, beforePrevious[j - 2] + 1);
        }
        current[j] = d;
      }
      int[] t = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  /**
   * Resolves every entry, {@code first} (if not null) before the others so its errors come first.
   *
   * @param declared name to {@link Declaration} or {@link Composite}
   */
  public static Resolver resolve(Map<String, ?> declared, String first) {
    return resolve(declared, first, Map.of());
  }

  /** The folded schedule, or {@code null} when it or a part has errors. */
  public Declared get(String name) {
    return resolved.get(name);
  }

  /** The problems of a plain declaration ({@link Rules#check}). */
  public List<Problem> plainProblems(String name) {
    return plainProblems.getOrDefault(name, List.of());
  }

  /** The problems of a composite: its rules and its references. */
  public List<Problem> compositeProblems(String name) {
    return compositeProblems.getOrDefault(name, List.of());
  }

  /** Every error message, {@code "name: message"}, in the order found; empty when all resolved. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  private Declared visit(String name) {
    if (done.containsKey(name)) {
      return resolved.get(name);
    }
    visiting.push(name);
    Object entry = declared.get(name);
    Declared result;
    if (entry instanceof Declaration d) {
      result = plain(name, d);
    } else if (entry instanceof Composite c) {
      result = composite(name, c);
    } else {
      throw new IllegalArgumentException(name + ": not a declaration, was " + entry);
    }
    visiting.pop();
    done.put(name, Boolean.TRUE);
    if (result != null) {
      resolved.put(name, result);
    }
    return result;
  }

  private Declared plain(String name, Declaration d) {
    List<Problem> problems = Rules.check(d, 0);
    plainProblems.put(name, problems);
    String error = Rules.firstError(problems);
    if (error != null) {
      errors.add(name + ": " + error);
      return null;
    }
    return new Plain(Plan.of(d));
  }

  private Declared composite(String name, Composite c) {
    List<Problem> problems = new ArrayList<>();
    compositeProblems.put(name, problems);
    Checker check = new Checker(c.kind(), problems);
    c.check(check);
    List<Declared> parts = new ArrayList<>();
    boolean partsOk = true;
    List<String> refs = c.references();
    for (int i = 0; i < refs.size(); i++) {
      String ref = refs.get(i);
      int index = c.referencesArray() ? i : -1;
      String attr = c.referenceAttribute();
      if (!Composite.isName(ref)) {
        partsOk = false; // reported by check
      } else if (ref.equals(name)) {
        check.error(
            attr,
            index,
            "names the schedule itself, "
                + Composite.quote(ref)
                + "; a schedule cannot be its own part");
        partsOk = false;
      } else if (notParts.containsKey(ref) && notParts.get(ref) == null) {
        partsOk = false; // a method with errors of its own, reported there
      } else if (notParts.containsKey(ref)) {
        check.error(
            attr,
            index,
            "names "
                + Composite.quote(ref)
                + ", "
                + notParts.get(ref)
                + ", which cannot be a part");
        partsOk = false;
      } else if (!declared.containsKey(ref)) {
        String closest = closest(ref);
        check.error(
            attr,
            index,
            "names no schedule of the config, was "
                + Composite.quote(ref)
                + (closest != null
                    ? "; did you mean " + Composite.quote(closest) + "?"
                    : " (declared: " + String.join(", ", declared.keySet()) + ")"));
        partsOk = false;
      } else if (visiting.contains(ref)) {
        check.error(attr, index, "makes a cycle of references: " + cycle(ref));
        partsOk = false;
      } else {
        Declared part = visit(ref);
        partsOk &= part != null;
        parts.add(part);
      }
    }
    if (partsOk) {
      boolean attributesOk = !check.hasErrors();
      c.checkReferences(parts, check);
      if (attributesOk && !check.hasErrors()) {
        c.checkParts(parts, check);
      }
    }
    for (Problem p : problems) {
      if (p.isError()) {
        errors.add(name + ": " + p.message());
      }
    }
    return check.hasErrors() || !partsOk ? null : c.fold(parts);
  }

  /** {@code a -> b -> a}: from {@code ref} along the current path back to {@code ref}. */
  private String cycle(String ref) {
    List<String> path = new ArrayList<>();
    for (String n : visiting) { // innermost first
      path.add(0, n);
      if (n.equals(ref)) {
        break;
      }
    }
    path.add(ref);
    return String.join(" -> ", path);
  }
}
