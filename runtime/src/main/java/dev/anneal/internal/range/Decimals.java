package dev.anneal.internal.range;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Rounding to two significant digits and printing the result as a Java double literal. */
public final class Decimals {

  private static final MathContext TWO = new MathContext(2, RoundingMode.HALF_EVEN);

  private Decimals() {}

  /**
   * The positive finite {@code value} rounded to two significant digits (half-even on its exact
   * binary value, as C's {@code "%.2g"}), as the double nearest that decimal.
   */
  public static double round2(double value) {
    return new BigDecimal(value).round(TWO).doubleValue();
  }

  /**
   * {@code value} rounded to two significant digits as a Java literal: plain notation from 1e-3 up
   * to 1e7 ({@code 0.12}, {@code 3.0}, {@code 0.0047}), scientific below and above ({@code
   * 1.2E-5}). Printed from the decimal itself, not from {@code Double.toString}, whose output
   * differs between JDK 17 and 19+.
   */
  public static String literal2(double value) {
    BigDecimal d = new BigDecimal(value).round(TWO).stripTrailingZeros();
    double abs = Math.abs(d.doubleValue());
    if (abs >= 1e-3 && abs < 1e7) {
      String plain = d.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    // unscaled has one or two digits; value = unscaled * 10^-scale
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    String mantissa =
        digits.length() == 1 ? digits + ".0" : digits.charAt(0) + "." + digits.substring(1);
    return (d.signum() < 0 ? "-" : "") + mantissa + "E" + exponent;
  }
}
