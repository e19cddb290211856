package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy whose LR may fall by at most a factor {@code floor} per round after its first
 * {@code fromRound} rounds: it plans what {@code inner} plans, but a fixed-LR candidate whose factor
 * is below {@code floor} trains at {@code floor} times its beam's LR instead (factor and LR both
 * raised, the id and place unchanged). A retried round (every candidate diverged, {@code backoffs > 0})
 * is planned unbounded, so divergence can still push the LR down fast. Everything else — selection,
 * span, state — is the inner policy's, and a run replays from its round log like the plain one.
 *
 * <p>Why: ranking on a round's training loss favours the smaller LR (the larger one pays off later);
 * with an adaptive span that greedy pick can fall by ×1/16 in one round and anneal the run early.
 * Bounding the decrease leaves the end decay to a schedule (e.g. a whole-run cosine, see
 * {@link Anneal}). A grid with several factors below {@code floor} plans duplicates at {@code floor};
 * they rank by id like any tie.
 *
 * <p>Immutable and thread-safe.
 *
 * @param inner     the policy that chooses the LRs (its candidates' {@code line} is their beam's index)
 * @param floor     the smallest factor after the first rounds, in (0, 1]
 * @param fromRound rounds planned unbounded at the start (&ge; 0; 1 = the first round is free)
 */
public record BoundedDecrease(SearchPolicy inner, double floor, int fromRound) implements PlanDecorator {

  /** Validates; messages name the field. */
  public BoundedDecrease {
    Objects.requireNonNull(inner, "inner");
    if (!(floor > 0 && floor <= 1)) {
      throw new IllegalArgumentException("maxDrop: must be in (0, 1], got " + floor);
    }
    if (fromRound < 0) {
      throw new IllegalArgumentException("fromRound: must be >= 0, got " + fromRound);
    }
  }

  @Override
  public List<Candidate> plan(SearchState state) {
    List<Candidate> planned = inner.plan(state);
    if (state.epoch() <= fromRound || state.backoffs() > 0) {
      return planned;
    }
    List<Candidate> out = new ArrayList<>(planned.size());
    for (Candidate c : planned) {
      if (c.rule() instanceof LrRule.Fixed && c.factor() < floor && c.line() < state.beams().size()) {
        double lr = Math.max(c.lr(), state.beams().get(c.line()).lr() * floor);
        out.add(new Candidate(c.id(), c.parentId(), c.epoch(), c.line(), floor, lr, new LrRule.Fixed(lr),
            c.fromBatch(), c.toBatch()));
      } else {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }
}
