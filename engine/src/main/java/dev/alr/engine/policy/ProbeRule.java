package dev.alr.engine.policy;

import dev.alr.engine.schedule.NProbeRule;
import dev.alr.engine.schedule.Schedule;
import java.util.Locale;

/**
 * How the N-probe scheduler turns a probe into its next learning rate, and the profile its LR is
 * multiplied by over the run.
 *
 * <p>Every rule keeps a <em>level</em>: the probes are taken at the level, and the level moves by
 * the score-weighted geometric mean {@code g} of the factors ({@link NProbeRule#nextLr}). The step
 * runs at {@code level * profile(step)}.
 * <ul>
 *   <li>{@link #PAPER}: the seed's rule: {@code level * g}, profile 1 (the LR is the level).
 *   <li>{@link #SMOOTH}: an exponential moving average of the log LR towards the probe's target,
 *       {@code level * g^SMOOTHING}; profile 1.
 *   <li>{@link #REX}: {@link #SMOOTH}'s level times the REX decay over the run (1 at step 0, ~0 at the end).
 *   <li>{@link #COSINE}: {@link #SMOOTH}'s level times a cosine decay over the run.
 *   <li>{@link #CALIBRATED}: the first {@link #CALIBRATION_PROBES} probes of the run calibrate: they
 *       try the wide grid 1/4 … 4 of the level and move it to the factor with the lowest finite
 *       loss (the second half of them halfway, in log space), so the level reaches its scale from
 *       any start LR within a few dozen steps. Afterwards the level only comes down: halfway (in
 *       log space) towards the probe's answer when that is smaller, at full strength when a probe
 *       diverged. Each step after the calibration runs at {@link #STEP_BIAS} × level × REX decay:
 *       the one-step probe prefers steps smaller than the best LR of an annealed run, and letting
 *       the level rise again under the biased steps ran away (measured; see README).
 * </ul>
 *
 * <p>Call order, per probe at global step {@code t}: {@link #factorsAt} gives the factors to
 * probe, {@link #nextLevel(double, double[], double[], double, double, long, int)} the level after
 * the probe, and each step runs at {@code level * }{@link #stepFactor}{@code (t, ...)}.
 *
 * <p>Example: factors 2, 1, 0.5 and the lowest probe loss at 2 give {@code g ≈ 1.25}; {@code PAPER}
 * multiplies the level by 1.25, the others by {@code 1.25^0.5 ≈ 1.12}; at step 3/4 of the run
 * {@code REX} steps at {@code 0.4 * level}. Stateless and thread-safe.
 */
public enum ProbeRule {
  /** The seed's rule. */
  PAPER,
  /** The log-space moving average of the LR, no decay. */
  SMOOTH,
  /** Smoothed level times the REX profile. */
  REX,
  /** Smoothed level times a cosine profile. */
  COSINE,
  /** Calibrated on a wide grid first, then a level that only comes down, stepped at 2 × level × REX. */
  CALIBRATED;

  /** Weight of the probe's target in the log-space moving average of the smoothed rules. */
  public static final double SMOOTHING = 0.5;
  /** {@link #CALIBRATED}: how many probes at the start of the run use the wide grid {@link #factorsAt}. */
  public static final int CALIBRATION_PROBES = 16;
  /** {@link #CALIBRATED}: the factors of a calibration probe (a geometric grid, 1/4 … 4). */
  private static final double[] WIDE_FACTORS = {0.25, 0.5, 1, 2, 4};
  /**
   * {@link #CALIBRATED}: after the calibration the step runs at this multiple of the probed level,
   * against the probes' short-horizon bias towards small steps (2 measured best of 1, 2, 3; see
   * README, "N-probe rules").
   */
  public static final double STEP_BIAS = 2;

