package dev.alr.engine;

import dev.alr.engine.policy.LrRangeTest;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PruneExecutor;
import dev.alr.engine.prune.PruneOutcome;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.engine.spi.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Entry point of the Java API:
 * <pre>{@code
 * SearchResult r = Alr.search(WorkloadSpec.of("mlp", "fashion-mnist", 7))
 *     .strategy(Strategies.alr())          // the default; Strategies.alrClassic() is the paper's
 *     .lr(0.05).epochs(3).workers(2)
 *     .run();
 * }</pre>
 * A builder is mutable and not thread-safe; {@link #run()} validates everything into an immutable
 * {@link SearchConfig} and runs it on the given executor or, by default, the first
 * {@link SearchExecutor} found by {@link ServiceLoader} (the {@code actors} module's).
 *
 * <p>A pruning run ({@link #prune(PruneConfig)}) takes its whole configuration as one record and
 * runs on the first {@link PruneExecutor} found the same way.
 */
public final class Alr {
  private WorkloadSpec workload;
  private Strategy strategy = Strategies.alr();
  private double lr = 0.05;
  private LrRangeTest lrAuto;
  private int epochs = 3;
  private int workers = Runtime.getRuntime().availableProcessors();
  private boolean evalEachEpoch = true;
  private Integer roundSteps;
  private Path checkpointDir;
  private boolean resume;
  private boolean overwrite;
  private SearchExecutor executor;
  private final List<SearchListener> listeners = new ArrayList<>();

  private Alr(WorkloadSpec workload) {
    this.workload = Objects.requireNonNull(workload, "workload");
  }

  /**
   * Runs an iterative pruning run on the first {@link PruneExecutor} on the class path (the
   * {@code actors} module's: {@code config.workers()} worker actors in this JVM).
   *
   * @throws SearchException       for a configuration refused before training, or no executor
   * @throws SearchFailedException when the run failed at run time
   */
  public static PruneOutcome prune(PruneConfig config) {
    return prune(config, r -> { });
  }

  /** As {@link #prune(PruneConfig)}, calling {@code onCandidate} with each record after its cycle. */
  public static PruneOutcome prune(PruneConfig config, Consumer<PruneRecord> onCandidate) {
    return prune(config, RunOptions.none(), onCandidate);
  }

  /** As {@link #prune(PruneConfig, Consumer)} on {@code executor}. */
  public static PruneOutcome prune(PruneConfig config, Consumer<PruneRecord> onCandidate, PruneExecutor executor) {
    return prune(config, RunOptions.none(), onCandidate, executor);
  }

  /**
   * As {@link #prune(PruneConfig, Consumer)}, checkpointing after every cycle in
   * {@code options.checkpointDir()} and, with {@code options.resume()}, continuing after its latest
   * cycle. The directory is claimed for the whole run ({@link CheckpointStore#claim}).
   *
   * @throws SearchException for a configuration or checkpoint refused before training (the
   *                         directory in use, no checkpoint to resume, another run's checkpoint)
   */
  public static PruneOutcome prune(PruneConfig config, RunOptions options, Consumer<PruneRecord> onCandidate) {
    return prune(config, options, onCandidate, ServiceLoader.load(PruneExecutor.class).findFirst()
        .orElseThrow(() -> new SearchException("no PruneExecutor on the class path: depend on dev.alr:alr-actors"
            + " (alr-engine alone holds no executor and no models)")));
  }

  /** As {@link #prune(PruneConfig, RunOptions, Consumer)} on {@code executor}. */
  @SuppressWarnings("try")
  public static PruneOutcome prune(PruneConfig config, RunOptions options, Consumer<PruneRecord> onCandidate,
                                   PruneExecutor executor) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(onCandidate, "onCandidate");
    Objects.requireNonNull(executor, "executor");
    try (CheckpointStore.Claim claim = CheckpointStore.claim(options)) {
      return executor.run(config, options, onCandidate);
    }
  }

  /** Starts a builder for a search over {@code workload}. */
  public static Alr search(WorkloadSpec workload) {
    return new Alr(workload);
  }

  public Alr strategy(Strategy s) {
    this.strategy = Objects.requireNonNull(s, "strategy");
    return this;
  }

  public Alr lr(double initialLr) {
    this.lr = initialLr;
    this.lrAuto = null;
    return this;
  }

  /**
   * Chooses the start LR by an LR range test ({@link LrRangeTest}) on a copy of the initial model
   * before the search starts, instead of {@link #lr(double)}; null turns it off. The test's
   * steps count in the result's sample-gradients; the result holds its curve.
   */
  public Alr lrAuto(LrRangeTest test) {
    this.lrAuto = test;
    return this;
  }

  public Alr epochs(int n) {
    this.epochs = n;
    return this;
  }

  public Alr workers(int n) {
    this.workers = n;
    return this;
  }

  /** Sets the run seed (the workload's seed). */
  public Alr seed(long seed) {
    this.workload = workload.withSeed(seed);
    return this;
  }

  public Alr evalEachEpoch(boolean on) {
    this.evalEachEpoch = on;
    return this;
  }

  /**
   * An ALR selection every {@code k} steps (batches) instead of every epoch: each epoch's batches
   * are cut into rounds of {@code k} (the last one of an epoch may be shorter). Checked by
   * {@link #config()} (&ge; 1, ALR only) and when the run starts (at most an epoch's batches).
   */
  public Alr roundSteps(int k) {
    this.roundSteps = k;
    return this;
  }

  /** Checkpoint every epoch under {@code dir}. */
  public Alr checkpoints(Path dir) {
    this.checkpointDir = dir;
    return this;
  }

  /** Continue from the latest checkpoint under the checkpoint directory. */
  public Alr resume(boolean on) {
    this.resume = on;
    return this;
  }

  /** Replace a checkpoint already in the checkpoint directory instead of refusing it. */
  public Alr overwrite(boolean on) {
    this.overwrite = on;
    return this;
  }

  public Alr executor(SearchExecutor e) {
    this.executor = e;
    return this;
  }

  public Alr listener(SearchListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
    return this;
  }

  /**
   * The validated configuration this builder describes. A strategy that ranks on validation loss
   * (the default {@link Strategies#alr()}) on a workload without a validation split holds out a
   * tenth of the training samples ({@link WorkloadSpec#VAL_TENTH}).
   */
  public SearchConfig config() {
    if (roundSteps != null && roundSteps < 1) {
      throw new IllegalArgumentException("roundSteps: must be >= 1 (batches per round), got " + roundSteps);
    }
    WorkloadSpec w = strategy.selectsOnValidation() && workload.val() == 0
        ? workload.withVal(WorkloadSpec.VAL_TENTH) : workload;
    return new SearchConfig(w, strategy, lr, epochs, workers, evalEachEpoch, roundSteps == null ? 0 : roundSteps);
  }

  /**
   * Runs the search and returns its result. The checkpoint directory, if any, is claimed for the
   * whole run ({@link CheckpointStore#claim}: a lock, stale temporaries removed, an existing
   * checkpoint refused unless resuming or overwriting) and released when the run ends.
   */
  @SuppressWarnings("try")
  public SearchResult run() {
    SearchConfig config = config();
    RunOptions options = new RunOptions(checkpointDir, resume, overwrite);
    SearchExecutor e = executor != null ? executor : ServiceLoader.load(SearchExecutor.class).findFirst()
        .orElseThrow(() -> new SearchException("no SearchExecutor on the class path: depend on dev.alr:alr-actors"
            + " (alr-engine alone holds no executor and no models)"));
    try (CheckpointStore.Claim claim = CheckpointStore.claim(options)) {
      SearchListener listener = SearchListener.all(listeners);
      if (lrAuto == null) {
        return e.run(config, options, listener);
      }
      LrRangeResult test = e.rangeTest(config.workload(), lrAuto, config.seed());
      SearchConfig chosen;
      try {
        chosen = new SearchConfig(config.workload(), config.strategy(), test.chosenLr(), config.epochs(),
            config.workers(), config.evalEachEpoch(), config.roundSteps());
      } catch (IllegalArgumentException refused) {
        throw new SearchException("lr auto: the range test chose " + test.chosenLr() + ", which the strategy refuses ("
            + refused.getMessage() + "); give a start LR or another range");
      }
      return e.run(chosen, options, SearchListener.mapFinished(listener, r -> r.withRangeTest(test)))
          .withRangeTest(test);
    }
  }
}
