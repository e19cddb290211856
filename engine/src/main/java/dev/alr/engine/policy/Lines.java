package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Selection for policies whose lines all survive (schedules, grid, N-probe). Stateless. */
final class Lines {
  private Lines() {
  }

  /** Every line with a finite loss survives, best first; the LR carried on is the end LR. */
  static Decision advanceAll(SearchState state, List<Candidate> planned, List<CandidateResult> results,
                             SelectOn selectOn) {
    Map<Integer, Candidate> byId = new HashMap<>();
    planned.forEach(c -> byId.put(c.id(), c));
    List<Beam> kept = new ArrayList<>();
    for (CandidateResult r : Ranking.rank(results, selectOn::loss)) {
      double loss = selectOn.loss(r);
      if (Double.isFinite(loss)) {
        kept.add(new Beam(r.candidateId(), byId.get(r.candidateId()).line(), r.endLr(), loss));
      }
    }
    if (kept.isEmpty()) {
      return new Decision.Stop("training diverged in epoch " + state.epoch() + " (non-finite loss on every line)");
    }
    return new Decision.Advance(new SearchState(state.epoch() + 1, kept, state.nextId() + planned.size(), 0));
  }
}
