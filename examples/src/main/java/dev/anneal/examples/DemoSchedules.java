package dev.anneal.examples;

import dev.anneal.ClipNorm;
import dev.anneal.Constant;
import dev.anneal.Cooldown;
import dev.anneal.Cosine;
import dev.anneal.CycleMomentum;
import dev.anneal.Cyclic;
import dev.anneal.CyclicMode;
import dev.anneal.EarlyStopper;
import dev.anneal.EarlyStopping;
import dev.anneal.Exponential;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.OneCycle;
import dev.anneal.PlateauSchedule;
import dev.anneal.Ramp;
import dev.anneal.ReduceOnPlateau;
import dev.anneal.Schedule;
import dev.anneal.StepDecay;
import dev.anneal.Warmup;

/**
 * The seven schedules the demo compares, declared the way a user declares them. The anneal
 * processor generates {@code DemoSchedulesImpl}; {@code new DemoSchedulesImpl().cosine().at(step)}
 * is the learning rate at a mini-batch step.
 *
 * <p>Annotation values must be compile-time constants, so the training budget they are sized for is
 * spelled out here as constants too. {@code totalSteps} makes the compiler check that every
 * schedule with an end (warm-up + cosine, one-cycle, warmup-stable-decay) ends exactly there.
 */
@Schedule(totalSteps = DemoSchedules.TOTAL_STEPS)
public interface DemoSchedules {
  /** Default number of epochs: a short budget, where the schedule decides how far training gets. */
  int EPOCHS = 15;

  /** Mini-batch size. */
  int BATCH_SIZE = 32;

  /** Training rows of the digits split (285 of the 1,797 validate, 360 test). */
  int TRAIN_SIZE = 1_152;

  /** Mini-batches per epoch: 36, all full. */
  long STEPS_PER_EPOCH = (TRAIN_SIZE + BATCH_SIZE - 1) / BATCH_SIZE;

  /** The budget every schedule is sized for. */
  long TOTAL_STEPS = EPOCHS * STEPS_PER_EPOCH;

  /** Linear warm-up over the first two epochs. */
  long WARMUP_STEPS = 2 * STEPS_PER_EPOCH;

  /** Cool-down of warmup-stable-decay: the last four epochs. */
  long COOLDOWN_STEPS = 4 * STEPS_PER_EPOCH;

  /**
   * The largest learning rate of every schedule (SGD with momentum 0.9): high enough to learn fast,
   * too high to settle at.
   */
  double PEAK = 0.3;

  /** A constant rate low enough to be stable: the baseline a schedule has to beat. */
  double SAFE = 0.1;

  /** The naive baseline: the peak rate throughout. */
  @Constant(PEAK)
  LrSchedule constant();

  /** The careful baseline: a third of the peak throughout. */
  @Constant(SAFE)
  LrSchedule constantSafe();

  /** PyTorch StepLR: divide by 5 every 5 epochs. */
  @StepDecay(from = PEAK, factor = 0.2, every = 5 * STEPS_PER_EPOCH)
  LrSchedule stepDecay();

  /** Smooth exponential decay, 100x over the whole run. */
  @Exponential(from = PEAK, rate = 0.01, every = TOTAL_STEPS)
  LrSchedule exponential();

  /** Linear warm-up, then cosine annealing to 0 at the last step. */
  @Warmup(steps = WARMUP_STEPS)
  @Cosine(from = PEAK, steps = TOTAL_STEPS - WARMUP_STEPS)
  LrSchedule cosine();

  /** Cyclical LR (Smith 2017), five cycles whose amplitude halves each time. */
  @Cyclic(low = PEAK / 20, high = PEAK, up = TOTAL_STEPS / 10, mode = CyclicMode.TRIANGULAR2)
  LrSchedule cyclic();

  /** 1cycle (Smith and Topin 2019), exactly as PyTorch OneCycleLR. */
  @OneCycle(peak = PEAK, steps = TOTAL_STEPS)
  LrSchedule oneCycle();

  /** Warmup-stable-decay: warm-up, a long flat phase, then a 1-sqrt cool-down to 0. */
  @Warmup(steps = WARMUP_STEPS)
  @Constant(value = PEAK, steps = TOTAL_STEPS - WARMUP_STEPS - COOLDOWN_STEPS)
  @Cooldown(steps = COOLDOWN_STEPS, shape = Ramp.SQRT)
  LrSchedule warmupStableDecay();

  /** PyTorch OneCycleLR's cycle_momentum: momentum 0.95 -> 0.85 as the rate rises, then back. */
  @CycleMomentum(of = "oneCycle")
  LrSchedule oneCycleMomentum();

  /** The peak rate, halved when the validation loss has not improved for 2 epochs. */
  @Constant(PEAK)
  @ReduceOnPlateau(factor = 0.5, patience = 2)
  PlateauSchedule plateau();

  /**
   * Stop when the validation loss has not improved for 3 epochs (the best weights are restored).
   */
  @EarlyStopping(patience = 3)
  EarlyStopper earlyStop();

  /** PyTorch clip_grad_norm_(model.parameters(), 1.0): one global L2 norm over all gradients. */
  @ClipNorm(max = 1.0)
  GradientClip clip();
}