  /** The rule a CLI name ({@code paper}, {@code smooth}, {@code rex}, {@code cosine}, {@code calibrated}) names. */
  public static ProbeRule parse(String name) {
    for (ProbeRule r : values()) {
      if (r.cliName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("probeRule: must be paper, smooth, rex, cosine or calibrated, got '" + name
        + "'");
  }

  /** The CLI name. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The next level after a probe at {@code level} gave {@code losses} for {@code factors}, clamped. */
  public double nextLevel(double level, double[] factors, double[] losses, double minLr, double maxLr) {
    if (this == PAPER) {
      return NProbeRule.nextLr(level, factors, losses, minLr, maxLr);
    }
    LrBounds.validate(minLr, maxLr);
    double target = NProbeRule.nextLr(level, factors, losses, Double.MIN_VALUE, Double.MAX_VALUE);
    boolean diverged = false;
    for (double loss : losses) {
      diverged |= !Double.isFinite(loss);
    }
    if (this == CALIBRATED) {
      // after the calibration the level only comes down: at full strength when a probe diverged
      double down = Math.min(1, target / level);
      return LrBounds.clamp(level * Math.pow(down, diverged ? 1 : SMOOTHING), minLr, maxLr);
    }
    return LrBounds.clamp(level * Math.pow(target / level, SMOOTHING), minLr, maxLr);
  }

  /** Whether the probe at global step {@code step} (probing every {@code every} steps) calibrates. */
  public boolean calibrating(long step, int every) {
    return this == CALIBRATED && step < (long) every * CALIBRATION_PROBES;
  }

  /** The factors probed at global step {@code step}: the wide grid while calibrating, else {@code factors}. */
  public double[] factorsAt(double[] factors, long step, int every) {
    return calibrating(step, every) ? WIDE_FACTORS.clone() : factors;
  }

  /**
   * The next level after the probe at global step {@code step}: while calibrating, the level moves
   * towards the factor {@code f} with the lowest finite loss (the smallest factor when every probe
   * diverged): to {@code level * f} in the first half of the calibration, to
   * {@code level * f^}{@link #SMOOTHING} in the second (averaging out the grid's alternation between
   * neighbours); clamped. Afterwards {@link #nextLevel(double, double[], double[], double, double)}.
   */
  public double nextLevel(double level, double[] factors, double[] losses, double minLr, double maxLr, long step,
                          int every) {
    if (!calibrating(step, every)) {
      return nextLevel(level, factors, losses, minLr, maxLr);
    }
    LrBounds.validate(minLr, maxLr);
    int best = -1;
    double smallest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < factors.length; i++) {
      smallest = Math.min(smallest, factors[i]);
      if (Double.isFinite(losses[i]) && (best < 0 || losses[i] < losses[best])) {
        best = i;
      }
    }
    double f = best < 0 ? smallest : factors[best];
    boolean secondHalf = step >= (long) every * (CALIBRATION_PROBES / 2);
    return LrBounds.clamp(level * (secondHalf ? Math.pow(f, SMOOTHING) : f), minLr, maxLr);
  }

  /**
   * The step's LR over the level at global step {@code step}: {@link #profile}, and for
   * {@link #CALIBRATED} after its calibration also {@link #STEP_BIAS}.
   */
  public double stepFactor(long step, long totalSteps, int every) {
    double profile = profile(step, totalSteps);
    return this == CALIBRATED && !calibrating(step, every) ? STEP_BIAS * profile : profile;
  }

  /**
   * The multiplier of the level at global step {@code step} of a run of {@code totalSteps} steps:
   * 1 for {@link #PAPER} and {@link #SMOOTH}, and for any rule when {@code totalSteps} is 0
   * (unknown); otherwise in (0, 1], 1 at step 0.
   */
  public double profile(long step, long totalSteps) {
    if (totalSteps <= 0) {
      return 1;
    }
    return switch (this) {
      case PAPER, SMOOTH -> 1;
      case REX, CALIBRATED -> new Schedule.Rex(1, totalSteps).lr(step);
      case COSINE -> new Schedule.Cosine(1, 0, totalSteps).lr(step);
    };
  }
}
