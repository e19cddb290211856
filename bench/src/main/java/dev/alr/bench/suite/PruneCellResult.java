package dev.alr.bench.suite;

import dev.alr.engine.prune.PruneRecord;
import java.util.List;

/**
 * A finished {@link PruneCell}: one row per cycle and every candidate's record. Persisted as one
 * JSON file per cell so that {@code --resume} skips it. Immutable.
 *
 * @param cell             the cell
 * @param prunableWeights  the model's prunable weights (dense)
 * @param rows             one row per cycle, cycle 0 first
 * @param records          every candidate's record, in the order the run reported them
 */
public record PruneCellResult(PruneCell cell, long prunableWeights, List<PruneRow> rows, List<PruneRecord> records) {
  /** Copies the lists. */
  public PruneCellResult {
    rows = List.copyOf(rows);
    records = List.copyOf(records);
  }
}
