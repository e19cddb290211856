package dev.alr.models.prune;

import dev.alr.engine.prune.PruneCandidate;
import java.util.List;
import java.util.Objects;

/**
 * Trains the candidates of one prune cycle somewhere: on local threads
 * ({@link LocalCycleTrainer}) or on actors (the {@code actors} module). {@link PruneRun}'s cycle
 * loop plans, calls {@link #train} once per cycle and decides; the trainer only trains, each
 * candidate with {@link PruneTrainer#train}, so every implementation gives the same records.
 *
 * <p>Call order: {@link #train} once per cycle from one thread, then {@link #close}.
 */
public interface CycleTrainer extends AutoCloseable {

  /**
   * One candidate to train with its parent line's state.
   *
   * @param candidate the candidate
   * @param parent    its parent's line, null for a root
   */
  record Job(PruneCandidate candidate, LineState parent) {
    /** Checks the candidate is present. */
    public Job {
      Objects.requireNonNull(candidate, "candidate");
    }
  }

  /**
   * Trains every job of a cycle and waits for all of them.
   *
   * @return one result per job, in job order
   * @throws IllegalStateException when a job cannot be trained (one line)
   */
  List<PruneTrainer.Trained> train(int cycle, List<Job> jobs) throws InterruptedException;

  /** Releases the trainer's threads or actors; never throws. */
  @Override
  void close();
}
