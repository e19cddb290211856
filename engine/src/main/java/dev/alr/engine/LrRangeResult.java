package dev.alr.engine;

import dev.alr.engine.policy.LrRangeTest;
import java.util.List;

/**
 * What a learning-rate range test ({@code --lr auto}) measured and chose: the LR and raw loss of
 * every step it ran, the smoothed curve the choice was made on, and the chosen start LR. Its
 * steps are training work, counted in {@link #sampleGradients()} (and added to the run's total).
 *
 * <p>Immutable and thread-safe.
 *
 * @param test            the test's settings
 * @param lrs             each step's LR, in step order
 * @param losses          each step's training loss (the batch's loss at that step's forward pass)
 * @param smoothed        the bias-corrected moving average of {@code losses}
 * @param chosenLr        the start LR chosen by {@code test.pick()}
 * @param stoppedEarly    whether the smoothed loss passed the divergence threshold before the last step
 * @param sampleGradients the samples whose gradients the test computed
 * @param wallSeconds     the test's wall time
 */
public record LrRangeResult(LrRangeTest test, List<Double> lrs, List<Double> losses, List<Double> smoothed,
                            double chosenLr, boolean stoppedEarly, long sampleGradients, double wallSeconds) {

  /** Copies the lists; they must have the same length. */
  public LrRangeResult {
    lrs = List.copyOf(lrs);
    losses = List.copyOf(losses);
    smoothed = List.copyOf(smoothed);
    if (lrs.size() != losses.size() || lrs.size() != smoothed.size()) {
      throw new IllegalArgumentException("lrs, losses and smoothed must have the same length");
    }
  }
}
