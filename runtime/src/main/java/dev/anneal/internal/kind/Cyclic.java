package dev.anneal.internal.kind;

import static dev.anneal.internal.Attr.Type.DOUBLE;
import static dev.anneal.internal.Attr.Type.LONG;
import static dev.anneal.internal.Literals.count;
import static dev.anneal.internal.Literals.number;

import dev.anneal.CyclicMode;
import dev.anneal.internal.Attr;
import dev.anneal.internal.Steps;
import java.util.List;
import java.util.Locale;

/**
 * {@code @Cyclic}: PyTorch {@code CyclicLR} in closed form, {@code up} steps from {@code low} to
 * {@code high} and {@code down} back, the amplitude halving every cycle ({@code TRIANGULAR2}) or
 * scaled by {@code gamma^t} ({@code EXP_RANGE}).
 */
public record Cyclic(double low, double high, long up, long down, CyclicMode mode, double gamma)
    implements Body {
  public static final List<Attr> ATTRIBUTES =
      List.of(
          Attr.required("low", DOUBLE),
          Attr.required("high", DOUBLE),
          Attr.requiredSteps("up", LONG),
          Attr.optionalSteps("down", LONG, 0L),
          Attr.enumerated("mode", CyclicMode.class, CyclicMode.TRIANGULAR),
          Attr.optional("gamma", DOUBLE, 1.0));

  public static Cyclic of(Part p) {
    return new Cyclic(
        p.d("low"),
        p.d("high"),
        p.l("up"),
        p.l("down"),
        p.e("mode", CyclicMode.class),
        p.d("gamma"));
  }

  /** Steps down: {@code down}, or {@code up} when {@code down = Cyclic.SAME_AS_UP = 0}. */
  public long downSteps() {
    return down == 0 ? up : down;
  }

  @Override
  public Kind kind() {
    return Kind.CYCLIC;
  }

  @Override
  public void check(Checker check) {
    if (!(low < high)) {
      check.error("high", "must be > low (" + number(low) + "), was " + number(high));
    }
    check.positive("up", up);
    if (down < 0) {
      check.error("down", "must be > 0 (or Cyclic.SAME_AS_UP = 0), was " + count(down));
    } else if (up > 0 && down == 0 && up > Long.MAX_VALUE - up) {
      check.error(
          "up",
          "must be at most Long.MAX_VALUE / 2 when down = Cyclic.SAME_AS_UP, so that"
              + " a cycle (up + up steps) fits in a long, was "
              + count(up));
    } else if (up > 0 && down > Long.MAX_VALUE - up) {
      check.error(
          "down",
          "must be at most Long.MAX_VALUE - up ("
              + count(Long.MAX_VALUE - up)
              + "), so that a cycle (up + down steps) fits in a long, was "
              + count(down));
    }
    if (!(gamma > 0 && gamma <= 1)) {
      check.error(
          "gamma", "must be in (0, 1] (a larger gamma grows without bound), was " + number(gamma));
    } else if (gamma != 1 && mode != CyclicMode.EXP_RANGE) {
      check.warning("gamma", "is only used by mode = CyclicMode.EXP_RANGE, here it is ignored");
    }
    if (!check.hasErrors()) {
      check.difference("high", high, low);
    }
  }

  @Override
  public double start() {
    return low;
  }

  @Override
  public double end() {
    return Double.NaN;
  }

  @Override
  public long length() {
    return -1;
  }

  @Override
  public Folded fold() {
    return new Folded(this);
  }

  @Override
  public String describe() {
    return "cyclic "
        + mode.name().toLowerCase(Locale.ROOT)
        + " between "
        + number(low)
        + " and "
        + number(high)
        + ", up "
        + count(up)
        + " steps, down "
        + count(downSteps())
        + " steps";
  }

  /**
   * Position in the cycle as a fraction {@code x} of the way up, then {@code low + height * x *
   * amplitude}.
   */
  public static final class Folded implements Curve {
    private final Cyclic body;
    public final double low;
    public final double height;
    public final long up;
    public final long period;
    public final double invUp;
    public final double invDown;
    public final CyclicMode mode;
    public final double lnGamma;

    Folded(Cyclic body) {
      this.body = body;
      this.low = body.low;
      this.height = body.high - body.low;
      this.up = body.up;
      this.period = body.up + body.downSteps();
      this.invUp = 1.0 / body.up;
      this.invDown = 1.0 / body.downSteps();
      this.mode = body.mode;
      this.lnGamma = Math.log(body.gamma);
    }

    private Folded(Folded lr, double low, double height) {
      this.body = lr.body;
      this.low = low;
      this.height = height;
      this.up = lr.up;
      this.period = lr.period;
      this.invUp = lr.invUp;
      this.invDown = lr.invDown;
      this.mode = lr.mode;
      this.lnGamma = lr.lnGamma;
    }

    /**
     * The momentum PyTorch's {@code CyclicLR} cycles against this curve ({@code
     * cycle_momentum=True}, every mode): {@code max - (max - base) * x * amplitude} with the LR's
     * own {@code x} and amplitude. That is this curve with {@code low = max} and {@code height =
     * base - max} ({@code max + (base - max) * y} equals {@code max - (max - base) * y} exactly),
     * so {@link #at} of the returned curve is the momentum and generated code emits the LR's
     * operations with those two constants. Its {@link #body()} is still the LR's.
     */
    public Folded momentum(double base, double max) {
      return new Folded(this, max, base - max);
    }

    @Override
    public Cyclic body() {
      return body;
    }

    @Override
    public long divisor() {
      return period;
    }

    @Override
    public double at(long t) {
      long cycleIndex = t / period;
      long pos = t - cycleIndex * period;
      double x = pos <= up ? Steps.toDouble(pos) * invUp : Steps.toDouble(period - pos) * invDown;
      return switch (mode) {
        case TRIANGULAR -> low + height * x;
        case TRIANGULAR2 -> low + height * x * Math.scalb(1.0, (int) -Math.min(cycleIndex, 2000));
        case EXP_RANGE -> low + height * x * Math.exp(Steps.toDouble(t) * lnGamma);
      };
    }
  }
}
