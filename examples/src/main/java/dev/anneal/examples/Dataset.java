package dev.anneal.examples;

/**
 * Labelled examples: row {@code i} is {@code x[i * dim .. (i + 1) * dim)}, scaled to [0, 1], with
 * class {@code y[i]} in {@code [0, classes)}. One flat array keeps the rows contiguous.
 */
record Dataset(String name, double[] x, int[] y, int dim, int classes) {

  int size() {
    return y.length;
  }

  /** A train/test pair. */
  record Split(Dataset train, Dataset test) {}
}
