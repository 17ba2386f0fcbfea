package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: the 1cycle policy exactly as PyTorch {@code OneCycleLR(max_lr = peak, total_steps = steps,
 * pct_start, div_factor, final_div_factor, anneal_strategy, three_phase)} computes it: from {@code
 * peak / divFactor} up to {@code peak} until step {@code pctStart * steps - 1}, then down to {@code
 * peak / divFactor / finalDivFactor} at step {@code steps - 1} (three phases: back to the initial
 * value at {@code 2 * pctStart * steps - 2} first). After {@code steps - 1} it holds its last
 * value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OneCycle {
  /** Highest value (PyTorch {@code max_lr}). */
  double peak();

  /** Total steps of the cycle; {@code > 1}. */
  long steps();

  /** Fraction of the steps spent rising; in {@code (0, 1)}. */
  double pctStart() default 0.3;

  /** Initial value is {@code peak / divFactor}; {@code > 0}. */
  double divFactor() default 25;

  /** Final value is {@code initial / finalDivFactor}; {@code > 0}. */
  double finalDivFactor() default 1e4;

  /** Shape of each phase. */
  Anneal anneal() default Anneal.COSINE;

  /** Use PyTorch three-phase variant. */
  boolean threePhase() default false;
}
