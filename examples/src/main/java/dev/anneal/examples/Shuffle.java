package dev.anneal.examples;

import java.util.SplittableRandom;

/** Fisher-Yates with a seeded generator, so every run sees the same order for the same seed. */
final class Shuffle {
  private Shuffle() {}

  static void inPlace(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
