package dev.alr.engine.run;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.LrPoint;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.policy.ProbeRecord;
import dev.alr.engine.schedule.Schedule;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.Seeds;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.TrainableModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains one candidate for one round on a model that already holds its parent's state: the
 * epoch's seeded data order (all of it, or the candidate's slice of it), the candidate's LR rule
 * step by step (an annealed LR decays with the step's position in the epoch), the
 * sample-weighted mean training loss (for a {@link LrRule.Tailed} candidate: over its decayed tail).
 * The same candidate and parent state give the same result on any worker.
 *
 * <p>Immutable and thread-safe; the model it is given must be used by the calling thread only.
 */
public final class CandidateTrainer {
  private static final long PROBE_STREAM = 0x9B0BEL;
  /** Most recorded LR points per epoch of a schedule or an annealed epoch. */
  static final int TRACE_POINTS_PER_EPOCH = 100;

  private final long seed;
  private final int batchSize;
  private final boolean measureVal;

  /**
   * @param seed       the run seed (data order and probe batches derive from it)
   * @param batchSize  mini-batch size
   * @param measureVal also evaluate the validation split after the epoch
   */
  public CandidateTrainer(long seed, int batchSize, boolean measureVal) {
    this.seed = seed;
    this.batchSize = batchSize;
    this.measureVal = measureVal;
  }

  /** Trains {@code c} on {@code model} in place and reports the epoch. */
  public CandidateResult train(TrainableModel model, Candidate c, String worker) {
    return train(model, c, worker, (step, steps) -> { });
  }

  /**
   * Called on the training thread after each step (for progress bars).
   */
  @FunctionalInterface
  public interface StepObserver {
    /** Step {@code step} (1-based) of {@code steps} in the round is done. */
    void afterStep(int step, int steps);
  }

  /** Like {@link #train(TrainableModel, Candidate, String)}, telling {@code observer} after each step. */
  public CandidateResult train(TrainableModel model, Candidate c, String worker, StepObserver observer) {
    long started = System.nanoTime();
    int n = model.trainSize();
    List<Batch> batches = new DataOrder(seed, c.epoch()).batches(n, batchSize);
    long stepOffset = (long) (c.epoch() - 1) * batches.size();
    double lossSum = 0;
    long samples = 0;
    long rankedSamples = 0;
    long probeForwards = 0;
    double lr = c.lr();
    LrRule rule = c.rule();
    long stride = traceStride(rule, batches.size());
    List<LrPoint> trace = new ArrayList<>();
    List<ProbeRecord> probes = new ArrayList<>();
    double level = rule instanceof LrRule.Probed p ? levelAt(p, c.lr(), stepOffset) : lr;
    int from = Math.min(c.fromBatch(), batches.size());
    int to = c.toBatch() == Candidate.EPOCH_END ? batches.size() : Math.min(c.toBatch(), batches.size());
    for (int i = from; i < to; i++) {
      Batch b = batches.get(i);
      long step = stepOffset + i;
      Hyper hyper;
      if (rule instanceof LrRule.Scheduled s) {
        Schedule schedule = s.schedule();
        lr = schedule.lr(step);
        hyper = new Hyper(lr, schedule.momentum(step));
      } else if (rule instanceof LrRule.Probed p) {
        NProbeSettings ps = p.settings();
        if (step % ps.every() == 0) {
          int size = ps.probeBatch() == 0 ? batchSize : ps.probeBatch();
          Batch probe = ps.sameBatch() ? b.head(size) : probeBatch(step, n, size);
          double[] factors = ps.rule().factorsAt(ps.factorArray(), step, ps.every());
          double[] losses = model.probe(b, probe, level, factors);
          probeForwards += (long) factors.length * probe.size();
          probes.add(new ProbeRecord(step, level, Arrays.stream(losses).boxed().toList()));
          level = ps.rule().nextLevel(level, factors, losses, ps.minLr(), ps.maxLr(), step, ps.every());
        }
        lr = level * ps.rule().stepFactor(step, p.totalSteps(), ps.every());
        hyper = Hyper.lr(lr);
      } else if (rule instanceof LrRule.Annealed a) {
        lr = a.lrAt(i, batches.size());
        hyper = Hyper.lr(lr);
      } else if (rule instanceof LrRule.Tailed t) {
        lr = t.lrAt(i - from, to - from);
        hyper = Hyper.lr(lr);
      } else {
        hyper = Hyper.lr(lr);
      }
      if (stride > 0 && step % stride == 0) {
        trace.add(new LrPoint(step, lr));
      }
      double loss = model.step(b, hyper);
      if (!(rule instanceof LrRule.Tailed t) || t.inTail(i - from, to - from) || !Double.isFinite(loss)) {
        lossSum += loss * b.size();
        rankedSamples += b.size();
      }
      samples += b.size();
      observer.afterStep(i - from + 1, to - from);
      if (!Double.isFinite(loss)) {
        break;
      }
    }
    if (rule instanceof LrRule.Probed p) {
      NProbeSettings ps = p.settings();
      lr = level * ps.rule().stepFactor(stepOffset + batches.size(), p.totalSteps(), ps.every());
    }
    double trainLoss = lossSum / rankedSamples;
    double valLoss = measureVal && Double.isFinite(trainLoss) ? model.evaluate(Split.VALIDATION).loss() : Double.NaN;
    double seconds = (System.nanoTime() - started) / 1e9;
    return new CandidateResult(c.id(), trainLoss, valLoss, lr, seconds, worker, samples, probeForwards, 0L, trace,
        probes);
  }

  /**
   * The N-probe level at the start of an epoch: the LR the line carries divided by the rule's
   * profile there (the previous epoch ended with {@code level * profile}).
   */
  private static double levelAt(LrRule.Probed p, double lr, long step) {
    NProbeSettings ps = p.settings();
    double profile = ps.rule().stepFactor(step, p.totalSteps(), ps.every());
    return profile > 0 ? lr / profile : lr;
  }

  /**
   * Record every how-manyth global step's LR: an N-probe run keeps at most
   * {@link LrRule.Probed#MAX_TRACE_POINTS} points over its length (every step of an epoch when the
   * length is unknown), a schedule or an annealed epoch at most {@link #TRACE_POINTS_PER_EPOCH} per
   * epoch; a fixed LR none (0).
   */
  static long traceStride(LrRule rule, int steps) {
    if (rule instanceof LrRule.Probed p) {
      long total = p.totalSteps() > 0 ? p.totalSteps() : steps;
      return Math.max(1, (total + LrRule.Probed.MAX_TRACE_POINTS - 1) / LrRule.Probed.MAX_TRACE_POINTS);
    }
    if (rule instanceof LrRule.Scheduled || rule instanceof LrRule.Annealed || rule instanceof LrRule.Tailed) {
      return Math.max(1, (steps + TRACE_POINTS_PER_EPOCH - 1) / TRACE_POINTS_PER_EPOCH);
    }
    return 0;
  }

  /** The probe batch of a step: a seeded draw from the training set, independent of the data order. */
  private Batch probeBatch(long step, int n, int size) {
    SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, PROBE_STREAM, step));
    int[] idx = new int[Math.min(size, n)];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = rnd.nextInt(n);
    }
    return new Batch(idx);
  }
}
