package dev.anneal.examples;

/**
 * The bundled digits split ({@link Digits}) as flat {@code float} arrays, public for the DJL
 * example in {@code dev.anneal.examples.djl} ({@code Digits} and {@link Dataset} are
 * package-private). Part of the {@code djl} profile's sources only.
 */
public final class DigitsArrays {
  /**
   * One part of the split: row {@code i} is {@code features[i * dim .. (i + 1) * dim)}, pixels
   * scaled to [0, 1]; {@code labels[i]} is its class in {@code [0, classes)} as a float, the form
   * DJL's sparse softmax cross-entropy takes.
   */
  public record Part(
      String name, float[] features, float[] labels, int rows, int dim, int classes) {}

  /**
   * The training, validation and test parts, the same split the plain-Java demo uses: the
   * validation rows decide (plateau cuts, early stopping), the test rows are only reported.
   */
  public record Split(Part train, Part validation, Part test) {}

  private DigitsArrays() {}

  /** Loads the resource and converts the three parts. */
  public static Split load() {
    Dataset.Split split = Digits.load();
    return new Split(convert(split.train()), convert(split.validation()), convert(split.test()));
  }

  private static Part convert(Dataset data) {
    double[] x = data.x();
    int[] y = data.y();
    float[] features = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      features[i] = (float) x[i];
    }
    float[] labels = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      labels[i] = y[i];
    }
    return new Part(data.name(), features, labels, y.length, data.dim(), data.classes());
  }
}
