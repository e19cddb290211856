package dev.alr.engine.prune;

import dev.alr.engine.RunOptions;
import java.util.function.Consumer;

/**
 * Runs a pruning run: trains each cycle's candidates somewhere (threads, actors, a cluster) and
 * returns every record. Found by {@link java.util.ServiceLoader} when
 * {@link dev.alr.engine.Alr#prune} is not given one.
 *
 * <p>Implementations are thread-safe; each {@link #run} call is an independent run. The same
 * configuration gives the same records whatever the executor and worker count, and a run resumed
 * from its checkpoint ends with the same records as one that was never interrupted.
 */
public interface PruneExecutor {

  /**
   * Runs to completion without checkpoints ({@link RunOptions#none()}).
   *
   * @see #run(PruneConfig, RunOptions, Consumer)
   */
  default PruneOutcome run(PruneConfig config, Consumer<PruneRecord> onCandidate) {
    return run(config, RunOptions.none(), onCandidate);
  }

  /**
   * Runs to completion, checkpointing after every cycle in {@code options.checkpointDir()} when it
   * is set and, with {@code options.resume()}, continuing after the latest checkpointed cycle
   * (whose records are passed to {@code onCandidate} first). The caller has claimed the directory
   * ({@link dev.alr.engine.run.CheckpointStore#claim(RunOptions)}), as {@link dev.alr.engine.Alr#prune} does.
   *
   * @param onCandidate called after each cycle with each of its records, in plan order, on the
   *                    thread that called {@code run}
   * @throws dev.alr.engine.SearchFailedException when the run started and failed at run time (lost
   *                                              workers, every candidate of a cycle diverged, interrupted)
   * @throws dev.alr.engine.SearchException       for a configuration, data or checkpoint refused before training
   */
  PruneOutcome run(PruneConfig config, RunOptions options, Consumer<PruneRecord> onCandidate);
}
