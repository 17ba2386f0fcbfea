package dev.anneal.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.EarlyStopper;
import dev.anneal.GradientClip;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Real DL4J training (ND4J native CPU) on synthetic data: the rate and the clip the updater applied
 * are read back from the parameters, with plain {@link Sgd} ({@code p' = p - lr * g / batch}).
 */
class Dl4jTest {
  static final int DIM = 8;
  static final int CLASSES = 3;

  static MultiLayerConfiguration conf(ISchedule lr) {
    return new NeuralNetConfiguration.Builder()
        .seed(42)
        .dataType(DataType.DOUBLE)
        .weightInit(WeightInit.XAVIER)
        .updater(new Sgd(lr))
        .list()
        .layer(new DenseLayer.Builder().nIn(DIM).nOut(16).activation(Activation.TANH).build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(16)
                .nOut(CLASSES)
                .activation(Activation.SOFTMAX)
                .build())
        .build();
  }

  /**
   * {@code rows} examples; labels from a linear rule of the features, or random ({@code noise}).
   */
  static DataSet data(long seed, int rows, boolean noise) {
    Random r = new Random(seed);
    double[][] x = new double[rows][DIM];
    double[][] y = new double[rows][CLASSES];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < DIM; j++) {
        x[i][j] = r.nextGaussian();
      }
      int label = noise ? r.nextInt(CLASSES) : x[i][0] + x[i][1] > 0.5 ? 2 : x[i][2] > 0 ? 1 : 0;
      y[i][label] = 1;
    }
    return new DataSet(Nd4j.create(x), Nd4j.create(y));
  }

  /**
   * Records, at each update, the parameters and DL4J's (minibatch-summed) gradient before the
   * updater, and the parameters after: the applied step is {@code before - after}.
   */
  static final class Recorder extends BaseTrainingListener {
    final List<double[]> before = new ArrayList<>();
    final List<double[]> gradient = new ArrayList<>();
    final List<double[]> after = new ArrayList<>();
    final List<Integer> iterations = new ArrayList<>();
    final List<Integer> epochs = new ArrayList<>();
    final List<Integer> batches = new ArrayList<>();

    @Override
    public void onGradientCalculation(Model model) {
      MultiLayerNetwork net = (MultiLayerNetwork) model;
      before.add(net.params().dup().toDoubleVector());
      gradient.add(net.gradient().gradient().dup().toDoubleVector());
      iterations.add(net.getIterationCount());
      epochs.add(net.getEpochCount());
      batches.add(net.batchSize());
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
      after.add(((MultiLayerNetwork) model).params().dup().toDoubleVector());
    }

    /** The rate of update k, from every element with a gradient: one value, or fail. */
    double rate(int k) {
      double[] b = before.get(k);
      double[] a = after.get(k);
      double[] g = gradient.get(k);
      int batch = batches.get(k);
      double rate = Double.NaN;
      for (int i = 0; i < g.length; i++) {
        double mean = g[i] / batch;
        if (Math.abs(mean) > 1e-6) {
          double r = (b[i] - a[i]) / mean;
          if (rate != rate) {
            rate = r;
          } else {
            assertEquals(rate, r, 1e-9 * Math.abs(rate) + 1e-12, "update " + k + ", element " + i);
          }
        }
      }
      return rate;
    }
  }

  static MultiLayerNetwork net(ISchedule lr, Recorder recorder) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf(lr));
    net.init();
    if (recorder != null) {
      net.addListeners(recorder);
    }
    return net;
  }

  @Test
  void theRateAppliedAtIterationIIsAtI() {
    LrSchedule lr = Schedules.cosine(0.2, 30).warmup(10).build();
    Recorder rec = new Recorder();
    MultiLayerNetwork net = net(AnnealSchedule.iterations(lr), rec);
    DataSet d = data(1, 32, false);
    for (int i = 0; i < 45; i++) {
      net.fit(d);
    }
    assertEquals(45, rec.after.size());
    for (int k = 0; k < rec.after.size(); k++) {
      assertEquals(k, rec.iterations.get(k));
      double expected = lr.at(k);
      if (expected == 0) { // the warm-up's first step: nothing moves
        assertEquals(0.0, rec.rate(k), 0.0);
      } else {
        assertEquals(expected, rec.rate(k), 1e-9 * expected, "iteration " + k);
      }
    }
  }

  @Test
  void anEpochScheduleChangesPerEpoch() {
    LrSchedule lr = Schedules.parse("@StepDecay(from = 0.1, factor = 0.5, every = 1)");
    Recorder rec = new Recorder();
    MultiLayerNetwork net = net(AnnealSchedule.epochs(lr), rec);
    List<DataSet> batches = data(2, 40, false).batchBy(10);
    for (int e = 0; e < 3; e++) {
      net.fit(new ListDataSetIterator<>(batches, 1)); // one DataSet per minibatch
    }
    assertEquals(12, rec.after.size());
    for (int k = 0; k < 12; k++) {
      assertEquals(k / 4, rec.epochs.get(k));
      assertEquals(lr.at(k / 4), rec.rate(k), 1e-9, "update " + k);
    }
  }

  @Test
  void theScheduleSurvivesJsonAndJavaSerialization() throws Exception {
    LrSchedule composite =
        Schedules.sequence(
            new long[] {10},
            Schedules.linear(0.005, 0.05, 10).build(),
            Schedules.exponential(0.05, 0.95).build());
    for (AnnealSchedule s :
        List.of(
            AnnealSchedule.iterations(Schedules.cosine(0.1, 1000).warmup(50).build()),
            AnnealSchedule.epochs(
                Schedules.parse("@MultiStep(from = 0.1, factor = 0.5, milestones = {3, 6})")),
            AnnealSchedule.iterations(composite).scaled(0.25))) {
      MultiLayerConfiguration conf = conf(s);
      String json = conf.toJson();
      assertTrue(json.contains("dev.anneal.dl4j.AnnealSchedule"), json);
      assertTrue(json.contains(s.declaration().replace("\"", "\\\"")), json);
      MultiLayerConfiguration fromJson = MultiLayerConfiguration.fromJson(json);
      assertEquals(conf, fromJson);
      ISchedule back = schedule(fromJson, 0);
      assertEquals(s, back);
      assertEquals(s.hashCode(), back.hashCode());
      assertNotSame(s, back);
      for (int i = 0; i < 300; i++) {
        assertEquals(s.valueAt(i, i / 7), back.valueAt(i, i / 7), 0.0);
      }

      MultiLayerConfiguration java = roundTrip(conf);
      assertEquals(conf, java);
      assertEquals(s, schedule(java, 1));
      assertEquals(s.valueAt(123, 4), schedule(java, 1).valueAt(123, 4), 0.0);
    }
    // a forged declaration fails to load, naming it
    String json = conf(AnnealSchedule.iterations(Schedules.cosine(0.1, 100).build())).toJson();
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> MultiLayerConfiguration.fromJson(json.replace("steps = 100", "steps = -100")));
    assertTrue(String.valueOf(causes(e)).contains("steps"), causes(e));
  }

  static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" / ");
    }
    return sb.toString();
  }

  static ISchedule schedule(MultiLayerConfiguration conf, int layer) {
    return ((Sgd) ((BaseLayer) conf.getConf(layer).getLayer()).getIUpdater())
        .getLearningRateSchedule();
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  /**
   * PyTorch's {@code clip_grad_norm_} on the mean gradient: the applied step is {@code lr * mean *
   * min(1, max / (norm(mean) + 1e-6))}; the update's norm is at most {@code lr * max}.
   */
  @Test
  void theClipBoundsTheUpdateAsPyTorchWould() {
    double lr = 0.5;
    double max = 0.05;
    Recorder rec = new Recorder(); // first: it records the gradient before the clip
    MultiLayerNetwork net = net(AnnealSchedule.iterations(Schedules.constant(lr).build()), rec);
    ClipListener clip = new ClipListener(GradientClip.norm(max).build());
    net.addListeners(rec, clip);
    DataSet d = data(3, 64, true);
    for (int i = 0; i < 10; i++) {
      net.fit(d);
    }
    assertEquals(10, clip.steps());
    int clipped = 0;
    for (int k = 0; k < 10; k++) {
      double[] g = rec.gradient.get(k);
      int batch = rec.batches.get(k);
      double sq = 0;
      for (double v : g) {
        sq += (v / batch) * (v / batch);
      }
      double norm = Math.sqrt(sq);
      double factor = Math.min(1, max / (norm + 1e-6));
      clipped += factor < 1 ? 1 : 0;
      double updateSq = 0;
      for (int i = 0; i < g.length; i++) {
        double step = rec.before.get(k)[i] - rec.after.get(k)[i];
        double expected = lr * factor * g[i] / batch;
        assertEquals(expected, step, 1e-9 * Math.abs(expected) + 1e-15, "update " + k);
        updateSq += step * step;
      }
      assertTrue(Math.sqrt(updateSq) <= lr * max * (1 + 1e-9), "update norm");
    }
    assertTrue(clipped >= 5, "clipped " + clipped);
    assertEquals(clipped, clip.clippedSteps());
    assertThrows(IllegalArgumentException.class, () -> new ClipListener(GradientClip.value(1.0)));
  }

  /**
   * Random labels: the validation loss stops improving, the plateau cuts, the network's schedule
   * becomes the scaled curve; saved and loaded with ModelSerializer, the network keeps it and its
   * iteration count, and the next update applies {@code scale * at(iteration)}.
   */
  @Test
  void aPlateauCutSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
    PlateauSchedule plateau =
        PlateauSchedule.parse(
            "@Cosine(from = 0.3, to = 0.01, steps = 400) @ReduceOnPlateau(factor = 0.5, patience = 1)");
    MultiLayerNetwork net = net(AnnealSchedule.iterations(plateau), null);
    List<DataSet> train = data(4, 64, true).batchBy(16);
    ListDataSetIterator<DataSet> validation =
        new ListDataSetIterator<>(data(5, 64, true).batchBy(32), 1);
    PlateauListener listener =
        new PlateauListener(plateau, ScheduleType.ITERATION, PlateauListener.loss(validation));
    net.addListeners(listener);
    for (int e = 0; e < 20 && listener.cuts().size() < 2; e++) {
      net.fit(new ListDataSetIterator<>(train, 1));
    }
    assertFalse(listener.cuts().isEmpty(), "no cut");
    assertTrue(plateau.scale() < 1);
    AnnealSchedule installed = (AnnealSchedule) schedule(net.getLayerWiseConfigurations(), 0);
    assertEquals(plateau.scale(), installed.scale(), 0.0);
    assertEquals(installed, schedule(net.getLayerWiseConfigurations(), 1));
    int iterations = net.getIterationCount();
    assertEquals(4 * net.getEpochCount(), iterations); // the count was kept through the cuts

    File file = dir.resolve("net.zip").toFile();
    ModelSerializer.writeModel(net, file, true);
    MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(file, true);
    assertEquals(installed, schedule(loaded.getLayerWiseConfigurations(), 0));
    assertEquals(iterations, loaded.getIterationCount());

    Recorder rec = new Recorder();
    loaded.addListeners(rec);
    loaded.fit(train.get(0));
    assertEquals(plateau.at(iterations), rec.rate(0), 1e-9 * plateau.at(iterations));
    assertEquals(plateau.scale() * plateau.curve().at(iterations), rec.rate(0), 1e-9);
  }

  /**
   * DL4J's early-stopping trainer with the anneal condition on random labels stops before its epoch
   * limit; the condition survives JSON and Java serialization with its state.
   */
  @Test
  void theEarlyStopperEndsDl4jsEarlyStoppingTrainer() throws Exception {
    EarlyStopCondition condition =
        new EarlyStopCondition(EarlyStopper.parse("@EarlyStopping(patience = 2)"));
    ListDataSetIterator<DataSet> train =
        new ListDataSetIterator<>(data(6, 64, true).batchBy(16), 1);
    ListDataSetIterator<DataSet> validation =
        new ListDataSetIterator<>(data(7, 64, true).batchBy(32), 1);
    EarlyStoppingConfiguration<MultiLayerNetwork> es =
        new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
            .epochTerminationConditions(condition, new MaxEpochsTerminationCondition(100))
            .scoreCalculator(new DataSetLossCalculator(validation, true))
            .evaluateEveryNEpochs(1)
            .build();
    EarlyStoppingResult<MultiLayerNetwork> result =
        new EarlyStoppingTrainer(
                es, net(AnnealSchedule.iterations(Schedules.constant(0.5).build()), null), train)
            .fit();
    assertEquals(
        EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
        result.getTerminationReason());
    assertTrue(
        result.getTerminationDetails().contains("EarlyStopCondition"),
        result.getTerminationDetails());
    assertTrue(result.getTotalEpochs() < 100, "epochs " + result.getTotalEpochs());
    EarlyStopper stopper = condition.stopper();
    assertTrue(stopper.stopped());
    assertEquals(stopper.bestIndex(), result.getBestModelEpoch());
    assertEquals(stopper.best(), result.getScoreVsEpoch().get(result.getBestModelEpoch()), 0.0);

    // the state as text: JSON (DL4J's shaded Jackson) and Java serialization resume it
    EarlyStopCondition saved = condition.snapshot();
    ObjectMapper mapper = new ObjectMapper();
    String json = mapper.writeValueAsString(saved);
    assertTrue(json.contains("anneal.EarlyStopper.State/1"), json);
    EpochTerminationCondition fromJson = mapper.readValue(json, EpochTerminationCondition.class);
    assertEquals(saved, fromJson);
    EarlyStopCondition java = roundTrip(saved);
    assertEquals(saved, java);
    assertEquals(stopper.state(), ((EarlyStopCondition) fromJson).stopper().state());
    assertEquals(stopper.state(), java.stopper().state());
    assertInstanceOf(EarlyStopCondition.class, fromJson);
    // a goal that disagrees with the score calculator is an error, not a silent wrong stop
    assertThrows(IllegalArgumentException.class, () -> saved.terminate(0, 1.0, false));
  }
}
