package dev.anneal.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Runs the demo end to end on a tiny budget and checks what a user would see. */
class MainTest {
  @TempDir static Path dir;
  static Main.Report report;
  static String stdout;
  static String stderr;

  @BeforeAll
  static void runDemo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    report =
        Main.run(
            new String[] {"--epochs", "2", "--seeds", "1", "--quiet", "--out", dir.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
  }

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Trainer.Config c : Main.configs()) {
      names.add(c.name());
    }
    return names;
  }

  @Test
  void comparesAllConfigurationsAndEveryOneLearns() {
    assertEquals(12, report.summaries().size());
    assertEquals(names(), report.summaries().stream().map(s -> s.config().name()).toList());
    for (ResultsTable.Summary s : report.summaries()) {
      assertEquals(1, s.runs().size());
      double accuracy = s.meanAccuracy();
      // Chance is 0.1; after 2 epochs every schedule is above 0.8 on these (deterministic) seeds.
      assertTrue(accuracy > 0.5 && accuracy <= 1, s.config().name() + ": " + accuracy);
      assertTrue(
          s.meanFinalLoss() > 0 && s.meanFinalLoss() < 1.5,
          s.config().name() + ": " + s.meanFinalLoss());
      assertTrue(
          s.meanTestLoss() > 0 && s.meanTestLoss() < 1.5,
          s.config().name() + ": " + s.meanTestLoss());
    }
  }

  @Test
  void tableHasOneRowPerConfigurationWithTheMeasuredAccuracy() {
    assertTrue(
        stdout.contains("note: the schedules are declared for 540 steps; this run has 72"), stdout);
    for (ResultsTable.Summary s : report.summaries()) {
      Matcher row =
          Pattern.compile(
                  "(?m)^"
                      + Pattern.quote(s.config().name())
                      + " +(\\d+\\.\\d{4}) +(\\d+\\.\\d\\d) \\+/- (\\d+\\.\\d\\d) .* (\\d+\\.\\d{4}) +[0-9.]+( +[0-9.]+)?\\r?$")
              .matcher(stdout);
      assertTrue(row.find(), "no row for " + s.config().name() + " in\n" + stdout);
      double percent = Double.parseDouble(row.group(2));
      assertTrue(percent >= 0 && percent <= 100);
      assertEquals(100 * s.meanAccuracy(), percent, 0.005);
      assertEquals(s.meanFinalLoss(), Double.parseDouble(row.group(1)), 5e-5);
      assertEquals(s.meanTestLoss(), Double.parseDouble(row.group(4)), 5e-5);
    }
    for (String line : stdout.split("\\R")) {
      assertTrue(line.length() <= ResultsTable.MAX_WIDTH, line.length() + " columns: " + line);
    }
    assertEquals("", stderr, "--quiet prints nothing on stderr");
  }

  @Test
  void writesFilesAndPrintsTheirAbsolutePaths() {
    assertEquals(
        List.of("lr-curves.svg", "loss-curves.svg", "val-curves.svg", "results.csv"),
        report.files().stream().map(p -> p.getFileName().toString()).toList());
    for (Path file : report.files()) {
      assertTrue(file.isAbsolute() && Files.isRegularFile(file), file.toString());
      assertTrue(file.startsWith(dir.toAbsolutePath()), file.toString());
      assertTrue(stdout.contains("wrote " + file + System.lineSeparator()), stdout);
    }
  }

  @Test
  void lrCurvesHaveOneCurvePerScheduleAndALegend() throws Exception {
    Document svg = parse(dir.resolve("lr-curves.svg"));
    List<String> titles = curveTitles(svg);
    assertEquals(12, titles.size());
    List<String> names = names();
    for (int i = 0; i < 12; i++) {
      if (i == 9) {
        assertEquals(names.get(i) + ": hidden layer", titles.get(i));
      } else {
        assertEquals(names.get(i), titles.get(i));
      }
    }
    String legend = legendText(svg);
    for (String name : names) {
      assertTrue(legend.contains(name), name + " not in legend: " + legend);
    }
    assertAxes(svg, "step (mini-batch)", "learning rate");
  }

  @Test
  void everyCurveHasItsOwnColourAndDashAndIdenticalCurvesSaySo() throws Exception {
    for (String file : List.of("lr-curves.svg", "loss-curves.svg", "val-curves.svg")) {
      Document svg = parse(dir.resolve(file));
      NodeList curves = svg.getElementsByTagName("polyline");
      java.util.Set<String> colours = new java.util.HashSet<>();
      java.util.Set<String> dashes = new java.util.HashSet<>();
      for (int i = 0; i < curves.getLength(); i++) {
        Element curve = (Element) curves.item(i);
        assertTrue(colours.add(curve.getAttribute("stroke")), file + ": colour repeats " + i);
        assertTrue(
            dashes.add(curve.getAttribute("stroke-dasharray")), file + ": dash repeats " + i);
      }
      assertEquals(12, colours.size(), file);
    }
    // one-cycle + cycled momentum runs one-cycle's rates: drawn over it, and the legend says so
    String legend = legendText(parse(dir.resolve("lr-curves.svg")));
    assertTrue(
        legend.contains("one-cycle + cycled momentum (the same curve as one-cycle)"), legend);
    assertFalse(legend.contains("warm-up + cosine (the same"), legend);
  }

  @Test
  void lossCurvesHaveOneCurvePerConfigurationWithOnePointPerEpoch() throws Exception {
    Document svg = parse(dir.resolve("loss-curves.svg"));
    assertEquals(names(), curveTitles(svg));
    NodeList curves = svg.getElementsByTagName("polyline");
    for (int i = 0; i < curves.getLength(); i++) {
      String[] points = ((Element) curves.item(i)).getAttribute("points").trim().split(" ");
      assertEquals(2, points.length, "2 epochs");
    }
    String legend = legendText(svg);
    for (String name : names()) {
      assertTrue(legend.contains(name), name + " not in legend: " + legend);
    }
    assertAxes(svg, "epoch", "cross-entropy loss (log scale)");
    Document valSvg = parse(dir.resolve("val-curves.svg"));
    assertEquals(names(), curveTitles(valSvg));
    assertAxes(valSvg, "epoch", "cross-entropy loss (log scale)");
  }

  @Test
  void csvHasOneRowPerRun() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
    assertEquals(
        "config_id,config,seed,epochs_run,final_train_loss,final_val_loss,test_loss,"
            + "test_accuracy,lr_cuts,stopped_epoch,best_epoch,clipped_fraction,seconds",
        lines.get(0));
    assertEquals(1 + 12, lines.size());
    List<Trainer.Config> configs = Main.configs();
    for (int i = 0; i < 12; i++) {
      String line = lines.get(i + 1);
      List<String> cells = csvCells(line);
      assertEquals(
          List.of(configs.get(i).id(), configs.get(i).name(), "1", "2"), cells.subList(0, 4), line);
      assertEquals(
          report.summaries().get(i).meanFinalLoss(), Double.parseDouble(cells.get(4)), 1e-6, line);
      assertEquals(
          report.summaries().get(i).meanTestLoss(), Double.parseDouble(cells.get(6)), 1e-6, line);
      assertEquals(
          report.summaries().get(i).meanAccuracy(), Double.parseDouble(cells.get(7)), 1e-6, line);
      assertEquals(13, cells.size(), line);
    }
  }

  @Test
  void helpPrintsUsageAndTrainsNothing() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.Report help =
        Main.run(
            new String[] {"--help"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    assertTrue(help.summaries().isEmpty() && help.files().isEmpty());
    String text = out.toString(StandardCharsets.UTF_8);
    for (String option :
        List.of(
            "--epochs",
            "--seeds",
            "--optimizer",
            "--clip",
            "--find-lr",
            "--data",
            "--out",
            "--quiet",
            "--help")) {
      assertTrue(text.contains(option), option);
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    for (String[] args :
        List.of(
            new String[] {"--epochs", "0"},
            new String[] {"--seeds"},
            new String[] {"--data", "mnist"},
            new String[] {"--frobnicate"},
            new String[] {"--epochs", "x"},
            new String[] {"--optimizer", "adam"},
            new String[] {"--optimizer"})) {
      Main.UsageException e =
          assertThrows(
              Main.UsageException.class,
              () -> Main.run(args, System.out, System.err),
              String.join(" ", args));
      assertTrue(e.getMessage().contains(args[0]), e.getMessage()); // names the culprit
    }
  }

  @Test
  void aBadOptionIsOneLineWithASuggestionForANearMiss() {
    String[][] cases = {
      {"--seed", "unknown option --seed (did you mean --seeds?)"},
      {"--epoch", "unknown option --epoch (did you mean --epochs?)"},
      {"--find_lr", "unknown option --find_lr (did you mean --find-lr?)"},
      {"--optimzier", "unknown option --optimzier (did you mean --optimizer?)"},
      {"--hlep", "unknown option --hlep (did you mean --help?)"},
      {"--frobnicate", "unknown option --frobnicate"},
      {"-x", "unknown option -x"},
    };
    for (String[] c : cases) {
      Main.UsageException e =
          assertThrows(Main.UsageException.class, () -> Main.Options.parse(new String[] {c[0]}));
      assertEquals("error: " + c[1] + "; --help lists the options", Main.usageError(e));
    }
    assertEquals(
        "--optimizer must be sgd or adamw, was adam (did you mean adamw?)",
        assertThrows(
                Main.UsageException.class,
                () -> Main.Options.parse(new String[] {"--optimizer", "adam"}))
            .getMessage());
    assertEquals(
        "--data must be digits or fashion-mnist, was fashion (did you mean fashion-mnist?)",
        assertThrows(
                Main.UsageException.class,
                () -> Main.Options.parse(new String[] {"--data", "fashion"}))
            .getMessage());
  }

  /** The README's command: a plain java process, exit status 2 and one line on stderr. */
  @Test
  void aBadOptionExitsWithStatus2AndOneLine() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--seed")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.waitFor());
    assertEquals(
        "error: unknown option --seed (did you mean --seeds?); --help lists the options"
            + System.lineSeparator(),
        stderr);
  }

  @Test
  void findLrWritesThePlotAndTheDeclarationToPaste() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path lrDir = dir.resolve("find");
    Main.Report r =
        Main.run(
            new String[] {"--find-lr", "--out", lrDir.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
    String text = out.toString(StandardCharsets.UTF_8);
    Matcher decl =
        Pattern.compile("(?m)^  @OneCycle\\(peak = ([0-9.eE-]+), steps = 540\\)\\r?$")
            .matcher(text);
    assertTrue(decl.find(), text);
    double peak = Double.parseDouble(decl.group(1));
    Matcher valley = Pattern.compile("valley ([0-9.eE-]+)").matcher(text);
    assertTrue(valley.find(), text);
    assertEquals(Double.parseDouble(valley.group(1)), peak, 0.05 * peak, "the valley, two digits");
    assertTrue(peak > Main.FIND_LR_START && peak < Main.FIND_LR_END, text);
    assertEquals(List.of(lrDir.resolve("lr-find.svg").toAbsolutePath()), r.files());
    Document svg = parse(lrDir.resolve("lr-find.svg"));
    List<String> titles = curveTitles(svg);
    assertEquals(5, titles.size(), titles.toString());
    assertTrue(titles.get(2).startsWith("valley"), titles.toString());
    assertAxes(svg, "learning rate (log scale)", "training loss (log scale)");
  }

  @Test
  void clipAddsTheClipToEveryConfiguration() throws Exception {
    List<Trainer.Config> clipped = Main.configs(true);
    assertEquals(12, clipped.size());
    for (Trainer.Config c : clipped) {
      assertEquals(dev.anneal.GradientClip.norm(Main.CLIP_MAX).build(), c.clip());
      assertTrue(c.name().endsWith(" + clip"), c.name());
    }
    Trainer.Run run =
        new Trainer(Digits.load(), 2, DemoSchedules.BATCH_SIZE, DemoSchedules.TOTAL_STEPS, 1)
            .run(clipped.get(0), 1, ProgressBar.silent());
    assertTrue(
        run.clippedFraction() > 0 && run.clippedFraction() <= 1,
        "clipped " + run.clippedFraction());
    Trainer.Run plain =
        new Trainer(Digits.load(), 2, DemoSchedules.BATCH_SIZE, DemoSchedules.TOTAL_STEPS, 1)
            .run(Main.configs().get(0), 1, ProgressBar.silent());
    assertEquals(0, plain.clippedFraction());
    assertTrue(plain.finalLoss() != run.finalLoss(), "clipping changed the training");
  }

  /** RFC 4180 fields: a quoted field may hold commas and doubled quotes. */
  private static List<String> csvCells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        cell.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private static void assertAxes(Document svg, String xLabel, String yLabel) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    assertTrue(texts.contains(xLabel) && texts.contains(yLabel), texts.toString());
    long numbers = texts.stream().filter(t -> t.matches("[0-9.,]+")).count();
    assertTrue(numbers >= 6, "tick labels: " + texts);
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setNamespaceAware(true);
    Document doc = factory.newDocumentBuilder().parse(file.toFile());
    assertEquals("svg", doc.getDocumentElement().getLocalName());
    return doc;
  }

  private static List<String> curveTitles(Document svg) {
    List<String> titles = new ArrayList<>();
    NodeList curves = svg.getElementsByTagName("polyline");
    for (int i = 0; i < curves.getLength(); i++) {
      Element curve = (Element) curves.item(i);
      assertTrue(curve.getAttribute("points").trim().split(" ").length >= 2);
      titles.add(curve.getElementsByTagName("title").item(0).getTextContent());
    }
    return titles;
  }

  /** The legend's text, wrapped lines joined by spaces. */
  private static String legendText(Document svg) {
    NodeList groups = svg.getElementsByTagName("g");
    for (int i = 0; i < groups.getLength(); i++) {
      Element g = (Element) groups.item(i);
      if (g.getAttribute("class").equals("legend")) {
        StringBuilder sb = new StringBuilder();
        NodeList texts = g.getElementsByTagName("text");
        for (int t = 0; t < texts.getLength(); t++) {
          sb.append(texts.item(t).getTextContent()).append(' ');
        }
        return sb.toString();
      }
    }
    throw new AssertionError("no legend");
  }
}
