package dev.anneal.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import org.tribuo.math.optimisers.SGD;

/**
 * Tribuo's {@link SGD} with the learning rate of an anneal schedule. The schedule is a
 * {@code @Config} field holding its declaration text, so a model's provenance keeps it and a
 * trainer rebuilt from the provenance ({@code ProvenanceUtil.extractConfiguration}) trains with the
 * same rates.
 *
 * <pre>{@code
 * var sgd = new AnnealSGD(Schedules.parse("@Warmup(steps = 100) @Cosine(from = 0.5, steps = 900)"));
 * var trainer = new LinearSGDTrainer(new LogMulticlass(), sgd, epochs, seed);
 * }</pre>
 *
 * <p>Steps: Tribuo's {@code SGD.step()} increments its {@code iteration} before asking for the
 * rate, so the first update sees {@code iteration = 1}; it gets {@code schedule.at(iteration - 1)}:
 * update k (from 0) uses {@code at(k)}, PyTorch's order. An iteration is one call of {@code step},
 * i.e. one minibatch. Tribuo's trainers {@code copy()} the optimiser for each training run, so each
 * run starts at step 0.
 *
 * <p>{@code initialLearningRate} is SGD's own mandatory {@code @Config} field: anneal sets it to
 * {@code at(0)} for the record; the rates come from {@code schedule} only. A config file must give
 * it (any value) along with {@code useMomentum}.
 */
public final class AnnealSGD extends SGD {
  @Config(
      mandatory = true,
      description = "The learning-rate schedule in annotation syntax (anneal's declaration text).")
  private String schedule;

  private LrSchedule lr;

  /** For OLCUT's configuration system. */
  private AnnealSGD() {}

  /** Plain SGD (no momentum) at the rates of {@code schedule}. */
  public AnnealSGD(LrSchedule schedule) {
    this(schedule, Momentum.NONE, 0.0);
  }

  /**
   * SGD with {@code momentum} ({@code rho} its factor) at the rates of {@code schedule}.
   *
   * @throws IllegalArgumentException if {@code schedule} cannot be written as text (a lambda, a
   *     controller, a generated composite) or {@code momentum} is null
   */
  public AnnealSGD(LrSchedule schedule, Momentum momentum, double rho) {
    if (schedule == null || momentum == null) {
      throw new IllegalArgumentException("schedule and momentum must not be null");
    }
    this.schedule = schedule.toString();
    this.useMomentum = momentum;
    this.rho = rho;
    this.lr = Schedules.parseNamed(this.schedule);
    this.initialLearningRate = lr.at(0);
  }

  /** Parses the configured declaration (OLCUT calls it after configuring). */
  @Override
  public void postConfig() {
    try {
      lr = Schedules.parseNamed(schedule);
    } catch (IllegalArgumentException e) {
      throw new PropertyException(e, "", "schedule", e.getMessage());
    }
    initialLearningRate = lr.at(0);
  }

  /** {@code at(iteration - 1)}: Tribuo's first update has {@code iteration = 1}. */
  @Override
  public double learningRate() {
    return lr.at(iteration > 0 ? iteration - 1L : 0L);
  }

  @Override
  protected String sgdType() {
    return "AnnealSGD(schedule=" + schedule + ")";
  }

  /** The declaration text. */
  public String schedule() {
    return schedule;
  }

  @Override
  public AnnealSGD copy() {
    AnnealSGD c = new AnnealSGD();
    c.schedule = schedule;
    c.useMomentum = useMomentum;
    c.rho = rho;
    c.postConfig();
    return c;
  }
}
