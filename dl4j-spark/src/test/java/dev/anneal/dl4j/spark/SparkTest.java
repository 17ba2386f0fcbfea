package dev.anneal.dl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.anneal.EarlyStopper;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.Schedules;
import dev.anneal.dl4j.AnnealSchedule;
import dev.anneal.dl4j.EarlyStopCondition;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.worker.NetBroadcastTuple;
import org.deeplearning4j.spark.earlystopping.SparkDataSetLossCalculator;
import org.deeplearning4j.spark.earlystopping.SparkEarlyStoppingTrainer;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import scala.reflect.ClassTag$;

/**
 * dl4j-spark on {@code local[2]}: parameter averaging where every worker applies the schedule at
 * its iteration, controllers deciding on the driver, the configuration through Java serialization.
 */
class SparkTest {
  static final int DIM = 8;
  static final int CLASSES = 3;
  static final int BATCH = 8;
  static final int AVERAGING = 3;

  static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    sc =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local[2]")
                .setAppName("anneal-dl4j-spark-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    sc.stop();
  }

  /** What every worker applied: {iteration, rate from the parameter change, schedule's scale}. */
  static final ConcurrentLinkedQueue<double[]> APPLIED = new ConcurrentLinkedQueue<>();

  /**
   * Runs on the workers (serialized with the task): the rate from {@code (p - p') / (g / batch)}.
   */
  static final class Recorder extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient double[] before;
    private transient double[] gradient;
    private transient int batch;
    private transient int iteration;

    @Override
    public void onGradientCalculation(Model model) {
      MultiLayerNetwork net = (MultiLayerNetwork) model;
      before = net.params().dup().toDoubleVector();
      gradient = net.gradient().gradient().dup().toDoubleVector();
      batch = net.batchSize();
      iteration = net.getIterationCount();
    }

