package dev.alr.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
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
 * @param bestModel       the final best model's state (its lineage's last candidate, at its training
 *                        parameters with its updater state): null before any epoch advanced, and in a
 *                        result rebuilt from JSON or events; never part of the JSON. Turn it into a DL4J
 *                        network with {@code dev.alr.models.nn.ModelExport}
 */
public record SearchResult(int formatVersion, SearchConfig config, List<EpochRecord> epochs, List<Double> lrPath,
                           List<Integer> lineage, Evaluation finalTest, double wallSeconds, long candidateEpochs,
                           long sampleGradients, long probeForwards, long bytesCopied, Termination termination,
                           String message, LrRangeResult rangeTest, @JsonIgnore ModelState bestModel) {
  /** Version of this result's JSON shape. */
  public static final int FORMAT_VERSION = 1;

  /** Copies the lists. */
  public SearchResult {
    epochs = List.copyOf(epochs);
    lrPath = List.copyOf(lrPath);
    lineage = List.copyOf(lineage);
  }

  /** A result without the best model's state (rebuilt from JSON or events, or a test's). */
  public SearchResult(int formatVersion, SearchConfig config, List<EpochRecord> epochs, List<Double> lrPath,
                      List<Integer> lineage, Evaluation finalTest, double wallSeconds, long candidateEpochs,
                      long sampleGradients, long probeForwards, long bytesCopied, Termination termination,
                      String message) {
    this(formatVersion, config, epochs, lrPath, lineage, finalTest, wallSeconds, candidateEpochs, sampleGradients,
        probeForwards, bytesCopied, termination, message, null, null);
  }

  /** This result with the best model's state. */
  public SearchResult withBestModel(ModelState state) {
    return new SearchResult(formatVersion, config, epochs, lrPath, lineage, finalTest, wallSeconds, candidateEpochs,
        sampleGradients, probeForwards, bytesCopied, termination, message, rangeTest, state);
  }

  /**
   * This result with the LR range test that chose its start LR; the test's sample-gradients are
   * added to {@link #sampleGradients()}.
   */
  public SearchResult withRangeTest(LrRangeResult test) {
    return new SearchResult(formatVersion, config, epochs, lrPath, lineage, finalTest, wallSeconds, candidateEpochs,
        sampleGradients + test.sampleGradients(), probeForwards, bytesCopied, termination, message, test, bestModel);
  }

  /** Whether the run trained all its epochs. */
  public boolean completed() {
    return termination == Termination.COMPLETED;
  }
}
