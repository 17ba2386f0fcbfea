package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Body: {@code from / (1 + exp(-gamma * (t - center)))}, never ending: for {@code gamma < 0} it
 * decays from about {@code from} to 0 around step {@code center}; for {@code gamma > 0} it rises (a
 * warning).
 *
 * <p>DL4J: {@code SigmoidSchedule(ITERATION, initialValue = from, gamma, stepSize = center)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Sigmoid {
  /** The value the curve approaches on its high side. */
  double from();

  /** Steepness; finite and non-zero. Negative decays, positive rises. */
  double gamma();

  /** The step where the value is {@code from / 2}; {@code >= 0}. */
  long center();
}
