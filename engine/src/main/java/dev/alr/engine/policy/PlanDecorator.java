package dev.alr.engine.policy;

import java.util.List;

/**
 * A policy that changes only how another policy's candidates train: it rewrites {@link #plan} and
 * leaves the start, the selection, the planned count and the answer to {@link #inner()}, so the
 * decorated run replays from its round log like the plain one ({@link AnnealedSearch},
 * {@link BoundedDecrease}, {@link TailRanked}).
 *
 * <p>Call order as {@link SearchPolicy}. Implementations are immutable and thread-safe.
 */
public interface PlanDecorator extends SearchPolicy {
  /** The policy whose plan this one rewrites. */
  SearchPolicy inner();

  @Override
  default SearchState initial(double lr0) {
    return inner().initial(lr0);
  }

  @Override
  default Decision decide(SearchState state, List<Candidate> planned, List<CandidateResult> results) {
    return inner().decide(state, planned, results);
  }

  @Override
  default long plannedCandidateEpochs(int epochs) {
    return inner().plannedCandidateEpochs(epochs);
  }

  @Override
  default Beam best(SearchState state) {
    return inner().best(state);
  }
}
