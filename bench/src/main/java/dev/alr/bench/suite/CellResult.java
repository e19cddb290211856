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
 */
public record CellResult(Cell cell, List<EpochRow> rows, List<TreeNode> tree, Termination termination) {

  /** Copies the lists. */
  public CellResult {
    rows = List.copyOf(rows);
    tree = List.copyOf(tree);
  }

  /** The last row, or {@code null} when the run advanced no epoch. */
  public EpochRow last() {
    return rows.isEmpty() ? null : rows.get(rows.size() - 1);
  }
}
