package dev.alr.engine.policy;

import java.util.List;

/**
 * A learning-rate search policy: a pure function of immutable snapshots.
 *
 * <p>Call order: {@link #initial} once; then per epoch {@link #plan} and, with the trained
 * results, {@link #decide}, which returns the next snapshot (advance or retry) or a stop.
 * Implementations are immutable and thread-safe; the same inputs always give the same outputs, so
 * a run can be replayed from its recorded results.
 */
public interface SearchPolicy {

  /** The snapshot before epoch 1: one root beam at {@code lr0} (a grid: one per grid point). */
  SearchState initial(double lr0);

  /** The candidates of {@code state.epoch()}, ids assigned from {@code state.nextId()} in order. */
  List<Candidate> plan(SearchState state);

  /**
   * Chooses the survivors among {@code results} (one per planned candidate, any order).
   */
  Decision decide(SearchState state, List<Candidate> planned, List<CandidateResult> results);

  /**
   * Candidate-epochs an uninterrupted run of {@code epochs} epochs trains (for progress bars),
   * assuming no line diverges.
   */
  long plannedCandidateEpochs(int epochs);

  /** The beam whose model is the search's answer, from the final snapshot. */
  default Beam best(SearchState state) {
    return state.beams().get(0);
  }
}
