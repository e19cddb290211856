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

  /**
   * Runs an LR range test on a fresh model of {@code workload} on this node (called by
   * {@link Alr#run()} before {@link #run} when the start LR is {@code auto}). Executors that can
   * build the workload's model here implement it; the default refuses.
   *
   * @throws SearchException when this executor cannot run a range test or the workload is refused
   */
  default LrRangeResult rangeTest(dev.alr.engine.spi.WorkloadSpec workload, dev.alr.engine.policy.LrRangeTest test,
      long seed) {
    throw new SearchException("lr auto: " + getClass().getSimpleName() + " cannot run an LR range test; give a start LR");
  }
}
