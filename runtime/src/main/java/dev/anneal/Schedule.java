package dev.anneal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config type whose abstract methods declare schedules. The processor generates a public
 * final class {@code <Config>Impl} (nested configs: {@code <Outer>_<Inner>Impl}) in the same
 * package that implements every schedule method with constant-folded, allocation-free code.
 *
 * <p>Each schedule method is either {@code double name(long step)} or {@code LrSchedule name()} and
 * carries exactly one body annotation ({@link Constant}, {@link StepDecay}, {@link MultiStep},
 * {@link Exponential}, {@link Cosine}, {@link Linear}, {@link Polynomial}, {@link InverseTime},
 * {@link InverseSqrt}, {@link Cyclic}, {@link OneCycle}, {@link Piecewise}) plus optional modifiers
 * ({@link Warmup}, {@link Cooldown}, {@link Restarts}).
 *
 * <pre>{@code
 * @Schedule(totalSteps = 20_000)
 * interface Cifar {
 *   @Warmup(steps = 500)
 *   @Cosine(from = 0.1, to = 1e-4, steps = 19_500)
 *   double lr(long step);
 * }
 * double lr = new CifarImpl().lr(step);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Schedule {
  /** Simple name of the generated class; empty means {@code <Config>Impl}. */
  String name() default "";

  /**
   * When positive, every finite schedule of the config must end exactly at this step (warm-up +
   * body + cool-down); a compile error otherwise. 0 means unchecked.
   */
  long totalSteps() default 0;
}
