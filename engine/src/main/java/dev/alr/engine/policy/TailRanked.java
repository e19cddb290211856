package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy that ranks its candidates on annealed end points: it plans what {@code inner} plans, but
 * each fixed-LR candidate trains as {@link LrRule.Tailed} — its LR decays linearly towards 0 over the
 * last {@code tail} of its slice, and its loss is the mean over those decayed steps. Candidates with
 * other rules (an annealed final epoch, schedules) are left as they are, so wrap this around
 * {@link AnnealedSearch}, not inside it. Selection, state and retries are the inner policy's; the
 * beam carries the candidate's pre-tail LR, and the kept model is the decayed one.
 *
 * <p>Why: ranked on the raw training loss of a round, a larger LR loses to a smaller one through the
 * noise it trains with even when it would end lower once annealed (RESULTS §10); comparing every
 * candidate after the same short decay removes most of that noise from the ranking.
 *
 * <p>Immutable and thread-safe.
 *
 * @param inner the policy that chooses the LRs
 * @param tail  the decayed fraction of each candidate's steps, in (0, 1]
 */
public record TailRanked(SearchPolicy inner, double tail) implements PlanDecorator {

  /** Validates; messages name the field. */
  public TailRanked {
    Objects.requireNonNull(inner, "inner");
    if (!(tail > 0 && tail <= 1)) {
      throw new IllegalArgumentException("rankTail: must be in (0, 1], got " + tail);
    }
  }

  @Override
  public List<Candidate> plan(SearchState state) {
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : inner.plan(state)) {
      out.add(c.rule() instanceof LrRule.Fixed f
          ? new Candidate(c.id(), c.parentId(), c.epoch(), c.line(), c.factor(), c.lr(),
              new LrRule.Tailed(f.lr(), tail), c.fromBatch(), c.toBatch())
          : c);
    }
    return List.copyOf(out);
  }
}
