package dev.alr.engine.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * ALR across prune cycles: M beams, each tries N factors on its peak learning rate; the M best
 * children by validation loss survive. Cycle 0 starts one line at {@code maxLr}. Immutable.
 *
 * @param maxLr   the starting peak learning rate
 * @param beams   M, lines kept per cycle (≥ 1)
 * @param factors the N factors (positive, finite, non-empty)
 */
public record BeamPolicy(double maxLr, int beams, List<Double> factors) implements PrunePolicy {
  /** Copies and validates. */
  public BeamPolicy {
    factors = List.copyOf(factors);
    if (!(maxLr > 0) || !Double.isFinite(maxLr)) {
      throw new IllegalArgumentException("maxLr must be positive and finite, got " + maxLr);
    }
    if (beams < 1) {
      throw new IllegalArgumentException("beams must be >= 1, got " + beams);
    }
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("factors is empty: give at least one factor");
    }
    for (double f : factors) {
      if (!(f > 0) || !Double.isFinite(f)) {
        throw new IllegalArgumentException("factors must be positive and finite, got " + f);
      }
    }
  }

  @Override
  public String name() {
    return "alr";
  }

  @Override
  public List<PruneCandidate> plan(PruneState state) {
    List<PruneLine> lines = state.cycle() == 0
        ? List.of(new PruneLine(PruneCandidate.ROOT, maxLr, Double.NaN)) : state.survivors();
    List<PruneCandidate> out = new ArrayList<>();
    int id = state.nextId();
    for (int m = 0; m < lines.size(); m++) {
      PruneLine line = lines.get(m);
      for (double f : factors) {
        out.add(new PruneCandidate(id++, line.candidateId(), state.cycle(), m, f, line.maxLr() * f));
      }
    }
    return out;
  }

  @Override
  public int survivors() {
    return beams;
  }

  @Override
  public int candidatesPerCycle(int cycle) {
    return cycle == 0 ? factors.size() : beams * factors.size();
  }
}
