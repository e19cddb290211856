package dev.alr.engine.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of LR factor lists: non-empty, each finite, &gt; 0 and given once. Stateless. */
final class Factors {
  private Factors() {
  }

  static List<Double> validate(List<Double> factors) {
    if (factors == null || factors.isEmpty()) {
      throw new IllegalArgumentException("factors: at least one factor is required, e.g. 0.5,1,2");
    }
    Set<Double> seen = new HashSet<>();
    for (Double f : factors) {
      if (f == null || !(f > 0) || Double.isInfinite(f)) {
        throw new IllegalArgumentException("factors: each factor must be finite and > 0, got " + f);
      }
      if (!seen.add(f)) {
        throw new IllegalArgumentException("factors: each factor at most once (a repeat trains the same candidate"
            + " twice), got " + f + " twice in " + factors);
      }
    }
    return List.copyOf(factors);
  }
}
