package dev.anneal.processor;

import dev.anneal.internal.Plan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * Seeded random declarations that stress literal folding: full-precision {@code double} literals,
 * step counts up to 2^55, every optional attribute sometimes given and sometimes defaulted, and the
 * annotations in random order. (See {@link RandomDeclarations} for the wide, rounded set the
 * agreement test uses.) Only declarations that pass every rule are returned.
 */
final class FuzzDeclarations {
  private final Random r;

  private FuzzDeclarations(long seed) {
    this.r = new Random(seed);
  }

  /**
   * {@code n} valid declarations (warnings allowed), in Java annotation syntax {@link Plan#parse}
   * reads.
   */
  static List<String> valid(int n, long seed) {
    FuzzDeclarations g = new FuzzDeclarations(seed);
    List<String> out = new ArrayList<>();
    for (int tries = 0; out.size() < n && tries < 100 * n; tries++) {
      String d = g.declaration();
      try {
        Plan.parse(d);
        out.add(d);
      } catch (IllegalArgumentException e) {
        // breaks a rule: draw another
      }
    }
    if (out.size() < n) {
      throw new IllegalStateException("only " + out.size() + " valid declarations");
    }
    return out;
  }

  private String declaration() {
    String[] bodies = {
      "Constant",
      "StepDecay",
      "MultiStep",
      "Exponential",
      "Cosine",
      "Linear",
      "Polynomial",
      "InverseTime",
      "InverseSqrt",
      "Cyclic",
      "OneCycle",
      "Piecewise"
    };
    String kind = bodies[r.nextInt(bodies.length)];
    List<String> parts = new ArrayList<>();
    boolean finite;
    boolean periodic;
    switch (kind) {
      case "Constant":
        {
          boolean steps = r.nextBoolean();
          parts.add(a(kind, "value = " + value(), steps ? "steps = " + steps() : null));
          finite = steps;
          periodic = steps;
          break;
        }
      case "StepDecay":
        parts.add(a(kind, "from = " + value(), "factor = " + fraction(), "every = " + steps()));
        finite = false;
        periodic = false;
        break;
      case "MultiStep":
        {
          TreeSet<Long> m = new TreeSet<>();
          for (int i = 1 + r.nextInt(4); i > 0; i--) {
            m.add(r.nextInt(1500) + 1L);
          }
          StringBuilder ms = new StringBuilder("{");
          for (long x : m) {
            ms.append(ms.length() > 1 ? ", " : "").append(literal(x));
          }
          parts.add(
              a(
                  kind,
                  "from = " + value(),
                  "milestones = " + ms.append('}'),
                  "factor = " + fraction()));
          finite = false;
          periodic = false;
          break;
        }
      case "Exponential":
      case "InverseTime":
        {
          String rate =
              kind.equals("Exponential")
                  ? (r.nextInt(8) == 0 ? "1" : fraction())
                  : lit(2 * r.nextDouble());
          parts.add(
              a(
                  kind,
                  "from = " + value(),
                  "rate = " + rate,
                  maybe("every = " + steps()),
                  maybe("staircase = " + r.nextBoolean())));
          finite = false;
          periodic = false;
          break;
        }
      case "Cosine":
        parts.add(
            a(
                kind,
                "from = " + value(),
                maybe("to = " + lit(1e-4 * r.nextDouble())),
                "steps = " + steps(),
                maybe("exponent = " + lit(0.25 + 3 * r.nextDouble()))));
        finite = true;
        periodic = true;
        break;
      case "Linear":
        parts.add(a(kind, "from = " + value(), "to = " + value(), "steps = " + steps()));
        finite = true;
        periodic = true;
        break;
      case "Polynomial":
        {
          boolean cycle = r.nextInt(3) == 0;
          parts.add(
              a(
                  kind,
                  "from = " + value(),
                  maybe("to = " + lit(1e-4 * r.nextDouble())),
                  "steps = " + steps(),
                  maybe("power = " + lit(0.25 + 3 * r.nextDouble())),
                  cycle ? "cycle = true" : null));
          finite = !cycle;
          periodic = !cycle;
          break;
        }
      case "InverseSqrt":
        parts.add(a(kind, "from = " + value(), "timescale = " + lit(1 + 10_000 * r.nextDouble())));
        finite = false;
        periodic = false;
        break;
      case "Cyclic":
        {
          String[] modes = {"TRIANGULAR", "TRIANGULAR2", "EXP_RANGE"};
          String mode = modes[r.nextInt(3)];
          double low = 1e-3 * r.nextDouble();
          parts.add(
              a(
                  kind,
                  "low = " + lit(low),
                  "high = " + lit(low + r.nextDouble()),
                  "up = " + steps(),
                  maybe("down = " + steps()),
                  maybe("mode = CyclicMode." + mode),
                  mode.equals("EXP_RANGE")
                      ? maybe("gamma = " + lit(1 - 1e-3 * r.nextDouble()))
                      : null));
          finite = false;
          periodic = false;
          break;
        }
      case "OneCycle":
        parts.add(
            a(
                kind,
                "peak = " + value(),
                "steps = " + literal(2 + stepCount()),
                maybe("pctStart = " + lit(0.05 + 0.9 * r.nextDouble())),
                maybe("divFactor = " + lit(1 + 50 * r.nextDouble())),
                maybe("finalDivFactor = " + lit(1 + 1e4 * r.nextDouble())),
                maybe("anneal = Anneal.LINEAR"),
                maybe("threePhase = true")));
        finite = true;
        periodic = true;
        break;
      case "Piecewise":
        {
          int k = 1 + r.nextInt(5);
          StringBuilder knots = new StringBuilder("{0");
          StringBuilder values = new StringBuilder("{").append(value());
          long at = 0;
          for (int i = 1; i < k; i++) {
            at += 1 + r.nextInt(700);
            knots.append(", ").append(literal(at));
            values.append(", ").append(value());
          }
          String[] interpolations = {"STEP", "LINEAR", "COSINE"};
          parts.add(
              a(
                  kind,
                  "steps = " + knots.append('}'),
                  "values = " + values.append('}'),
                  maybe("interpolation = Interpolation." + interpolations[r.nextInt(3)])));
          finite = true;
          periodic = false;
          break;
        }
      default:
        throw new AssertionError(kind);
    }
    if (r.nextInt(5) < 2) {
      String[] shapes = {"LINEAR", "COSINE", "EXPONENTIAL", "CONSTANT"};
      parts.add(
          a(
              "Warmup",
              "steps = " + steps(),
              maybe("from = " + lit(1e-5 * (1 + r.nextDouble()))),
              maybe("shape = Ramp." + shapes[r.nextInt(4)])));
    }
    if (periodic && r.nextInt(3) == 0) {
      parts.add(
          a(
              "Restarts",
              maybe("growth = " + (r.nextBoolean() ? "2" : lit(1.5 + r.nextDouble()))),
              maybe("decay = " + lit(0.5 + 0.5 * r.nextDouble())),
              maybe("limit = " + (1 + r.nextInt(6)))));
    } else if (finite && r.nextInt(3) == 0) {
      String[] shapes = {"LINEAR", "COSINE", "SQRT", "EXPONENTIAL"};
      parts.add(
          a(
              "Cooldown",
              "steps = " + steps(),
              maybe("to = " + lit(1e-6 * (1 + r.nextDouble()))),
              maybe("shape = Ramp." + shapes[r.nextInt(4)])));
    }
    Collections.shuffle(parts, r);
    return String.join(" ", parts);
  }

