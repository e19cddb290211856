package dev.alr.engine;

import dev.alr.engine.policy.Beam;
import dev.alr.engine.spi.Evaluation;
import java.util.List;

/**
 * One epoch (one attempt of it) in a run's history.
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
 */
public record EpochRecord(int epoch, int attempt, EpochOutcome outcome, List<CandidateRecord> candidates,
                          List<Beam> beams, Evaluation test, double seconds, double span) {

  /** Copies the lists. */
  public EpochRecord {
    candidates = List.copyOf(candidates);
    beams = List.copyOf(beams);
  }

  /** A record of a round planned without an adaptive span. */
  public EpochRecord(int epoch, int attempt, EpochOutcome outcome, List<CandidateRecord> candidates, List<Beam> beams,
                     Evaluation test, double seconds) {
    this(epoch, attempt, outcome, candidates, beams, test, seconds, Double.NaN);
  }

  /** This record with the test evaluation filled in. */
  public EpochRecord withTest(Evaluation e) {
    return new EpochRecord(epoch, attempt, outcome, candidates, beams, e, seconds, span);
  }
}
