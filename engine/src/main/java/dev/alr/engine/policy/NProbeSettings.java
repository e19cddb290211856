package dev.alr.engine.policy;

import java.util.List;

/**
 * Settings of the N-probe scheduler.
 *
 * @param factors    LR factors tried at each probe (default 2, 1, 0.5)
 * @param every      probe every this many steps (default 1)
 * @param probeBatch probe batch size (0 means the training batch size); with {@code sameBatch} the
 *                   probe uses the first {@code probeBatch} samples of the gradient's batch
 * @param sameBatch  probe on the gradient's own batch (the default) instead of a batch drawn
 *                   separately from the training set
 * @param minLr      lower clamp of the LR
 * @param maxLr      upper clamp of the LR
 */
public record NProbeSettings(List<Double> factors, int every, int probeBatch, boolean sameBatch,
                             double minLr, double maxLr) {

  /** The default probe batch size: the first 16 samples of the gradient's batch. */
  public static final int DEFAULT_PROBE_BATCH = 16;

  /** Validates; messages name the CLI flag. */
  public NProbeSettings {
    factors = Factors.validate(factors);
    if (every < 1) {
      throw new IllegalArgumentException("--probe-every: must be >= 1, got " + every);
    }
    if (probeBatch < 0) {
      throw new IllegalArgumentException("--probe-batch: must be >= 1 (0 = training batch size), got " + probeBatch);
    }
    LrBounds.validate(minLr, maxLr);
  }

  /**
   * Factors 2, 1, 0.5, every step, probing on the first {@link #DEFAULT_PROBE_BATCH} samples of the
   * gradient's own batch.
   */
  public static NProbeSettings defaults() {
    return new NProbeSettings(List.of(2.0, 1.0, 0.5), 1, DEFAULT_PROBE_BATCH, true, LrBounds.MIN, LrBounds.MAX);
  }

  /** The factors as an array. */
  public double[] factorArray() {
    return factors.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
