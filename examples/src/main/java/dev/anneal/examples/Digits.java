package dev.anneal.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The UCI optical digits bundled as a resource (see DIGITS-LICENSE.md): 1,797 8x8 images with pixel
 * counts 0..16, split once into 1,152 training, 285 validation and 360 test rows.
 */
final class Digits {
  static final int ROWS = 1_797;
  static final int PIXELS = 64;
  static final int CLASSES = 10;

  /** The split is the same for every training seed: seeds vary the model, not the data. */
  private static final long SPLIT_SEED = 1998;

  private Digits() {}

  static Dataset.Split load() {
    double[] x = new double[ROWS * PIXELS];
    int[] y = new int[ROWS];
    try (InputStream raw = Digits.class.getResourceAsStream("digits.csv.gz")) {
      if (raw == null) {
        throw new IllegalStateException("resource dev/anneal/examples/digits.csv.gz is missing");
      }
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      int row = 0;
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",");
        if (cells.length != PIXELS + 1 || row == ROWS) {
          throw new IllegalStateException("digits.csv.gz: unexpected row " + (row + 1));
        }
        for (int p = 0; p < PIXELS; p++) {
          x[row * PIXELS + p] = Integer.parseInt(cells[p].trim()) / 16.0;
        }
        y[row++] = Integer.parseInt(cells[PIXELS].trim());
      }
      if (row != ROWS) {
        throw new IllegalStateException("digits.csv.gz: expected " + ROWS + " rows, read " + row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return split(x, y, DemoSchedules.TRAIN_SIZE);
  }

  /** Rows held out for testing; the validation rows are the rest after the training rows. */
  static final int TEST_ROWS = 360;

  /**
   * A seeded random permutation: the first {@code trainSize} rows train, the last {@link
   * #TEST_ROWS} test, the ones between validate.
   */
  private static Dataset.Split split(double[] x, int[] y, int trainSize) {
    int[] order = new int[y.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Shuffle.inPlace(order, new SplittableRandom(SPLIT_SEED));
    return new Dataset.Split(
        subset("digits (train)", x, y, order, 0, trainSize),
        subset("digits (validation)", x, y, order, trainSize, y.length - TEST_ROWS),
        subset("digits (test)", x, y, order, y.length - TEST_ROWS, y.length));
  }

  private static Dataset subset(String name, double[] x, int[] y, int[] order, int from, int to) {
    double[] sx = new double[(to - from) * PIXELS];
    int[] sy = new int[to - from];
    for (int i = from; i < to; i++) {
      System.arraycopy(x, order[i] * PIXELS, sx, (i - from) * PIXELS, PIXELS);
      sy[i - from] = y[order[i]];
    }
    return new Dataset(name, sx, sy, PIXELS, CLASSES);
  }
}
