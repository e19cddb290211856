package dev.alr.engine.policy;

import java.util.List;

/**
 * The N-probe scheduler as a policy: one line whose LR moves every few steps inside the epoch
 * (see {@link LrRule.Probed}); each epoch continues from the previous one at the LR it ended
 * with. The search stops if the line diverges.
 *
 * <p>Immutable and thread-safe.
 *
 * @param settings   the scheduler's factors, probe cadence, probe batch, clamps and rule
 * @param totalSteps optimizer steps of the whole run (the rule's profile runs over them), or 0 when unknown
 */
public record NProbeSearch(NProbeSettings settings, long totalSteps) implements SearchPolicy {

  /** A search that does not know its length (no profile: the settings' rule decays nothing). */
  public NProbeSearch(NProbeSettings settings) {
    this(settings, 0);
  }

  @Override
  public SearchState initial(double lr0) {
    return new SearchState(1, List.of(new Beam(Candidate.ROOT, 0,
        LrBounds.clamp(lr0, settings.minLr(), settings.maxLr()), Double.NaN)), 0, 0);
  }

  @Override
  public List<Candidate> plan(SearchState state) {
    Beam b = state.beams().get(0);
    return List.of(new Candidate(state.nextId(), b.candidateId(), state.epoch(), 0, 1.0, b.lr(),
        new LrRule.Probed(b.lr(), settings, totalSteps)));
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
