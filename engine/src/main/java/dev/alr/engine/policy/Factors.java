package dev.alr.engine.policy;

import java.util.List;

/** Validation of LR factor lists. Stateless. */
final class Factors {
  private Factors() {
  }

  static List<Double> validate(List<Double> factors) {
    if (factors == null || factors.isEmpty()) {
      throw new IllegalArgumentException("--factors: at least one factor is required, e.g. 0.5,1,2");
    }
    for (Double f : factors) {
      if (f == null || !(f > 0) || Double.isInfinite(f)) {
        throw new IllegalArgumentException("--factors: each factor must be finite and > 0, got " + f);
      }
    }
    return List.copyOf(factors);
  }
}
