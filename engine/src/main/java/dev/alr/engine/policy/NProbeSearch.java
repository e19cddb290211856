package dev.alr.engine.policy;

import java.util.List;

/**
 * The N-probe scheduler as a policy: one line whose LR moves every few steps inside the epoch
 * (see {@link LrRule.Probed}); each epoch continues from the previous one at the LR it ended
 * with. The search stops if the line diverges.
 *
 * <p>Immutable and thread-safe.
 *
 * @param settings the scheduler's factors, probe cadence, probe batch and clamps
 */
public record NProbeSearch(NProbeSettings settings) implements SearchPolicy {

  @Override
  public SearchState initial(double lr0) {
    return new SearchState(1, List.of(new Beam(Candidate.ROOT, 0,
        LrBounds.clamp(lr0, settings.minLr(), settings.maxLr()), Double.NaN)), 0, 0);
  }

  @Override
  public List<Candidate> plan(SearchState state) {
    Beam b = state.beams().get(0);
    return List.of(new Candidate(state.nextId(), b.candidateId(), state.epoch(), 0, 1.0, b.lr(),
        new LrRule.Probed(b.lr(), settings)));
  }

  @Override
  public Decision decide(SearchState state, List<Candidate> planned, List<CandidateResult> results) {
    return Lines.advanceAll(state, planned, results, SelectOn.TRAIN);
  }

  @Override
  public long plannedCandidateEpochs(int epochs) {
    return epochs;
  }
}
