package dev.alr.engine;

import dev.alr.engine.spi.WorkloadSpec;
import java.util.Objects;

/**
 * Everything that defines a search run: what to train, how to choose LRs, from which LR, for
 * how long, on how many workers. The seed is the workload's. Immutable, validated at
 * construction (messages name the field), thread-safe.
 *
 * @param workload      model, dataset, batch size, updater, seed; replaced by
 *                      {@link Strategy#workload strategy.workload(workload)} (the optimizer
 *                      strategies set the updater)
 * @param strategy      how LRs are chosen
 * @param lr            the initial LR (finite, &gt; 0, and within the strategy's LR clamps, if any)
 * @param epochs        epochs to train (&ge; 1)
 * @param workers       workers (threads or nodes) training candidates in parallel (&ge; 1); does not
 *                      change the result
 * @param evalEachEpoch evaluate the best beam on the test split after every epoch (otherwise
 *                      only at the end)
 * @param roundSteps    batches per ALR round ({@code --round-steps}: a selection every that many
 *                      steps, in contiguous slices of each epoch), or 0 for one round per epoch;
 *                      only strategies that {@linkplain Strategy#supportsRounds support rounds}
 *                      take it, and it must not exceed an epoch's batches (checked when the run
 *                      starts and knows the training set)
 */
public record SearchConfig(WorkloadSpec workload, Strategy strategy, double lr, int epochs, int workers,
                           boolean evalEachEpoch, int roundSteps) {

  /** Validates. */
  public SearchConfig {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(strategy, "strategy");
    workload = Objects.requireNonNull(strategy.workload(workload), "strategy.workload");
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("lr: must be finite and > 0, got " + lr);
    }
    strategy.checkInitialLr(lr);
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs: must be >= 1, got " + epochs);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers: must be >= 1, got " + workers);
    }
    if (roundSteps < 0) {
      throw new IllegalArgumentException("roundSteps: must be >= 1 (batches per round), got " + roundSteps);
    }
    if (roundSteps > 0 && !strategy.supportsRounds()) {
      throw new IllegalArgumentException("roundSteps: only strategy alr has sub-epoch rounds; "
          + strategy.name() + " sets its LR per step or per epoch");
    }
  }

  /** A configuration with one round per epoch. */
  public SearchConfig(WorkloadSpec workload, Strategy strategy, double lr, int epochs, int workers,
                      boolean evalEachEpoch) {
    this(workload, strategy, lr, epochs, workers, evalEachEpoch, 0);
  }

  /** The run seed. */
  public long seed() {
    return workload.seed();
  }

  /**
   * The fields that determine the result (everything but the worker count and evaluation
   * cadence), as a stable string: a checkpoint is resumable only under the same fingerprint.
   */
  public String fingerprint() {
    return "workload=" + workload + "; strategy=" + strategy + "; lr=" + lr + "; epochs=" + epochs
        + (roundSteps > 0 ? "; roundSteps=" + roundSteps : "");
  }

  public SearchConfig withWorkers(int n) {
    return new SearchConfig(workload, strategy, lr, epochs, n, evalEachEpoch, roundSteps);
  }
}
