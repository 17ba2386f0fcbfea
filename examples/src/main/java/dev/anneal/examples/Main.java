package dev.anneal.examples;

import dev.anneal.ParamGroups;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The anneal demo: trains the same small MLP with each schedule of {@link DemoSchedules} (plus one
 * run with per-layer groups) over several seeds, prints a comparison table and writes SVG plots
 * and a CSV.
 *
 * <pre>mvn -q -pl examples -am package exec:java -DskipTests</pre>
 */
public final class Main {
  /** The hidden layer trains at half the output layer's rate and stays frozen for two epochs. */
  static final double HIDDEN_SCALE = 0.5;

  static final long HIDDEN_UNFREEZE_STEP = 2 * DemoSchedules.STEPS_PER_EPOCH;

  /**
   * Fashion-MNIST has 784 inputs instead of 64 and is noisier: the digits' peak rate of 0.1 makes
   * SGD unstable there (constant 0.1 ends near 63% after one epoch, 84% at a quarter of it).
   */
  static final double FASHION_LR_SCALE = 0.25;

  /** Fashion-MNIST epochs take ~3 s per run (60,000 rows), so fewer by default. */
  static final int FASHION_EPOCHS = 2;

  static final String USAGE =
      "Usage: mvn -q -pl examples -am package exec:java -DskipTests [-Dexec.args=\"OPTIONS\"]\n"
          + "   or: java -cp ... dev.anneal.examples.Main [OPTIONS]\n\n"
          + "Trains a small MLP (64 ReLU hidden units, softmax; plain Java, SGD with momentum 0.9)\n"
          + "with each learning-rate schedule declared in DemoSchedules, and compares them.\n\n"
          + "  --epochs N     epochs per run (default " + DemoSchedules.EPOCHS + ", " + FASHION_EPOCHS + " for Fashion-MNIST); the\n"
          + "                 schedules are declared for " + DemoSchedules.TOTAL_STEPS + " steps and stretched to fit\n"
          + "  --seeds N      runs per schedule, seeds 1..N (default 3)\n"
          + "  --data NAME    digits (default: bundled UCI optical digits) or fashion-mnist\n"
          + "                 (from " + FashionMnist.DEFAULT_DIR + ", Debian package\n"
          + "                 dataset-fashion-mnist; rates x" + FASHION_LR_SCALE + ", ~3 s per epoch and run)\n"
          + "  --out DIR      where lr-curves.svg, loss-curves.svg and results.csv go\n"
          + "                 (default target/anneal-demo; examples/target/anneal-demo via Maven)\n"
          + "  --quiet        no progress output\n"
          + "  --help         this text\n";

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
  record Options(int epochs, int seeds, Path out, boolean fashion, boolean quiet, boolean help) {
    static Options parse(String[] args) throws UsageException {
      int epochs = 0;
      int seeds = 3;
      Path out = Path.of(System.getProperty(OUT_PROPERTY, "target/anneal-demo"));
      boolean fashion = false;
      boolean quiet = false;
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--epochs" -> epochs = positive(args, ++i);
          case "--seeds" -> seeds = positive(args, ++i);
          case "--out" -> out = Path.of(value(args, ++i));
          case "--data" -> {
            String data = value(args, ++i);
            if (!data.equals("digits") && !data.equals("fashion-mnist")) {
              throw new UsageException("--data must be digits or fashion-mnist, was " + data);
            }
            fashion = data.equals("fashion-mnist");
          }
          case "--quiet", "-q" -> quiet = true;
          case "--help", "-h" -> help = true;
          default -> throw new UsageException("unknown option " + args[i]);
        }
      }
      if (epochs == 0) {
        epochs = fashion ? FASHION_EPOCHS : DemoSchedules.EPOCHS;
      }
      return new Options(epochs, seeds, out, fashion, quiet, help);
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

