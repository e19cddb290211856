package dev.alr.engine.policy;

import java.util.List;
import java.util.Objects;

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
 * @param rule       how a probe moves the LR ({@link ProbeRule})
 */
public record NProbeSettings(List<Double> factors, int every, int probeBatch, boolean sameBatch,
                             double minLr, double maxLr, ProbeRule rule) {

  /** The default probe batch size: 0, the whole batch the gradient came from. */
  public static final int DEFAULT_PROBE_BATCH = 0;
  /** The default probe cadence: every 4 steps. */
  public static final int DEFAULT_EVERY = 4;
  /** The default rule. */
  public static final ProbeRule DEFAULT_RULE = ProbeRule.CALIBRATED;

  /** Validates; messages name the field. */
  public NProbeSettings {
    factors = Factors.validate(factors);
    if (every < 1) {
      throw new IllegalArgumentException("probeEvery: must be >= 1, got " + every);
    }
    if (probeBatch < 0) {
      throw new IllegalArgumentException("probeBatch: must be >= 1 (0 = training batch size), got " + probeBatch);
    }
    LrBounds.validate(minLr, maxLr);
    Objects.requireNonNull(rule, "probeRule: must be given");
  }

  /** Settings with the seed's rule, {@link ProbeRule#PAPER}. */
  public NProbeSettings(List<Double> factors, int every, int probeBatch, boolean sameBatch, double minLr,
                        double maxLr) {
    this(factors, every, probeBatch, sameBatch, minLr, maxLr, ProbeRule.PAPER);
  }

  /**
   * Factors 2, 1, 0.5, probing every {@link #DEFAULT_EVERY} steps on the whole batch the gradient
   * came from, with the {@link #DEFAULT_RULE} (see README, "N-probe").
   */
  public static NProbeSettings defaults() {
    return new NProbeSettings(List.of(2.0, 1.0, 0.5), DEFAULT_EVERY, DEFAULT_PROBE_BATCH, true, LrBounds.MIN,
        LrBounds.MAX, DEFAULT_RULE);
  }

  /**
   * The seed's N-probe: factors 2, 1, 0.5 every step, probing on the first 16 samples of the
   * gradient's own batch, {@link ProbeRule#PAPER}.
   */
  public static NProbeSettings paper() {
    return new NProbeSettings(List.of(2.0, 1.0, 0.5), 1, 16, true, LrBounds.MIN, LrBounds.MAX, ProbeRule.PAPER);
  }

  /** The factors as an array. */
  public double[] factorArray() {
    return factors.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
