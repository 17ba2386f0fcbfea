package dev.anneal.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.anneal.processor.Sources.column;
import static dev.anneal.processor.Sources.compile;
import static dev.anneal.processor.Sources.config;
import static dev.anneal.processor.Sources.configWith;
import static dev.anneal.processor.Sources.file;
import static dev.anneal.processor.Sources.line;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.testing.compile.Compilation;
import dev.anneal.internal.Attr;
import dev.anneal.internal.kind.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compile-time validation (docs/REFERENCE.md §6, "Compile-time diagnostics"): every rule of {@code
 * Rules} and every structural check of the processor, each violated alone by a small config. Each
 * test checks the outcome, the message (the rule and the value), the file, the line and, for
 * values, the column: the diagnostic must point at the offending annotation value, or array
 * element.
 */
class ValidationTest {

  // ---- attribute domains and combination rules (Rules.java) ----

  /**
   * {@code (message, line, caret, method lines)}: the one error the method must produce, on the
   * line containing {@code line}, at the column of {@code caret} on it ({@code null}: the value
   * after {@code " = "} in {@code line}, or the start of {@code line} when it has no {@code =}).
   */
  static Stream<Arguments> ruleErrors() {
    return Stream.of(
        // values that stop being finite (the step where they do is in the message)
        rule(
            "@StepDecay.factor makes the value grow without bound: 0.1 * 2.0^floor(t / 10) overflows to"
                + " Infinity at step 10,250",
            "factor = 2,",
            "2",
            "  @StepDecay(from = 0.1,",
            "      factor = 2,",
            "      every = 10)",
            "  double lr(long step);"),
        rule(
            "@Exponential.rate makes the value grow without bound: it overflows to Infinity at step 71,561",
            "rate = 1.01)",
            "1",
            "  @Exponential(from = 0.1,",
            "      rate = 1.01)",
            "  double lr(long step);"),
        rule(
            "@MultiStep.factor makes the value overflow after 2 milestones (from step 200)",
            "factor = 1e308)",
            "1",
            "  @MultiStep(from = 0.1, milestones = {100, 200, 300},",
            "      factor = 1e308)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.finalDivFactor makes the final value initial / finalDivFactor = Double.POSITIVE_INFINITY"
                + " unusable",
            "finalDivFactor = Double.MIN_VALUE)",
            ".MIN",
            "  @OneCycle(peak = 0.1, steps = 1_000,",
            "      finalDivFactor = Double.MIN_VALUE)",
            "  double lr(long step);"),
        rule(
            "@Restarts.decay makes the schedule's value Double.POSITIVE_INFINITY at step 300",
            "decay = 1e308,",
            "1",
            "  @Restarts(growth = 2,",
            "      decay = 1e308,",
            "      limit = 3)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Exponential.to must be <= from (0.1) for a decay (rate < 1)",
            "to = 0.5)",
            "0",
            "  @Exponential(from = 0.1, rate = 0.9,",
            "      to = 0.5)",
            "  double lr(long step);"),
        rule(
            "@Exponential.to must be >= from (1.0) for a constant (rate = 1): the clamp would hold"
                + " from step 0, was 0.1",
            "to = 0.1)",
            "0",
            "  @Exponential(from = 1, rate = 1,",
            "      to = 0.1)",
            "  double lr(long step);"),
        rule(
            "@Tanh.upper must be > lower (3.0), was -3.0",
            "upper = -3,",
            "-",
            "  @Tanh(from = 0.1, steps = 100, lower = 3,",
            "      upper = -3,",
            "      to = 0)",
            "  double lr(long step);"),
        rule(
            "@Sigmoid.gamma must not be 0",
            "gamma = 0,",
            "0",
            "  @Sigmoid(from = 0.1,",
            "      gamma = 0,",
            "      center = 10)",
            "  double lr(long step);"),
        rule(
            "@Sigmoid.center must be >= 0, was -5",
            "center = -5)",
            "-",
            "  @Sigmoid(from = 0.1, gamma = -1,",
            "      center = -5)",
            "  double lr(long step);"),
        rule(
            "@InverseTime.power must be >= 0, was -1.0",
            "power = -1)",
            "-",
            "  @InverseTime(from = 0.1, rate = 0.1,",
            "      power = -1)",
            "  double lr(long step);"),
        // finite numbers
        rule(
            "@Cosine.to must be finite, was Double.NaN",
            "to = Double.NaN",
            ".NaN",
            "  @Cosine(from = 0.1,",
            "      to = Double.NaN,",
            "      steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Cosine.from must be finite, was Double.POSITIVE_INFINITY",
            "from = 1.0 / 0",
            "/",
            "  @Cosine(",
            "      from = 1.0 / 0,",
            "      steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Warmup.from must be finite, was Double.NEGATIVE_INFINITY",
            "from = Double.NEGATIVE_INFINITY",
            ".NEGATIVE",
            "  @Warmup(steps = 10,",
            "      from = Double.NEGATIVE_INFINITY)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Piecewise.values[1] must be finite, was Double.NaN",
            "values = {1.0, Double.NaN}",
            ".NaN",
            "  @Piecewise(steps = {0, 10},",
            "      values = {1.0, Double.NaN})",
            "  double lr(long step);"),
        rule(
            "@Piecewise.values[0] must be finite, was Double.POSITIVE_INFINITY",
            "values = {1e308 * 10, 1.0}",
            "*",
            "  @Piecewise(steps = {0, 10},",
            "      values = {1e308 * 10, 1.0})",
            "  double lr(long step);"),
        // @Constant
        rule(
            "@Constant.steps must be > 0 (or Constant.UNBOUNDED = 0), was -1",
            "steps = -1",
            null,
            "  @Constant(value = 0.1,",
            "      steps = -1)",
            "  double lr(long step);"),
        // @StepDecay
        rule(
            "@StepDecay.factor must be > 0, was 0.0",
            "factor = 0,",
            null,
            "  @StepDecay(from = 0.1,",
            "      factor = 0,",
            "      every = 10)",
            "  double lr(long step);"),
        rule(
            "@StepDecay.factor must be > 0, was -0.5",
            "factor = -0.5,",
            null,
            "  @StepDecay(from = 0.1,",
            "      factor = -0.5,",
            "      every = 10)",
            "  double lr(long step);"),
        rule(
            "@StepDecay.every must be > 0, was 0",
            "every = 0)",
            null,
            "  @StepDecay(from = 0.1, factor = 0.5,",
            "      every = 0)",
            "  double lr(long step);"),
        // @MultiStep
        rule(
            "@MultiStep.milestones must not be empty (use @Constant for a value that never changes)",
            "milestones = {},",
            null,
            "  @MultiStep(from = 0.1,",
            "      milestones = {},",
            "      factor = 0.1)",
            "  double lr(long step);"),
        rule(
            "@MultiStep.milestones[0] must be > 0, was 0",
            "milestones = {0, 10},",
            "0,",
            "  @MultiStep(from = 0.1,",
            "      milestones = {0, 10},",
            "      factor = 0.1)",
            "  double lr(long step);"),
        rule(
            "@MultiStep.milestones[1] must be > 0, was -10",
            "milestones = {10, -10},",
            "-10",
            "  @MultiStep(from = 0.1,",
            "      milestones = {10, -10},",
            "      factor = 0.1)",
            "  double lr(long step);"),
        rule(
            "@MultiStep.milestones[1] must be strictly increasing, but [1] = 50 follows [0] = 100",
            "milestones = {100, 50, 200},",
            "50",
            "  @MultiStep(from = 0.1,",
            "      milestones = {100, 50, 200},",
            "      factor = 0.1)",
            "  double lr(long step);"),
        rule(
            "@MultiStep.milestones[2] must be strictly increasing, but [2] = 20 follows [1] = 20",
            "milestones = {10, 20, 20},",
            "20}",
            "  @MultiStep(from = 0.1,",
            "      milestones = {10, 20, 20},",
            "      factor = 0.1)",
            "  double lr(long step);"),
        rule(
            "@MultiStep.factor must be > 0, was 0.0",
            "factor = 0.0)",
            null,
            "  @MultiStep(from = 0.1, milestones = {10, 20},",
            "      factor = 0.0)",
            "  double lr(long step);"),
        // @Exponential
        rule(
            "@Exponential.rate must be > 0, was 0.0",
            "rate = 0)",
            null,
            "  @Exponential(from = 0.1,",
            "      rate = 0)",
            "  double lr(long step);"),
        rule(
            "@Exponential.every must be > 0, was -1",
            "every = -1)",
            null,
            "  @Exponential(from = 0.1, rate = 0.9,",
            "      every = -1)",
            "  double lr(long step);"),
        // @Cosine
        rule(
            "@Cosine.steps must be > 0, was 0",
            "steps = 0)",
            null,
            "  @Cosine(from = 0.1,",
            "      steps = 0)",
            "  double lr(long step);"),
        rule(
            "@Cosine.steps must be > 0, was -100",
            "steps = -100)",
            null,
            "  @Cosine(from = 0.1,",
            "      steps = -100)",
            "  double lr(long step);"),
        rule(
            "@Cosine.steps must be > 0, was -9,223,372,036,854,775,808",
            "steps = Long.MIN_VALUE)",
            ".MIN",
            "  @Cosine(from = 0.1,",
            "      steps = Long.MIN_VALUE)",
            "  double lr(long step);"),
        rule(
            "@Cosine.exponent must be > 0, was 0.0",
            "exponent = 0)",
            null,
            "  @Cosine(from = 0.1, steps = 100,",
            "      exponent = 0)",
            "  double lr(long step);"),
        rule(
            "@Cosine.steps must be > 0, was 0",
            "steps = 0)",
            null,
            "  @Cosine(from = 0.1,",
            "      steps = 0)",
            "  LrSchedule lr();"),
        // @Linear
        rule(
            "@Linear.steps must be > 0, was 0",
            "steps = 0)",
            null,
            "  @Linear(from = 0.1, to = 0.01,",
            "      steps = 0)",
            "  double lr(long step);"),
        // @Polynomial
        rule(
            "@Polynomial.steps must be > 0, was -1",
            "steps = -1)",
            null,
            "  @Polynomial(from = 0.1,",
            "      steps = -1)",
            "  double lr(long step);"),
        rule(
            "@Polynomial.power must be > 0, was -2.0",
            "power = -2)",
            null,
            "  @Polynomial(from = 0.1, steps = 100,",
            "      power = -2)",
            "  double lr(long step);"),
        // @InverseTime
        rule(
            "@InverseTime.rate must be >= 0, was -0.1",
            "rate = -0.1)",
            null,
            "  @InverseTime(from = 0.1,",
            "      rate = -0.1)",
            "  double lr(long step);"),
        rule(
            "@InverseTime.every must be > 0, was 0",
            "every = 0)",
            null,
            "  @InverseTime(from = 0.1, rate = 0.5,",
            "      every = 0)",
            "  double lr(long step);"),
        // @InverseSqrt
        rule(
            "@InverseSqrt.timescale must be > 0, was 0.0",
            "timescale = 0)",
            null,
            "  @InverseSqrt(from = 0.1,",
            "      timescale = 0)",
            "  double lr(long step);"),
        // @Cyclic
        rule(
            "@Cyclic.high must be > low (0.1), was 0.1",
            "high = 0.1,",
            null,
            "  @Cyclic(low = 0.1,",
            "      high = 0.1,",
            "      up = 10)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.high must be > low (0.1), was 0.01",
            "high = 0.01,",
            null,
            "  @Cyclic(low = 0.1,",
            "      high = 0.01,",
            "      up = 10)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.up must be > 0, was 0",
            "up = 0)",
            null,
            "  @Cyclic(low = 0.01, high = 0.1,",
            "      up = 0)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.down must be > 0 (or Cyclic.SAME_AS_UP = 0), was -5",
            "down = -5)",
            null,
            "  @Cyclic(low = 0.01, high = 0.1, up = 10,",
            "      down = -5)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.down must be at most Long.MAX_VALUE - up (9,223,372,036,854,775,797), so that a cycle"
                + " (up + down steps) fits in a long, was 9,223,372,036,854,775,807",
            "down = Long.MAX_VALUE)",
            ".MAX",
            "  @Cyclic(low = 0.01, high = 0.1, up = 10,",
            "      down = Long.MAX_VALUE)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.up must be at most Long.MAX_VALUE / 2 when down = Cyclic.SAME_AS_UP, so that a cycle"
                + " (up + up steps) fits in a long, was 4,611,686,018,427,387,904",
            "up = Long.MAX_VALUE / 2 + 1)",
            "+",
            "  @Cyclic(low = 0.01, high = 0.1,",
            "      up = Long.MAX_VALUE / 2 + 1)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.gamma must be in (0, 1] (a larger gamma grows without bound), was 0.0",
            "gamma = 0)",
            null,
            "  @Cyclic(low = 0.01, high = 0.1, up = 10, mode = CyclicMode.EXP_RANGE,",
            "      gamma = 0)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.gamma must be in (0, 1] (a larger gamma grows without bound), was 1.5",
            "gamma = 1.5)",
            null,
            "  @Cyclic(low = 0.01, high = 0.1, up = 10, mode = CyclicMode.EXP_RANGE,",
            "      gamma = 1.5)",
            "  double lr(long step);"),
        // @OneCycle
        rule(
            "@OneCycle.peak must be > 0, was 0.0",
            "peak = 0,",
            null,
            "  @OneCycle(",
            "      peak = 0,",
            "      steps = 100)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.steps must be >= 2, was 1",
            "steps = 1)",
            null,
            "  @OneCycle(peak = 0.1,",
            "      steps = 1)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.pctStart must be in (0, 1), was 0.0",
            "pctStart = 0)",
            null,
            "  @OneCycle(peak = 0.1, steps = 100,",
            "      pctStart = 0)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.pctStart must be in (0, 1), was 1.0",
            "pctStart = 1)",
            null,
            "  @OneCycle(peak = 0.1, steps = 100,",
            "      pctStart = 1)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.pctStart * steps must be > 1 so that the rising phase ends after step 0 (it ends at"
                + " pctStart * steps - 1 = -0.4)",
            "pctStart = 0.3)",
            null,
            "  @OneCycle(peak = 0.1, steps = 2,",
            "      pctStart = 0.3)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.pctStart * steps must be > 1 so that the rising phase ends after step 0 (it ends at"
                + " pctStart * steps - 1 = 0.0)",
            "pctStart = 0.01)",
            null,
            "  @OneCycle(peak = 0.1, steps = 100,",
            "      pctStart = 0.01)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.pctStart is too large for threePhase: the falling phase would end at"
                + " 2 * pctStart * steps - 2 = 118.0, not before the last step 99",
            "pctStart = 0.6,",
            null,
            "  @OneCycle(peak = 0.1, steps = 100,",
            "      pctStart = 0.6,",
            "      threePhase = true)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.divFactor must be > 0, was 0.0",
            "divFactor = 0)",
            null,
            "  @OneCycle(peak = 0.1, steps = 100,",
            "      divFactor = 0)",
            "  double lr(long step);"),
        rule(
            "@OneCycle.finalDivFactor must be > 0, was -1.0",
            "finalDivFactor = -1)",
            null,
            "  @OneCycle(peak = 0.1, steps = 100,",
            "      finalDivFactor = -1)",
            "  double lr(long step);"),
        // @Piecewise
        rule(
            "@Piecewise.steps must not be empty",
            "steps = {},",
            null,
            "  @Piecewise(",
            "      steps = {},",
            "      values = {})",
            "  double lr(long step);"),
        rule(
            "@Piecewise.steps[0] must be 0 (the first knot is where the body starts), was 5",
            "steps = {5, 10},",
            "5,",
            "  @Piecewise(",
            "      steps = {5, 10},",
            "      values = {0.1, 0.01})",
            "  double lr(long step);"),
        rule(
            "@Piecewise.steps[2] must be strictly increasing, but [2] = 10 follows [1] = 10",
            "steps = {0, 10, 10},",
            "10}",
            "  @Piecewise(",
            "      steps = {0, 10, 10},",
            "      values = {0.1, 0.01, 0.001})",
            "  double lr(long step);"),
        rule(
            "@Piecewise.values must have one value per knot: steps has 2 elements, values has 1",
            "values = {0.1})",
            null,
            "  @Piecewise(steps = {0, 10},",
            "      values = {0.1})",
            "  double lr(long step);"),
        rule(
            "@Piecewise.values must have one value per knot: steps has 1 elements, values has 3",
            "values = {0.1, 0.2, 0.3})",
            null,
            "  @Piecewise(steps = 0,",
            "      values = {0.1, 0.2, 0.3})",
            "  double lr(long step);"),
        // @Warmup
        rule(
            "@Warmup.steps must be > 0, was 0",
            "@Warmup(steps = 0)",
            "0)",
            "  @Warmup(steps = 0)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Warmup.shape Ramp.SQRT is a cool-down shape; use LINEAR, COSINE, EXPONENTIAL or CONSTANT",
            "shape = Ramp.SQRT)",
            ".SQRT",
            "  @Warmup(steps = 10,",
            "      shape = Ramp.SQRT)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Warmup.from must be > 0 for Ramp.EXPONENTIAL, and so must the body's first value (0.1), was 0.0",
            "from = 0)",
            null,
            "  @Warmup(steps = 10, shape = Ramp.EXPONENTIAL,",
            "      from = 0)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        // a defaulted attribute has no value to point at: the diagnostic goes on its annotation
        rule(
            "@Warmup.from must be > 0 for Ramp.EXPONENTIAL, and so must the body's first value (0.1), was 0.0",
            "@Warmup(",
            null,
            "  @Warmup(steps = 10, shape = Ramp.EXPONENTIAL)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Warmup.from must be > 0 for Ramp.EXPONENTIAL, and so must the body's first value (0.0), was 0.01",
            "from = 0.01)",
            null,
            "  @Warmup(steps = 10, shape = Ramp.EXPONENTIAL,",
            "      from = 0.01)",
            "  @Piecewise(steps = {0, 10}, values = {0, 0.1}, interpolation = Interpolation.LINEAR)",
            "  double lr(long step);"),
        // @Cooldown
        rule(
            "@Cooldown.steps must be > 0, was -5",
            "@Cooldown(steps = -5)",
            "-5",
            "  @Cooldown(steps = -5)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Cooldown.shape Ramp.CONSTANT is a warm-up shape; use LINEAR, COSINE, SQRT or EXPONENTIAL",
            "shape = Ramp.CONSTANT)",
            ".CONSTANT",
            "  @Cooldown(steps = 10,",
            "      shape = Ramp.CONSTANT)",
            "  @Constant(value = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Cooldown needs a body that ends, but @StepDecay(from = 0.1, factor = 0.5, every = 10) never ends",
            "@Cooldown(",
            null,
            "  @Cooldown(steps = 10)",
            "  @StepDecay(from = 0.1, factor = 0.5, every = 10)",
            "  double lr(long step);"),
        rule(
            "@Cooldown needs a body that ends, but @Constant(value = 0.1) never ends (give @Constant a steps value)",
            "@Cooldown(",
            null,
            "  @Cooldown(steps = 10)",
            "  @Constant(0.1)",
            "  double lr(long step);"),
        rule(
            "@Cooldown needs a body that ends, but @Polynomial(from = 0.1, steps = 100, cycle = true) never ends",
            "@Cooldown(",
            null,
            "  @Cooldown(steps = 10)",
            "  @Polynomial(from = 0.1, steps = 100, cycle = true)",
            "  double lr(long step);"),
        rule(
            "@Cooldown.to must be > 0 for Ramp.EXPONENTIAL, and so must the body's final value (0.001), was 0.0",
            "to = 0.0,",
            null,
            "  @Cooldown(steps = 10,",
            "      to = 0.0,",
            "      shape = Ramp.EXPONENTIAL)",
            "  @Cosine(from = 0.1, to = 0.001, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Cooldown.to must be > 0 for Ramp.EXPONENTIAL, and so must the body's final value (0.0), was 1.0E-4",
            "to = 1e-4,",
            null,
            "  @Cooldown(steps = 10,",
            "      to = 1e-4,",
            "      shape = Ramp.EXPONENTIAL)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        // @Restarts
        rule(
            "@Restarts repeats a body whose length is its steps attribute (@Cosine, @Linear, @Polynomial without"
                + " cycle, @OneCycle, @Tanh, @Constant with steps), not @StepDecay(from = 0.1, factor = 0.5, every = 10)",
            "@Restarts",
            null,
            "  @Restarts",
            "  @StepDecay(from = 0.1, factor = 0.5, every = 10)",
            "  double lr(long step);"),
        rule(
            "@Restarts repeats a body whose length is its steps attribute (@Cosine, @Linear, @Polynomial without"
                + " cycle, @OneCycle, @Tanh, @Constant with steps), not @Piecewise(steps = {0, 10}, values = {0.1, 0.01})",
            "@Restarts(",
            null,
            "  @Restarts(limit = 3)",
            "  @Piecewise(steps = {0, 10}, values = {0.1, 0.01})",
            "  double lr(long step);"),
        rule(
            "@Restarts repeats a body whose length is its steps attribute (@Cosine, @Linear, @Polynomial without"
                + " cycle, @OneCycle, @Tanh, @Constant with steps), not @Constant(value = 0.1)",
            "@Restarts",
            null,
            "  @Restarts",
            "  @Constant(0.1)",
            "  double lr(long step);"),
        rule(
            "@Restarts repeats a body whose length is its steps attribute (@Cosine, @Linear, @Polynomial without"
                + " cycle, @OneCycle, @Tanh, @Constant with steps), not @Polynomial(from = 0.1, steps = 10, cycle = true)",
            "@Restarts",
            null,
            "  @Restarts",
            "  @Polynomial(from = 0.1, steps = 10, cycle = true)",
            "  double lr(long step);"),
        rule(
            "@Restarts cannot be combined with @Cooldown: a restarting schedule has no single end to cool down from",
            "@Restarts(",
            null,
            "  @Restarts(limit = 2)",
            "  @Cooldown(steps = 10)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.growth must be >= 1, was 0.5",
            "growth = 0.5)",
            null,
            "  @Restarts(",
            "      growth = 0.5)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.growth makes more than 4,096 cycles before step Long.MAX_VALUE, was 1.0001; use growth = 1,"
                + " a larger growth, or a limit of at most 4,096",
            "growth = 1.0001)",
            null,
            "  @Restarts(",
            "      growth = 1.0001)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.growth makes more than 4,096 cycles before step Long.MAX_VALUE, was 1.0001; use growth = 1,"
                + " a larger growth, or a limit of at most 4,096",
            "growth = 1.0001,",
            null,
            "  @Restarts(",
            "      growth = 1.0001,",
            "      limit = 5000)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.limit must be at most 57: with growth 2.0 only 57 cycles start before step Long.MAX_VALUE,"
                + " was 100",
            "limit = 100)",
            null,
            "  @Restarts(growth = 2,",
            "      limit = 100)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.scale AMPLITUDE scales the amplitude above the end value, and a @Constant"
                + " has none (its start is its end); use RestartScale.START to scale its value",
            "scale = RestartScale.AMPLITUDE",
            ".AMPLITUDE)",
            "  @Restarts(",
            "      decay = 0.5,",
            "      scale = RestartScale.AMPLITUDE)",
            "  @Constant(value = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.decay must be > 0, was 0.0",
            "decay = 0,",
            null,
            "  @Restarts(",
            "      decay = 0,",
            "      limit = 3)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.limit must be >= 0 (0 = unlimited), was -1",
            "limit = -1)",
            null,
            "  @Restarts(",
            "      limit = -1)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.decay must be <= 1 when restarts are unlimited (values would grow without bound), was 1.5",
            "decay = 1.5)",
            null,
            "  @Restarts(",
            "      decay = 1.5)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        // lengths
        rule(
            "@Cosine makes the schedule longer than Long.MAX_VALUE steps: warm-up 9,223,372,036,854,775,807"
                + " + cosine 10",
            "@Cosine(",
            null,
            "  @Warmup(steps = Long.MAX_VALUE)",
            "  @Cosine(from = 0.1, steps = 10)",
            "  double lr(long step);"),
        rule(
            "@Constant makes the schedule longer than Long.MAX_VALUE steps: constant 9,223,372,036,854,775,000"
                + " + cool-down 1,000",
            "@Constant(",
            null,
            "  @Cooldown(steps = 1000)",
            "  @Constant(value = 0.1, steps = 9_223_372_036_854_775_000L)",
            "  double lr(long step);"),
        rule(
            "@Cosine makes the schedule longer than Long.MAX_VALUE steps: warm-up 10 + cosine (3 cycles)"
                + " 9,223,372,036,854,775,807",
            "@Cosine(",
            null,
            "  @Warmup(steps = 10)",
            "  @Restarts(limit = 3)",
            "  @Cosine(from = 0.1, steps = 4_000_000_000_000_000_000L)",
            "  double lr(long step);"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleErrors")
  void ruleError(String message, String line, String caret, String[] body) {
    expectError(config(body), message, line, caret);
  }

  /** {@code (message, line, caret, totalSteps, method lines)}. */
  static Stream<Arguments> totalStepsErrors() {
    return Stream.of(
        arguments(
            "@Cosine.steps makes the schedule end at step 19,500, not at @Schedule(totalSteps = 20,000):"
                + " warm-up 500 + cosine 19,000 = 19,500",
            "steps = 19_000)",
            null,
            "20_000",
            new String[] {
              "  @Warmup(steps = 500)",
              "  @Cosine(from = 0.1, to = 1e-4,",
              "      steps = 19_000)",
              "  double lr(long step);"
            }),
        arguments(
            "@Cosine.steps makes the schedule end at step 20,500, not at @Schedule(totalSteps = 20,000):"
                + " warm-up 500 + cosine 19,000 + cool-down 1,000 = 20,500",
            "steps = 19_000)",
            null,
            "20_000",
            new String[] {
              "  @Warmup(steps = 500)",
              "  @Cooldown(steps = 1000)",
              "  @Cosine(from = 0.1,",
              "      steps = 19_000)",
              "  double lr(long step);"
            }),
        arguments(
            "@Linear.steps makes the schedule end at step 3,000, not at @Schedule(totalSteps = 1,000):"
                + " linear (3 cycles) 3,000 = 3,000",
            "steps = 1000)",
            null,
            "1000",
            new String[] {
              "  @Restarts(limit = 3)",
              "  @Linear(from = 0.1, to = 0.0,",
              "      steps = 1000)",
              "  double lr(long step);"
            }),
        arguments(
            "@Piecewise.steps makes the schedule end at step 50, not at @Schedule(totalSteps = 100):"
                + " piecewise 50 = 50",
            "steps = {0, 10, 50},",
            "{",
            "100",
            new String[] {
              "  @Piecewise(",
              "      steps = {0, 10, 50},",
              "      values = {0.1, 0.01, 0.001})",
              "  double lr(long step);"
            }),
        arguments(
            "@Constant.steps makes the schedule end at step 99, not at @Schedule(totalSteps = 100):"
                + " constant 90 + cool-down 9 = 99",
            "steps = 90)",
            null,
            "100",
            new String[] {
              "  @Cooldown(steps = 9)",
              "  @Constant(value = 0.1,",
              "      steps = 90)",
              "  double lr(long step);"
            }),
        arguments(
            "@OneCycle.steps makes the schedule end at step 200, not at @Schedule(totalSteps = 100):"
                + " warm-up 100 + one-cycle 100 = 200",
            "steps = 100)",
            "100)",
            "100",
            new String[] {
              "  @Warmup(steps = 50 + 50)",
              "  @OneCycle(peak = 0.1,",
              "      steps = 100)",
              "  double lr(long step);"
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("totalStepsErrors")
  void totalStepsError(String message, String line, String caret, String total, String[] body) {
    expectError(configWith("@Schedule(totalSteps = " + total + ")", body), message, line, caret);
  }

  @Test
  void totalStepsIsTheSumOfWarmupBodyAndCooldown() {
    Compilation c =
        compile(
            configWith(
                "@Schedule(totalSteps = 20_000)",
                "  @Warmup(steps = 500)",
                "  @Cooldown(steps = 500)",
                "  @Cosine(from = 0.1, to = 1e-4, steps = 19_000)",
                "  double lr(long step);",
                "  @Restarts(limit = 4)",
                "  @Linear(from = 0.1, to = 0, steps = 5_000)",
                "  double cycles(long step);",
                // unbounded schedules are not checked against totalSteps
                "  @Constant(5e-4)",
                "  double weightDecay(long step);",
                "  @StepDecay(from = 0.1, factor = 0.5, every = 100)",
                "  LrSchedule decay();"));
    assertThat(c).succeededWithoutWarnings();
  }

  /**
   * totalSteps applies to a composite, not to the schedules it names: the documented Optax
   * warm-up-cosine mapping (a 100-step linear warm-up, then a 900-step cosine) ends at 1,000. A
   * part's own length is still checked where it matters, through the composite's.
   */
  @Test
  void totalStepsAppliesToCompositesNotToTheirParts() {
    Compilation c =
        compile(
            configWith(
                "@Schedule(totalSteps = 1000)",
                "  @Linear(from = 0, to = 0.1, steps = 100)",
                "  LrSchedule warm();",
                "  @Cosine(from = 0.1, steps = 900)",
                "  double decay(long step);",
                "  @Sequence(schedules = {\"warm\", \"decay\"}, boundaries = 100)",
                "  LrSchedule lr();"));
    assertThat(c).succeededWithoutWarnings();
    expectError(
        configWith(
            "@Schedule(totalSteps = 1000)",
            "  @Linear(from = 0, to = 0.1, steps = 100)",
            "  LrSchedule warm();",
            "  @Cosine(from = 0.1, steps = 800)",
            "  double decay(long step);",
            "  @Sequence(schedules = {\"warm\", \"decay\"}, boundaries = 100)",
            "  LrSchedule lr();"),
        "@Sequence makes the schedule end at step 900, not at @Schedule(totalSteps = 1,000)",
        "@Sequence(",
        "@");
  }

  @Test
  void totalStepsMustNotBeNegative() {
    JavaFileObject f =
        configWith("@Schedule(totalSteps = -5)", "  @Constant(0.1)", "  double lr(long step);");
    expectError(
        f,
        "@Schedule.totalSteps must be > 0 (or 0 for unchecked), was -5",
        "@Schedule(totalSteps = -5)",
        "-5");
  }

  @Test
  void everyDoubleAttributeMustBeFinite() {
    // One config, one method per (double attribute, bad value), the bad value on a line of its own.
    Map<Kind, String[]> valid = validDeclarations();
    List<String> lines = new ArrayList<>();
    Map<Integer, String> expected = new LinkedHashMap<>(); // line -> message
    int n = 0;
    for (Kind kind : Kind.values()) {
      if (!kind.isCurvePart()) {
        continue; // controllers and clips: ControllerGenerationTest
      }
      for (Attr attr : kind.attrs()) {
        if (attr.type() != Attr.Type.DOUBLE && attr.type() != Attr.Type.DOUBLE_ARRAY) {
          continue;
        }
        for (String[] bad :
            new String[][] {
              {"Double.NaN", "Double.NaN"},
              {"-1.0 / 0", "Double.NEGATIVE_INFINITY"},
              {"Double.POSITIVE_INFINITY", "Double.POSITIVE_INFINITY"}
            }) {
          if (attr.nanMeansNone() && bad[0].equals("Double.NaN")) {
            continue; // NaN is this attribute's "none" (e.g. @Exponential.to)
          }
          String[] parts = valid.get(kind);
          String value = attr.type() == Attr.Type.DOUBLE ? bad[0] : "{0.1, " + bad[0] + "}";
          String index = attr.type() == Attr.Type.DOUBLE ? "" : "[1]";
          StringBuilder annotation = new StringBuilder("  @" + kind.simpleName() + "(");
          for (String p : parts[0].isEmpty() ? new String[0] : parts[0].split(", (?![^{]*})")) {
            if (!p.startsWith(attr.name() + " =")) {
              annotation.append(p).append(", ");
            }
          }
          lines.add(annotation.toString());
          lines.add("      " + attr.name() + " = " + value + ")");
          expected.put(
              lines.size() + 6,
              "@"
                  + kind.simpleName()
                  + "."
                  + attr.name()
                  + index
                  + " must be finite, was "
                  + bad[1]);
          if (parts.length > 1) {
            lines.add("  " + parts[1]);
          }
          lines.add("  double m" + n++ + "(long step);");
        }
      }
    }
    Compilation c = compile(config(lines.toArray(new String[0])));
    assertThat(c).failed();
    assertThat(c).hadErrorCount(expected.size());
    JavaFileObject f = config(lines.toArray(new String[0]));
    for (Map.Entry<Integer, String> e : expected.entrySet()) {
      assertThat(c).hadErrorContaining(e.getValue()).inFile(f).onLine(e.getKey());
    }
    assertThat(expected.size()).isAtLeast(3 * 30);
  }

  /** A valid declaration of each kind: its attributes, and for modifiers the body they modify. */
  private static Map<Kind, String[]> validDeclarations() {
    Map<Kind, String[]> m = new LinkedHashMap<>();
    m.put(Kind.CONSTANT, new String[] {"value = 0.1"});
    m.put(Kind.STEP_DECAY, new String[] {"from = 0.1, factor = 0.5, every = 10"});
    m.put(Kind.MULTI_STEP, new String[] {"from = 0.1, milestones = {10, 20}, factor = 0.5"});
    m.put(Kind.EXPONENTIAL, new String[] {"from = 0.1, rate = 0.9"});
    m.put(Kind.COSINE, new String[] {"from = 0.1, steps = 100"});
    m.put(Kind.LINEAR, new String[] {"from = 0.1, to = 0.01, steps = 100"});
    m.put(Kind.POLYNOMIAL, new String[] {"from = 0.1, steps = 100"});
    m.put(Kind.INVERSE_TIME, new String[] {"from = 0.1, rate = 0.5"});
    m.put(Kind.INVERSE_SQRT, new String[] {"from = 0.1, timescale = 100"});
    m.put(Kind.CYCLIC, new String[] {"low = 0.01, high = 0.1, up = 10"});
    m.put(Kind.ONE_CYCLE, new String[] {"peak = 0.1, steps = 100"});
    m.put(Kind.PIECEWISE, new String[] {"steps = {0, 10}, values = {0.1, 0.01}"});
    m.put(Kind.TANH, new String[] {"from = 0.1, steps = 100"});
    m.put(Kind.SIGMOID, new String[] {"from = 0.1, gamma = -0.01, center = 100"});
    m.put(Kind.WARMUP, new String[] {"steps = 10", "@Cosine(from = 0.1, steps = 100)"});
    m.put(Kind.COOLDOWN, new String[] {"steps = 10", "@Cosine(from = 0.1, steps = 100)"});
    m.put(Kind.RESTARTS, new String[] {"", "@Cosine(from = 0.1, steps = 100)"});
    return m;
  }

  @Test
  void everyMethodIsValidatedAndEveryProblemReported() {
    JavaFileObject f =
        config(
            "  @Cosine(from = 0.1,",
            "      steps = 0)",
            "  double a(long step);",
            "  @Cyclic(low = 0.1,",
            "      high = 0.01,",
            "      up = -1)",
            "  double b(long step);");
    Compilation c = compile(f);
    assertThat(c).hadErrorCount(3);
    assertThat(c)
        .hadErrorContaining("@Cosine.steps must be > 0, was 0")
        .inFile(f)
        .onLineContaining("steps = 0)");
    assertThat(c)
        .hadErrorContaining("@Cyclic.high must be > low (0.1), was 0.01")
        .inFile(f)
        .onLineContaining("high = 0.01,");
    assertThat(c)
        .hadErrorContaining("@Cyclic.up must be > 0, was -1")
        .inFile(f)
        .onLineContaining("up = -1)");
  }

  @Test
  void columnsPointAtTheValue() {
    // explicit columns, independent of the column helper used elsewhere
    JavaFileObject f =
        config(
            "  @Cosine(from = 0.1, steps = 0)",
            "  double lr(long step);",
            "  @MultiStep(from = 0.1, milestones = {10, 5}, factor = 0.1)",
            "  double ms(long step);");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("@Cosine.steps must be > 0, was 0")
        .inFile(f)
        .onLine(7)
        .atColumn(31);
    assertThat(c)
        .hadErrorContaining("@MultiStep.milestones[1] must be strictly increasing")
        .inFile(f)
        .onLine(9)
        .atColumn(44);
  }

  // ---- warnings ----

  static Stream<Arguments> ruleWarnings() {
    return Stream.of(
        // A growth that stays finite up to Long.MAX_VALUE is legal, with a warning (every = 2^60: 7
        // steps); one that overflows is an error (growthThatOverflowsIsAnError).
        rule(
            "@StepDecay.factor is above 1, so this decay increases the value, was 1.5",
            "factor = 1.5,",
            null,
            "  @StepDecay(from = 0.1,",
            "      factor = 1.5,",
            "      every = 1_152_921_504_606_846_976L)",
            "  double lr(long step);"),
        rule(
            "@MultiStep.factor is above 1, so this decay increases the value, was 2.0",
            "factor = 2)",
            null,
            "  @MultiStep(from = 0.1, milestones = {10, 20},",
            "      factor = 2)",
            "  double lr(long step);"),
        rule(
            "@Exponential.rate is above 1, so this decay increases the value, was 1.01",
            "rate = 1.01,",
            null,
            "  @Exponential(from = 0.1,",
            "      rate = 1.01,",
            "      every = 1_152_921_504_606_846_976L)",
            "  double lr(long step);"),
        rule(
            "@Cosine.to is above from (0.1), so this decay increases the value, was 0.5",
            "to = 0.5,",
            null,
            "  @Cosine(from = 0.1,",
            "      to = 0.5,",
            "      steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Polynomial.to is above from (0.1), so this decay increases the value, was 0.2",
            "to = 0.2,",
            null,
            "  @Polynomial(from = 0.1,",
            "      to = 0.2,",
            "      steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.gamma is only used by mode = CyclicMode.EXP_RANGE, here it is ignored",
            "gamma = 0.99)",
            null,
            "  @Cyclic(low = 0.01, high = 0.1, up = 10,",
            "      gamma = 0.99)",
            "  double lr(long step);"),
        rule(
            "@Cyclic.gamma is only used by mode = CyclicMode.EXP_RANGE, here it is ignored",
            "gamma = 0.99,",
            null,
            "  @Cyclic(low = 0.01, high = 0.1, up = 10,",
            "      gamma = 0.99,",
            "      mode = CyclicMode.TRIANGULAR2)",
            "  double lr(long step);"),
        rule(
            "@Warmup.from is above the value it warms up to (0.1 at the body's first step), was 0.5",
            "from = 0.5)",
            null,
            "  @Warmup(steps = 10,",
            "      from = 0.5)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Warmup.from is above the value it warms up to (0.004 at the body's first step), was 0.01",
            "from = 0.01,",
            null,
            "  @Warmup(steps = 10,",
            "      from = 0.01,",
            "      shape = Ramp.COSINE)",
            "  @OneCycle(peak = 0.1, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Cooldown.to is above the value it cools down from (0.001), was 0.01",
            "to = 0.01)",
            null,
            "  @Cooldown(steps = 10,",
            "      to = 0.01)",
            "  @Cosine(from = 0.1, to = 0.001, steps = 100)",
            "  double lr(long step);"),
        rule(
            "@Restarts.decay is above 1: every restart starts higher than the one before",
            "decay = 1.5,",
            null,
            "  @Restarts(",
            "      decay = 1.5,",
            "      limit = 3)",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleWarnings")
  void ruleWarning(String message, String line, String caret, String[] body) {
    JavaFileObject f = config(body);
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertWithMessage("warnings").that(c.warnings()).isNotEmpty();
    assertThrows(AssertionError.class, () -> assertThat(c).succeededWithoutWarnings());
    assertThat(c).hadWarningCount(1);
    assertThat(c)
        .hadWarningContaining(message + " [suppress with @SuppressWarnings(\"anneal\")]")
        .inFile(f)
        .onLine(line(f, line))
        .atColumn(caretColumn(f, line, caret));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleWarnings")
  void suppressWarningsOnTheMethodSilencesIt(
      String message, String line, String caret, String[] body) {
    String[] suppressed = new String[body.length + 1];
    suppressed[0] = "  @SuppressWarnings(\"anneal\")";
    System.arraycopy(body, 0, suppressed, 1, body.length);
    assertThat(compile(config(suppressed))).succeededWithoutWarnings();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ruleWarnings")
  void suppressWarningsOnTheTypeSilencesIt(
      String message, String line, String caret, String[] body) {
    assertThat(compile(configWith("@Schedule @SuppressWarnings(\"anneal\")", body)))
        .succeededWithoutWarnings();
  }

  @Test
  void suppressWarningsAllSilencesToo() {
    assertThat(
            compile(
                config(
                    "  @SuppressWarnings(\"all\")",
                    "  @Cosine(from = 0.1, to = 0.5, steps = 100)",
                    "  double lr(long step);")))
        .succeededWithoutWarnings();
  }

  @Test
  void suppressionIsPerMethodAndOtherKeysDoNotSilence() {
    JavaFileObject f =
        config(
            "  @SuppressWarnings(\"anneal\")",
            "  @Cosine(from = 0.1, to = 0.5, steps = 100)",
            "  double quiet(long step);",
            "  @SuppressWarnings(\"unchecked\")",
            "  @Cosine(from = 0.1,",
            "      to = 0.6,",
            "      steps = 100)",
            "  double loud(long step);");
    Compilation c = compile(f);
    assertThat(c).succeeded();
    assertThat(c).hadWarningCount(1);
    assertThat(c)
        .hadWarningContaining(
            "@Cosine.to is above from (0.1), so this decay increases the value, was 0.6")
        .inFile(f)
        .onLineContaining("to = 0.6,");
  }

  @Test
  void suppressWarningsDoesNotSilenceErrors() {
    JavaFileObject f =
        configWith(
            "@Schedule @SuppressWarnings(\"anneal\")",
            "  @SuppressWarnings(\"anneal\")",
            "  @Cosine(from = 0.1,",
            "      steps = 0)",
            "  double lr(long step);");
    expectError(f, "@Cosine.steps must be > 0, was 0", "steps = 0)", null);
  }

  @Test
  void warningsDoNotStopGeneration() {
    Compilation c =
        compile(config("  @Cosine(from = 0.1, to = 0.5, steps = 100)", "  double lr(long step);"));
    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile("test.CfgImpl");
  }

  // ---- method-level structural checks (ConfigReader, ScheduleProcessor) ----

  @Test
  void twoBodies() {
    expectError(
        config(
            "  @Cosine(from = 0.1, steps = 100)",
            "  @Linear(from = 0.1, to = 0.0, steps = 100)",
            "  double lr(long step);"),
        "a schedule has exactly one body annotation, but lr() has @Cosine and @Linear",
        "@Linear(",
        null);
  }

  @Test
  void noBody() {
    expectError(
        config("  double lr(long step);"),
        "lr() declares no schedule: add one body annotation (@Constant, @StepDecay, @MultiStep, @Exponential,"
            + " @Cosine, @Linear, @Polynomial, @InverseTime, @InverseSqrt, @Cyclic, @OneCycle, @Piecewise,"
            + " @Tanh or @Sigmoid)",
        "double lr(long step);",
        "lr(");
  }

  @Test
  void modifiersWithoutBody() {
    expectError(
        config(
            "  @Warmup(steps = 10)",
            "  @Cooldown(steps = 10)",
            "  @Restarts",
            "  LrSchedule lr();"),
        "lr() declares no schedule: add one body annotation",
        "LrSchedule lr();",
        "lr(");
  }

  static Stream<Arguments> wrongSignatures() {
    return Stream.of(
        arguments("float lr(long step);", "float lr(long step)"),
        arguments("double lr(int step);", "double lr(int step)"),
        arguments("double lr();", "double lr()"),
        arguments("double lr(Long step);", "double lr(java.lang.Long step)"),
        arguments("Double lr(long step);", "java.lang.Double lr(long step)"),
        arguments("double lr(long step, long epoch);", "double lr(long step, long epoch)"),
        arguments("LrSchedule lr(long step);", "dev.anneal.LrSchedule lr(long step)"),
        arguments(
            "double lr(long step) throws Throwable;",
            "double lr(long step) throws java.lang.Throwable"),
        arguments("<T> double lr(long step);", "<T> double lr(long step)"),
        arguments(
            "java.util.function.LongToDoubleFunction lr();",
            "java.util.function.LongToDoubleFunction lr()"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongSignatures")
  void annotatedMethodWithWrongSignature(String declaration, String signature) {
    expectError(
        config("  @Cosine(from = 0.1, steps = 100)", "  " + declaration),
        "abstract method "
            + signature
            + " is not a schedule: schedule methods are `double lr(long step)`,"
            + " `LrSchedule lr()`, `PlateauSchedule lr()`, `EarlyStopper lr()`, `GradientClip lr()` or `Optimizer lr()`",
        declaration,
        "lr(");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongSignatures")
  void plainAbstractMethodWithWrongSignature(String declaration, String signature) {
    expectError(
        config("  " + declaration),
        "abstract method " + signature + " is not a schedule",
        declaration,
        "lr(");
  }

  @Test
  void inheritedNonScheduleMethod() {
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "interface Base {",
            "  String name();",
            "}",
            "@Schedule",
            "interface Cfg extends Base {",
            "  @Constant(0.1)",
            "  double lr(long step);",
            "}");
    expectError(
        f,
        "inherited abstract method java.lang.String name() is not a schedule",
        "String name();",
        "name(");
  }

  static Stream<Arguments> methodsWithBodies() {
    return Stream.of(
        arguments("interface", "default double lr(long step) {"),
        arguments("interface", "static double lr(long step) {"),
        arguments("abstract class", "double lr(long step) {"),
        arguments("abstract class", "static double lr(long step) {"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("methodsWithBodies")
  void annotationOnMethodWithBody(String kind, String declaration) {
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            kind + " Cfg {",
            "  @Cosine(from = 0.1, steps = 100)",
            "  " + declaration,
            "    return 0;",
            "  }",
            "}");
    expectError(
        f,
        "@Cosine is on lr(), which has a body; schedule methods are abstract and the processor implements them",
        "@Cosine(",
        null);
  }

  @Test
  void annotationOnMethodOfTypeWithoutSchedule() {
    JavaFileObject f =
        file(
            "Plain",
            "package test;",
            "import dev.anneal.*;",
            "interface Plain {",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);",
            "}");
    expectError(
        f,
        "@Cosine on lr() has no effect: Plain is not annotated @Schedule",
        "double lr(long step);",
        "lr(");
  }

  @Test
  void modifierOnMethodOfClassWithoutSchedule() {
    JavaFileObject f =
        file(
            "Plain",
            "package test;",
            "import dev.anneal.*;",
            "class Plain {",
            "  @Warmup(steps = 10)",
            "  double lr(long step) {",
            "    return 0;",
            "  }",
            "}");
    expectError(
        f,
        "@Warmup on lr() has no effect: Plain is not annotated @Schedule",
        "double lr(long step)",
        "lr(");
  }

  @Test
  void annotationOnMethodOfTypeNestedInSchedule() {
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "interface Cfg {",
            "  @Constant(0.1)",
            "  double lr(long step);",
            "  interface Nested {",
            "    @Cosine(from = 0.1, steps = 100)",
            "    double other(long step);",
            "  }",
            "}");
    expectError(
        f,
        "@Cosine on other() has no effect: Nested is not annotated @Schedule",
        "double other(long step);",
        "other(");
  }

  // ---- type-level structural checks ----

  static Stream<Arguments> wrongTypeShapes() {
    return Stream.of(
        arguments(
            "@Schedule goes on an interface or an abstract class; Cfg is a concrete class",
            new String[] {
              "@Schedule", "class Cfg {", "  double lr(long step) {", "    return 0;", "  }", "}"
            }),
        arguments(
            "@Schedule goes on an interface or an abstract class; Cfg is an enum",
            new String[] {"@Schedule", "enum Cfg {", "  A", "}"}),
        arguments(
            "@Schedule goes on an interface or an abstract class; Cfg is a record",
            new String[] {"@Schedule", "record Cfg(double lr) {", "}"}),
        arguments(
            "@Schedule goes on an interface or an abstract class; Cfg is an annotation type",
            new String[] {"@Schedule", "@interface Cfg {", "}"}),
        arguments(
            "@Schedule type Cfg must not declare type parameters",
            new String[] {
              "@Schedule", "interface Cfg<T> {", "  @Constant(0.1)", "  double lr(long step);", "}"
            }),
        arguments(
            "@Schedule class Cfg needs a non-private constructor without parameters (that throws no checked"
                + " exception) for the generated subclass",
            new String[] {
              "@Schedule",
              "abstract class Cfg {",
              "  Cfg(int x) {",
              "  }",
              "  @Constant(0.1)",
              "  abstract double lr(long step);",
              "}"
            }),
        arguments(
            "@Schedule class Cfg needs a non-private constructor without parameters",
            new String[] {
              "@Schedule",
              "abstract class Cfg {",
              "  private Cfg() {",
              "  }",
              "  @Constant(0.1)",
              "  abstract double lr(long step);",
              "}"
            }),
        arguments(
            "@Schedule class Cfg needs a non-private constructor without parameters (that throws no checked"
                + " exception)",
            new String[] {
              "@Schedule",
              "abstract class Cfg {",
              "  Cfg() throws java.io.IOException {",
              "  }",
              "  @Constant(0.1)",
              "  abstract double lr(long step);",
              "}"
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongTypeShapes")
  void wrongTypeShape(String message, String[] lines) {
    String[] all = new String[lines.length + 2];
    all[0] = "package test;";
    all[1] = "import dev.anneal.*;";
    System.arraycopy(lines, 0, all, 2, lines.length);
    expectError(file("Cfg", all), message, "@Schedule", null);
  }

  static Stream<Arguments> badNesting() {
    return Stream.of(
        arguments(
            "@Schedule type Cfg must not be private: the generated class implements it from outside",
            new String[] {
              "class Outer {",
              "  @Schedule",
              "  private interface Cfg {",
              "    @Constant(0.1)",
              "    double lr(long step);",
              "  }",
              "}"
            }),
        arguments(
            "@Schedule type Cfg is nested in private Mid, so the generated class cannot see it",
            new String[] {
              "class Outer {",
              "  private static class Mid {",
              "    @Schedule",
              "    interface Cfg {",
              "      @Constant(0.1)",
              "      double lr(long step);",
              "    }",
              "  }",
              "}"
            }),
        arguments(
            "@Schedule type Cfg must be static: Cfg is an inner (non-static) class",
            new String[] {
              "class Outer {",
              "  @Schedule",
              "  abstract class Cfg {",
              "    @Constant(0.1)",
              "    abstract double lr(long step);",
              "  }",
              "}"
            }),
        arguments(
            "@Schedule type Cfg must be static: Cfg is an inner (non-static) class",
            new String[] {
              "enum Outer {",
              "  A;",
              "  @Schedule",
              "  abstract class Cfg {",
              "    @Constant(0.1)",
              "    abstract double lr(long step);",
              "  }",
              "}"
            }),
        // (a static class in an inner class is legal since Java 16, and RobustnessTest compiles
        // one)
        arguments(
            "@Schedule type Cfg must be static: Cfg is an inner (non-static) class",
            new String[] {
              "class Outer {",
              "  class Inner {",
              "    @Schedule",
              "    abstract class Cfg {",
              "      @Constant(0.1)",
              "      abstract double lr(long step);",
              "    }",
              "  }",
              "}"
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badNesting")
  void badNesting(String message, String[] lines) {
    String[] all = new String[lines.length + 2];
    all[0] = "package test;";
    all[1] = "import dev.anneal.*;";
    System.arraycopy(lines, 0, all, 2, lines.length);
    expectError(file("Outer", all), message, "@Schedule", null);
  }

  /**
   * Local classes are invisible to annotation processors (javac enters them only when it attributes
   * the method body), so no processor can report a {@code @Schedule} on one. What can be checked:
   * the compilation does not crash, nothing is generated, and the class compiles as a plain class.
   */
  @Test
  void localClassIsNotSeenByTheProcessor() {
    Compilation c =
        compile(
            file(
                "Outer",
                "package test;",
                "import dev.anneal.*;",
                "class Outer {",
                "  void m() {",
                "    @Schedule",
                "    abstract class Cfg {",
                "      @Cosine(from = 0.1, steps = 0)",
                "      abstract double lr(long step);",
                "    }",
                "  }",
                "}"));
    assertThat(c).succeeded();
    assertThat(c.generatedSourceFiles()).isEmpty();
  }

  static Stream<Arguments> badNames() {
    return Stream.of(
        arguments(
            "not valid",
            "@Schedule.name must be a Java identifier (a simple class name), was \"not valid\""),
        arguments(
            "class",
            "@Schedule.name must be a Java identifier (a simple class name), was \"class\""),
        arguments(
            "a.B", "@Schedule.name must be a Java identifier (a simple class name), was \"a.B\""),
        arguments(
            "1st", "@Schedule.name must be a Java identifier (a simple class name), was \"1st\""),
        arguments(
            "Cfg",
            "@Schedule.name must differ from the name of the config, which the generated class cannot"
                + " replace, was \"Cfg\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badNames")
  void badName(String name, String message) {
    JavaFileObject f =
        configWith(
            "@Schedule(name = \"" + name + "\")", "  @Constant(0.1)", "  double lr(long step);");
    expectError(f, message, "@Schedule(name = ", "\"");
  }

  @Test
  void nameMayNotReplaceTheTopLevelType() {
    JavaFileObject f =
        file(
            "Outer",
            "package test;",
            "import dev.anneal.*;",
            "interface Outer {",
            "  @Schedule(name = \"Outer\")",
            "  interface Cfg {",
            "    @Constant(0.1)",
            "    double lr(long step);",
            "  }",
            "}");
    expectError(
        f,
        "@Schedule.name must differ from the name of its top-level type",
        "@Schedule(name = ",
        "\"");
  }

  @Test
  void diamondInheritanceMustBeRedeclared() {
    JavaFileObject f =
        file(
            "Cfg",
            "package test;",
            "import dev.anneal.*;",
            "@Schedule",
            "interface A {",
            "  @Cosine(from = 0.1, steps = 100)",
            "  double lr(long step);",
            "}",
            "@Schedule",
            "interface B {",
            "  @Linear(from = 0.1, to = 0, steps = 100)",
            "  double lr(long step);",
            "}",
            "@Schedule",
            "interface Cfg extends A, B {",
            "}");
    expectError(
        f, "abstract method lr() is inherited from both", "interface Cfg extends", "interface");
  }

  // ---- helpers ----

  private static Arguments rule(String message, String line, String caret, String... body) {
    return arguments(message, line, caret, body);
  }

  /**
   * Exactly one error, {@code message}, in {@code f} on the line containing {@code line}, at the
   * caret.
   */
  static void expectError(JavaFileObject f, String message, String line, String caret) {
    Compilation c = compile(f);
    assertThat(c).failed();
    assertWithMessage("errors:\n%s", Compiled.diagnostics(c)).that(c.errors()).hasSize(1);
    assertThat(c)
        .hadErrorContaining(message)
        .inFile(f)
        .onLine(line(f, line))
        .atColumn(caretColumn(f, line, caret));
    // nothing half-generated
    assertThat(
            c.diagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .allMatch(
                    d -> d.getSource() != null && d.getSource().getName().endsWith(f.getName())))
        .isTrue();
  }

  private static long caretColumn(JavaFileObject f, String line, String caret) {
    if (caret == null) {
      int eq = line.indexOf(" = ");
      caret = eq < 0 ? line : line.substring(eq + 3);
    }
    long lineNumber = line(f, line);
    assertThat(lineNumber).isGreaterThan(0L);
    return column(f, line, caret);
  }
}
