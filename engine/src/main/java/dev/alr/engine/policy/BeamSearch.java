package dev.alr.engine.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ALR beam search (Takase, Oyama &amp; Kurihara, 2018). Each epoch every beam m and factor r_n
 * gives a candidate trained at clamp(η_m·r_n) from beam m's state; the M lowest-loss candidates
 * become the new beams, best first. Candidates with a non-finite loss rank last and never
 * survive. When every candidate of an epoch diverges, the epoch is retried from the same parents
 * with the beams' LRs halved, at most {@code maxBackoffs} times; then the search stops.
 *
 * <p>The factors are either a fixed list or, with a {@link FactorSpan}, a geometric grid whose
 * span is part of the {@link SearchState}: it widens after an epoch whose best candidate used an
 * edge factor and narrows after one whose best used an inner factor (a retried epoch keeps it).
 * With an opening, the first round plans the span's wide opening grid instead, and factors that
 * clamp to the same LR as the one before them are tried once.
 *
 * <p>Immutable and thread-safe.
 *
 * @param beams       M, the number of beams kept (&ge; 1)
 * @param factors     the LR factors r_n (each finite and &gt; 0); with {@code span}, the grid of
 *                    its base span (pass {@code null})
 * @param minLr       lower LR clamp
 * @param maxLr       upper LR clamp
 * @param selectOn    rank on training or validation loss
 * @param maxBackoffs how many times a fully diverged epoch is retried at half the LRs
 * @param span        the adaptive factor span, or {@code null} for the fixed {@code factors}
 */
