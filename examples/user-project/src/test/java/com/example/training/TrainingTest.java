package com.example.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingTest {

  @Test
  void theGeneratedScheduleWarmsUpThenDecays() {
    Hyper hp = new HyperImpl();
    assertEquals(0.005, hp.lr().at(0), 1e-15);
    assertEquals(0.05, hp.lr().at(40), 1e-15);
    assertEquals(0.005, hp.lr().at(240), 1e-15);
    assertEquals(hp.warm(20), hp.lr().at(20));
    assertEquals(hp.decay(100), hp.lr().at(140));
  }

  @Test
  void trainingFitsTheLineAndKeepsTheBestEpoch() {
    Training.Result r = Training.train(new HyperImpl(), 30, 1);
    assertTrue(r.bestValLoss() < 1e-3, "validation loss " + r.bestValLoss());
    for (int f = 0; f < Training.FEATURES; f++) {
      assertEquals(Training.TRUE_WEIGHTS[f], r.weights()[f], 0.05, "weight " + f);
    }
    assertTrue(r.bestEpoch() >= 1 && r.bestEpoch() <= r.epochsRun());
    // the weights kept are those of the epoch the stopper calls best (observe, then improved)
    assertEquals(r.bestValLoss(), r.keptValLoss());
  }
}
