package dev.alr.engine.policy;

import java.util.List;

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
 * @param lrTrace         the per-step LR, thinned (see {@code CandidateTrainer}); empty for a fixed LR
 * @param probes          every N-probe probe of the epoch, in step order; empty for other rules
 */
public record CandidateResult(int candidateId, double trainLoss, double valLoss, double endLr, double seconds,
                              String worker, long sampleGradients, long probeForwards, long bytesCopied,
                              List<LrPoint> lrTrace, List<ProbeRecord> probes) {

  /** Copies the lists ({@code null}: empty). */
  public CandidateResult {
    lrTrace = lrTrace == null ? List.of() : List.copyOf(lrTrace);
    probes = probes == null ? List.of() : List.copyOf(probes);
  }

  /** A result without an LR trace or probes. */
  public CandidateResult(int candidateId, double trainLoss, double valLoss, double endLr, double seconds,
                         String worker, long sampleGradients, long probeForwards, long bytesCopied) {
    this(candidateId, trainLoss, valLoss, endLr, seconds, worker, sampleGradients, probeForwards, bytesCopied,
        List.of(), List.of());
  }

  /** This result with the copy volume and worker filled in by the executor. */
  public CandidateResult placed(String workerName, long bytes) {
    return new CandidateResult(candidateId, trainLoss, valLoss, endLr, seconds, workerName, sampleGradients,
        probeForwards, bytes, lrTrace, probes);
  }
}
