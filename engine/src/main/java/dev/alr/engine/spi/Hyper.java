package dev.alr.engine.spi;

/**
 * Hyper-parameters for one optimizer step.
 *
 * @param lr       learning rate, finite and &gt; 0
 * @param momentum momentum (or Adam beta1) for this step, or {@code NaN} to keep the model's own
 */
public record Hyper(double lr, double momentum) {

  /** Validates the learning rate. */
  public Hyper {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("lr must be finite and > 0, got " + lr);
    }
  }

  /** A step at {@code lr} that keeps the model's momentum. */
  public static Hyper lr(double lr) {
    return new Hyper(lr, Double.NaN);
  }

  /** Whether this step sets the momentum. */
  public boolean setsMomentum() {
    return !Double.isNaN(momentum);
  }
}
