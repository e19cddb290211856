package dev.alr.engine;

import dev.alr.engine.policy.SearchPolicy;
import dev.alr.engine.spi.WorkloadSpec;

/**
 * A named way to choose learning rates — ALR beam search, N-probe, a fixed schedule or a grid —
 * as immutable configuration. It becomes a {@link SearchPolicy} once the run knows its initial LR,
 * epoch count and steps per epoch. Build one with {@link Strategies}.
 *
 * <p>Implementations are immutable records and thread-safe; {@code toString()} is stable and part
 * of a checkpoint's configuration fingerprint.
 */
public interface Strategy {

  /**
   * The CLI name: {@code alr}, {@code nprobe}, {@code schedule:<name>}, {@code grid:<name>},
   * {@code schedule-free}, {@code dog} or {@code adam}.
   */
  String name();

  /** The policy for a run of {@code epochs} epochs starting at {@code lr0}. */
  SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch);

  /**
   * Whether this strategy can select every {@code --round-steps} steps rather than every epoch
   * (see {@link #roundPolicy}). False by default: schedules and N-probe set their LR per step.
   */
  default boolean supportsRounds() {
    return false;
  }

  /**
   * The policy for a run whose epochs are cut into {@code roundsPerEpoch} rounds each: its
   * "epochs" are the run's {@code epochs × roundsPerEpoch} rounds. Only called when
   * {@link #supportsRounds()}.
   */
  default SearchPolicy roundPolicy(double lr0, int epochs, int roundsPerEpoch, long stepsPerEpoch) {
    throw new UnsupportedOperationException(name() + " has no sub-epoch rounds");
  }

  /**
   * Checks the run's initial LR against this strategy's constraints (e.g. its LR clamps);
   * throws {@link IllegalArgumentException} naming {@code --lr}. No constraint by default.
   */
  default void checkInitialLr(double lr0) {
  }

  /**
   * The workload this strategy trains, given the requested one: the optimizer strategies
   * ({@code schedule-free}, {@code dog}, {@code adam}) put their updater in it, so it reaches every
   * worker, local or remote, with the workload. Unchanged by default. {@link SearchConfig} applies
   * it; applying it twice gives the same workload.
   */
  default WorkloadSpec workload(WorkloadSpec requested) {
    return requested;
  }

  /** Whether candidates are ranked on the validation loss (which then needs a validation split). */
  default boolean selectsOnValidation() {
    return false;
  }
}
