package com.example.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.BoundOptimizer;
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

  @Test
  void theDeclaredOptimizerIsTheClippedUpdateAtTheScheduledRate() {
    Hyper hp = new HyperImpl();
    double[] w = {1, -1, 0.5, 2};
    double[] b = {0};
    double[] expectedW = w.clone();
    double[] expectedB = b.clone();
    BoundOptimizer sgd = hp.sgd().bind(w, b);
    for (int k = 0; k < 5; k++) {
      double[] gw = {3 + k, -4, 1, 0.5}; // norm above the clip's 5: scaled down
      double[] gb = {2};
      double[] clippedW = gw.clone();
      double[] clippedB = gb.clone();
      hp.clip().apply(clippedW, clippedB);
      sgd.step(gw, gb);
      for (int f = 0; f < Training.FEATURES; f++) {
        expectedW[f] -= hp.lr().at(k) * clippedW[f];
        assertEquals(expectedW[f], w[f], 1e-12, "weight " + f + " after step " + k);
      }
      expectedB[0] -= hp.lr().at(k) * clippedB[0];
      assertEquals(expectedB[0], b[0], 1e-12, "bias after step " + k);
    }
    assertEquals(5, sgd.steps());
  }
}
