package com.example.training;

import dev.anneal.ClipNorm;
import dev.anneal.Constant;
import dev.anneal.Cosine;
import dev.anneal.EarlyStopper;
import dev.anneal.EarlyStopping;
import dev.anneal.GradientClip;
import dev.anneal.Linear;
import dev.anneal.LrSchedule;
import dev.anneal.Optimizer;
import dev.anneal.PlateauSchedule;
import dev.anneal.ReduceOnPlateau;
import dev.anneal.SGD;
import dev.anneal.Schedule;
import dev.anneal.Sequence;

/** The training's hyper-parameters: anneal generates {@code HyperImpl}. */
@Schedule
public interface Hyper {
  /** Steps per epoch of {@link Training}: 8 mini-batches. */
  long STEPS_PER_EPOCH = 8;

  @Linear(from = 0.005, to = 0.05, steps = 40)
  double warm(long step);

  @Cosine(from = 0.05, to = 0.005, steps = 200)
  double decay(long step);

  /** Warm-up for 5 epochs, then cosine. */
  @Sequence(schedules = {"warm", "decay"}, boundaries = 40)
  LrSchedule lr();

  /** A multiplier on {@link #lr()}: halved when the validation loss stalls for 2 epochs. */
  @Constant(1.0)
  @ReduceOnPlateau(factor = 0.5, patience = 2)
  PlateauSchedule plateau();

  @EarlyStopping(patience = 4, minDelta = 1e-6)
  EarlyStopper stop();

  @ClipNorm(max = 5.0)
  GradientClip clip();

  /** Plain SGD at {@link #lr()} after {@link #clip()}: {@code w -= lr.at(k) * clipped gradient}. */
  @SGD(lr = "lr", clip = "clip")
  Optimizer sgd();
}
