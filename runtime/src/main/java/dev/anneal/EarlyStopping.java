package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an {@link EarlyStopper} (on a method returning {@code EarlyStopper}): stop training when
 * a monitored metric has stopped improving. Counting is Keras 3's {@code
 * keras.callbacks.EarlyStopping(mode, patience, min_delta, baseline, start_from_epoch)}:
 *
 * <ul>
 *   <li>the first {@code startAfter} observations are ignored ({@code start_from_epoch});
 *   <li>every other observation increments a wait counter; it improves when {@code metric +
 *       minDelta < best} ({@link Goal#MINIMIZE}; {@code metric - minDelta > best} for MAXIMIZE),
 *       the first finite one always does; an improving one becomes {@code best}, and resets the
 *       wait only if it also beats {@code baseline} the same way;
 *   <li>a non-improving observation with {@code wait >= patience} that is not the very first call
 *       (index &gt; 0) says stop.
 * </ul>
 *
 * <p>NaN and infinite metrics never become {@code best}; {@link #nonFinite()} says what happens.
 * Lightning's {@code EarlyStopping(check_finite=True)} stops on them too ({@link NonFinite#STOP}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EarlyStopping {
  /** Which way the metric should move (Keras {@code mode}). */
  Goal goal() default Goal.MINIMIZE;

  /** Non-improving observations tolerated before stopping; {@code >= 0}. */
  int patience();

  /** Absolute margin an improvement must exceed (Keras {@code min_delta}); {@code >= 0}. */
  double minDelta() default 0;

  /** The wait only resets on observations beating this too; {@code Double.NaN} = none. */
  double baseline() default Double.NaN;

  /** Observations ignored at the start (Keras {@code start_from_epoch}); {@code >= 0}. */
  int startAfter() default 0;

  /** What a NaN or infinite metric does. */
  NonFinite nonFinite() default NonFinite.STOP;
}
