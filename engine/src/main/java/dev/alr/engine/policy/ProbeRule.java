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
 * </ul>
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
  COSINE;

  /** Weight of the probe's target in the log-space moving average of the smoothed rules. */
  public static final double SMOOTHING = 0.5;

  /** The rule a CLI name ({@code paper}, {@code smooth}, {@code rex}, {@code cosine}) names. */
  public static ProbeRule parse(String name) {
    for (ProbeRule r : values()) {
      if (r.cliName().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("probeRule: must be paper, smooth, rex or cosine, got '" + name + "'");
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
    return LrBounds.clamp(level * Math.pow(target / level, SMOOTHING), minLr, maxLr);
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
      case REX -> new Schedule.Rex(1, totalSteps).lr(step);
      case COSINE -> new Schedule.Cosine(1, 0, totalSteps).lr(step);
    };
  }
}
