package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Top-M selection shared by every policy: ascending loss, non-finite losses last, ties broken by
 * candidate id, so nothing depends on the order results arrived in. Stateless.
 */
public final class Ranking {
  private Ranking() {
  }

  /** Sort key: non-finite losses map to +∞ so they rank last. */
  public static double key(double loss) {
    return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
  }

  /** {@code results} sorted best first by {@code loss}, ties by candidate id. */
  public static List<CandidateResult> rank(List<CandidateResult> results, ToDoubleFunction<CandidateResult> loss) {
    List<CandidateResult> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.<CandidateResult>comparingDouble(r -> key(loss.applyAsDouble(r)))
        .thenComparingInt(CandidateResult::candidateId));
    return sorted;
  }

  /** The best {@code m} of {@code results}. */
  public static List<CandidateResult> top(List<CandidateResult> results, int m, ToDoubleFunction<CandidateResult> loss) {
    List<CandidateResult> sorted = rank(results, loss);
    return sorted.subList(0, Math.min(m, sorted.size()));
  }
}
