package dev.alr.engine.prune;

import java.util.List;
import java.util.Objects;

/**
 * SILO: one candidate per cycle, its peak learning rate from the {@link SiloCurve}. Immutable.
 *
 * @param curve the S-curve
 * @param p     the prune fraction per cycle (the curve's sparsity)
 */
public record SiloPolicy(SiloCurve curve, double p) implements PrunePolicy {
  /** Validates. */
  public SiloPolicy {
    Objects.requireNonNull(curve, "curve");
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("pruneFraction must be in (0, 1), got " + p);
    }
  }

  @Override
  public String name() {
    return "silo";
  }

  @Override
  public List<PruneCandidate> plan(PruneState state) {
    return List.of(new PruneCandidate(state.nextId(), PrunePolicy.parentOf(state), state.cycle(), 0, 1,
        curve.maxLr(state.cycle(), p)));
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
