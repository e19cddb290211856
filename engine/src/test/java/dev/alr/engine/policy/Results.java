package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Builders of candidate results for the policy tests. */
final class Results {
  private Results() {
  }

  /** A result with the given train loss, no validation loss, ending at {@code endLr}. */
  static CandidateResult train(int id, double trainLoss, double endLr) {
    return new CandidateResult(id, trainLoss, Double.NaN, endLr, 0.0, "w", 0, 0, 0);
  }

  /** A result with both losses. */
  static CandidateResult both(int id, double trainLoss, double valLoss, double endLr) {
    return new CandidateResult(id, trainLoss, valLoss, endLr, 0.0, "w", 0, 0, 0);
  }

  /** One result per planned candidate, {@code losses[i]} for {@code planned.get(i)}, end LR = start LR. */
  static List<CandidateResult> forPlan(List<Candidate> planned, double[] losses) {
    List<CandidateResult> out = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      out.add(train(planned.get(i).id(), losses[i], planned.get(i).lr()));
    }
    return out;
  }

  /** A copy of {@code list} shuffled with a fixed seed. */
  static <T> List<T> shuffled(List<T> list, long seed) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, new Random(seed));
    return copy;
  }
}
