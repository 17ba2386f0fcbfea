package dev.anneal.benchmarks;

import dev.anneal.LrSchedule;

/** The generated schedules, each in a static final field (the JIT then knows its exact class). */
final class Generated {
  private static final BenchSchedulesImpl IMPL = new BenchSchedulesImpl();

  static final LrSchedule COMPOSED = IMPL.composed();
  static final LrSchedule CONSTANT = IMPL.constant();
  static final LrSchedule COSINE = IMPL.cosine();
  static final LrSchedule CYCLIC = IMPL.cyclic();
  static final LrSchedule EXPONENTIAL = IMPL.exponential();
  static final LrSchedule INVERSE_SQRT = IMPL.inverseSqrt();
  static final LrSchedule INVERSE_TIME = IMPL.inverseTime();
  static final LrSchedule LINEAR = IMPL.linear();
  static final LrSchedule MULTI_STEP = IMPL.multiStep();
  static final LrSchedule ONE_CYCLE = IMPL.oneCycle();
  static final LrSchedule PIECEWISE = IMPL.piecewise();
  static final LrSchedule POLYNOMIAL = IMPL.polynomial();
  static final LrSchedule STEP_DECAY = IMPL.stepDecay();
  static final LrSchedule WARMUP_COSINE = IMPL.warmupCosine();
  static final LrSchedule SEQUENCE = IMPL.sequence();
  static final LrSchedule PRODUCT = IMPL.product();
  static final LrSchedule MOMENTUM = IMPL.momentum();

  private Generated() {}
}
