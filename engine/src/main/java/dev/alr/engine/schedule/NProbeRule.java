package dev.alr.engine.schedule;

import java.util.Objects;

/**
 * The update rule of the N-probe scheduler, as pure math. At an update the scheduler has probed
 * the loss after a step at {@code lr * f_i} for each factor {@code f_i} (for example 2, 1, 0.5);
 * the next rate is the current one times the score-weighted geometric mean of the factors,
 * {@code lr * exp(sum s_i ln f_i / sum s_i)}, clamped to {@code [minLr, maxLr]}, where
 * {@link #scores} gives the lowest loss the largest weight.
 *
 * <p>Example: factors {2, 1, 0.5} with equal losses give equal scores and a geometric mean of 1,
 * so the rate is unchanged; when the loss at factor 2 is the lowest, the rate grows.
 *
 * <p>Stateless and thread-safe; arguments are not modified.
 */
public final class NProbeRule {
  private NProbeRule() {
  }

  /**
   * Scores of probe losses: each finite loss is min–max normalised over the finite losses to
   * {@code x in [0, 1]} (all finite losses equal: {@code x = 0}), a non-finite loss (NaN or
   * infinite, i.e. diverged) gets {@code x = 1}, and the score is {@code exp(-x)}, in
   * {@code [1/e, 1]}.
   *
   * @param losses probe losses, at least one
   * @return a new array of scores, one per loss
   */
  public static double[] scores(double[] losses) {
    Objects.requireNonNull(losses, "losses must not be null");
    if (losses.length == 0) {
      throw new IllegalArgumentException("losses must not be empty");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double loss : losses) {
      if (Double.isFinite(loss)) {
        min = Math.min(min, loss);
        max = Math.max(max, loss);
      }
    }
    double range = max - min;
    double[] scores = new double[losses.length];
    for (int i = 0; i < losses.length; i++) {
      double x;
      if (!Double.isFinite(losses[i])) {
        x = 1;
      } else if (range > 0) {
        x = (losses[i] - min) / range;
      } else {
        x = 0;
      }
      scores[i] = Math.exp(-x);
    }
    return scores;
  }

  /**
   * The next learning rate: {@code lr * exp(sum s_i ln f_i / sum s_i)} with {@code s} =
   * {@link #scores}{@code (losses)}, clamped to {@code [minLr, maxLr]}. When every loss is
   * non-finite (every probe diverged) there is nothing to rank, and the rule backs off to
   * {@code lr * min(factors)}, clamped.
   *
   * @param lr      current learning rate, finite and &gt; 0
   * @param factors probe factors, each finite and &gt; 0, at least one
   * @param losses  probe loss for each factor (same length); may hold NaN or infinities
   * @param minLr   lower clamp, finite and &gt; 0
   * @param maxLr   upper clamp, finite and &ge; minLr
   * @return the next learning rate, in {@code [minLr, maxLr]}
   */
  public static double nextLr(double lr, double[] factors, double[] losses, double minLr,
                              double maxLr) {
    Require.positive("nProbe", "lr", lr);
    Require.positive("nProbe", "minLr", minLr);
    Require.in("nProbe", "maxLr", maxLr, minLr, Double.MAX_VALUE, "[minLr, +inf)");
    Objects.requireNonNull(factors, "nProbe: factors must not be null");
    Objects.requireNonNull(losses, "nProbe: losses must not be null");
    if (factors.length == 0 || factors.length != losses.length) {
      throw new IllegalArgumentException("nProbe: factors and losses must have the same length"
          + " >= 1, got " + factors.length + " and " + losses.length);
    }
    double smallest = Double.POSITIVE_INFINITY;
    boolean anyFinite = false;
    for (int i = 0; i < factors.length; i++) {
      Require.positive("nProbe", "factors[" + i + "]", factors[i]);
      smallest = Math.min(smallest, factors[i]);
      anyFinite |= Double.isFinite(losses[i]);
    }
    if (!anyFinite) {
      return clamp(lr * smallest, minLr, maxLr);
    }
    double[] s = scores(losses);
    double weighted = 0;
    double total = 0;
    for (int i = 0; i < factors.length; i++) {
      weighted += s[i] * Math.log(factors[i]);
      total += s[i];
    }
    return clamp(lr * Math.exp(weighted / total), minLr, maxLr);
  }

  private static double clamp(double value, double lo, double hi) {
    return Math.max(lo, Math.min(hi, value));
  }
}
