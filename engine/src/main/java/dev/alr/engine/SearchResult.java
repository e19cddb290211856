package dev.alr.engine;

import dev.alr.engine.spi.Evaluation;
import java.util.List;

/**
 * The outcome of a search run: its configuration, full history and totals. Serialised as the
 * CLI's {@code --json} output (see README); {@link #FORMAT_VERSION} changes when that shape does.
 *
 * @param formatVersion   {@link #FORMAT_VERSION}
 * @param config          the configuration it ran with
 * @param epochs          per epoch (and per retried attempt): candidates and beams
 * @param lrPath          the LR of the final best model's ancestor in each epoch (its lineage)
 * @param lineage         candidate ids of that lineage, epoch 1 first
 * @param finalTest       test loss and accuracy of the final best model (null if none)
 * @param wallSeconds     wall seconds of the whole run (this process's part when resumed)
 * @param candidateEpochs candidate-epochs trained
 * @param sampleGradients forward+backward sample evaluations
 * @param probeForwards   probe forward sample evaluations
 * @param bytesCopied     model-state bytes copied between workers
 * @param termination     {@code completed} or {@code diverged}
 * @param message         one line about the termination
 * @param rangeTest       the LR range test that chose the start LR ({@code --lr auto}), or null
 */
public record SearchResult(int formatVersion, SearchConfig config, List<EpochRecord> epochs, List<Double> lrPath,
                           List<Integer> lineage, Evaluation finalTest, double wallSeconds, long candidateEpochs,
                           long sampleGradients, long probeForwards, long bytesCopied, Termination termination,
                           String message, LrRangeResult rangeTest) {
  /** Version of this result's JSON shape. */
  public static final int FORMAT_VERSION = 1;

  /** Copies the lists. */
  public SearchResult {
    epochs = List.copyOf(epochs);
    lrPath = List.copyOf(lrPath);
    lineage = List.copyOf(lineage);
  }

  /** Whether the run trained all its epochs. */
  /**
   * This result with the LR range test that chose its start LR; the test's sample-gradients are
   * added to {@link #sampleGradients()}.
   */
  public SearchResult withRangeTest(LrRangeResult test) {
    return new SearchResult(formatVersion, config, epochs, lrPath, lineage, finalTest, wallSeconds, candidateEpochs,
        sampleGradients + test.sampleGradients(), probeForwards, bytesCopied, termination, message, test);
  }

  public boolean completed() {
    return termination == Termination.COMPLETED;
  }
}
