package dev.alr.engine.prune;

import java.util.List;

/**
 * The same peak learning rate every cycle (learning-rate rewinding, Renda et al. 2020): one
 * candidate per cycle. Immutable.
 *
 * @param maxLr the peak learning rate
 */
public record ConstantPolicy(double maxLr) implements PrunePolicy {
  /** Validates. */
  public ConstantPolicy {
    if (!(maxLr > 0) || !Double.isFinite(maxLr)) {
      throw new IllegalArgumentException("maxLr must be positive and finite, got " + maxLr);
    }
  }

  @Override
  public String name() {
    return "constant";
  }

  @Override
  public List<PruneCandidate> plan(PruneState state) {
    return List.of(new PruneCandidate(state.nextId(), PrunePolicy.parentOf(state), state.cycle(), 0, 1, maxLr));
  }

  @Override
  public int survivors() {
    return 1;
  }

  @Override
  public int candidatesPerCycle(int cycle) {
    return 1;
  }
}
