package dev.alr.engine;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;

/**
 * Progress events of a search run. Every method has an empty default.
 *
 * <p>Order: {@link #runStarted} once; per round any number of {@link #candidateFinished} (in
 * completion order, which varies), then {@link #roundDecided}, then {@link #checkpointWritten} when
 * the run checkpoints and the epoch advanced, and then one {@link #epochFinished}; {@link #runFinished}
 * once.
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

  /** The checkpoint after {@code epoch} completed epochs was written in {@code dir}. */
  default void checkpointWritten(int epoch, java.nio.file.Path dir) {
  }

  /** An epoch (or a retried attempt of one) is decided and closed (checkpointed when asked). */
  default void epochFinished(EpochRecord epoch) {
  }

  /** The run ended. */
  default void runFinished(SearchResult result) {
  }

  /** A listener that passes every event to each of {@code listeners}, in order. */
  static SearchListener all(java.util.List<SearchListener> listeners) {
    java.util.List<SearchListener> ls = java.util.List.copyOf(listeners);
    return new SearchListener() {
      @Override
      public void runStarted(SearchConfig config, long planned, long done) {
        ls.forEach(l -> l.runStarted(config, planned, done));
      }

      @Override
      public void candidateFinished(Candidate c, CandidateResult r) {
        ls.forEach(l -> l.candidateFinished(c, r));
      }

      @Override
      public void roundDecided(EpochRecord epoch) {
        ls.forEach(l -> l.roundDecided(epoch));
      }

      @Override
      public void checkpointWritten(int epoch, java.nio.file.Path dir) {
        ls.forEach(l -> l.checkpointWritten(epoch, dir));
      }

      @Override
      public void epochFinished(EpochRecord epoch) {
        ls.forEach(l -> l.epochFinished(epoch));
      }

      @Override
      public void runFinished(SearchResult result) {
        ls.forEach(l -> l.runFinished(result));
      }
    };
  }

  /**
   * A listener that passes every event to {@code l}, the finished result after {@code finished}
   * has transformed it (how {@link Alr} adds what it measured around the executor's run).
   */
  static SearchListener mapFinished(SearchListener l, java.util.function.UnaryOperator<SearchResult> finished) {
    return new SearchListener() {
      @Override
      public void runStarted(SearchConfig config, long planned, long done) {
        l.runStarted(config, planned, done);
      }

      @Override
      public void candidateFinished(Candidate c, CandidateResult r) {
        l.candidateFinished(c, r);
      }

      @Override
      public void roundDecided(EpochRecord epoch) {
        l.roundDecided(epoch);
      }

      @Override
      public void checkpointWritten(int epoch, java.nio.file.Path dir) {
        l.checkpointWritten(epoch, dir);
      }

      @Override
      public void epochFinished(EpochRecord epoch) {
        l.epochFinished(epoch);
      }

      @Override
      public void runFinished(SearchResult result) {
        l.runFinished(finished.apply(result));
      }
    };
  }

  /** A listener that ignores everything. */
  SearchListener NONE = new SearchListener() {
  };
}
