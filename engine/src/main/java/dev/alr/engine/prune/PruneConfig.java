package dev.alr.engine.prune;

import dev.alr.engine.spi.WorkloadSpec;
import java.util.Objects;

/**
 * A pruning run as plain data, for {@link dev.alr.engine.Alr#prune}: what {@code alr prune} takes
 * on its command line. The ranges of the numbers, the criterion and the reset are checked by the
 * executor before any training (one line naming the field). Immutable, thread-safe.
 *
 * @param workload    model, dataset, updater, batch size, seed, validation split
 * @param policy      how each cycle's peak learning rates are chosen
 * @param cycles      prune cycles after the dense cycle 0 (the run trains cycles 0…cycles)
 * @param fraction    fraction p of the surviving weights pruned per cycle, in (0, 1)
 * @param cycleEpochs epochs per cycle (&ge; 1)
 * @param criterion   which weights are pruned, as {@code alr prune --criterion} spells it
 *                    ({@code magnitude}, {@code magnitude-layerwise}, …)
 * @param reset       what the survivors are reset to after pruning, as {@code --reset} spells it
 *                    ({@code rewind-init}, {@code rewind-epoch K}, {@code reinit}, {@code none})
 * @param schedule    the within-cycle learning rate schedule
 * @param workers     candidates trained at once (&ge; 1; the result does not depend on it)
 */
public record PruneConfig(WorkloadSpec workload, PrunePolicy policy, int cycles, double fraction, int cycleEpochs,
                          String criterion, String reset, CycleSchedule schedule, int workers) {
  /** Checks that the parts are present. */
  public PruneConfig {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(criterion, "criterion");
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(schedule, "schedule");
  }

  /** This run with {@code n} workers. */
  public PruneConfig withWorkers(int n) {
    return new PruneConfig(workload, policy, cycles, fraction, cycleEpochs, criterion, reset, schedule, n);
  }
}
