package dev.alr.engine.prune;

import java.util.function.Consumer;

/**
 * Runs a pruning run: trains each cycle's candidates somewhere (threads, actors, a cluster) and
 * returns every record. Found by {@link java.util.ServiceLoader} when
 * {@link dev.alr.engine.Alr#prune} is not given one.
 *
 * <p>Implementations are thread-safe; each {@link #run} call is an independent run. The same
 * configuration gives the same records whatever the executor and worker count.
 */
public interface PruneExecutor {

  /**
   * Runs to completion.
   *
   * @param onCandidate called after each cycle with each of its records, in plan order, on the
   *                    thread that called {@code run}
   * @throws dev.alr.engine.SearchFailedException when the run started and failed at run time (lost
   *                                              workers, every candidate of a cycle diverged, interrupted)
   * @throws dev.alr.engine.SearchException       for a configuration or data refused before training
   */
  PruneOutcome run(PruneConfig config, Consumer<PruneRecord> onCandidate);
}
