package dev.alr.engine.policy;

/**
 * What training one candidate for one epoch gave.
 *
 * @param candidateId     the candidate
 * @param trainLoss       sample-weighted mean training loss over the epoch's steps (NaN/Inf
 *                        when it diverged)
 * @param valLoss         validation loss after the epoch, or NaN when not measured
 * @param endLr           the LR in force at the end of the epoch (differs from the start for
 *                        schedules and N-probe)
 * @param seconds         wall seconds the training took
 * @param worker          name of the worker that trained it
 * @param sampleGradients forward+backward sample evaluations spent
 * @param probeForwards   forward-only sample evaluations spent on probes
 * @param bytesCopied     bytes of parent state copied between workers for this candidate
 */
public record CandidateResult(int candidateId, double trainLoss, double valLoss, double endLr, double seconds,
                              String worker, long sampleGradients, long probeForwards, long bytesCopied) {

  /** This result with the copy volume and worker filled in by the executor. */
  public CandidateResult placed(String workerName, long bytes) {
    return new CandidateResult(candidateId, trainLoss, valLoss, endLr, seconds, workerName, sampleGradients,
        probeForwards, bytes);
  }
}
