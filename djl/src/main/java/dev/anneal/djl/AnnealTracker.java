package dev.anneal.djl;

import ai.djl.training.tracker.Tracker;
import dev.anneal.LrSchedule;
import java.util.Objects;

/**
 * A DJL {@link Tracker} whose values come from an anneal {@link LrSchedule}, for instance a
 * generated one:
 *
 * <pre>{@code
 * Optimizer sgd = Optimizer.sgd()
 *     .setLearningRateTracker(new AnnealTracker(new TrainImpl().lr()))
 *     .optMomentum(0.9f)
 *     .build();
 * }</pre>
 *
 * <p>DJL's optimizers count updates from 1 (the first {@code trainer.step()} asks for {@code
 * numUpdate = 1}; with {@code optBeginNumUpdate(n)}, {@code n + 1}). The schedule's steps count
 * from 0, as in PyTorch and the plain-Java demo, where the first update uses step 0: so update
 * {@code numUpdate} gets {@code schedule.at(numUpdate - 1)}, and resuming with {@code
 * optBeginNumUpdate(n)} continues at step {@code n}. A {@code numUpdate} of 0 or less (DJL never
 * passes one) is read as step 0.
 *
 * <p>Allocation-free and thread-safe when the schedule is (every generated schedule is): one field
 * read and the schedule's {@code at}.
 */
public final class AnnealTracker implements Tracker {
  private final LrSchedule schedule;

  /** A tracker giving update {@code n} (from 1) the value {@code schedule.at(n - 1)}. */
  public AnnealTracker(LrSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** The schedule this tracker reads. */
  public LrSchedule schedule() {
    return schedule;
  }

  @Override
  public float getNewValue(int numUpdate) {
    return (float) schedule.at(numUpdate > 0 ? numUpdate - 1L : 0L);
  }

  /** The same value for every parameter: one schedule drives the whole model. */
  @Override
  public float getNewValue(String parameterId, int numUpdate) {
    return getNewValue(numUpdate);
  }
}
