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
   * @throws SearchException for a configuration, data or checkpoint problem (one-line message)
   */
  SearchResult run(SearchConfig config, RunOptions options, SearchListener listener);
}
