package dev.alr.engine;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;

/**
 * Progress events of a search run. Every method has an empty default.
 *
 * <p>Order: {@link #runStarted} once; per round any number of {@link #candidateFinished} (in
 * completion order, which varies), then {@link #checkpointWritten} when the run checkpoints and the
 * epoch advanced, and then one {@link #epochFinished}; {@link #runFinished} once.
 * Calls come from one executor thread at a time, never concurrently; keep them quick.
 */
public interface SearchListener {

  /** The run starts; {@code plannedCandidateEpochs} counts the whole run, {@code done} those already done on resume. */
  default void runStarted(SearchConfig config, long plannedCandidateEpochs, long done) {
  }

  /** One candidate finished training. */
  default void candidateFinished(Candidate candidate, CandidateResult result) {
  }

  /** The checkpoint after {@code epoch} completed epochs was written in {@code dir}. */
  default void checkpointWritten(int epoch, java.nio.file.Path dir) {
  }

  /** An epoch (or a retried attempt of one) is decided. */
  default void epochFinished(EpochRecord epoch) {
  }

  /** The run ended. */
  default void runFinished(SearchResult result) {
  }

  /** A listener that ignores everything. */
  SearchListener NONE = new SearchListener() {
  };
}
