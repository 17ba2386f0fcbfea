package dev.anneal.examples;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (60,000 training and 10,000 test 28x28 grey images, 10 classes, MIT licence) from
 * the IDX files that Debian's {@code dataset-fashion-mnist} package installs. Files may be gzipped
 * ({@code .gz}, as Debian ships them) or not.
 */
final class FashionMnist {
  static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  private static final int IMAGES_MAGIC = 2051;
  private static final int LABELS_MAGIC = 2049;

  private FashionMnist() {}

  /** Thrown when the files are not there, with a message that says how to get them. */
  static final class MissingDataException extends IOException {
    private static final long serialVersionUID = 1L;

    MissingDataException(String message) {
      super(message);
    }
  }

  /** A sixth of the training file (10,000 of 60,000 images, from its end) validates. */
  static final int VALIDATION_PART = 6;

  static Dataset.Split load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new MissingDataException(
          "Fashion-MNIST not found: "
              + dir
              + " does not exist.\n"
              + "  Install it (Debian/Ubuntu):  sudo apt-get install dataset-fashion-mnist\n"
              + "  or run without --data to use the bundled UCI digits.");
    }
    Dataset all =
        read("fashion-mnist (train)", dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    // The files' order is already shuffled: the last rows make a fair validation set.
    int train = all.size() - all.size() / VALIDATION_PART;
    return new Dataset.Split(
        all.rows("fashion-mnist (train)", 0, train),
        all.rows("fashion-mnist (validation)", train, all.size()),
        read("fashion-mnist (test)", dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"));
  }

  private static Dataset read(String name, Path dir, String images, String labels)
      throws IOException {
    double[] x;
    int rows;
    int dim;
    try (DataInputStream in = open(dir, images)) {
      expectMagic(in, IMAGES_MAGIC, images);
      rows = in.readInt();
      dim = in.readInt() * in.readInt();
      byte[] pixels = new byte[rows * dim];
      in.readFully(pixels);
      x = new double[pixels.length];
      for (int i = 0; i < pixels.length; i++) {
        x[i] = (pixels[i] & 0xff) / 255.0;
      }
    }
    int[] y;
    try (DataInputStream in = open(dir, labels)) {
      expectMagic(in, LABELS_MAGIC, labels);
      int n = in.readInt();
      if (n != rows) {
        throw new IOException(labels + " has " + n + " labels for " + rows + " images");
      }
      byte[] raw = new byte[n];
      in.readFully(raw);
      y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = raw[i];
      }
    }
    return new Dataset(name, x, y, dim, 10);
  }

  private static DataInputStream open(Path dir, String base) throws IOException {
    Path gz = dir.resolve(base + ".gz");
    Path plain = dir.resolve(base);
    InputStream in;
    if (Files.isRegularFile(gz)) {
      in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
    } else if (Files.isRegularFile(plain)) {
      in = Files.newInputStream(plain);
    } else {
      throw new NoSuchFileException(
          gz
              + " (or "
              + plain
              + "); reinstall with: sudo apt-get install --reinstall dataset-fashion-mnist");
    }
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }

  private static void expectMagic(DataInputStream in, int magic, String file) throws IOException {
    int m = in.readInt();
    if (m != magic) {
      throw new IOException(file + ": not an IDX file (magic " + m + ", expected " + magic + ")");
    }
  }
}
