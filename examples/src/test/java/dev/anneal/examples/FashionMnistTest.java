package dev.anneal.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on tiny files written here, gzipped (as Debian ships them) and plain. */
class FashionMnistTest {
  @TempDir Path dir;

  @Test
  void readsGzippedAndPlainIdxFiles() throws IOException {
    // 3 training images of 2x2, 1 test image; one file of each pair left uncompressed.
    writeImages(
        dir.resolve("train-images-idx3-ubyte.gz"),
        true,
        3,
        new int[] {0, 255, 51, 102, 1, 2, 3, 4, 5, 6, 7, 8});
    writeLabels(dir.resolve("train-labels-idx1-ubyte"), false, new int[] {9, 0, 4});
    writeImages(dir.resolve("t10k-images-idx3-ubyte"), false, 1, new int[] {255, 255, 0, 0});
    writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), true, new int[] {7});
    Dataset.Split split = FashionMnist.load(dir);
    assertEquals(3, split.train().size());
    assertEquals(4, split.train().dim());
    assertEquals(10, split.train().classes());
    assertArrayEquals(new int[] {9, 0, 4}, split.train().y());
    assertEquals(1.0, split.train().x()[1]);
    assertEquals(0.2, split.train().x()[2], 1e-12);
    assertArrayEquals(new double[] {1, 1, 0, 0}, split.test().x());
    assertArrayEquals(new int[] {7}, split.test().y());
  }

  @Test
  void missingDirectorySaysHowToInstall() {
    IOException e =
        assertThrows(
            FashionMnist.MissingDataException.class, () -> FashionMnist.load(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
  }

  @Test
  void missingFileAndWrongMagicAreReported() throws IOException {
    writeImages(dir.resolve("train-images-idx3-ubyte"), false, 1, new int[] {1, 2, 3, 4});
    IOException missing = assertThrows(IOException.class, () -> FashionMnist.load(dir));
    assertTrue(missing.getMessage().contains("train-labels-idx1-ubyte"), missing.getMessage());
    writeImages(dir.resolve("train-labels-idx1-ubyte"), false, 1, new int[] {1, 2, 3, 4});
    IOException magic = assertThrows(IOException.class, () -> FashionMnist.load(dir));
    assertTrue(magic.getMessage().contains("magic"), magic.getMessage());
  }

  private static void writeImages(Path file, boolean gzip, int count, int[] pixels)
      throws IOException {
    try (DataOutputStream out = open(file, gzip)) {
      out.writeInt(2051);
      out.writeInt(count);
      out.writeInt(2);
      out.writeInt(2);
      for (int p : pixels) {
        out.writeByte(p);
      }
    }
  }

  private static void writeLabels(Path file, boolean gzip, int[] labels) throws IOException {
    try (DataOutputStream out = open(file, gzip)) {
      out.writeInt(2049);
      out.writeInt(labels.length);
      for (int l : labels) {
        out.writeByte(l);
      }
    }
  }

  private static DataOutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream raw = Files.newOutputStream(file);
    return new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw);
  }
}
