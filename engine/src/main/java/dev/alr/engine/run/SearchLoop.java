package dev.alr.engine.run;

import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.Decision;
import dev.alr.engine.policy.SearchPolicy;
import dev.alr.engine.policy.SearchState;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Evaluation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a policy round by round and keeps the run's history; any executor drives it. It never
 * trains anything itself, so it is tested with no models at all.
 *
 * <p>Call order: {@link #plan()} → train those candidates → {@link #complete} → if the outcome
 * asks for it, evaluate the best beam and {@link #recordTest} → repeat until {@link #finished()}
 * → {@link #result}. {@link #replay} rebuilds a loop from a checkpoint's {@link #log()}.
 *
 * <p>Not thread-safe: one executor thread drives it.
 */
public final class SearchLoop {
  private final SearchConfig config;
  private final SearchPolicy policy;
  private final RoundSlices slices;
  private final int totalRounds;
  private final List<RoundLog> log = new ArrayList<>();
  private final List<EpochRecord> epochs = new ArrayList<>();
  private final Map<Integer, CandidateRecord> records = new HashMap<>();
  private SearchState state;
  private List<Candidate> planned;
  private List<Candidate> placed;
  private long sampleGradients;
  private long probeForwards;
  private long bytesCopied;
  private long candidateEpochs;
  private Termination termination;
  private String message = "";
  private boolean awaitingTest;

  /**
   * @param config    the run's configuration
   * @param trainSize training samples (to derive steps per epoch for schedules and rounds)
   * @throws SearchException when {@code config.roundSteps()} exceeds an epoch's batches
   */
  public SearchLoop(SearchConfig config, int trainSize) {
    this.config = config;
    long stepsPerEpoch = DataOrder.batchesPerEpoch(trainSize, config.workload().batchSize());
    this.slices = new RoundSlices(stepsPerEpoch, config.roundSteps());
    this.totalRounds = slices.total(config.epochs());
    this.policy = slices.subEpoch()
        ? config.strategy().roundPolicy(config.lr(), config.epochs(), slices.perEpoch(), stepsPerEpoch)
        : config.strategy().policy(config.lr(), config.epochs(), stepsPerEpoch);
    this.state = policy.initial(config.lr());
  }

  /** Rebuilds the loop a run had after the rounds in {@code log}. */
  public static SearchLoop replay(SearchConfig config, int trainSize, List<RoundLog> log) {
    SearchLoop loop = new SearchLoop(config, trainSize);
    for (RoundLog round : log) {
      if (loop.finished()) {
        throw new SearchException("checkpoint log has more rounds than the configuration allows");
      }
      loop.plan();
      Outcome o = loop.complete(round.results(), round.seconds());
      if (o.evaluateTest() && round.test() != null) {
        loop.recordTest(round.test());
      }
    }
    return loop;
  }

  /** The configuration. */
  public SearchConfig config() {
    return config;
  }

  /** The policy in use. */
  public SearchPolicy policy() {
    return policy;
  }

  /** How the run's rounds map onto its epochs. */
  public RoundSlices slices() {
    return slices;
  }

  /** Candidate-rounds an uninterrupted run trains (candidate-epochs when rounds are epochs). */
  public long plannedCandidates() {
    return policy.plannedCandidateEpochs(totalRounds);
  }

  /**
   * The candidates of the current round (the same list until {@link #complete}), placed in the
   * round's epoch and batch slice.
   */
  public List<Candidate> plan() {
    if (finished()) {
      throw new IllegalStateException("the run is finished");
    }
    if (planned == null) {
      planned = policy.plan(state);
      placed = slices.place(state.epoch(), planned);
    }
    return placed;
  }

  /** The current snapshot. */
  public SearchState state() {
    return state;
  }

  /** Ids of the beams whose model states the executor must hold now. */
  public List<Integer> beamIds() {
    return state.beams().stream().map(Beam::candidateId).filter(id -> id != Candidate.ROOT).toList();
  }

  /**
   * Records a round's results (one per planned candidate) and applies the policy.
   *
   * @return which states to keep and release, and whether to evaluate the best beam now
   */
  public Outcome complete(List<CandidateResult> results, double seconds) {
    List<Candidate> round = plan();
    List<Candidate> policyRound = planned;
    int roundIndex = state.epoch();
    int epoch = slices.epochOf(roundIndex);
    int from = slices.fromBatch(roundIndex);
    int to = slices.toBatch(roundIndex);
    Map<Integer, CandidateResult> byId = new HashMap<>();
    for (CandidateResult r : results) {
      byId.put(r.candidateId(), r);
    }
    List<CandidateRecord> rows = new ArrayList<>();
    List<CandidateResult> ordered = new ArrayList<>();
    for (Candidate c : round) {
      CandidateResult r = byId.get(c.id());
      if (r == null) {
        throw new IllegalArgumentException("no result for candidate " + c.id());
      }
      ordered.add(r);
      CandidateRecord rec = CandidateRecord.of(c, r);
      rows.add(rec);
      records.put(c.id(), rec);
      sampleGradients += r.sampleGradients();
      probeForwards += r.probeForwards();
      bytesCopied += r.bytesCopied();
      candidateEpochs++;
    }
    log.add(new RoundLog(ordered, seconds, null));
    Decision d = policy.decide(state, policyRound, ordered);
    Set<Integer> roundIds = new HashSet<>();
    round.forEach(c -> roundIds.add(c.id()));
    List<Integer> oldBeams = beamIds();
    double span = state.span();
    planned = null;
    placed = null;
    Outcome outcome;
    if (d instanceof Decision.Advance a) {
      int attempt = state.backoffs();
      state = a.next();
      epochs.add(new EpochRecord(epoch, attempt, EpochOutcome.ADVANCED, rows, state.beams(), null,
          seconds, span, roundIndex, from, to));
      List<Integer> keep = beamIds();
      List<Integer> release = new ArrayList<>();
      for (int id : roundIds) {
        if (!keep.contains(id)) {
          release.add(id);
        }
      }
      for (int id : oldBeams) {
        if (!keep.contains(id)) {
          release.add(id);
        }
      }
      Collections.sort(release);
      boolean done = state.epoch() > totalRounds;
      if (done) {
        termination = Termination.COMPLETED;
        message = "trained " + config.epochs() + " epochs";
      }
      awaitingTest = (config.evalEachEpoch() && slices.endsEpoch(roundIndex)) || done;
      outcome = new Outcome(keep, release, awaitingTest);
    } else if (d instanceof Decision.Retry r) {
      epochs.add(new EpochRecord(epoch, state.backoffs(), EpochOutcome.RETRIED, rows, List.of(), null,
          seconds, span, roundIndex, from, to));
      state = r.next();
      outcome = new Outcome(oldBeams, roundIds.stream().sorted().toList(), false);
    } else {
      Decision.Stop s = (Decision.Stop) d;
      epochs.add(new EpochRecord(epoch, state.backoffs(), EpochOutcome.STOPPED, rows, List.of(), null,
          seconds, span, roundIndex, from, to));
      termination = Termination.DIVERGED;
      message = s.reason();
      outcome = new Outcome(oldBeams, roundIds.stream().sorted().toList(), false);
    }
    return outcome;
  }

  /** Attaches the best beam's test evaluation to the last round. */
  public void recordTest(Evaluation test) {
    if (!awaitingTest) {
      throw new IllegalStateException("no test evaluation was asked for");
    }
    awaitingTest = false;
    int last = epochs.size() - 1;
    epochs.set(last, epochs.get(last).withTest(test));
    RoundLog l = log.get(log.size() - 1);
    log.set(log.size() - 1, new RoundLog(l.results(), l.seconds(), test));
  }

  /**
   * Records the model-state bytes the search node's process sent or received for the last round
   * (see {@link EpochRecord#searchNodeStateBytes()}). Not part of the round log: a resumed run
   * reports 0 for the rounds it replayed.
   */
  public void recordSearchNodeBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }
    int last = epochs.size() - 1;
    if (last >= 0) {
      epochs.set(last, epochs.get(last).withSearchNodeStateBytes(bytes));
    }
  }

  /**
   * Adds {@code bytes} copied for candidate {@code id} of the last round after it was decided (its
   * state copied to the search node when it became a beam) to its record, the round log and the
   * total, so that a resumed run reports what the uninterrupted one does.
   */
  public void recordCopy(int id, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
    }
    bytesCopied += bytes;
    int lastLog = log.size() - 1;
    if (lastLog < 0) {
      return;
    }
    RoundLog l = log.get(lastLog);
    List<CandidateResult> results = new ArrayList<>(l.results());
    for (int i = 0; i < results.size(); i++) {
      CandidateResult r = results.get(i);
      if (r.candidateId() == id) {
        results.set(i, r.placed(r.worker(), r.bytesCopied() + bytes));
        log.set(lastLog, new RoundLog(results, l.seconds(), l.test()));
        CandidateRecord rec = records.get(id);
        CandidateRecord updated = new CandidateRecord(rec.id(), rec.parent(), rec.line(), rec.factor(), rec.lr(),
            rec.endLr(), rec.loss(), rec.valLoss(), rec.seconds(), rec.worker(), rec.bytesCopied() + bytes,
            rec.sampleGradients(), rec.probeForwards(), rec.lrTrace(), rec.probes());
        records.put(id, updated);
        EpochRecord e = epochs.get(epochs.size() - 1);
        List<CandidateRecord> rows = new ArrayList<>(e.candidates());
        rows.replaceAll(c -> c.id() == id ? updated : c);
        epochs.set(epochs.size() - 1, e.withCandidates(rows));
        return;
      }
    }
  }

  /** Whether the run has ended (all rounds trained, or stopped). */
  public boolean finished() {
    return termination != null;
  }

  /** The id of the current best beam's model (ROOT before epoch 1). */
  public int bestId() {
    return policy.best(state).candidateId();
  }

  /** The rounds so far, for checkpoints. */
  public List<RoundLog> log() {
    return List.copyOf(log);
  }

  /** The history so far. */
  public List<EpochRecord> epochs() {
    return List.copyOf(epochs);
  }

  /** Candidate-epochs trained so far. */
  public long candidateEpochs() {
    return candidateEpochs;
  }

  /** Builds the result; {@code finalTest} is the best model's test evaluation (or null). */
  public SearchResult result(double wallSeconds) {
    List<Integer> lineage = new ArrayList<>();
    List<Double> lrPath = new ArrayList<>();
    int id = bestId();
    while (id != Candidate.ROOT) {
      CandidateRecord rec = records.get(id);
      lineage.add(id);
      lrPath.add(rec.lr());
      id = rec.parent();
    }
    Collections.reverse(lineage);
    Collections.reverse(lrPath);
    Evaluation finalTest = null;
    for (EpochRecord e : epochs) {
      if (e.test() != null) {
        finalTest = e.test();
      }
    }
    return new SearchResult(SearchResult.FORMAT_VERSION, config, epochs, lrPath, lineage, finalTest, wallSeconds,
        candidateEpochs, sampleGradients, probeForwards, bytesCopied, termination == null ? Termination.RUNNING : termination,
        message);
  }

  /**
   * What the executor does after a round.
   *
   * @param keep         candidate ids whose states must be held (the beams now)
   * @param release      candidate ids whose states may be dropped
   * @param evaluateTest evaluate {@link #bestId()} on the test split and call {@link #recordTest}
   */
  public record Outcome(List<Integer> keep, List<Integer> release, boolean evaluateTest) {
    /** Copies the lists. */
    public Outcome {
      keep = List.copyOf(keep);
      release = List.copyOf(release);
    }
  }
}
