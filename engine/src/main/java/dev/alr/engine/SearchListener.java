package dev.alr.engine;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;

/**
 * Progress events of a search run. Every method has an empty default.
 *
 * <p>Order: {@link #runStarted} once; per round any number of {@link #candidateFinished} (in
 * completion order, which varies), then {@link #roundDecided} and one {@link #epochFinished}; {@link #runFinished} once.
 * Calls come from one executor thread at a time, never concurrently; keep them quick.
 */
public interface SearchListener {

  /** The run starts; {@code plannedCandidateEpochs} counts the whole run, {@code done} those already done on resume. */
  default void runStarted(SearchConfig config, long plannedCandidateEpochs, long done) {
  }

  /** One candidate finished training. */
  default void candidateFinished(Candidate candidate, CandidateResult result) {
  }

  /**
   * A round is decided: its candidates and beams are known; the executor now closes the epoch
   * (evaluates the best beam when asked, secures the kept states). {@link #epochFinished} follows
   * with the same epoch, its test evaluation filled in.
   */
  default void roundDecided(EpochRecord epoch) {
  }

  /** An epoch (or a retried attempt of one) is decided and closed (checkpointed when asked). */
  default void epochFinished(EpochRecord epoch) {
  }

  /** The run ended. */
  default void runFinished(SearchResult result) {
  }

  /** A listener that ignores everything. */
  SearchListener NONE = new SearchListener() {
  };
}
