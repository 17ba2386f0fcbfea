package dev.anneal.examples.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.anneal.LrSchedule;
import dev.anneal.examples.DemoSchedules;
import dev.anneal.examples.DemoSchedulesImpl;
import dev.anneal.examples.DigitsArrays;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The digits demo on DJL (PyTorch engine, CPU): a 64-64-10 ReLU MLP trained with DJL's SGD with
 * momentum, whose learning rate comes from a generated anneal schedule through
 * {@link AnnealTracker}. Built and run with the {@code djl} profile, from the repository root:
 *
 * <pre>mvn -q -Pdjl -pl examples -am package exec:java -DskipTests [-Dexec.args="--epochs 10"]</pre>
 *
 * <p>Everything runs offline: the PyTorch native library comes from the {@code pytorch-native-cpu}
 * jar on the class path, and {@link #main} turns DJL's offline mode and telemetry opt-out on
 * unless they were set otherwise.
 */
public final class DjlTraining {
  static final int HIDDEN_UNITS = 64;
  static final float MOMENTUM = 0.9f;
  static final int BATCH_SIZE = DemoSchedules.BATCH_SIZE;

  static final String USAGE =
      "Usage: mvn -q -Pdjl -pl examples -am package exec:java -DskipTests [-Dexec.args=\"OPTIONS\"]\n\n"
          + "Trains a 64-64-10 ReLU MLP on the bundled UCI digits with DJL (PyTorch, CPU), SGD with\n"
          + "momentum " + MOMENTUM + ", batch " + BATCH_SIZE + ", the learning rate from DemoSchedulesImpl through AnnealTracker.\n\n"
          + "  --epochs N       epochs (default " + DemoSchedules.EPOCHS + ", the budget the schedules are declared for;\n"
          + "                   other values stretch the schedule to fit)\n"
          + "  --schedule NAME  a schedule of DemoSchedules (default cosine): %s\n"
          + "  --seed N         model and shuffling seed (default 1)\n"
          + "  --help           this text\n";

  private DjlTraining() {}

  /** One epoch: the rates of its first and last update, mean training loss and accuracies. */
  public record Epoch(int epoch, float firstLr, float lastLr, double loss, double trainAccuracy, double testAccuracy) {}

  /** A whole run. */
  public record Result(List<Epoch> epochs, long updates, double testAccuracy, double seconds) {}

  /** The command line, defaults filled in. */
  record Options(int epochs, String schedule, int seed, boolean help) {
    static Options parse(String[] args) {
      int epochs = DemoSchedules.EPOCHS;
      String schedule = "cosine";
      int seed = 1;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--epochs" -> epochs = positive(args, ++i);
          case "--seed" -> seed = positive(args, ++i);
          case "--schedule" -> schedule = value(args, ++i);
          case "--help", "-h" -> help = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(epochs, schedule, seed, help);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }

    private static int positive(String[] args, int i) {
      String v = value(args, i);
      try {
        int n = Integer.parseInt(v);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(args[i - 1] + " needs a positive integer, was " + v);
    }
  }

  public static void main(String[] args) throws IOException, TranslateException {
    offlineDefaults();
    Options options;
    LrSchedule declared;
    try {
      options = Options.parse(args);
      if (options.help()) {
        System.out.printf(Locale.ROOT, USAGE, String.join(", ", scheduleNames()));
        return;
      }
      declared = demoSchedule(options.schedule());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(2);
      return;
    }
    DigitsArrays.Split data = DigitsArrays.load();
    long stepsPerEpoch = stepsPerEpoch(data.train().rows());
    LrSchedule schedule = fit(declared, (long) options.epochs() * stepsPerEpoch);

    Engine engine = Engine.getInstance();
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "DJL %s, %s %s engine on %s%n", Engine.getDjlVersion(), engine.getEngineName(),
        engine.getVersion(), engine.defaultDevice());
    out.printf(Locale.ROOT, "MLP %d-%d-%d (ReLU), SGD momentum %.1f, batch %d; %,d train / %,d test rows%n",
        data.train().dim(), HIDDEN_UNITS, data.train().classes(), MOMENTUM, BATCH_SIZE, data.train().rows(),
        data.test().rows());
    out.printf(Locale.ROOT, "learning rate: new AnnealTracker(new DemoSchedulesImpl().%s())%s%n", options.schedule(),
        options.epochs() == DemoSchedules.EPOCHS ? ""
            : String.format(Locale.ROOT, ", stretched from %,d to %,d steps", DemoSchedules.TOTAL_STEPS,
                options.epochs() * stepsPerEpoch));
    Result result = train(data, new AnnealTracker(schedule), options.epochs(), options.seed(), out);
    out.printf(Locale.ROOT, "test accuracy %.2f%% after %d epoch%s (%,d SGD updates), %.1f s%n",
        100 * result.testAccuracy(), options.epochs(), options.epochs() == 1 ? "" : "s", result.updates(),
        result.seconds());
  }

  /**
   * Defaults for DJL, each only where the caller (system property) chose nothing: call before the
   * first use of DJL.
   *
   * <ul>
   *   <li>Offline mode: DJL never downloads (model zoo, native libraries); the native library comes
   *       from the {@code pytorch-native-cpu} jar.
   *   <li>Telemetry opt-out: otherwise DJL's first engine load queries the EC2 metadata address
   *       (169.254.169.254) and an S3 URL.
   *   <li>One PyTorch thread: the matrices here are tiny (32x64 by 64x64), so OpenMP workers only
   *       add synchronisation; on 2 shared cores 30 epochs took 60 s with the default threads and
   *       under 5 s with one.
   *   <li>SLF4J's simple logger at warnings only, and quiet about a CUDA runtime found without a
   *       driver (DJL probes for GPUs even though this build ships the CPU library only).
   * </ul>
   */
  static void offlineDefaults() {
    System.getProperties().putIfAbsent("ai.djl.offline", "true");
    System.getProperties().putIfAbsent("OPT_OUT_TRACKING", "true");
    System.getProperties().putIfAbsent("ai.djl.pytorch.num_threads", "1");
    System.getProperties().putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
  }

  /** Mini-batches per epoch: DJL keeps the last, partial batch, as the plain-Java demo does. */
  static long stepsPerEpoch(int rows) {
    return (rows + BATCH_SIZE - 1) / BATCH_SIZE;
  }

  /**
   * The schedule as declared when the run has the budget it was declared for, otherwise stretched
   * or squeezed onto the run's updates (step {@code floor(s * TOTAL_STEPS / updates)}), as the
   * plain-Java demo does.
   */
  static LrSchedule fit(LrSchedule declared, long updates) {
    if (updates == DemoSchedules.TOTAL_STEPS) {
      return declared;
    }
    return step -> declared.at(Math.multiplyExact(step, DemoSchedules.TOTAL_STEPS) / updates);
  }

  /** The schedule methods of {@link DemoSchedules}, by name. */
  static List<String> scheduleNames() {
    TreeSet<String> names = new TreeSet<>();
    for (Method m : DemoSchedules.class.getMethods()) {
      if (m.getParameterCount() == 0 && m.getReturnType() == LrSchedule.class) {
        names.add(m.getName());
      }
    }
    return new ArrayList<>(names);
  }

  static LrSchedule demoSchedule(String name) {
    if (!scheduleNames().contains(name)) {
      throw new IllegalArgumentException(
          "--schedule must be one of " + String.join(", ", scheduleNames()) + ", was " + name);
    }
    try {
      return (LrSchedule) DemoSchedules.class.getMethod(name).invoke(new DemoSchedulesImpl());
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Trains a fresh MLP for {@code epochs} epochs with SGD (momentum {@value #MOMENTUM}) whose rate
   * is {@code lr}, printing one line per epoch to {@code out} (null: silent).
   */
  public static Result train(DigitsArrays.Split data, Tracker lr, int epochs, int seed, PrintStream out)
      throws IOException, TranslateException {
    long start = System.nanoTime();
    Engine.getInstance().setRandomSeed(seed);
    DigitsArrays.Part train = data.train();
    long stepsPerEpoch = stepsPerEpoch(train.rows());
    List<Epoch> history = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("anneal-digits-mlp")) {
      model.setBlock(new SequentialBlock()
          .add(Linear.builder().setUnits(HIDDEN_UNITS).build())
          .add(Activation::relu)
          .add(Linear.builder().setUnits(train.classes()).build()));
      ArrayDataset trainSet = new ArrayDataset.Builder()
          .setData(manager.create(train.features(), new Shape(train.rows(), train.dim())))
          .optLabels(manager.create(train.labels()))
          .setSampling(BATCH_SIZE, true)
          .build();
      Optimizer sgd = Optimizer.sgd().setLearningRateTracker(lr).optMomentum(MOMENTUM).build();
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH_SIZE, train.dim()));
        long updates = 0;
        double testAccuracy = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
          double lossSum = 0;
          long correct = 0;
          for (Batch batch : trainer.iterateDataset(trainSet)) {
            try (batch) {
              NDArray labels = batch.getLabels().singletonOrThrow();
              try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(batch.getData()).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                collector.backward(loss);
                lossSum += loss.getFloat() * batch.getSize();
                correct += correct(logits, labels);
              }
              trainer.step(); // asks lr for update ++updates
              updates++;
            }
          }
          if (updates != epoch * stepsPerEpoch) {
            throw new IllegalStateException("expected " + stepsPerEpoch + " batches per epoch, ran " + updates);
          }
          testAccuracy = accuracy(trainer, manager, data.test());
          // DJL's first update is numUpdate 1: this epoch's updates are (epoch - 1) * stepsPerEpoch + 1 .. updates.
          Epoch e = new Epoch(epoch, lr.getNewValue((int) (updates - stepsPerEpoch + 1)), lr.getNewValue((int) updates),
              lossSum / train.rows(), (double) correct / train.rows(), testAccuracy);
          history.add(e);
          if (out != null) {
            out.printf(Locale.ROOT, "epoch %2d/%d  lr %.5f -> %.5f  loss %.4f  train %.2f%%  test %.2f%%%n",
                e.epoch(), epochs, e.firstLr(), e.lastLr(), e.loss(), 100 * e.trainAccuracy(), 100 * e.testAccuracy());
          }
        }
        return new Result(history, updates, testAccuracy, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** Rows whose largest logit is at the label. */
  private static long correct(NDArray logits, NDArray labels) {
    return logits.argMax(1).eq(labels.toType(DataType.INT64, false)).countNonzero().getLong();
  }

  /** Accuracy over a whole part, no gradients; everything it creates is freed on return. */
  private static double accuracy(Trainer trainer, NDManager manager, DigitsArrays.Part part) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(part.features(), new Shape(part.rows(), part.dim()));
      NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
      return (double) correct(logits, scope.create(part.labels())) / part.rows();
    }
  }
}
