package dev.alr.engine;

/**
 * Runs a search: trains the policy's candidates somewhere (threads, actors, a cluster) and
 * returns the result. Found by {@link java.util.ServiceLoader} when {@link Alr} is not given one.
 *
 * <p>Implementations are thread-safe; each {@link #run} call is an independent run. The same
 * configuration gives the same result whatever the executor and worker count.
 */
public interface SearchExecutor {

  /**
   * Runs to completion (or divergence).
   *
   * @throws SearchFailedException when the run started and failed at run time (lost workers,
   *                               stalled, a checkpoint not written); one-line message
   * @throws SearchException       for a configuration, data or checkpoint refused before training
   *                               (one-line message)
   */
  SearchResult run(SearchConfig config, RunOptions options, SearchListener listener);
}