  /** {@code @Kind(a, b, ...)} with the non-null attributes. */
  private static String a(String kind, String... attrs) {
    List<String> given = new ArrayList<>();
    for (String x : attrs) {
      if (x != null) {
        given.add(x);
      }
    }
    return "@" + kind + (given.isEmpty() ? "" : "(" + String.join(", ", given) + ")");
  }

  private String maybe(String attr) {
    return r.nextBoolean() ? attr : null;
  }

  private String value() {
    switch (r.nextInt(4)) {
      case 0:
        return "0.1";
      case 1:
        return lit(r.nextDouble());
      default:
        return lit(Math.pow(10, -r.nextInt(6)) * (0.1 + r.nextDouble()));
    }
  }

  private String fraction() {
    return lit(0.01 + 0.98 * r.nextDouble());
  }

  private String steps() {
    return literal(stepCount());
  }

  /** Mostly up to 1,500 (inside the densely tested range), sometimes tiny, sometimes up to 2^55. */
  private long stepCount() {
    switch (r.nextInt(10)) {
      case 0:
        return 1 + r.nextInt(5);
      case 1:
        return (1L << (20 + r.nextInt(35))) + r.nextInt(1000);
      default:
        return 1 + r.nextInt(1500);
    }
  }

  private static String literal(long l) {
    return l == (int) l ? Long.toString(l) : l + "L";
  }

  private static String lit(double d) {
    return Double.toString(d);
  }
}
