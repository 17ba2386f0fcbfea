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
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EarlyStoppingListener.EarlyStoppedException;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import dev.anneal.LrSchedule;
import dev.anneal.PlateauSchedule;
import dev.anneal.djl.AnnealTracker;
import dev.anneal.djl.ClipListener;
import dev.anneal.djl.EarlyStopListener;
import dev.anneal.djl.PlateauListener;
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
 * The digits demo on DJL (PyTorch engine, CPU): a 64-64-10 ReLU MLP trained by {@code
 * EasyTrain.fit} with DJL's SGD with momentum, whose learning rate comes from a generated anneal
 * schedule through {@link AnnealTracker}. By default the schedule is {@code
 * DemoSchedules.plateau()}, fed the validation loss after each epoch by a {@link PlateauListener};
 * an {@link EarlyStopListener} ({@code DemoSchedules.earlyStop()}) ends training when the
 * validation loss stops improving and puts the best parameters back; a {@link ClipListener} ({@code
 * DemoSchedules.clip()}) clips the gradients to global L2 norm {@value #CLIP_MAX} before every
 * update. Built and run with the {@code djl} profile, from the repository root:
 *
 * <pre>mvn -q -Pdjl -pl examples -am package exec:java -DskipTests [-Dexec.args="--epochs 10"]
 * </pre>
 *
 * <p>Everything runs offline: the PyTorch native library comes from the {@code pytorch-native-cpu}
 * jar on the class path, and {@link #main} turns DJL's offline mode and telemetry opt-out on unless
 * they were set otherwise.
 */
public final class DjlTraining {
  static final int HIDDEN_UNITS = 64;
  static final float MOMENTUM = 0.9f;
  static final int BATCH_SIZE = DemoSchedules.BATCH_SIZE;

  /** {@code max} of {@code DemoSchedules.clip()}'s {@code @ClipNorm}. */
  static final double CLIP_MAX = 1.0;

  static final String USAGE =
      "Usage: mvn -q -Pdjl -pl examples -am package exec:java -DskipTests [-Dexec.args=\"OPTIONS\"]\n\n"
          + "Trains a 64-64-10 ReLU MLP on the bundled UCI digits with DJL (PyTorch, CPU) and EasyTrain.fit,\n"
          + "SGD with momentum "
          + MOMENTUM
          + ", batch "
          + BATCH_SIZE
          + ", the learning rate from DemoSchedulesImpl\n"
          + "through AnnealTracker.\n\n"
          + "  --epochs N       at most N epochs (default "
          + DemoSchedules.EPOCHS
          + ", the budget the schedules are\n"
          + "                   declared for; other values stretch a schedule without @ReduceOnPlateau)\n"
          + "  --schedule NAME  a schedule of DemoSchedules (default plateau, which observes the\n"
          + "                   validation loss after each epoch): %s\n"
          + "  --no-stop        no early stopping (default: DemoSchedules.earlyStop(), best weights restored)\n"
          + "  --no-clip        no gradient clipping (default: DemoSchedules.clip(), global L2 norm "
          + CLIP_MAX
          + ")\n"
          + "  --seed N         model and shuffling seed (default 1)\n"
          + "  --clip-timing    only time the two ways of clipping DJL gradients (ClipTiming) and exit\n"
          + "  --help           this text\n";

  private DjlTraining() {}

  /**
   * One epoch: the rates of its first and last update, mean training loss and accuracy (as DJL's
   * evaluators accumulated them over the epoch's batches), validation loss and accuracy.
   */
  public record Epoch(
      int epoch,
      float firstLr,
      float lastLr,
      double loss,
      double trainAccuracy,
      double validationLoss,
      double validationAccuracy) {}

  /**
   * A whole run: {@code stoppedEpoch} is the epoch after which the early stopper ended it (0: it
   * ran every epoch); the test accuracy is that of the model's final parameters (the best epoch's
   * when the stopper restored them), as is {@code validationLoss} (mean over the validation rows).
   */
  public record Result(
      List<Epoch> epochs,
      long updates,
      int stoppedEpoch,
      double validationLoss,
      double testAccuracy,
      double seconds) {}

  /**
   * The anneal listeners of a run, each optional (null). The plateau's schedule must be the one the
   * tracker reads.
   */
  public record Controls(PlateauListener plateau, EarlyStopListener stop, ClipListener clip) {
    /** No controllers, no clipping: the schedule alone. */
    public static final Controls NONE = new Controls(null, null, null);

    /**
     * The demo's defaults over {@code hp}: its plateau (if {@code lr} is one), stopper and clip.
     */
    static Controls of(DemoSchedules hp, LrSchedule lr, boolean stop, boolean clip) {
      return new Controls(
          lr instanceof PlateauSchedule p ? new PlateauListener(p) : null,
          stop ? new EarlyStopListener(hp.earlyStop()) : null,
          clip ? new ClipListener(hp.clip(), CLIP_MAX) : null);
    }
  }

  /** The command line, defaults filled in. */
  record Options(
      int epochs,
      String schedule,
      int seed,
      boolean stop,
      boolean clip,
      boolean timing,
      boolean help) {
    static Options parse(String[] args) {
      int epochs = DemoSchedules.EPOCHS;
      String schedule = "plateau";
      int seed = 1;
      boolean stop = true;
      boolean clip = true;
      boolean timing = false;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--epochs" -> epochs = positive(args, ++i);
          case "--seed" -> seed = positive(args, ++i);
          case "--schedule" -> schedule = value(args, ++i);
          case "--no-stop" -> stop = false;
          case "--no-clip" -> clip = false;
          case "--clip-timing" -> timing = true;
          case "--help", "-h" -> help = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(epochs, schedule, seed, stop, clip, timing, help);
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
    DemoSchedules hp = new DemoSchedulesImpl();
    LrSchedule declared;
    try {
      options = Options.parse(args);
      if (options.help()) {
        System.out.printf(Locale.ROOT, USAGE, String.join(", ", scheduleNames()));
        return;
      }
      if (options.timing()) {
        ClipTiming.main(new String[0]);
        return;
      }
      declared = demoSchedule(hp, options.schedule());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(2);
      return;
    }
    DigitsArrays.Split data = DigitsArrays.load();
    long stepsPerEpoch = stepsPerEpoch(data.train().rows());
    boolean stretched =
        !(declared instanceof PlateauSchedule) && options.epochs() != DemoSchedules.EPOCHS;
    LrSchedule schedule =
        stretched ? fit(declared, (long) options.epochs() * stepsPerEpoch) : declared;
    Controls controls = Controls.of(hp, schedule, options.stop(), options.clip());

    Engine engine = Engine.getInstance();
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "DJL %s, %s %s engine on %s%n",
        Engine.getDjlVersion(),
        engine.getEngineName(),
        engine.getVersion(),
        engine.defaultDevice());
    out.printf(
        Locale.ROOT,
        "MLP %d-%d-%d (ReLU), SGD momentum %.1f, batch %d; %,d train / %,d validation / %,d test rows%n",
        data.train().dim(),
        HIDDEN_UNITS,
        data.train().classes(),
        MOMENTUM,
        BATCH_SIZE,
        data.train().rows(),
        data.validation().rows(),
        data.test().rows());
    out.printf(
        Locale.ROOT,
        "learning rate: new AnnealTracker(hp.%s()) = %s%s%n",
        options.schedule(),
        declared,
        stretched
            ? String.format(
                Locale.ROOT,
                ", stretched from %,d to %,d steps",
                DemoSchedules.TOTAL_STEPS,
                options.epochs() * stepsPerEpoch)
            : "");
    if (controls.stop() != null) {
      out.printf(Locale.ROOT, "early stopping: hp.earlyStop() = %s%n", controls.stop().stopper());
    }
    if (controls.clip() != null) {
      out.printf(Locale.ROOT, "clipping: hp.clip() = %s%n", hp.clip());
    }
    Result result =
        train(data, new AnnealTracker(schedule), controls, options.epochs(), options.seed(), out);
    if (controls.plateau() != null) {
      out.printf(
          Locale.ROOT,
          "plateau: rate cut after epoch(s) %s, scale now %s%n",
          controls.plateau().cuts(),
          controls.plateau().plateau().scale());
    }
    if (controls.clip() != null) {
      ClipListener c = controls.clip();
      out.printf(
          Locale.ROOT,
          "clip: %,d of %,d steps had a norm above %.1f (largest %.2f)%n",
          c.clippedSteps(),
          c.steps(),
          CLIP_MAX,
          c.maxNorm());
    }
    int ran = result.epochs().size();
    out.printf(
        Locale.ROOT,
        "test accuracy %.2f%% after %d epoch%s%s (%,d SGD updates), %.1f s%n",
        100 * result.testAccuracy(),
        ran,
        ran == 1 ? "" : "s",
        result.stoppedEpoch() > 0
            ? String.format(
                Locale.ROOT,
                " (the stopper ended it; epoch %d's weights)",
                controls.stop().bestEpoch())
            : "",
        result.updates(),
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
    System.getProperties()
        .putIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
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

  /** The schedule methods of {@link DemoSchedules} (plateau ones included), by name. */
  static List<String> scheduleNames() {
    TreeSet<String> names = new TreeSet<>();
    for (Method m : DemoSchedules.class.getMethods()) {
      if (m.getParameterCount() == 0 && LrSchedule.class.isAssignableFrom(m.getReturnType())) {
        names.add(m.getName());
      }
    }
    return new ArrayList<>(names);
  }

  static LrSchedule demoSchedule(DemoSchedules hp, String name) {
    if (!scheduleNames().contains(name)) {
      throw new IllegalArgumentException(
          "--schedule must be one of " + String.join(", ", scheduleNames()) + ", was " + name);
    }
    try {
      return (LrSchedule) DemoSchedules.class.getMethod(name).invoke(hp);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Trains a fresh MLP for at most {@code epochs} epochs with {@code EasyTrain.fit}, SGD (momentum
   * {@value #MOMENTUM}) whose rate is {@code lr}, validating on {@code data.validation()} after
   * each epoch, with the listeners of {@code controls}; prints one line per epoch to {@code out}
   * (null: silent). The listeners are added after DJL's {@code TrainingListener.Defaults.basic()}
   * (which computes the validation loss they read), the early stopper last; its {@code
   * EarlyStoppedException} ends the run normally.
   */
  public static Result train(
      DigitsArrays.Split data, Tracker lr, Controls controls, int epochs, int seed, PrintStream out)
      throws IOException, TranslateException {
    long start = System.nanoTime();
    Engine.getInstance().setRandomSeed(seed);
    DigitsArrays.Part train = data.train();
    long stepsPerEpoch = stepsPerEpoch(train.rows());
    try (NDManager manager = NDManager.newBaseManager();
        Model model = Model.newInstance("anneal-digits-mlp")) {
      model.setBlock(
          new SequentialBlock()
              .add(Linear.builder().setUnits(HIDDEN_UNITS).build())
              .add(Activation::relu)
              .add(Linear.builder().setUnits(train.classes()).build()));
      ArrayDataset trainSet = dataset(manager, train, true);
      ArrayDataset validationSet = dataset(manager, data.validation(), false);
      Optimizer sgd = Optimizer.sgd().setLearningRateTracker(lr).optMomentum(MOMENTUM).build();
      EpochLog log = new EpochLog(lr, stepsPerEpoch, epochs, out);
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(sgd)
              .addEvaluator(new Accuracy())
              .addTrainingListeners(TrainingListener.Defaults.basic())
              .addTrainingListeners(log);
      // Order matters in onEpoch: the log sees the rates the epoch used before the plateau cuts,
      // and the stopper throws, so it comes last.
      for (TrainingListener l :
          new TrainingListener[] {controls.plateau(), controls.clip(), controls.stop()}) {
        if (l != null) {
          config.addTrainingListeners(l);
        }
      }
      int stoppedEpoch = 0;
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(BATCH_SIZE, train.dim()));
        try {
          EasyTrain.fit(trainer, epochs, trainSet, validationSet);
        } catch (EarlyStoppedException e) {
          stoppedEpoch = e.getStopEpoch();
        }
        if (log.updates != log.epochs.size() * stepsPerEpoch) {
          throw new IllegalStateException(
              "expected "
                  + stepsPerEpoch
                  + " batches per epoch, ran "
                  + log.updates
                  + " in "
                  + log.epochs.size());
        }
        double validationLoss = loss(trainer, manager, data.validation());
        double testAccuracy = accuracy(trainer, manager, data.test());
        return new Result(
            List.copyOf(log.epochs),
            log.updates,
            stoppedEpoch,
            validationLoss,
            testAccuracy,
            (System.nanoTime() - start) / 1e9);
      }
    }
  }

  private static ArrayDataset dataset(NDManager manager, DigitsArrays.Part part, boolean shuffle) {
    return new ArrayDataset.Builder()
        .setData(manager.create(part.features(), new Shape(part.rows(), part.dim())))
        .optLabels(manager.create(part.labels()))
        .setSampling(BATCH_SIZE, shuffle)
        .build();
  }

  /** Counts updates and records (and prints) each epoch from DJL's training result. */
  private static final class EpochLog extends TrainingListenerAdapter {
    private final Tracker lr;
    private final long stepsPerEpoch;
    private final int maxEpochs;
    private final PrintStream out;
    final List<Epoch> epochs = new ArrayList<>();
    long updates;

    EpochLog(Tracker lr, long stepsPerEpoch, int maxEpochs, PrintStream out) {
      this.lr = lr;
      this.stepsPerEpoch = stepsPerEpoch;
      this.maxEpochs = maxEpochs;
      this.out = out;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
      updates++; // trainer.step() follows: it asks lr for update number `updates`
    }

    @Override
    public void onEpoch(Trainer trainer) {
      TrainingResult r = trainer.getTrainingResult();
      int epoch = epochs.size() + 1;
      // DJL's first update is numUpdate 1: this epoch's are updates - stepsPerEpoch + 1 .. updates.
      Epoch e =
          new Epoch(
              epoch,
              lr.getNewValue((int) (updates - stepsPerEpoch + 1)),
              lr.getNewValue((int) updates),
              r.getTrainLoss(),
              r.getTrainEvaluation("Accuracy"),
              r.getValidateLoss(),
              r.getValidateEvaluation("Accuracy"));
      epochs.add(e);
      if (out != null) {
        out.printf(
            Locale.ROOT,
            "epoch %2d/%d  lr %.5f -> %.5f  loss %.4f  train %.2f%%  val loss %.4f  val %.2f%%%n",
            e.epoch(),
            maxEpochs,
            e.firstLr(),
            e.lastLr(),
            e.loss(),
            100 * e.trainAccuracy(),
            e.validationLoss(),
            100 * e.validationAccuracy());
      }
    }
  }

  /** Rows whose largest logit is at the label. */
  private static long correct(NDArray logits, NDArray labels) {
    return logits.argMax(1).eq(labels.toType(DataType.INT64, false)).countNonzero().getLong();
  }

  /** Accuracy over a whole part, no gradients; everything it creates is freed on return. */
  static double accuracy(Trainer trainer, NDManager manager, DigitsArrays.Part part) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(part.features(), new Shape(part.rows(), part.dim()));
      NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
      return (double) correct(logits, scope.create(part.labels())) / part.rows();
    }
  }

  /** Mean softmax cross-entropy over a whole part, no gradients. */
  static double loss(Trainer trainer, NDManager manager, DigitsArrays.Part part) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(part.features(), new Shape(part.rows(), part.dim()));
      NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
      return trainer
          .getLoss()
          .evaluate(new NDList(scope.create(part.labels())), new NDList(logits))
          .getFloat();
    }
  }
}
