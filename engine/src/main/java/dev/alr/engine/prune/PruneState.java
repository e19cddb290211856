package dev.alr.engine.prune;

import java.util.List;

/**
 * The snapshot a prune policy plans from: the cycle to plan, the survivors of the cycle before
 * (best first; empty before cycle 0) and the next free candidate id. Immutable.
 *
 * @param cycle     the cycle to plan, from 0
 * @param survivors the lines kept after the previous cycle, best first
 * @param nextId    the first id the plan may use
 */
public record PruneState(int cycle, List<PruneLine> survivors, int nextId) {
  /** Copies the list and validates. */
  public PruneState {
    survivors = List.copyOf(survivors);
    if (cycle < 0 || nextId < 0) {
      throw new IllegalArgumentException("cycle and nextId must be >= 0");
    }
    if (cycle > 0 && survivors.isEmpty()) {
      throw new IllegalArgumentException("cycle " + cycle + " needs the survivors of cycle " + (cycle - 1));
    }
  }

  /** The state before cycle 0. */
  public static PruneState start() {
    return new PruneState(0, List.of(), 0);
  }

  /** The best survivor (the run's answer after the last cycle). */
  public PruneLine best() {
    return survivors.get(0);
  }
}
