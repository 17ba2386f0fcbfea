package dev.anneal.examples;

import dev.anneal.GradientClip;
import dev.anneal.LrRangeTest;
import dev.anneal.ParamGroups;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The anneal demo: trains the same small MLP with each schedule of {@link DemoSchedules} (plus one
 * run with per-layer groups) over several seeds, prints a comparison table and writes SVG plots and
 * a CSV.
 *
 * <pre>
 * mvn -q -pl examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp runtime/target/classes:examples/target/classes \
 *     dev.anneal.examples.Main [OPTIONS]
 * </pre>
 */
public final class Main {
  /** The hidden layer trains at half the output layer's rate and stays frozen for two epochs. */
  static final double HIDDEN_SCALE = 0.5;

  static final double CLIP_MAX = 1.0;

  static final long HIDDEN_UNFREEZE_STEP = 2 * DemoSchedules.STEPS_PER_EPOCH;

  /**
   * Fashion-MNIST has 784 inputs instead of 64 and is noisier: the digits' peak rate of 0.1 makes
   * SGD unstable there (constant 0.1 ends near 63% after one epoch, 84% at a quarter of it).
   */
  static final double FASHION_LR_SCALE = 0.25;

  /** Fashion-MNIST epochs take ~3 s per run (60,000 rows), so fewer by default. */
  static final int FASHION_EPOCHS = 2;

  static final int DEFAULT_SEEDS = 10;

  /**
   * AdamW takes rates about 30x smaller than SGD with momentum: every rate is multiplied by this.
   */
  static final double ADAMW_LR_SCALE = 1.0 / 30;

  /** Sweep of {@code --find-lr}: exponential from 1e-4 to 10 over 200 mini-batches. */
  static final double FIND_LR_START = 1e-4;

  static final double FIND_LR_END = 10;
  static final int FIND_LR_STEPS = 200;

  /** The command of the README, from the repository root, after {@code mvn package}. */
  static final String COMMAND =
      "java --add-modules jdk.incubator.vector -cp runtime/target/classes:examples/target/classes"
          + " dev.anneal.examples.Main";

  static final String USAGE =
      "Usage: "
          + COMMAND
          + " [OPTIONS]\n"
          + "(build it first: mvn -q -pl examples -am package -DskipTests)\n\n"
          + "Trains a small MLP (64 ReLU hidden units, softmax; plain Java) with each learning-rate\n"
          + "schedule and controller declared in DemoSchedules, over several seeds, and compares them.\n\n"
          + "  --epochs N        epochs per run (default "
          + DemoSchedules.EPOCHS
          + ", "
          + FASHION_EPOCHS
          + " for Fashion-MNIST); the schedules\n"
          + "                    are declared for "
          + DemoSchedules.TOTAL_STEPS
          + " steps and stretched to fit\n"
          + "  --seeds N         runs per configuration, seeds 1..N (default "
          + DEFAULT_SEEDS
          + ")\n"
          + "  --optimizer NAME  sgd (default: momentum 0.9) or adamw (PyTorch's defaults, weight\n"
          + "                    decay 0.01; every rate x1/30)\n"
          + "  --clip            clip every step's gradient to global L2 norm "
          + CLIP_MAX
          + " (@ClipNorm)\n"
          + "  --find-lr         run the LR range test instead: writes lr-find.svg and prints the\n"
          + "                    @OneCycle declaration to paste\n"
          + "  --data NAME       digits (default: bundled UCI optical digits) or fashion-mnist\n"
          + "                    (from "
          + FashionMnist.DEFAULT_DIR
          + ", Debian package\n"
          + "                    dataset-fashion-mnist; rates x"
          + FASHION_LR_SCALE
          + ", ~3 s per epoch and run)\n"
          + "  --out DIR         where the SVG plots and results.csv go\n"
          + "                    (default target/anneal-demo under the working directory)\n"
          + "  --quiet           no progress output\n"
          + "  --help            this text\n";

