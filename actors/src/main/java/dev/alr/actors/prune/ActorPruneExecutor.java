package dev.alr.actors.prune;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.alr.actors.Capacity;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PruneExecutor;
import dev.alr.engine.prune.PruneOutcome;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.models.prune.PruneCheckpoint;
import dev.alr.models.prune.PruneRun;
import dev.alr.models.prune.PruneRunConfig;
import dev.alr.models.prune.PruneTrainer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a pruning run in this JVM on a local actor system: {@code config.workers()}
 * {@link PruneWorker}s with one training thread each (at most
 * {@link Capacity#maxTrainers()}), coordinated per cycle by a {@link PruneCoordinator}; the cycle
 * loop ({@link PruneRun}) plans and decides on the calling thread. The default
 * {@link PruneExecutor} (found by {@link java.util.ServiceLoader}); gives the same records as
 * {@link PruneRun}'s local threads for any worker count.
 *
 * <p>Thread-safe: each {@link #run} call starts and terminates its own actor system.
 */
public final class ActorPruneExecutor implements PruneExecutor {

  @Override
  public PruneOutcome run(PruneConfig config, RunOptions options, Consumer<PruneRecord> onCandidate) {
    Objects.requireNonNull(onCandidate, "onCandidate");
    PruneRunConfig run = validated(config);
    PruneCheckpoint checkpoint = checkpoint(run, options);
    Config pekko = ConfigFactory.load();
    PruneTrainer trainer = new PruneTrainer(run);
    return outcome(new PruneRun(run, ActorCycleTrainer.local(trainer, run.workers(), pekko)), checkpoint, onCandidate);
  }

  /**
   * The checkpoints {@code options} ask for, opened (and, when resuming, read and checked against
   * {@code run}) before any worker starts; {@code null} without a checkpoint directory.
   *
   * @throws SearchException naming the directory or file when the checkpoint cannot be resumed
   */
  public static PruneCheckpoint checkpoint(PruneRunConfig run, RunOptions options) {
    Objects.requireNonNull(options, "options");
    return options.checkpointDir() == null ? null
        : PruneCheckpoint.open(new CheckpointStore(options.checkpointDir()), run, options.resume());
  }

  /** {@code config} as the models layer's run, or a {@link SearchException} naming the field. */
  public static PruneRunConfig validated(PruneConfig config) {
    try {
      PruneRunConfig run = PruneRunConfig.of(Objects.requireNonNull(config, "config"));
      Capacity.check("workers", run.workers());
      return run;
    } catch (IllegalArgumentException e) {
      throw new SearchException(e.getMessage());
    }
  }

  /**
   * Runs {@code run} to its end, checkpointing into {@code checkpoint} (may be {@code null}), turning
   * run-time failures into {@link SearchFailedException}s.
   */
  public static PruneOutcome outcome(PruneRun run, PruneCheckpoint checkpoint, Consumer<PruneRecord> onCandidate) {
    try {
      return new PruneOutcome(run.run(onCandidate, checkpoint));
    } catch (IllegalStateException e) {
      throw new SearchFailedException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SearchFailedException("interrupted while pruning", e);
    }
  }
}
