package dev.anneal.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.Schedules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Real Tribuo training (the linear SGD classifier): the rate each step applied is read back from
 * what the optimiser returned to the trainer.
 */
class TribuoTest {
  static final String[] NAMES = {"a", "b", "c", "d"};

  static MutableDataset<Label> data(long seed, int rows) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> d =
        new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", factory), factory);
    Random r = new Random(seed);
    for (int i = 0; i < rows; i++) {
      double[] x = new double[NAMES.length];
      for (int j = 0; j < x.length; j++) {
        x[j] = r.nextGaussian();
      }
      String label = x[0] + 0.5 * x[1] > 0 ? "yes" : "no";
      d.add(new ArrayExample<>(new Label(label), NAMES, x));
    }
    return d;
  }

  /**
   * Records, over every copy the trainer makes, the norms of the gradients Tribuo passes to {@code
   * step} and of the update the wrapped optimiser returns (plain SGD: {@code update = lr * weight *
   * gradient}).
   */
  static final class Recording implements StochasticGradientOptimiser {
    final StochasticGradientOptimiser inner;
    final List<double[]> steps; // {gradient norm, update norm, weight}

    Recording(StochasticGradientOptimiser inner, List<double[]> steps) {
      this.inner = inner;
      this.steps = steps;
    }

    @Override
    public void initialise(Parameters parameters) {
      inner.initialise(parameters);
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
      double in = norm(updates);
      Tensor[] out = inner.step(updates, weight);
      steps.add(new double[] {in, norm(out), weight});
      return out;
    }

    static double norm(Tensor[] ts) {
      double s = 0;
      for (Tensor t : ts) {
        s += t.twoNorm() * t.twoNorm();
      }
      return Math.sqrt(s);
    }

    @Override
    public void reset() {
      inner.reset();
    }

    @Override
    public Recording copy() {
      return new Recording(inner.copy(), steps);
    }

    @Override
    public com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance getProvenance() {
      return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }
  }

  @Test
  void stepKAppliesAtK() {
    LrSchedule lr = Schedules.cosine(0.5, 150).warmup(30, 0.01, dev.anneal.Ramp.LINEAR).build();
    List<double[]> steps = Collections.synchronizedList(new ArrayList<>());
    MutableDataset<Label> train = data(1, 60);
    Trainer<Label> trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new Recording(new AnnealSGD(lr), steps), 3, 1000, 1, 7L);
    Model<Label> model = trainer.train(train);
    assertEquals(180, steps.size()); // 3 epochs of 60 examples, minibatch 1
    int checked = 0;
    for (int k = 0; k < steps.size(); k++) {
      double[] s = steps.get(k);
      if (s[0] > 1e-9) {
        assertEquals(lr.at(k) * s[2], s[1] / s[0], 1e-12 * lr.at(k), "step " + k);
        checked++;
      }
    }
    assertTrue(checked > 100, "checked " + checked);
    int right = 0;
    for (Prediction<Label> p : model.predict(data(2, 100))) {
      right += p.getOutput().getLabel().equals(p.getExample().getOutput().getLabel()) ? 1 : 0;
    }
    assertTrue(right > 85, "right " + right);
  }

  /** The provenance keeps the declaration; a trainer rebuilt from it trains the same model. */
  @Test
  void aTrainerRebuiltFromTheProvenanceTrainsTheSameModel() {
    LrSchedule lr =
        Schedules.sequence(
            new long[] {20},
            Schedules.linear(0.01, 0.3, 20).build(),
            Schedules.exponential(0.3, 0.99).build());
    GradientClip clip = GradientClip.norm(0.8).build();
    Trainer<Label> trainer =
        new LinearSGDTrainer(
            new LogMulticlass(), new ClipOptimiser(new AnnealSGD(lr), clip), 2, 1000, 1, 3L);
    MutableDataset<Label> train = data(3, 80);
    Model<Label> model = trainer.train(train);
    String provenance = model.getProvenance().toString();
    assertTrue(provenance.contains(lr.toString()), provenance);
    assertTrue(provenance.contains(clip.toString()), provenance);

    List<ConfigurationData> config = ProvenanceUtil.extractConfiguration(model.getProvenance());
    ConfigurationManager cm = new ConfigurationManager();
    cm.addConfiguration(config);
    List<Trainer> trainers = cm.lookupAll(Trainer.class);
    assertEquals(1, trainers.size());
    @SuppressWarnings("unchecked")
    Trainer<Label> rebuilt = (Trainer<Label>) trainers.get(0);
    Model<Label> again = rebuilt.train(train);
    List<Prediction<Label>> a = model.predict(data(4, 50));
    List<Prediction<Label>> b = again.predict(data(4, 50));
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).getOutput().getLabel(), b.get(i).getOutput().getLabel());
      assertEquals(a.get(i).getOutput().getScore(), b.get(i).getOutput().getScore(), 0.0);
    }
    assertEquals(
        model.getProvenance().getTrainerProvenance().toString(),
        again.getProvenance().getTrainerProvenance().toString());
  }

  /** The clip bounds what reaches SGD: the update norm is at most {@code lr * weight * max}. */
  @Test
  void theClipBoundsTheUpdate() {
    double max = 0.05;
    List<double[]> steps = Collections.synchronizedList(new ArrayList<>());
    List<double[]> clipped = Collections.synchronizedList(new ArrayList<>());
    StochasticGradientOptimiser inner =
        new Recording(new AnnealSGD(Schedules.constant(0.5).build()), clipped);
    Trainer<Label> trainer =
        new LinearSGDTrainer(
            new LogMulticlass(),
            new Recording(new ClipOptimiser(inner, GradientClip.norm(max).build()), steps),
            1,
            1000,
            1,
            5L);
    trainer.train(data(5, 50));
    assertEquals(50, steps.size());
    int shrunk = 0;
    for (int k = 0; k < steps.size(); k++) {
      double in = steps.get(k)[0];
      double out = steps.get(k)[1];
      double weight = steps.get(k)[2];
      double expected = 0.5 * weight * in * Math.min(1, max / (in + 1e-6));
      assertEquals(expected, out, 1e-12 * expected + 1e-15, "step " + k);
      assertTrue(out <= 0.5 * weight * max * (1 + 1e-12));
      // what SGD received: the clipped gradient
      assertEquals(Math.min(in, in * max / (in + 1e-6)), clipped.get(k)[0], 1e-12 * in);
      shrunk += in > max ? 1 : 0;
    }
    assertTrue(shrunk > 10, "shrunk " + shrunk);
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClipOptimiser(inner, GradientClip.value(1.0)).toString());
    assertInstanceOf(AnnealSGD.class, new AnnealSGD(Schedules.constant(0.1).build()).copy());
  }
}
