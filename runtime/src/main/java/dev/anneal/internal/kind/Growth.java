package dev.anneal.internal.kind;

/** Where an exponential growth {@code from * rate^(t / every)} stops being a finite double. */
final class Growth {
  private Growth() {}

  /**
   * The first step at which the body's value is not finite, or -1 when it stays finite up to {@code
   * Long.MAX_VALUE}: {@code from * exp(floor(t / every) * lnRate)} when {@code staircase}, else
   * {@code from * exp(t * (lnRate / every))}, as the evaluators compute them.
   */
  static long overflowStep(double from, double lnRate, long every, boolean staircase) {
    if (!(lnRate > 0) || from == 0) {
      return -1;
    }
    // the exponent at which |from| * rate^x passes Double.MAX_VALUE; exact to a few ulps
    double x = (Math.log(Double.MAX_VALUE) - Math.log(Math.abs(from))) / lnRate;
    if (staircase) {
      double k0 = Math.max(0, Math.floor(x) - 2);
      if (k0 * every >= 0x1p63) {
        return -1;
      }
      for (long k = (long) k0; ; k++) {
        if (k > Long.MAX_VALUE / every) {
          return -1;
        }
        if (!Double.isFinite(from * Math.exp((double) k * lnRate))) {
          return k * every;
        }
      }
    }
    double perStep = lnRate / every;
    // x * every is relatively exact to ~1e-15: start a little below and walk up
    double t0 = Math.max(0, Math.floor(x * every * (1 - 1e-13)) - 2);
    if (t0 >= 0x1p63) {
      return -1;
    }
    for (long t = (long) t0; t >= 0; t++) {
      if (!Double.isFinite(from * Math.exp((double) t * perStep))) {
        return t;
      }
      if (t == Long.MAX_VALUE) {
        break;
      }
    }
    return -1;
  }
}
