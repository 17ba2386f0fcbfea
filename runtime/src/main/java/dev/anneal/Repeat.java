package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Composite: another schedule of the same config, {@code of}, repeated {@code times} times ({@code
 * 0} = forever). With {@code L} the length of {@code of}: {@code of.at(step mod L)} while {@code
 * step < times * L}; after that {@code of.at(step - (times - 1) * L)}, so the last repetition runs
 * on past its end as {@code of} itself does.
 *
 * <p>SGDR with a warm-up in every cycle (Optax {@code sgdr_schedule} with equal cycles), DL4J
 * {@code CycleSchedule} beyond its first cycle, timm's {@code cycle_limit}: a {@code @Warmup} and
 * body (or a composite) repeated. Unlike {@link Restarts}, every repetition is the same: no growth,
 * no decay.
 *
 * <p>Rules: {@code of} names another schedule method of the config whose length is finite (a body
 * that ends, or a composite of such); {@code times >= 0}; {@code times * L} fits in a long.
 *
 * <p>Runtime: {@link Schedules#repeat}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Repeat {
  /** Name of the repeated schedule; its length must be finite. */
  String of();

  /** Number of repetitions, after which the last one runs on; {@code 0} means forever. */
  int times() default 0;
}
