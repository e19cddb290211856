package dev.alr.engine;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrPoint;
import dev.alr.engine.policy.ProbeRecord;
import java.util.List;

/**
 * One trained candidate in a run's history (a row of the JSON output's {@code candidates}).
 *
 * @param id              candidate id
 * @param parent          parent candidate id, or -1 for the seeded initial model
 * @param line            beam rank / grid line it was planned from
 * @param factor          LR factor applied to the parent's LR
 * @param lr              LR at the start of its epoch
 * @param endLr           LR at the end of its epoch
 * @param loss            mean training loss of the epoch
 * @param valLoss         validation loss after the epoch (NaN when not measured)
 * @param seconds         training wall seconds
 * @param worker          worker that trained it
 * @param bytesCopied     parent-state bytes copied between workers for it
 * @param sampleGradients forward+backward sample evaluations
 * @param probeForwards   probe forward sample evaluations
 * @param lrTrace         the per-step LR of the epoch, thinned (empty for a fixed LR)
 * @param probes          N-probe's probes of the epoch: the LR probed and the loss per factor (empty otherwise)
 * @param rung            with successive halving ({@code --halving}), the rung of its round it reached
 *                        (1 … R; a candidate that reached the last rung trained the whole round, the
 *                        others stopped after that rung, and {@code loss} and {@code sampleGradients}
 *                        cover what it trained); 1 without halving
 */
public record CandidateRecord(int id, int parent, int line, double factor, double lr, double endLr, double loss,
                              double valLoss, double seconds, String worker, long bytesCopied,
                              long sampleGradients, long probeForwards, List<LrPoint> lrTrace,
                              List<ProbeRecord> probes, int rung) {

  /**
   * Copies the lists ({@code null}, e.g. from an older event log: empty); a rung below 1 (an
   * older log has none) is 1.
   */
  public CandidateRecord {
    lrTrace = lrTrace == null ? List.of() : List.copyOf(lrTrace);
    probes = probes == null ? List.of() : List.copyOf(probes);
    rung = Math.max(1, rung);
  }

  /** A record of a run without halving (rung 1). */
  public CandidateRecord(int id, int parent, int line, double factor, double lr, double endLr, double loss,
                         double valLoss, double seconds, String worker, long bytesCopied, long sampleGradients,
                         long probeForwards, List<LrPoint> lrTrace, List<ProbeRecord> probes) {
    this(id, parent, line, factor, lr, endLr, loss, valLoss, seconds, worker, bytesCopied, sampleGradients,
        probeForwards, lrTrace, probes, 1);
  }

  /** A record without an LR trace or probes. */
  public CandidateRecord(int id, int parent, int line, double factor, double lr, double endLr, double loss,
                         double valLoss, double seconds, String worker, long bytesCopied, long sampleGradients,
                         long probeForwards) {
    this(id, parent, line, factor, lr, endLr, loss, valLoss, seconds, worker, bytesCopied, sampleGradients,
        probeForwards, List.of(), List.of());
  }

  /** Joins a plan entry with its result. */
  public static CandidateRecord of(Candidate c, CandidateResult r) {
    return new CandidateRecord(c.id(), c.parentId(), c.line(), c.factor(), c.lr(), r.endLr(), r.trainLoss(),
        r.valLoss(), r.seconds(), r.worker(), r.bytesCopied(), r.sampleGradients(), r.probeForwards(), r.lrTrace(),
        r.probes(), 1);
  }

  /** Joins a plan entry with its result, the candidate having reached rung {@code rung} of its round. */
  public static CandidateRecord of(Candidate c, CandidateResult r, int rung) {
    return new CandidateRecord(c.id(), c.parentId(), c.line(), c.factor(), c.lr(), r.endLr(), r.trainLoss(),
        r.valLoss(), r.seconds(), r.worker(), r.bytesCopied(), r.sampleGradients(), r.probeForwards(), r.lrTrace(),
        r.probes(), rung);
  }

  /** This record with {@code bytes} more bytes copied. */
  public CandidateRecord withMoreBytes(long bytes) {
    return new CandidateRecord(id, parent, line, factor, lr, endLr, loss, valLoss, seconds, worker, bytesCopied + bytes,
        sampleGradients, probeForwards, lrTrace, probes, rung);
  }
}