public record BeamSearch(int beams, List<Double> factors, double minLr, double maxLr, SelectOn selectOn,
                         int maxBackoffs, FactorSpan span) implements SearchPolicy {

  /** Validates; messages name the field. */
  public BeamSearch {
    if (beams < 1) {
      throw new IllegalArgumentException("beams: must be >= 1, got " + beams);
    }
    if (span != null) {
      if (factors != null) {
        throw new IllegalArgumentException("factors: give either a factor list or adaptive, not both");
      }
      factors = span.factors(span.base());
    }
    factors = Factors.validate(factors);
    LrBounds.validate(minLr, maxLr);
    if (selectOn == null) {
      throw new IllegalArgumentException("select: must be train or val");
    }
    if (maxBackoffs < 0) {
      throw new IllegalArgumentException("maxBackoffs: must be >= 0, got " + maxBackoffs);
    }
  }

  /** Fixed factors. */
  public BeamSearch(int beams, List<Double> factors, double minLr, double maxLr, SelectOn selectOn,
                    int maxBackoffs) {
    this(beams, factors, minLr, maxLr, selectOn, maxBackoffs, null);
  }

  /** M beams over the given factors, default clamps, train-loss selection, 3 back-offs. */
  public static BeamSearch of(int beams, double... factors) {
    List<Double> f = new ArrayList<>();
    for (double x : factors) {
      f.add(x);
    }
    return new BeamSearch(beams, f, LrBounds.MIN, LrBounds.MAX, SelectOn.TRAIN, 3);
  }

  /** M beams over an adaptive factor span, default clamps, train-loss selection, 3 back-offs. */
  public static BeamSearch adaptive(int beams, FactorSpan span) {
    return new BeamSearch(beams, null, LrBounds.MIN, LrBounds.MAX, SelectOn.TRAIN, 3, span);
  }

  @Override
  public SearchState initial(double lr0) {
    return new SearchState(1, List.of(new Beam(Candidate.ROOT, 0, LrBounds.clamp(lr0, minLr, maxLr), Double.NaN)), 0, 0,
        span == null ? Double.NaN : span.opens() ? span.openSpan() : span.base());
  }

  /** Whether {@code state} is the first round of a span with an opening. */
  private boolean opening(SearchState state) {
    return span != null && span.opens() && state.epoch() == 1;
  }

  /**
   * The factors of the epoch {@code state} plans: the fixed list, the opening grid in the first
   * round of a span with an opening, or the grid of its span.
   */
  public List<Double> factorsOf(SearchState state) {
    return span == null ? factors : opening(state) ? span.opening() : span.factors(state.span());
  }

  @Override
  public List<Candidate> plan(SearchState state) {
    List<Double> grid = factorsOf(state);
    List<Candidate> out = new ArrayList<>(state.beams().size() * grid.size());
    int id = state.nextId();
    boolean open = opening(state);
    for (int m = 0; m < state.beams().size(); m++) {
      Beam b = state.beams().get(m);
      double previous = Double.NaN;
      for (double f : grid) {
        double lr = LrBounds.clamp(b.lr() * f, minLr, maxLr);
        if (open && lr == previous) {
          continue;
        }
        previous = lr;
        out.add(new Candidate(id++, b.candidateId(), state.epoch(), m, f, lr, new LrRule.Fixed(lr)));
      }
    }
    return out;
  }

  @Override
  public Decision decide(SearchState state, List<Candidate> planned, List<CandidateResult> results) {
    Map<Integer, Candidate> byId = new HashMap<>();
    planned.forEach(c -> byId.put(c.id(), c));
    int nextId = state.nextId() + planned.size();
    List<Beam> kept = new ArrayList<>();
    for (CandidateResult r : Ranking.top(results, beams, selectOn::loss)) {
      double loss = selectOn.loss(r);
      if (Double.isFinite(loss)) {
        kept.add(new Beam(r.candidateId(), 0, byId.get(r.candidateId()).lr(), loss));
      }
    }
    if (!kept.isEmpty()) {
      double best = byId.get(kept.get(0).candidateId()).factor();
      double nextSpan = span == null ? state.span()
          : opening(state) ? span.afterOpening(best) : span.next(state.span(), best);
      return new Decision.Advance(new SearchState(state.epoch() + 1, kept, nextId, 0, nextSpan));
    }
    if (state.backoffs() < maxBackoffs) {
      List<Beam> halved = state.beams().stream()
          .map(b -> new Beam(b.candidateId(), b.line(), LrBounds.clamp(b.lr() / 2, minLr, maxLr), b.loss()))
          .toList();
      return new Decision.Retry(new SearchState(state.epoch(), halved, nextId, state.backoffs() + 1, state.span()));
    }
    return new Decision.Stop("every candidate of epoch " + state.epoch() + " diverged after " + maxBackoffs
        + " back-offs (LRs halved each time)");
  }

  /**
   * The candidate-epochs a run of {@code epochs} epochs plans to train with successive halving
   * {@code halving} when no candidate diverges: each round's n candidates train its first rung, the
   * best {@link Halving#keep} of them the next, and so on (rung r ends at η^(r−R) of the round).
   * Without halving, {@link #plannedCandidateEpochs(int)}.
   */
  public double plannedCost(int epochs, Halving halving) {
    double total = 0;
    long lines = 1;
    for (int e = 1; e <= epochs; e++) {
      long c = lines * factorsPerBeam(e);
      long n = c;
      double done = 0;
      for (int r = 1; r <= halving.rungs(); r++) {
        double end = Math.pow(halving.rate(), r - halving.rungs());
        total += n * (end - done);
        done = end;
        n = halving.keep((int) n, beams);
      }
      lines = Math.min(beams, c);
    }
    return total;
  }

  /** The factors each beam tries in epoch {@code e}: the opening's in epoch 1, else the base grid's. */
  private int factorsPerBeam(int e) {
    return e == 1 && span != null && span.opens() ? span.openCount() : factors.size();
  }

  @Override
  public long plannedCandidateEpochs(int epochs) {
    long total = 0;
    long lines = 1;
    for (int e = 1; e <= epochs; e++) {
      long c = lines * factorsPerBeam(e);
      total += c;
      lines = Math.min(beams, c);
    }
    return total;
  }
}
