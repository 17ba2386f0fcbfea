package dev.anneal.examples;

/**
 * Labelled examples: row {@code i} is {@code x[i * dim .. (i + 1) * dim)}, scaled to [0, 1], with
 * class {@code y[i]} in {@code [0, classes)}. One flat array keeps the rows contiguous.
 */
record Dataset(String name, double[] x, int[] y, int dim, int classes) {

  int size() {
    return y.length;
  }

  /** Rows {@code [from, to)} as a dataset of their own. */
  Dataset rows(String name, int from, int to) {
    double[] sx = java.util.Arrays.copyOfRange(x, from * dim, to * dim);
    int[] sy = java.util.Arrays.copyOfRange(y, from, to);
    return new Dataset(name, sx, sy, dim, classes);
  }

  /**
   * Training, validation and test rows. The validation rows decide (plateau cuts, early stopping);
   * the test rows are only reported.
   */
  record Split(Dataset train, Dataset validation, Dataset test) {}
}
