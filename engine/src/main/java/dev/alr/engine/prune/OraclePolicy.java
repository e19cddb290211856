package dev.alr.engine.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * SILO's Oracle, greedy per cycle: every cycle trains one candidate per grid value from the
 * previous cycle's best, and the best by validation loss continues. Immutable.
 *
 * @param grid the peak learning rates tried each cycle, in order (line = index)
 */
public record OraclePolicy(List<Double> grid) implements PrunePolicy {
  /** Copies and validates the grid. */
  public OraclePolicy {
    grid = List.copyOf(grid);
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("grid is empty: give at least one max_lr");
    }
    for (double lr : grid) {
      if (!(lr > 0) || !Double.isFinite(lr)) {
        throw new IllegalArgumentException("grid values must be positive and finite, got " + lr);
      }
    }
  }

  @Override
  public String name() {
    return "oracle";
  }

  @Override
  public List<PruneCandidate> plan(PruneState state) {
    List<PruneCandidate> out = new ArrayList<>();
    int parent = PrunePolicy.parentOf(state);
    for (int g = 0; g < grid.size(); g++) {
      out.add(new PruneCandidate(state.nextId() + g, parent, state.cycle(), g, 1, grid.get(g)));
    }
    return out;
  }

  @Override
  public int survivors() {
    return 1;
  }

  @Override
  public int candidatesPerCycle(int cycle) {
    return grid.size();
  }
}
