package dev.anneal.dl4j;

import dev.anneal.GradientClip;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A global-norm gradient clip for DL4J with PyTorch's semantics ({@code
 * clip_grad_norm_(model.parameters(), max)}), which DL4J lacks (its {@code GradientNormalization}
 * clips per layer or per parameter): one norm over every gradient of the model, and every gradient
 * times {@code min(1, max / (norm + eps))}.
 *
 * <pre>{@code
 * net.addListeners(new ClipListener(GradientClip.norm(1.0).build()));
 * }</pre>
 *
 * <p>It acts in {@code onGradientCalculation}, after backpropagation and before the updater. There
 * DL4J's gradient is the sum over the minibatch (the updater divides it by the minibatch size
 * next), while PyTorch's is the mean of a mean loss: the clip takes the norm of the mean, {@code
 * norm(sum) / batchSize}, and scales the sum by the factor the clip gives that norm, so the update
 * equals PyTorch's. Any norm order of {@code @ClipNorm} (1, 2, infinity), global scope; not {@code
 * ClipNonFinite.SKIP}, which a listener cannot honour (it cannot skip the update).
 *
 * <p>Each call copies the gradients to {@code double[]} for the clip's norm, then multiplies them
 * in place. Not thread-safe, as the training loop; on Spark each worker's model has its own
 * listener.
 */
public final class ClipListener extends BaseTrainingListener implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final GradientClip clip;
  private long steps;
  private long clipped;
  private double lastNorm = Double.NaN;

  /**
   * @throws IllegalArgumentException unless {@code clip} is a global {@code @ClipNorm} without
   *     {@code SKIP}
   */
  public ClipListener(GradientClip clip) {
    if (clip == null) {
      throw new IllegalArgumentException("clip must not be null");
    }
    String declaration = clip.toString();
    if (!declaration.startsWith("@ClipNorm(")
        || declaration.contains("ClipScope.EACH")
        || declaration.contains("ClipNonFinite.SKIP")) {
      throw new IllegalArgumentException(
          "clip must be a global @ClipNorm (not EACH, not SKIP), was " + declaration);
    }
    this.clip = clip;
  }

  @Override
  public void onGradientCalculation(Model model) {
    Gradient gradient = model.gradient();
    int batch = model.batchSize();
    if (gradient == null || batch <= 0) {
      return;
    }
    Map<String, INDArray> byVariable = gradient.gradientForVariable();
    INDArray[] arrays = byVariable.values().toArray(new INDArray[0]);
    double norm = clip(clip, arrays, batch);
    steps++;
    lastNorm = norm;
    if (norm > 0 && factor(clip, norm) < 1) {
      clipped++;
    }
  }

  /**
   * Clips DL4J's minibatch-summed gradients in place as PyTorch clips the mean's: returns the norm
   * of the mean gradient ({@code norm(sum) / batch}) before clipping.
   */
  public static double clip(GradientClip clip, INDArray[] sums, int batch) {
    double[][] means = new double[sums.length][];
    for (int i = 0; i < sums.length; i++) {
      double[] a = sums[i].dup().data().asDouble(); // a copy; float32 values convert exactly
      for (int j = 0; j < a.length; j++) {
        a[j] /= batch;
      }
      means[i] = a;
    }
    double norm = clip.apply(means);
    double factor = factor(clip, norm);
    if (!(factor >= 1)) { // NaN too: PROPAGATE makes the gradients NaN, as PyTorch does
      for (INDArray g : sums) {
        g.muli(factor);
      }
    }
    return norm;
  }

  /**
   * The factor {@code clip} applies to gradients of global norm {@code norm}: the clip itself on
   * the one-element array {@code {norm}}, whose norm of any order is {@code norm}.
   */
  static double factor(GradientClip clip, double norm) {
    if (norm == 0) {
      return 1;
    }
    double[] probe = {norm};
    clip.apply(probe);
    return probe[0] == norm ? 1 : probe[0] / norm;
  }

  /** The clip it applies. */
  public GradientClip clip() {
    return clip;
  }

  /** Gradients seen. */
  public long steps() {
    return steps;
  }

  /** Gradients the clip shrank. */
  public long clippedSteps() {
    return clipped;
  }

  /** The norm of the last mean gradient before clipping (NaN before any). */
  public double lastNorm() {
    return lastNorm;
  }
}
