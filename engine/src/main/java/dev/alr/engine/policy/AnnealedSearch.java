package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy whose candidates anneal in the run's final epochs: it plans what {@code inner} plans,
 * but in the epochs {@code anneal} covers each candidate with a fixed LR trains with that LR
 * decaying within the epoch ({@link LrRule.Annealed}) instead. Everything else — selection, state,
 * retries — is the inner policy's, so the decorated run replays from its round log like the
 * plain one. Candidates with other rules (schedules, N-probe) are left as they are.
 *
 * <p>Immutable and thread-safe.
 *
 * @param inner          the policy that chooses the LRs
 * @param anneal         which final epochs anneal, and how
 * @param totalEpochs    the run's epoch count
 * @param roundsPerEpoch the policy's rounds per epoch (1, or more with sub-epoch rounds: the
 *                       policy's "epoch" is then a round, and every round of an annealed epoch
 *                       follows that epoch's part of the curve)
 */
public record AnnealedSearch(SearchPolicy inner, Anneal anneal, int totalEpochs, int roundsPerEpoch)
    implements PlanDecorator {

  /** Validates. */
  public AnnealedSearch {
    Objects.requireNonNull(inner, "inner");
    Objects.requireNonNull(anneal, "anneal");
    if (totalEpochs < 1) {
      throw new IllegalArgumentException("epochs: must be >= 1, got " + totalEpochs);
    }
    if (roundsPerEpoch < 1) {
      throw new IllegalArgumentException("roundsPerEpoch: must be >= 1, got " + roundsPerEpoch);
    }
  }

  /** One round per epoch. */
  public AnnealedSearch(SearchPolicy inner, Anneal anneal, int totalEpochs) {
    this(inner, anneal, totalEpochs, 1);
  }

  @Override
  public List<Candidate> plan(SearchState state) {
    List<Candidate> planned = inner.plan(state);
    int epoch = (state.epoch() - 1) / roundsPerEpoch + 1;
    if (!anneal.covers(epoch, totalEpochs)) {
      return planned;
    }
    int parts = Math.min(anneal.epochs(), totalEpochs);
    int part = epoch - (totalEpochs - parts) - 1;
    List<Candidate> out = new ArrayList<>(planned.size());
    for (Candidate c : planned) {
      out.add(c.rule() instanceof LrRule.Fixed f
          ? new Candidate(c.id(), c.parentId(), c.epoch(), c.line(), c.factor(), c.lr(),
              new LrRule.Annealed(f.lr(), anneal.shape(), part, parts))
          : c);
    }
    return List.copyOf(out);
  }
}
