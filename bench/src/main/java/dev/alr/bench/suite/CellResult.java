package dev.alr.bench.suite;

import dev.alr.engine.Termination;
import java.util.List;

/**
 * A finished cell: its rows (one per epoch) and, for ALR, its candidate tree. Persisted as one
 * JSON file per cell so that {@code --resume} can skip it. Immutable.
 *
 * @param cell        the cell
 * @param rows        one row per advanced epoch
 * @param tree        every candidate (ALR; empty otherwise)
 * @param termination {@code completed} or {@code diverged}
 * @param lrTrace     the recorded per-step LR of the chosen path (schedules, N-probe; thinned), empty when
 *                    its LR is fixed within each epoch (ALR) or the cell predates the trace
 */
public record CellResult(Cell cell, List<EpochRow> rows, List<TreeNode> tree, Termination termination,
                         List<LrSample> lrTrace) {

  /** Copies the lists ({@code lrTrace} {@code null}: empty). */
  public CellResult {
    rows = List.copyOf(rows);
    tree = List.copyOf(tree);
    lrTrace = lrTrace == null ? List.of() : List.copyOf(lrTrace);
  }

  /** The last row, or {@code null} when the run advanced no epoch. */
  public EpochRow last() {
    return rows.isEmpty() ? null : rows.get(rows.size() - 1);
  }
}
