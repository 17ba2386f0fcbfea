package dev.anneal.processor;

import dev.anneal.internal.AnnotationParser;
import dev.anneal.internal.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random valid declarations in annotation syntax, covering every body, modifier and enum value.
 * Candidates are drawn wide and kept only when the shared rules find no error, so "valid" means
 * exactly what the processor and the builder accept.
 */
final class RandomDeclarations {
  private final SplittableRandom random;

  RandomDeclarations(long seed) {
    this.random = new SplittableRandom(seed);
  }

  List<String> next(int count) {
    List<String> result = new ArrayList<>();
    while (result.size() < count) {
      String candidate = candidate();
      if (Rules.firstError(Rules.check(AnnotationParser.declaration(candidate), 0)) == null) {
        result.add(candidate);
      }
    }
    return result;
  }

  private String candidate() {
    StringBuilder sb = new StringBuilder();
    String body = body();
    boolean finite =
        !body.contains("@StepDecay")
            && !body.contains("@MultiStep")
            && !body.contains("@Exponential")
            && !body.contains("@InverseTime")
            && !body.contains("@InverseSqrt")
            && !body.contains("@Cyclic");
    if (random.nextInt(3) == 0) {
      String shape = pick("Ramp.LINEAR", "Ramp.COSINE", "Ramp.EXPONENTIAL", "Ramp.CONSTANT");
      sb.append("@Warmup(steps = ")
          .append(steps())
          .append(", from = ")
          .append(value())
          .append(", shape = ")
          .append(shape)
          .append(") ");
    }
    sb.append(body);
    int modifier = random.nextInt(4);
    if (finite && modifier == 1) {
      String shape = pick("Ramp.LINEAR", "Ramp.COSINE", "Ramp.EXPONENTIAL", "Ramp.SQRT");
      sb.append(" @Cooldown(steps = ")
          .append(steps())
          .append(", to = ")
          .append(value())
          .append(", shape = ")
          .append(shape)
          .append(")");
    } else if (finite && modifier == 2) {
      sb.append(" @Restarts(growth = ")
          .append(pick("1.0", "2.0", "3.0", "1.5"))
          .append(", decay = ")
          .append(pick("1.0", "0.5", "0.9"))
          .append(", limit = ")
          .append(random.nextInt(4))
          .append(")");
    }
    return sb.toString();
  }

  private String body() {
    switch (random.nextInt(12)) {
      case 0:
        return "@Constant(value = "
            + value()
            + (random.nextBoolean() ? ", steps = " + steps() : "")
            + ")";
      case 1:
        return "@StepDecay(from = "
            + value()
            + ", factor = "
            + factor()
            + ", every = "
            + steps()
            + ")";
      case 2:
        {
          long m = 1 + random.nextInt(50);
          StringBuilder ms = new StringBuilder("{" + m);
          for (int i = random.nextInt(4); i > 0; i--) {
            m += 1 + random.nextInt(100);
            ms.append(", ").append(m);
          }
          return "@MultiStep(from = "
              + value()
              + ", milestones = "
              + ms
              + "}, factor = "
              + factor()
              + ")";
        }
      case 3:
        return "@Exponential(from = "
            + value()
            + ", rate = "
            + factor()
            + ", every = "
            + (1 + random.nextInt(20))
            + ", staircase = "
            + random.nextBoolean()
            + ")";
      case 4:
        return "@Cosine(from = "
            + value()
            + ", to = "
            + small()
            + ", steps = "
            + steps()
            + ", exponent = "
            + pick("1.0", "2.0", "0.5")
            + ")";
      case 5:
        return "@Linear(from = " + value() + ", to = " + value() + ", steps = " + steps() + ")";
      case 6:
        return "@Polynomial(from = "
            + value()
            + ", to = "
            + small()
            + ", steps = "
            + steps()
            + ", power = "
            + pick("1.0", "2.0", "0.5")
            + ", cycle = "
            + random.nextBoolean()
            + ")";
      case 7:
        return "@InverseTime(from = "
            + value()
            + ", rate = "
            + factor()
            + ", every = "
            + (1 + random.nextInt(20))
            + ", staircase = "
            + random.nextBoolean()
            + ")";
      case 8:
        return "@InverseSqrt(from = " + value() + ", timescale = " + steps() + ".0)";
      case 9:
        return "@Cyclic(low = "
            + small()
            + ", high = "
            + value()
            + ", up = "
            + steps()
            + ", down = "
            + random.nextInt(200)
            + ", mode = "
            + pick("CyclicMode.TRIANGULAR", "CyclicMode.TRIANGULAR2", "CyclicMode.EXP_RANGE")
            + ", gamma = "
            + pick("1.0", "0.999", "0.99")
            + ")";
      case 10:
        return "@OneCycle(peak = "
            + value()
            + ", steps = "
            + (10 + steps())
            + ", pctStart = "
            + pick("0.3", "0.25", "0.1", "0.45")
            + ", divFactor = "
            + pick("25.0", "10.0")
            + ", finalDivFactor = "
            + pick("10000.0", "100.0")
            + ", anneal = "
            + pick("Anneal.COSINE", "Anneal.LINEAR")
            + ", threePhase = "
            + random.nextBoolean()
            + ")";
      default:
        {
          int n = 1 + random.nextInt(5);
          StringBuilder ks = new StringBuilder("{0");
          StringBuilder vs = new StringBuilder("{" + value());
          long k = 0;
          for (int i = 1; i < n; i++) {
            k += 1 + random.nextInt(100);
            ks.append(", ").append(k);
            vs.append(", ").append(value());
          }
          return "@Piecewise(steps = "
              + ks
              + "}, values = "
              + vs
              + "}, interpolation = "
              + pick("Interpolation.STEP", "Interpolation.LINEAR", "Interpolation.COSINE")
              + ")";
        }
    }
  }

  private long steps() {
    return 1 + random.nextInt(random.nextBoolean() ? 20 : 500);
  }

  private String value() {
    return Double.toString(Math.round(random.nextDouble(1e-4, 1.0) * 1e6) / 1e6);
  }

  private String small() {
    return random.nextInt(3) == 0
        ? "0.0"
        : Double.toString(Math.round(random.nextDouble(0, 1e-3) * 1e7) / 1e7);
  }

  private String factor() {
    return pick("0.1", "0.5", "0.9", "0.99", "0.333");
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}