  public static void main(String[] args) {
    try {
      run(args, System.out, System.err);
    } catch (UsageException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(2);
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  /** The eight configurations, in table order; the schedules come from the generated class. */
  static List<Trainer.Config> configs() {
    DemoSchedules s = new DemoSchedulesImpl();
    ParamGroups layers = ParamGroups.builder()
        .add("hidden", HIDDEN_SCALE, HIDDEN_UNFREEZE_STEP)
        .add("output", 1.0, 0)
        .build();
    return List.of(
        new Trainer.Config("constant", "constant", s.constant(), null),
        new Trainer.Config("step-decay", "step decay", s.stepDecay(), null),
        new Trainer.Config("exponential", "exponential", s.exponential(), null),
        new Trainer.Config("warmup-cosine", "warm-up + cosine", s.cosine(), null),
        new Trainer.Config("cyclic", "cyclical (triangular2)", s.cyclic(), null),
        new Trainer.Config("one-cycle", "one-cycle", s.oneCycle(), null),
        new Trainer.Config("wsd", "warmup-stable-decay", s.warmupStableDecay(), null),
        new Trainer.Config("cosine-layerwise",
            "warm-up + cosine, layer-wise (0.5) + staggered unfreeze", s.cosine(), layers));
  }

  /** Everything {@link #main} does, minus {@code System.exit}: for tests and embedding. */
  public static Report run(String[] args, PrintStream out, PrintStream err) throws UsageException, IOException {
    Options options = Options.parse(args);
    if (options.help()) {
      out.print(USAGE);
      return new Report(List.of(), List.of());
    }
    Dataset.Split data = options.fashion() ? FashionMnist.load(FashionMnist.DEFAULT_DIR) : Digits.load();
    Trainer trainer = new Trainer(data, options.epochs(), DemoSchedules.BATCH_SIZE, DemoSchedules.TOTAL_STEPS,
        options.fashion() ? FASHION_LR_SCALE : 1);
    describe(options, data, trainer, out);

    ProgressBar progress = options.quiet() ? ProgressBar.silent()
        : System.console() != null ? ProgressBar.live(err) : ProgressBar.linesOnly(err);
    List<ResultsTable.Summary> summaries = new ArrayList<>();
    for (Trainer.Config config : configs()) {
      List<Trainer.Run> runs = new ArrayList<>();
      for (int seed = 1; seed <= options.seeds(); seed++) {
        // Ids are short: with a bar the whole status line stays within 80 columns.
        progress.start(String.format(Locale.ROOT, "%-16s seed %d/%d", config.id(), seed, options.seeds()));
        Trainer.Run run = trainer.run(config, seed, progress);
        progress.finish(String.format(Locale.ROOT, "test accuracy %.2f%%  loss %.4f  %.1f s",
            100 * run.testAccuracy(), run.finalLoss(), run.seconds()));
        runs.add(run);
      }
      summaries.add(new ResultsTable.Summary(config, runs));
    }

    out.println();
    out.print(ResultsTable.format(summaries));
    out.println();
    List<Path> files = write(options, data, trainer, summaries);
    for (Path file : files) {
      out.println("wrote " + file);
    }
    out.flush();
    return new Report(summaries, files);
  }

  private static void describe(Options options, Dataset.Split data, Trainer trainer, PrintStream out) {
    out.printf(Locale.ROOT, "anneal demo: MLP %d-%d-%d (ReLU, softmax), SGD momentum %.1f, batch %d%n",
        data.train().dim(), Trainer.HIDDEN_UNITS, data.train().classes(), Mlp.MOMENTUM, DemoSchedules.BATCH_SIZE);
    out.printf(Locale.ROOT, "data: %s, %,d train / %,d test rows; %d epochs x %d steps; seeds 1..%d%n",
        options.fashion() ? "Fashion-MNIST" : "UCI optical digits", data.train().size(), data.test().size(),
        options.epochs(), trainer.stepsPerEpoch(), options.seeds());
    if (options.fashion()) {
      out.printf(Locale.ROOT, "note: every rate is multiplied by %.2f for Fashion-MNIST (784 inputs)%n", FASHION_LR_SCALE);
    }
    if (trainer.iterations() != DemoSchedules.TOTAL_STEPS) {
      out.printf(Locale.ROOT,
          "note: the schedules are declared for %,d steps; this run has %,d, so iteration i queries step "
              + "floor(i * %d / %d)%n",
          DemoSchedules.TOTAL_STEPS, trainer.iterations(), DemoSchedules.TOTAL_STEPS, trainer.iterations());
    }
  }

  private static List<Path> write(Options options, Dataset.Split data, Trainer trainer,
      List<ResultsTable.Summary> summaries) throws IOException {
    Path dir = options.out().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    String setup = String.format(Locale.ROOT, "%s, MLP %d-%d-%d, SGD momentum %.1f, batch %d",
        options.fashion() ? "Fashion-MNIST" : "UCI digits", data.train().dim(), Trainer.HIDDEN_UNITS,
        data.train().classes(), Mlp.MOMENTUM, DemoSchedules.BATCH_SIZE);

    SvgPlot lr = new SvgPlot("Learning rate per step",
        String.format(Locale.ROOT, "The rates the training loop used (seed 1), from DemoSchedulesImpl; %,d steps per epoch",
            trainer.stepsPerEpoch()),
        "step (mini-batch)", "learning rate", false);
    SvgPlot loss = new SvgPlot("Training loss per epoch",
        setup + "; mean over " + options.seeds() + (options.seeds() == 1 ? " seed" : " seeds"),
        "epoch", "cross-entropy loss (log scale)", true).integerX();
    for (int i = 0; i < summaries.size(); i++) {
      ResultsTable.Summary s = summaries.get(i);
      String color = SvgPlot.PALETTE[i % SvgPlot.PALETTE.length];
      Trainer.Run first = s.runs().get(0);
      boolean grouped = s.config().groups() != null;
      // Per-layer runs: plot the hidden layer, the one that differs (the output layer's rate is the plain schedule's).
      double[] rates = first.lr()[grouped ? Mlp.HIDDEN_LAYER : Mlp.OUTPUT_LAYER];
      String name = grouped ? s.config().name() + ": hidden layer (output layer = plain schedule)" : s.config().name();
      // Constant, step decay and warmup-stable-decay all sit at the peak for a while: the first two
      // (drawn first) are wider, so each stays visible around the ones drawn over it.
      double width = switch (s.config().id()) {
        case "constant" -> 7;
        case "step-decay" -> 4.4;
        default -> SvgPlot.Series.DEFAULT_WIDTH;
      };
      lr.add(sampled(name, color, grouped, width, rates));
      double[] epochs = new double[first.epochLoss().length];
      for (int e = 0; e < epochs.length; e++) {
        epochs[e] = e + 1;
      }
      loss.add(new SvgPlot.Series(s.config().name(), color, grouped, epochs, s.meanEpochLoss()));
    }
    Path lrFile = dir.resolve("lr-curves.svg");
    Path lossFile = dir.resolve("loss-curves.svg");
    Path csvFile = dir.resolve("results.csv");
    Files.writeString(lrFile, lr.render(), StandardCharsets.UTF_8);
    Files.writeString(lossFile, loss.render(), StandardCharsets.UTF_8);
    Files.write(csvFile, ResultsTable.csv(summaries), StandardCharsets.UTF_8);
    return List.of(lrFile, lossFile, csvFile);
  }

  /** At most ~2,000 points per curve: enough for any screen, small files for long runs. */
  private static SvgPlot.Series sampled(String name, String color, boolean dashed, double width, double[] rates) {
    int stride = Math.max(1, (rates.length + 1_999) / 2_000);
    int n = (rates.length - 1) / stride + 1;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (long) i * stride;
      y[i] = rates[i * stride];
    }
    return new SvgPlot.Series(name, color, dashed, width, x, y);
  }
}
