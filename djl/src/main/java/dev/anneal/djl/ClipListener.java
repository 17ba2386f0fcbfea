package dev.anneal.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Pair;
import dev.anneal.GradientClip;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A DJL training listener that clips the model's gradients with an anneal {@link GradientClip}
 * after each training batch, between the backward pass and {@code trainer.step()} ({@code
 * EasyTrain.fit} calls {@code onTrainingBatch} exactly there), e.g. {@code @ClipNorm(max = 1.0)}:
 * PyTorch's {@code clip_grad_norm_(model.parameters(), 1.0)}, one global norm over all gradients.
 *
 * <p>The gradients are copied to {@code float[]} ({@code NDArray.toFloatArray()}) for the clip's
 * norm, then multiplied in place by its factor ({@code muli}). That is the faster of the two ways
 * measured on the examples' digits MLP (31 against 37 us per step); {@link #clipWithNdArrays} is
 * the other (norms and scaling as NDArray operations, no copies, L2 global norm only). DJL's
 * optimizers have their own {@code optClipGrad(float)}, which clamps each element to {@code [-c,
 * c]} ({@code @ClipValue}), not a norm clip.
 *
 * <p>Not thread-safe, as the training loop. Each call allocates the copies of the gradients.
 */
public final class ClipListener extends TrainingListenerAdapter {
  private final GradientClip clip;
  private final double threshold;
  private long steps;
  private long clipped;
  private double lastNorm = Double.NaN;
  private double maxNorm = Double.NaN;

  /**
   * Clips with {@code clip}; a step counts as clipped ({@link #clippedSteps()}) when the returned
   * norm is above {@code threshold} (the clip's {@code max}).
   */
  public ClipListener(GradientClip clip, double threshold) {
    this.clip = Objects.requireNonNull(clip, "clip");
    String declaration = clip.toString();
    if (!declaration.startsWith("@ClipNorm(")
        || declaration.contains("ClipScope.EACH")
        || declaration.contains("ClipNonFinite.SKIP")) {
      throw new IllegalArgumentException(
          "clip must be a global @ClipNorm (not EACH, not SKIP), was " + declaration);
    }
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("threshold must be > 0, was " + threshold);
    }
    this.threshold = threshold;
  }

  @Override
  public void onTrainingBatch(Trainer trainer, BatchData batchData) {
    List<NDArray> grads = gradients(trainer);
    double norm;
    try {
      norm = clipWithArrays(clip, grads);
    } finally {
      for (NDArray g : grads) {
        g.close(); // the handle only: the parameter keeps its gradient
      }
    }
    steps++;
    lastNorm = norm;
    if (!(norm <= maxNorm)) {
      maxNorm = norm;
    }
    if (norm > threshold) {
      clipped++;
    }
  }

  /**
   * The gradients of the trainable parameters of the trainer's model, in the block's order: new
   * handles the caller closes (the parameters keep their gradients).
   */
  public static List<NDArray> gradients(Trainer trainer) {
    List<NDArray> grads = new ArrayList<>();
    for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
      if (p.getValue().requiresGradient()) {
        grads.add(p.getValue().getArray().getGradient());
      }
    }
    return grads;
  }

  /**
   * Copy in ({@code toFloatArray()}), {@code clip.apply(float[]...)} for the norm, then the
   * gradients times the clip's factor in place ({@code muli}), if it is below 1. The factor is the
   * clip's own: {@code apply} on the one-element array {@code {norm}}, whose norm of any order is
   * {@code norm}, gives {@code norm * factor}. Nothing is written back with {@code
   * NDArray.set(float[])}: DJL's PyTorch engine makes the tensor point at the (temporary) direct
   * buffer instead of copying it, so the gradient would end up in freed memory.
   *
   * @return the norm before clipping
   */
  public static double clipWithArrays(GradientClip clip, List<NDArray> grads) {
    float[][] copies = new float[grads.size()][];
    for (int i = 0; i < copies.length; i++) {
      copies[i] = grads.get(i).toFloatArray();
    }
    double norm = clip.apply(copies);
    double factor = factor(clip, norm);
    if (!(factor >= 1)) { // NaN too: PROPAGATE makes every gradient NaN, as PyTorch does
      for (NDArray g : grads) {
        g.muli((float) factor);
      }
    }
    return norm;
  }

  /** The factor {@code clip} applies to gradients of global norm {@code norm}. */
  static double factor(GradientClip clip, double norm) {
    if (norm == 0) {
      return 1;
    }
    double[] probe = {norm};
    clip.apply(probe);
    return probe[0] == norm ? 1 : probe[0] / norm;
  }

  /**
   * The same global L2 clip as NDArray operations: {@code total = sqrt(sum ||g||^2)}, then every
   * gradient times {@code max / (total + eps)} if that is below 1 ({@code @ClipNorm}'s rule).
   *
   * @return the norm before clipping
   */
  public static double clipWithNdArrays(double max, double eps, List<NDArray> grads) {
    double sum = 0;
    for (NDArray g : grads) {
      try (NDArray n = g.norm()) {
        double v = n.getFloat();
        sum += v * v;
      }
    }
    double total = Math.sqrt(sum);
    double factor = max / (total + eps);
    if (factor < 1) {
      for (NDArray g : grads) {
        g.muli((float) factor);
      }
    }
    return total;
  }

  /** Training batches seen. */
  public long steps() {
    return steps;
  }

  /** Batches whose gradient norm was above the threshold, so the clip shrank them. */
  public long clippedSteps() {
    return clipped;
  }

  /** The norm before clipping of the last batch (NaN before any). */
  public double lastNorm() {
    return lastNorm;
  }

  /** The largest norm before clipping so far (NaN before any). */
  public double maxNorm() {
    return maxNorm;
  }
}
