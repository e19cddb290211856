package dev.alr.engine;

import dev.alr.engine.policy.Beam;
import dev.alr.engine.spi.Evaluation;
import java.util.List;

/**
 * One round (one attempt of it) in a run's history: an epoch, or with sub-epoch rounds
 * ({@code --round-steps}) a contiguous slice of an epoch's batches.
 *
 * @param epoch      epoch number, from 1
 * @param attempt    0, or the back-off count when the epoch was retried after divergence
 * @param outcome    advanced, retried or stopped
 * @param candidates the candidates trained, in id order
 * @param beams      the beams kept, best first (empty unless advanced)
 * @param test       test loss/accuracy of the best beam, or {@code null} when not evaluated
 * @param seconds    wall seconds of the round
 * @param span       the adaptive factor span the round was planned with, or NaN when the policy has
 *                   none (see {@link dev.alr.engine.policy.FactorSpan})
 * @param round      the round, from 1 (the epoch when rounds are epochs)
 * @param fromBatch  first batch of the epoch the round trained (0-based)
 * @param toBatch    the batch after the round's last one (0 when not recorded)
 * @param searchNodeStateBytes model-state bytes the search node's process sent or received for this
 *                   round (parents it handed out, copies it fetched, a copy it had evaluated); 0 for
 *                   an in-process run and for a round replayed from a checkpoint (not recorded there)
 */
public record EpochRecord(int epoch, int attempt, EpochOutcome outcome, List<CandidateRecord> candidates,
                          List<Beam> beams, Evaluation test, double seconds, double span, int round,
                          int fromBatch, int toBatch, long searchNodeStateBytes) {

  /** Copies the lists. */
  public EpochRecord {
    candidates = List.copyOf(candidates);
    beams = List.copyOf(beams);
  }

  /** A record without search-node traffic. */
  public EpochRecord(int epoch, int attempt, EpochOutcome outcome, List<CandidateRecord> candidates, List<Beam> beams,
                     Evaluation test, double seconds, double span, int round, int fromBatch, int toBatch) {
    this(epoch, attempt, outcome, candidates, beams, test, seconds, span, round, fromBatch, toBatch, 0);
  }

  /** A record of a round that is its whole epoch. */
  public EpochRecord(int epoch, int attempt, EpochOutcome outcome, List<CandidateRecord> candidates, List<Beam> beams,
                     Evaluation test, double seconds, double span) {
    this(epoch, attempt, outcome, candidates, beams, test, seconds, span, epoch, 0, 0);
  }

  /** A record of a round planned without an adaptive span. */
  public EpochRecord(int epoch, int attempt, EpochOutcome outcome, List<CandidateRecord> candidates, List<Beam> beams,
                     Evaluation test, double seconds) {
    this(epoch, attempt, outcome, candidates, beams, test, seconds, Double.NaN);
  }

  /** This record with the test evaluation filled in. */
  public EpochRecord withTest(Evaluation e) {
    return new EpochRecord(epoch, attempt, outcome, candidates, beams, e, seconds, span, round, fromBatch, toBatch,
        searchNodeStateBytes);
  }

  /** This record with {@code rows} as its candidates. */
  public EpochRecord withCandidates(List<CandidateRecord> rows) {
    return new EpochRecord(epoch, attempt, outcome, rows, beams, test, seconds, span, round, fromBatch, toBatch,
        searchNodeStateBytes);
  }

  /** This record with {@code bytes} as its search-node state traffic. */
  public EpochRecord withSearchNodeStateBytes(long bytes) {
    return new EpochRecord(epoch, attempt, outcome, candidates, beams, test, seconds, span, round, fromBatch, toBatch,
        bytes);
  }
}