  /** The default output directory when set (examples/pom.xml sets it for exec:java). */
  static final String OUT_PROPERTY = "anneal.demo.out";

  private Main() {}

  /** A bad command line; {@link #main} prints it with a hint and exits with status 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** What a run produced; empty for {@code --help}. */
  record Report(List<ResultsTable.Summary> summaries, List<Path> files) {}

  /** The command line, defaults filled in. */
  record Options(
      int epochs,
      int seeds,
      Mlp.Optimizer optimizer,
      boolean clip,
      boolean findLr,
      Path out,
      boolean fashion,
      boolean quiet,
      boolean help) {
    static Options parse(String[] args) throws UsageException {
      int epochs = 0;
      int seeds = DEFAULT_SEEDS;
      Mlp.Optimizer optimizer = Mlp.Optimizer.SGD;
      boolean clip = false;
      boolean findLr = false;
      Path out = Path.of(System.getProperty(OUT_PROPERTY, "target/anneal-demo"));
      boolean fashion = false;
      boolean quiet = false;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--epochs" -> epochs = positive(args, ++i);
          case "--seeds" -> seeds = positive(args, ++i);
          case "--out" -> out = Path.of(value(args, ++i));
          case "--optimizer" -> {
            String name = value(args, ++i);
            optimizer =
                switch (name) {
                  case "sgd" -> Mlp.Optimizer.SGD;
                  case "adamw" -> Mlp.Optimizer.ADAMW;
                  default ->
                      throw new UsageException(
                          "--optimizer must be sgd or adamw, was "
                              + name
                              + didYouMean(name, List.of("sgd", "adamw")));
                };
          }
          case "--clip" -> clip = true;
          case "--find-lr" -> findLr = true;
          case "--data" -> {
            String data = value(args, ++i);
            if (!data.equals("digits") && !data.equals("fashion-mnist")) {
              throw new UsageException(
                  "--data must be digits or fashion-mnist, was "
                      + data
                      + didYouMean(data, List.of("digits", "fashion-mnist")));
            }
            fashion = data.equals("fashion-mnist");
          }
          case "--quiet", "-q" -> quiet = true;
          case "--help", "-h" -> help = true;
          default ->
              throw new UsageException("unknown option " + args[i] + didYouMean(args[i], OPTIONS));
        }
      }
      if (epochs == 0) {
        epochs = fashion ? FASHION_EPOCHS : DemoSchedules.EPOCHS;
      }
      return new Options(epochs, seeds, optimizer, clip, findLr, out, fashion, quiet, help);
    }

    /** Every option {@link #parse} knows, for suggestions. */
    static final List<String> OPTIONS =
        List.of(
            "--epochs",
            "--seeds",
            "--out",
            "--optimizer",
            "--clip",
            "--find-lr",
            "--data",
            "--quiet",
            "--help");

    /**
     * {@code " (did you mean --seeds?)"} when {@code given} is a likely typo of one of {@code
     * known}: at most one edit (insertion, deletion, substitution or transposition of neighbours)
     * per three characters, or the start of a longer name; otherwise empty.
     */
    static String didYouMean(String given, List<String> known) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String k : known) {
        int d = distance(given, k);
        boolean likely =
            d <= Math.max(1, k.length() / 3) || (given.length() >= 4 && k.startsWith(given));
        if (likely && d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
      return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** Optimal string alignment distance: Levenshtein plus transpositions of neighbours. */
    static int distance(String a, String b) {
      int[][] d = new int[a.length() + 1][b.length() + 1];
      for (int i = 0; i <= a.length(); i++) {
        for (int j = 0; j <= b.length(); j++) {
          if (i == 0 || j == 0) {
            d[i][j] = i + j;
            continue;
          }
          int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
          d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
          if (i > 1
              && j > 1
              && a.charAt(i - 1) == b.charAt(j - 2)
              && a.charAt(i - 2) == b.charAt(j - 1)) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length()][b.length()];
    }

    double lrScale() {
      return (fashion ? FASHION_LR_SCALE : 1)
          * (optimizer == Mlp.Optimizer.ADAMW ? ADAMW_LR_SCALE : 1);
    }

    private static String value(String[] args, int i) throws UsageException {
      if (i >= args.length) {
        throw new UsageException(args[i - 1] + " needs a value");
      }
      return args[i];
    }

    private static int positive(String[] args, int i) throws UsageException {
      String v = value(args, i);
      try {
        int n = Integer.parseInt(v);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new UsageException(args[i - 1] + " needs a positive integer, was " + v);
    }
  }

  /** The one line {@link #main} prints for a bad command line. */
  static String usageError(UsageException e) {
    return "error: " + e.getMessage() + "; --help lists the options";
  }

  public static void main(String[] args) {
    try {
      run(args, System.out, System.err);
    } catch (UsageException e) {
      // one line: the mistake and where the options are, not the whole usage text
      System.err.println(usageError(e));
      System.exit(2);
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The configurations, in table order; the schedules come from the generated class. */
  static List<Trainer.Config> configs() {
    return configs(false);
  }

  /** The configurations, every one with the global-norm clip if {@code clip}. */
  static List<Trainer.Config> configs(boolean clip) {
    List<Trainer.Config> configs = plainConfigs();
    if (!clip) {
      return configs;
    }
    GradientClip c = new DemoSchedulesImpl().clip();
    return configs.stream()
        .map(k -> k.withClip(k.id() + "+clip", k.name() + " + clip", c))
        .toList();
  }

  private static List<Trainer.Config> plainConfigs() {
    ParamGroups layers =
        ParamGroups.builder()
            .add("hidden", HIDDEN_SCALE, HIDDEN_UNFREEZE_STEP)
            .add("output", 1.0, 0)
            .build();
    return List.of(
        Trainer.Config.of("constant", "constant (peak)", DemoSchedules::constant),
        Trainer.Config.of("constant-safe", "constant (peak / 3)", DemoSchedules::constantSafe),
        Trainer.Config.of("step-decay", "step decay", DemoSchedules::stepDecay),
        Trainer.Config.of("exponential", "exponential", DemoSchedules::exponential),
        Trainer.Config.of("warmup-cosine", "warm-up + cosine", DemoSchedules::cosine),
        Trainer.Config.of("cyclic", "cyclical (triangular2)", DemoSchedules::cyclic),
        Trainer.Config.of("one-cycle", "one-cycle", DemoSchedules::oneCycle),
        new Trainer.Config(
            "one-cycle-momentum",
            "one-cycle + cycled momentum",
            DemoSchedules::oneCycle,
            null,
            DemoSchedules::oneCycleMomentum,
            null,
            null),
        Trainer.Config.of("wsd", "warmup-stable-decay", DemoSchedules::warmupStableDecay),
        new Trainer.Config(
            "cosine-layerwise",
            "warm-up + cosine, layer-wise",
            DemoSchedules::cosine,
            layers,
            null,
            null,
            null),
        Trainer.Config.of("plateau", "reduce on plateau", DemoSchedules::plateau),
        new Trainer.Config(
            "plateau-stop",
            "reduce on plateau + early stop",
            DemoSchedules::plateau,
            null,
            null,
            DemoSchedules::earlyStop,
            null));
  }

  /** Everything {@link #main} does, minus {@code System.exit}: for tests and embedding. */
  public static Report run(String[] args, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    Options options = Options.parse(args);
    if (options.help()) {
      out.print(USAGE);
      return new Report(List.of(), List.of());
    }
    Dataset.Split data =
        options.fashion() ? FashionMnist.load(FashionMnist.DEFAULT_DIR) : Digits.load();
    Trainer trainer =
        new Trainer(
            data,
            options.epochs(),
            DemoSchedules.BATCH_SIZE,
            DemoSchedules.TOTAL_STEPS,
            options.lrScale(),
            options.optimizer());
    if (options.findLr()) {
      return findLr(options, data, trainer, out);
    }
    describe(options, data, trainer, out);

    ProgressBar progress =
        options.quiet()
            ? ProgressBar.silent()
            : System.console() != null ? ProgressBar.live(err) : ProgressBar.linesOnly(err);
    List<ResultsTable.Summary> summaries = new ArrayList<>();
    double seconds = 0;
    for (Trainer.Config config : configs(options.clip())) {
      List<Trainer.Run> runs = new ArrayList<>();
      for (int seed = 1; seed <= options.seeds(); seed++) {
        // Ids are short: with a bar the whole status line stays within 80 columns.
        progress.start(
            String.format(Locale.ROOT, "%-18s seed %2d/%d", config.id(), seed, options.seeds()));
        Trainer.Run run = trainer.run(config, seed, progress);
        progress.finish(
            String.format(
                Locale.ROOT,
                "test acc. %.2f%%  %.1f s%s%s",
                100 * run.testAccuracy(),
                run.seconds(),
                run.cuts().isEmpty() ? "" : "  LR cut after epochs " + run.cuts(),
                run.stoppedEpoch() == 0
                    ? ""
                    : "  stopped at epoch " + run.stoppedEpoch() + ", best " + run.bestEpoch()));
        runs.add(run);
        seconds += run.seconds();
      }
      summaries.add(new ResultsTable.Summary(config, runs));
    }

    out.println();
    out.print(ResultsTable.format(summaries, summaries.get(0), summaries.get(1)));
    out.printf(
        Locale.ROOT,
        "* differs from that baseline at the 5%% level (Welch's t-test over %d seeds)%n",
        options.seeds());
    out.printf(Locale.ROOT, "training time %.1f s in total%n", seconds);
    out.println();
    List<Path> files = write(options, data, trainer, summaries);
    for (Path file : files) {
      out.println("wrote " + file);
    }
    out.flush();
    return new Report(summaries, files);
  }

  /**
   * The LR range test on a fresh model (seed 1): an exponential sweep, one mini-batch per LR,
   * stopped when the smoothed loss diverges; then the plot and the declaration to paste.
   */
  static Report findLr(Options options, Dataset.Split data, Trainer trainer, PrintStream out)
      throws IOException {
    LrRangeTest finder = LrRangeTest.exponential(FIND_LR_START, FIND_LR_END, FIND_LR_STEPS);
    SplittableRandom random = new SplittableRandom(1);
    Mlp model = trainer.model(random);
    Dataset train = data.train();
    int[] order = new int[train.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int from = order.length;
    out.printf(
        Locale.ROOT,
        "LR range test: %s, %s, LR %.0e .. %.0f over at most %d mini-batches of %d%n",
        trainer.optimizer().description,
        train.name(),
        FIND_LR_START,
        FIND_LR_END,
        FIND_LR_STEPS,
        DemoSchedules.BATCH_SIZE);
    while (!finder.done()) {
      if (from >= order.length) {
        Shuffle.inPlace(order, random);
        from = 0;
      }
      int to = Math.min(from + DemoSchedules.BATCH_SIZE, order.length);
      double lr = finder.lr();
      double loss = model.gradients(train, order, from, to, true) / (to - from);
      model.step(lr, lr, Mlp.MOMENTUM);
      from = to;
      finder.record(loss);
    }
    double valley = finder.valley();
    double steepest = finder.steepest();
    double minimum = finder.minimum();
    out.printf(
        Locale.ROOT,
        "%d steps recorded%s%n",
        finder.recorded(),
        finder.diverged() ? ", stopped when the loss diverged" : "");
    out.printf(
        Locale.ROOT,
        "suggestions: valley %.3g (fastai's default), steepest %.3g, minimum/10 %.3g%n",
        valley,
        steepest,
        minimum);
    out.println("declare, for this run's budget of " + trainer.iterations() + " steps:");
    out.println();
    out.println("  " + finder.oneCycle().declaration(trainer.iterations()));
    out.println();

    double[] lrs = finder.lrs();
    double[] smoothed = finder.smoothed();
    double[] raw = finder.losses();
    double top = 0;
    for (double v : smoothed) {
      top = Math.max(top, v);
    }
    SvgPlot plot =
        new SvgPlot(
                "LR range test",
                String.format(
                    Locale.ROOT,
                    "%s, %s, batch %d; loss after each step while the LR grows",
                    train.name(),
                    trainer.optimizer().description,
                    DemoSchedules.BATCH_SIZE),
                "learning rate (log scale)",
                "training loss (log scale)",
                true)
            .logX();
    plot.add(
        new SvgPlot.Series("loss of the step", SvgPlot.PALETTE[0], SvgPlot.SOLID, 1.2, lrs, raw));
    plot.add(
        new SvgPlot.Series(
            "smoothed (EMA 0.98, bias-corrected)",
            SvgPlot.PALETTE[1],
            SvgPlot.SOLID,
            lrs,
            smoothed));
    double bottom = Double.POSITIVE_INFINITY;
    for (double v : smoothed) {
      bottom = Math.min(bottom, v);
    }
    double[][] marks = {{valley}, {steepest}, {minimum}};
    String[] names = {
      String.format(Locale.ROOT, "valley %.2g: the @OneCycle peak", valley),
      String.format(Locale.ROOT, "steepest descent %.2g", steepest),
      String.format(Locale.ROOT, "minimum / 10: %.2g", minimum)
    };
    for (int i = 0; i < marks.length; i++) {
      double x = marks[i][0];
      plot.add(
          new SvgPlot.Series(
              names[i],
              SvgPlot.PALETTE[3 + i],
              "7 4",
              new double[] {x, x},
              new double[] {bottom, top}));
    }
    Path dir = options.out().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    Path file = dir.resolve("lr-find.svg");
    Files.writeString(file, plot.render(), StandardCharsets.UTF_8);
    out.println("wrote " + file);
    out.flush();
    return new Report(List.of(), List.of(file));
  }

  private static void describe(
      Options options, Dataset.Split data, Trainer trainer, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "anneal demo: MLP %d-%d-%d (ReLU, softmax), %s, batch %d%s%n",
        data.train().dim(),
        Trainer.HIDDEN_UNITS,
        data.train().classes(),
        options.optimizer().description,
        DemoSchedules.BATCH_SIZE,
        options.clip() ? ", gradients clipped to norm " + CLIP_MAX : "");
    out.printf(
        Locale.ROOT,
        "data: %s, %,d train / %,d validation / %,d test rows%n"
            + "budget: %d epochs x %d steps; seeds 1..%d%n",
        options.fashion() ? "Fashion-MNIST" : "UCI optical digits",
        data.train().size(),
        data.validation().size(),
        data.test().size(),
        options.epochs(),
        trainer.stepsPerEpoch(),
        options.seeds());
    if (options.lrScale() != 1) {
      out.printf(
          Locale.ROOT,
          "note: every declared rate is multiplied by %.4g (%s)%n",
          options.lrScale(),
          options.fashion() && options.optimizer() == Mlp.Optimizer.ADAMW
              ? "Fashion-MNIST, AdamW"
              : options.fashion() ? "Fashion-MNIST has 784 inputs" : "AdamW");
    }
    if (trainer.iterations() != DemoSchedules.TOTAL_STEPS) {
      out.printf(
          Locale.ROOT,
          "note: the schedules are declared for %,d steps; this run has %,d, so iteration i%n"
              + "      queries step floor(i * %d / %d)%n",
          DemoSchedules.TOTAL_STEPS,
          trainer.iterations(),
          DemoSchedules.TOTAL_STEPS,
          trainer.iterations());
    }
  }

  private static List<Path> write(
      Options options, Dataset.Split data, Trainer trainer, List<ResultsTable.Summary> summaries)
      throws IOException {
    Path dir = options.out().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    String setup =
        String.format(
            Locale.ROOT,
            "%s, MLP %d-%d-%d, %s, batch %d",
            options.fashion() ? "Fashion-MNIST" : "UCI digits",
            data.train().dim(),
            Trainer.HIDDEN_UNITS,
            data.train().classes(),
            options.optimizer() == Mlp.Optimizer.SGD ? "SGD" : "AdamW",
            DemoSchedules.BATCH_SIZE);
    String seeds = "mean over " + options.seeds() + (options.seeds() == 1 ? " seed" : " seeds");

    SvgPlot lr =
        new SvgPlot(
            "Learning rate per step",
            String.format(
                Locale.ROOT,
                "The rates the training loop used (seed 1); %,d steps per epoch;"
                    + " plateau cuts follow the validation loss",
                trainer.stepsPerEpoch()),
            "step (mini-batch)",
            "learning rate",
            false);
    SvgPlot loss =
        new SvgPlot(
                "Training loss per epoch",
                setup + "; " + seeds,
                "epoch",
                "cross-entropy loss (log scale)",
                true)
            .integerX();
    SvgPlot val =
        new SvgPlot(
                "Validation loss per epoch",
                setup + "; " + seeds + " (that ran the epoch)",
                "epoch",
                "cross-entropy loss (log scale)",
                true)
            .integerX();
    for (int i = 0; i < summaries.size(); i++) {
      ResultsTable.Summary s = summaries.get(i);
      // every configuration its own colour and dash: no curve hides another of the same look
      String color = SvgPlot.color(i);
      String dash = SvgPlot.dash(i);
      Trainer.Run first = s.runs().get(0);
      boolean grouped = s.config().groups() != null;
      // Per-layer runs: plot the hidden layer, the one that differs (the output layer's rate is the
      // plain schedule's).
      double[] rates = first.lr()[grouped ? Mlp.HIDDEN_LAYER : Mlp.OUTPUT_LAYER];
      int ran = first.epochsRun() * trainer.stepsPerEpoch();
      rates = java.util.Arrays.copyOf(rates, Math.min(rates.length, ran));
      String name = grouped ? s.config().name() + ": hidden layer" : s.config().name();
      // Curves that sit at the same rate for a while (the constants, step decay, the plateau runs):
      // the ones drawn first are wider, so each stays visible around the ones drawn over it.
      double width =
          switch (s.config().id().replace("+clip", "")) {
            case "constant" -> 7;
            case "plateau" -> 5;
            case "step-decay" -> 4.4;
            default -> SvgPlot.Series.DEFAULT_WIDTH;
          };
      lr.add(sampled(name, color, dash, width, rates));
      loss.add(
          new SvgPlot.Series(
              s.config().name(), color, dash, epochs(s.meanEpochLoss().length), s.meanEpochLoss()));
      val.add(
          new SvgPlot.Series(
              s.config().name(), color, dash, epochs(s.meanValLoss().length), s.meanValLoss()));
    }
    Path lrFile = dir.resolve("lr-curves.svg");
    Path lossFile = dir.resolve("loss-curves.svg");
    Path valFile = dir.resolve("val-curves.svg");
    Path csvFile = dir.resolve("results.csv");
    Files.writeString(lrFile, lr.render(), StandardCharsets.UTF_8);
    Files.writeString(lossFile, loss.render(), StandardCharsets.UTF_8);
    Files.writeString(valFile, val.render(), StandardCharsets.UTF_8);
    Files.write(csvFile, ResultsTable.csv(summaries), StandardCharsets.UTF_8);
    return List.of(lrFile, lossFile, valFile, csvFile);
  }

  private static double[] epochs(int n) {
    double[] epochs = new double[n];
    for (int e = 0; e < n; e++) {
      epochs[e] = e + 1;
    }
    return epochs;
  }

  /** At most ~2,000 points per curve: enough for any screen, small files for long runs. */
  private static SvgPlot.Series sampled(
      String name, String color, String dash, double width, double[] rates) {
    int stride = Math.max(1, (rates.length + 1_999) / 2_000);
    int n = (rates.length - 1) / stride + 1;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (long) i * stride;
      y[i] = rates[i * stride];
    }
    return new SvgPlot.Series(name, color, dash, width, x, y);
  }
}
