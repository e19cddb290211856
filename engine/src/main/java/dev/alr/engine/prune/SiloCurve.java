package dev.alr.engine.prune;

/**
 * SILO's S-shaped peak learning rate across prune cycles (Liu et al., TMLR 2023):
 * {@code max_lr(c) = offset + alpha · x^β / (x^β + (1 − x)^β)} with
 * {@code x = 1 − (1 − p)^(c − delay)}, the sparsity {@code delay} cycles behind; cycles up to
 * {@code delay} use {@code offset}. Immutable, thread-safe.
 *
 * @param offset the peak learning rate of the dense network (the curve's floor)
 * @param alpha  how far the peak rises as sparsity approaches 1
 * @param beta   steepness of the S (&gt; 0)
 * @param delay  cycles the curve lags behind the sparsity (SILO: 1)
 */
public record SiloCurve(double offset, double alpha, double beta, int delay) {
  /** SILO's delay. */
  public static final int DEFAULT_DELAY = 1;
  /** SILO's steepness (ResNet-20 and VGG-19). */
  public static final double DEFAULT_BETA = 5;
  /**
   * alpha / offset when alpha is not given: SILO's ResNet-20 (0.04 / 0.03) and VGG-19
   * (0.06 / 0.04) settings put the rise at 1.33–1.5 × the dense peak; 1.5 is used.
   */
  public static final double DEFAULT_ALPHA_RATIO = 1.5;

  /** Validates: offset &gt; 0, alpha ≥ 0, beta &gt; 0, delay ≥ 0, all finite. */
  public SiloCurve {
    if (!(offset > 0) || !Double.isFinite(offset)) {
      throw new IllegalArgumentException("silo.offset must be positive and finite, got " + offset);
    }
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("silo.alpha must be >= 0 and finite, got " + alpha);
    }
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("silo.beta must be positive and finite, got " + beta);
    }
    if (delay < 0) {
      throw new IllegalArgumentException("silo.delay must be >= 0, got " + delay);
    }
  }

  /** The curve re-derived for a network whose dense tuned peak is {@code denseMaxLr}. */
  public static SiloCurve forDense(double denseMaxLr) {
    return new SiloCurve(denseMaxLr, DEFAULT_ALPHA_RATIO * denseMaxLr, DEFAULT_BETA, DEFAULT_DELAY);
  }

  /** The peak learning rate of {@code cycle} when each cycle prunes fraction {@code p}. */
  public double maxLr(int cycle, double p) {
    if (cycle <= delay) {
      return offset;
    }
    double x = 1 - Math.pow(1 - p, cycle - delay);
    double xb = Math.pow(x, beta);
    return offset + alpha * xb / (xb + Math.pow(1 - x, beta));
  }
}
