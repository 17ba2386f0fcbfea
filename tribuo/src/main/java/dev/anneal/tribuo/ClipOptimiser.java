package dev.anneal.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.anneal.GradientClip;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

/**
 * A global L2-norm gradient clip in front of any Tribuo optimiser: PyTorch's {@code
 * clip_grad_norm_} on the gradients Tribuo passes to {@code step} (one norm over all tensors, each
 * tensor times {@code min(1, max / (norm + eps))}), then the wrapped optimiser's step.
 *
 * <pre>{@code
 * var opt = new ClipOptimiser(new AnnealSGD(lr), GradientClip.norm(1.0).build());
 * }</pre>
 *
 * <p>The clip is a {@code @Config} field holding its declaration ({@code "@ClipNorm(max = 1.0)"}),
 * so the provenance keeps it. Tribuo's {@code Tensor} gives the L2 norm only ({@code twoNorm}):
 * {@code @ClipNorm} with {@code norm = 2}, global scope; not {@code ClipNonFinite.SKIP}.
 */
public final class ClipOptimiser implements StochasticGradientOptimiser {
  @Config(mandatory = true, description = "The optimiser whose gradients are clipped.")
  private StochasticGradientOptimiser optimiser;

  @Config(
      mandatory = true,
      description = "The clip in annotation syntax, e.g. @ClipNorm(max = 1.0).")
  private String clip;

  private GradientClip gradientClip;

  /** For OLCUT's configuration system. */
  private ClipOptimiser() {}

  /**
   * @throws IllegalArgumentException unless {@code clip} is a global L2 {@code @ClipNorm} without
   *     {@code SKIP}
   */
  public ClipOptimiser(StochasticGradientOptimiser optimiser, GradientClip clip) {
    if (optimiser == null || clip == null) {
      throw new IllegalArgumentException("optimiser and clip must not be null");
    }
    this.optimiser = optimiser;
    this.clip = clip.toString();
    this.gradientClip = read(this.clip);
  }

  /** Checks the configured declaration (OLCUT calls it after configuring). */
  @Override
  public void postConfig() {
    try {
      gradientClip = read(clip);
    } catch (IllegalArgumentException e) {
      throw new PropertyException(e, "", "clip", e.getMessage());
    }
  }

  private static GradientClip read(String clip) {
    GradientClip c = GradientClip.parse(clip);
    if (!clip.startsWith("@ClipNorm(")
        || clip.contains("norm =")
        || clip.contains("ClipScope.EACH")
        || clip.contains("ClipNonFinite.SKIP")) {
      throw new IllegalArgumentException(
          "clip must be a global L2 @ClipNorm (not EACH, not SKIP), was " + clip);
    }
    return c;
  }

  @Override
  public void initialise(Parameters parameters) {
    optimiser.initialise(parameters);
  }

  @Override
  public Tensor[] step(Tensor[] updates, double weight) {
    double sum = 0;
    for (Tensor t : updates) {
      double n = t.twoNorm();
      sum += n * n;
    }
    double norm = Math.sqrt(sum);
    double factor = factor(gradientClip, norm);
    if (!(factor >= 1)) {
      for (Tensor t : updates) {
        t.scaleInPlace(factor);
      }
    }
    return optimiser.step(updates, weight);
  }

  /** The factor the clip applies at global norm {@code norm}: the clip on {@code {norm}}. */
  static double factor(GradientClip clip, double norm) {
    if (norm == 0) {
      return 1;
    }
    double[] probe = {norm};
    clip.apply(probe);
    return probe[0] == norm ? 1 : probe[0] / norm;
  }

  @Override
  public void finalise() {
    optimiser.finalise();
  }

  @Override
  public void reset() {
    optimiser.reset();
  }

  @Override
  public ClipOptimiser copy() {
    return new ClipOptimiser(optimiser.copy(), gradientClip);
  }

  @Override
  public ConfiguredObjectProvenance getProvenance() {
    return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
  }

  @Override
  public String toString() {
    return "ClipOptimiser(clip=" + clip + ", optimiser=" + optimiser + ")";
  }
}
