package dev.alr.models.prune;

import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PrunePolicy;
import dev.alr.engine.spi.WorkloadSpec;
import java.util.Objects;

/**
 * Everything a pruning run needs, validated in the constructor (one line naming the field).
 * Immutable, thread-safe.
 *
 * @param workload    model, dataset, updater, batch size, seed
 * @param policy      how each cycle's peak learning rate is chosen
 * @param cycles      prune cycles after the dense cycle 0 (the run trains cycles 0…cycles)
 * @param fraction    fraction p of the surviving weights pruned per cycle, in (0, 1)
 * @param cycleEpochs epochs per cycle (≥ 1)
 * @param criterion   which weights are pruned
 * @param reset       what the survivors are reset to after pruning
 * @param schedule    the within-cycle learning rate schedule
 * @param workers     candidates trained at once (≥ 1; the result does not depend on it)
 */
public record PruneRunConfig(WorkloadSpec workload, PrunePolicy policy, int cycles, double fraction, int cycleEpochs,
                             PruneCriterion criterion, ResetMode reset, CycleSchedule schedule, int workers) {
  /**
   * The run {@code c} describes, validated; the criterion and reset are parsed from their flag spellings.
   *
   * @throws IllegalArgumentException one line naming the field and what is allowed
   */
  public static PruneRunConfig of(PruneConfig c) {
    return new PruneRunConfig(c.workload(), c.policy(), c.cycles(), c.fraction(), c.cycleEpochs(),
        PruneCriterion.parse(c.criterion()), ResetMode.parse(c.reset()), c.schedule(), c.workers());
  }

  /** Validates. */
  public PruneRunConfig {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(schedule, "schedule");
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("pruneFraction must be in (0, 1), got " + fraction);
    }
    if (cycles < 1) {
      throw new IllegalArgumentException("cycles must be >= 1, got " + cycles);
    }
    if (cycleEpochs < 1) {
      throw new IllegalArgumentException("cycleEpochs must be >= 1, got " + cycleEpochs);
    }
    if (reset.kind() == ResetMode.Kind.REWIND_EPOCH && reset.epoch() > cycleEpochs) {
      throw new IllegalArgumentException("reset rewind-epoch " + reset.epoch() + " is beyond cycle 0's "
          + cycleEpochs + " epochs (allowed: 1.." + cycleEpochs + ")");
    }
    if (workload.val() < 1 && policy.candidatesPerCycle(1) > policy.survivors()) {
      throw new IllegalArgumentException("val must be >= 1 for policy " + policy.name()
          + " (it keeps the best candidates by validation loss)");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
  }
}
