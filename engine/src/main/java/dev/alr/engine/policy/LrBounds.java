package dev.alr.engine.policy;

/** LR clamp bounds and their validation. Stateless. */
public final class LrBounds {
  /** Default lower clamp. */
  public static final double MIN = 1e-6;
  /** Default upper clamp. */
  public static final double MAX = 10.0;

  private LrBounds() {
  }

  /** Checks 0 &lt; min ≤ max, both finite; messages name the fields. */
  public static void validate(double minLr, double maxLr) {
    if (!(minLr > 0) || Double.isInfinite(minLr)) {
      throw new IllegalArgumentException("minLr: must be finite and > 0, got " + minLr);
    }
    if (!(maxLr > 0) || Double.isInfinite(maxLr)) {
      throw new IllegalArgumentException("maxLr: must be finite and > 0, got " + maxLr);
    }
    if (minLr > maxLr) {
      throw new IllegalArgumentException("minLr: must be <= maxLr, got " + minLr + " > " + maxLr);
    }
  }

  /**
   * Checks that the initial LR {@code lr} lies in [min, max], which would otherwise clamp it
   * silently; the message names {@code lr} and the bounds' fields.
   */
  public static void requireWithin(double lr, double minLr, double maxLr) {
    if (!(lr >= minLr && lr <= maxLr)) {
      throw new IllegalArgumentException("lr: must be in [minLr, maxLr] = [" + minLr + ", " + maxLr + "], got "
          + lr);
    }
  }

  /** {@code lr} clamped to [min, max]. */
  public static double clamp(double lr, double min, double max) {
    return Math.max(min, Math.min(max, lr));
  }
}