    @Override
    public void iterationDone(Model model, int ignored, int epoch) {
      MultiLayerNetwork net = (MultiLayerNetwork) model;
      double[] after = net.params().toDoubleVector();
      double rate = Double.NaN;
      for (int i = 0; i < gradient.length; i++) {
        double mean = gradient[i] / batch;
        if (Math.abs(mean) > 1e-6) {
          rate = (before[i] - after[i]) / mean;
          break;
        }
      }
      AnnealSchedule s = (AnnealSchedule) schedule(net.getLayerWiseConfigurations());
      APPLIED.add(new double[] {iteration, rate, s.scale()});
    }
  }

  static ISchedule schedule(MultiLayerConfiguration conf) {
    return ((Sgd) ((BaseLayer) conf.getConf(0).getLayer()).getIUpdater()).getLearningRateSchedule();
  }

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

  /** {@code parts} DataSets of {@link #BATCH} random-label examples. */
  static List<DataSet> noise(long seed, int parts) {
    Random r = new Random(seed);
    List<DataSet> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      double[][] x = new double[BATCH][DIM];
      double[][] y = new double[BATCH][CLASSES];
      for (int i = 0; i < BATCH; i++) {
        for (int j = 0; j < DIM; j++) {
          x[i][j] = r.nextGaussian();
        }
        y[i][r.nextInt(CLASSES)] = 1;
      }
      out.add(new DataSet(Nd4j.create(x), Nd4j.create(y)));
    }
    return out;
  }

  static ParameterAveragingTrainingMaster master() {
    return new ParameterAveragingTrainingMaster.Builder(BATCH)
        .batchSizePerWorker(BATCH)
        .averagingFrequency(AVERAGING)
        .workerPrefetchNumBatches(0)
        .rngSeed(7)
        .build();
  }

  /**
   * Every worker, at every iteration i, applies {@code scale * curve.at(i)}; the driver advances
   * the count by the averaging frequency per split; a plateau cut decided on the driver from the
   * cluster-wide validation loss reaches the workers with the next split.
   */
  @Test
  void everyWorkerAppliesAtIAndTheDriversCutReachesThem() {
    APPLIED.clear();
    PlateauSchedule plateau =
        PlateauSchedule.parse(
            "@Warmup(steps = 6) @Cosine(from = 0.3, to = 0.01, steps = 200)"
                + " @ReduceOnPlateau(factor = 0.5, patience = 1)");
    LrSchedule curve = plateau.curve();
    MultiLayerNetwork net = new MultiLayerNetwork(conf(AnnealSchedule.iterations(plateau)));
    net.init();
    SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master());
    sparkNet.setListeners(List.<TrainingListener>of(new Recorder()));
    // 2 workers x 3 minibatches x 8 examples: one split per fit
    JavaRDD<DataSet> train = sc.parallelize(noise(1, 2 * AVERAGING), 2);
    JavaRDD<DataSet> validation = sc.parallelize(noise(2, 4), 2);
    SparkPlateau driver = new SparkPlateau(plateau, ScheduleType.ITERATION);
    int fits = 0;
    int cuts = 0;
    while (fits < 12 && cuts < 2) {
      sparkNet.fit(train);
      fits++;
      cuts += driver.observe(sparkNet, validation) ? 1 : 0;
    }
    assertTrue(cuts > 0, "no cut in " + fits + " fits");

    Map<Integer, List<double[]>> byIteration = new TreeMap<>();
    for (double[] a : APPLIED) {
      byIteration.computeIfAbsent((int) a[0], k -> new ArrayList<>()).add(a);
    }
    // iterations 0 .. fits * AVERAGING - 1, each applied by both workers
    assertEquals(fits * AVERAGING, byIteration.size(), byIteration.keySet().toString());
    assertEquals(0, ((TreeMap<Integer, List<double[]>>) byIteration).firstKey());
    assertEquals(fits * AVERAGING - 1, ((TreeMap<Integer, List<double[]>>) byIteration).lastKey());
    Set<Double> scales = new HashSet<>();
    for (Map.Entry<Integer, List<double[]>> e : byIteration.entrySet()) {
      assertEquals(2, e.getValue().size(), "workers at iteration " + e.getKey());
      for (double[] a : e.getValue()) {
        double expected = a[2] * curve.at(e.getKey());
        if (expected == 0) {
          assertEquals(0.0, a[1], 0.0);
        } else {
          assertEquals(expected, a[1], 1e-9 * expected, "iteration " + e.getKey());
        }
        scales.add(a[2]);
      }
    }
    assertTrue(scales.contains(1.0));
    assertTrue(scales.stream().anyMatch(s -> s < 1), "the cut never reached a worker: " + scales);
    assertEquals(
        plateau.scale(),
        ((AnnealSchedule) schedule(net.getLayerWiseConfigurations())).scale(),
        0.0);
  }

  /**
   * What Spark sends an executor: the broadcast {@link NetBroadcastTuple}, written and read by
   * Spark's configured serializer (Java's); the schedule reads back as a new equal object and the
   * network a worker builds from it applies {@code at(i)}.
   */
  @Test
  void theConfigurationReachesAnExecutorThroughJavaSerialization() {
    assertTrue(SparkEnv.get().serializer() instanceof JavaSerializer);
    LrSchedule lr = Schedules.cosine(0.2, 50).warmup(5).build();
    AnnealSchedule schedule = AnnealSchedule.iterations(lr);
    MultiLayerNetwork driver = new MultiLayerNetwork(conf(schedule));
    driver.init();
    driver.getLayerWiseConfigurations().setIterationCount(9);
    NetBroadcastTuple tuple =
        new NetBroadcastTuple(
            driver.getLayerWiseConfigurations(),
            driver.params(),
            driver.getUpdater().getStateViewArray());
    SerializerInstance java = SparkEnv.get().serializer().newInstance();
    ByteBuffer bytes = java.serialize(tuple, ClassTag$.MODULE$.apply(NetBroadcastTuple.class));
    NetBroadcastTuple read =
        java.deserialize(bytes, ClassTag$.MODULE$.apply(NetBroadcastTuple.class));
    ISchedule received = schedule(read.getConfiguration());
    assertNotSame(schedule, received);
    assertEquals(schedule, received);

    // as ParameterAveragingTrainingWorker builds its network
    MultiLayerNetwork worker = new MultiLayerNetwork(read.getConfiguration().clone());
    worker.init(read.getParameters(), false);
    APPLIED.clear();
    worker.addListeners(new Recorder());
    for (DataSet d : noise(3, 4)) {
      worker.fit(d);
    }
    int k = 9;
    for (double[] a : APPLIED) {
      assertEquals(k, (int) a[0]);
      assertEquals(lr.at(k), a[1], 1e-9 * lr.at(k), "iteration " + k);
      k++;
    }
    assertEquals(13, k);
  }

  /**
   * Spark's Kryo serializer (which DL4J's Spark guide recommends) writes fields and skips {@code
   * readObject}: the schedule parses its declaration again on first use.
   */
  @Test
  void aKryoSerializedConfigurationStillAppliesTheSchedule() {
    LrSchedule lr = Schedules.parse("@Exponential(from = 0.1, rate = 0.9)");
    AnnealSchedule schedule = AnnealSchedule.iterations(lr).scaled(0.5);
    MultiLayerConfiguration conf = conf(schedule);
    SerializerInstance kryo =
        new org.apache.spark.serializer.KryoSerializer(new SparkConf()).newInstance();
    ByteBuffer bytes = kryo.serialize(conf, ClassTag$.MODULE$.apply(MultiLayerConfiguration.class));
    MultiLayerConfiguration read =
        kryo.deserialize(bytes, ClassTag$.MODULE$.apply(MultiLayerConfiguration.class));
    ISchedule received = schedule(read);
    assertNotSame(schedule, received);
    assertEquals(schedule, received);
    for (int i = 0; i < 50; i++) {
      assertEquals(0.5 * lr.at(i), received.valueAt(i, 0), 0.0);
    }
  }

  /**
   * SparkEarlyStoppingTrainer with the anneal stop condition: the score is the validation loss
   * reduced over the cluster (SparkDataSetLossCalculator), the decision is the driver's.
   */
  @Test
  void sparkEarlyStoppingStopsOnTheAnnealCondition() {
    EarlyStopCondition condition =
        new EarlyStopCondition(EarlyStopper.parse("@EarlyStopping(patience = 2)"));
    JavaRDD<DataSet> train = sc.parallelize(noise(4, 2 * AVERAGING), 2);
    JavaRDD<DataSet> validation = sc.parallelize(noise(5, 4), 2);
    EarlyStoppingConfiguration<MultiLayerNetwork> es =
        new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
            .epochTerminationConditions(condition, new MaxEpochsTerminationCondition(60))
            .scoreCalculator(new SparkDataSetLossCalculator(validation, true, sc.sc()))
            .evaluateEveryNEpochs(1)
            .build();
    MultiLayerNetwork net =
        new MultiLayerNetwork(conf(AnnealSchedule.iterations(Schedules.constant(0.5).build())));
    net.init();
    EarlyStoppingResult<MultiLayerNetwork> result =
        new SparkEarlyStoppingTrainer(sc, master(), es, net, train).fit();
    assertEquals(
        EarlyStoppingResult.TerminationReason.EpochTerminationCondition,
        result.getTerminationReason());
    assertTrue(result.getTerminationDetails().contains("EarlyStopCondition"));
    assertTrue(result.getTotalEpochs() < 60, "epochs " + result.getTotalEpochs());
    assertTrue(condition.stopper().stopped());
    // the Spark trainer also scores the untrained network (epoch -1) and passes that score to the
    // conditions: the stopper saw every score of getScoreVsEpoch, its best is their minimum
    assertEquals(result.getScoreVsEpoch().size(), condition.stopper().state().observations());
    assertEquals(
        java.util.Collections.min(result.getScoreVsEpoch().values()),
        condition.stopper().best(),
        0.0);
  }
}
