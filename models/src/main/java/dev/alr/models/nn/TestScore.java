package dev.alr.models.nn;

import dev.alr.engine.spi.Evaluation;

/**
 * The running loss and accuracy of a classifier over samples scored one at a time: mean
 * cross-entropy {@code -log max(p_label, 1e-10)} and the share whose most probable class is the
 * label. Shared by {@link NetworkModel} (its own splits) and {@link ModelExport} (a loaded network).
 *
 * <p>Call order: {@link #add} for each sample, then {@link #evaluation}. Not thread-safe: one
 * evaluation on one thread.
 */
final class TestScore {
  private static final double PROBABILITY_FLOOR = 1e-10;

  private double lossSum;
  private int correct;
  private int count;

  /** Scores one sample's class probabilities {@code p} against its {@code label}. */
  void add(float[] p, int label) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    if (best == label) {
      correct++;
    }
    lossSum -= Math.log(Math.max(p[label], PROBABILITY_FLOOR));
    count++;
  }

  /** The mean loss and accuracy of the samples added (NaN for none). */
  Evaluation evaluation() {
    return count == 0 ? new Evaluation(Double.NaN, Double.NaN, 0)
        : new Evaluation(lossSum / count, (double) correct / count, count);
  }
}
