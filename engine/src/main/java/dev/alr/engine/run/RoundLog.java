package dev.alr.engine.run;

import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import java.util.List;

/**
 * What one round produced: enough to replay a run's policy decisions on resume.
 *
 * @param results the round's candidate results
 * @param seconds wall seconds of the round
 * @param test    test evaluation of the best beam after the round, or {@code null}
 */
public record RoundLog(List<CandidateResult> results, double seconds, Evaluation test) {

  /** Copies the list. */
  public RoundLog {
    results = List.copyOf(results);
  }
}
