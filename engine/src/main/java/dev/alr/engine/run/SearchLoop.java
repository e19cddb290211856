package dev.alr.engine.run;

import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.Decision;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.policy.LrPoint;
import dev.alr.engine.policy.ProbeRecord;
import dev.alr.engine.policy.Ranking;
import dev.alr.engine.policy.SearchPolicy;
import dev.alr.engine.policy.SearchState;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Evaluation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * <p>With successive halving ({@link Halving}, ALR only) a round is trained in rungs: {@link #plan()}
 * returns the current rung's candidates (the first rung: all of them on the round's first batches;
 * later rungs: the continuing ones, each resuming from its own state, so its parent id is its own
 * id) and {@link #complete} of a rung that is not the round's last returns an {@link Outcome}
 * that is not {@linkplain Outcome#decided() decided}: release the stopped candidates' states,
 * keep the others, and train the next {@link #plan()} — no checkpoint, no evaluation. Each rung
 * is one entry of {@link #log()}, so a resumed run replays the rungs too.
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
  private final Halving halving;
  private final int minKeep;
  private final Map<Integer, List<CandidateResult>> pieces = new LinkedHashMap<>();
  private final Map<Integer, Integer> reached = new HashMap<>();
  private List<Integer> rungEnds;
  private int rung;
  private List<Candidate> current;
  private double roundSeconds;
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
    if (config.strategy() instanceof Strategies.Alr a) {
      this.halving = a.halving();
      this.minKeep = a.search().beams();
    } else {
      this.halving = Halving.NONE;
      this.minKeep = 1;
    }
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
   * round's epoch and batch slice; with halving, those of the round's current rung.
   */
  public List<Candidate> plan() {
    if (finished()) {
      throw new IllegalStateException("the run is finished");
    }
    if (planned == null) {
      planned = policy.plan(state);
      placed = slices.place(state.epoch(), planned);
      pieces.clear();
      reached.clear();
      rung = 0;
      roundSeconds = 0;
      current = placed;
      if (halving.active()) {
        int round = state.epoch();
        rungEnds = halving.ends(slices.fromBatch(round), slices.toBatch(round));
        int epoch = slices.epochOf(round);
        List<Candidate> first = new ArrayList<>(placed.size());
        for (Candidate c : placed) {
          first.add(c.inSlice(epoch, slices.fromBatch(round), rungEnds.get(0)));
        }
        current = List.copyOf(first);
      }
    }
    return current;
  }

  /** The rung of the current round being trained (1 … R; 1 without halving). */
  public int rung() {
    return rung + 1;
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
    List<Candidate> trained = plan();
    List<Candidate> policyRound = planned;
    int roundIndex = state.epoch();
    int epoch = slices.epochOf(roundIndex);
    int from = slices.fromBatch(roundIndex);
    int to = slices.toBatch(roundIndex);
    Map<Integer, CandidateResult> byId = new HashMap<>();
    for (CandidateResult r : results) {
      byId.put(r.candidateId(), r);
    }
    List<CandidateResult> ordered = new ArrayList<>();
    for (Candidate c : trained) {
      CandidateResult r = byId.get(c.id());
      if (r == null) {
        throw new IllegalArgumentException("no result for candidate " + c.id());
      }
      ordered.add(r);
      pieces.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(r);
      reached.put(c.id(), rung + 1);
      sampleGradients += r.sampleGradients();
      probeForwards += r.probeForwards();
      bytesCopied += r.bytesCopied();
    }
    log.add(new RoundLog(ordered, seconds, null));
    roundSeconds += seconds;
    List<Integer> oldBeams = beamIds();
    if (halving.active() && rung + 1 < rungEnds.size()) {
      Outcome rungOutcome = nextRung(trained, epoch, oldBeams);
      if (rungOutcome != null) {
        return rungOutcome;
      }
    }
    seconds = roundSeconds;
    List<CandidateRecord> rows = new ArrayList<>();
    List<CandidateResult> finishers = new ArrayList<>();
    Set<Integer> finisherIds = new HashSet<>();
    trained.forEach(c -> finisherIds.add(c.id()));
    for (Candidate c : placed) {
      CandidateResult r = combine(pieces.get(c.id()));
      CandidateRecord rec = CandidateRecord.of(c, r, reached.get(c.id()));
      rows.add(rec);
      records.put(c.id(), rec);
      candidateEpochs++;
      if (finisherIds.contains(c.id())) {
        finishers.add(r);
      }
    }
    Decision d = policy.decide(state, policyRound, finishers);
    Set<Integer> roundIds = new HashSet<>(finisherIds);
    double span = state.span();
    planned = null;
    placed = null;
    current = null;
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
        CandidateRecord updated = records.get(id).withMoreBytes(bytes);
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

  /**
   * After a rung that is not the round's last: the best {@code max(M, ⌈n/η⌉)} of the candidates
   * with a finite loss so far continue from their own states; the rest stop. Returns null when no
   * candidate has a finite loss (the round is then decided at once, and the policy retries it).
   */
  private Outcome nextRung(List<Candidate> trained, int epoch, List<Integer> oldBeams) {
    boolean val = config.strategy().selectsOnValidation();
    List<CandidateResult> soFar = new ArrayList<>();
    for (Candidate c : trained) {
      CandidateResult r = combine(pieces.get(c.id()));
      double loss = val ? r.valLoss() : r.trainLoss();
      if (Double.isFinite(loss)) {
        soFar.add(r);
      }
    }
    if (soFar.isEmpty()) {
      return null;
    }
    int k = halving.keep(trained.size(), minKeep);
    List<CandidateResult> best = Ranking.top(soFar, k, r -> val ? r.valLoss() : r.trainLoss());
    Set<Integer> go = new HashSet<>();
    best.forEach(r -> go.add(r.candidateId()));
    int start = rungEnds.get(rung);
    rung++;
    int end = rungEnds.get(rung);
    List<Candidate> next = new ArrayList<>();
    List<Integer> stopped = new ArrayList<>();
    for (Candidate c : trained) {
      if (go.contains(c.id())) {
        next.add(new Candidate(c.id(), c.id(), epoch, c.line(), c.factor(), c.lr(), c.rule(), start, end));
      } else {
        stopped.add(c.id());
      }
    }
    current = List.copyOf(next);
    List<Integer> keep = new ArrayList<>(oldBeams);
    next.forEach(c -> keep.add(c.id()));
    Collections.sort(stopped);
    return new Outcome(keep, stopped, false, false);
  }

  /**
   * One result for a candidate trained in pieces (rungs): the sample-weighted mean training loss
   * over all its steps, its totals, the last piece's end LR, validation loss and worker.
   */
  static CandidateResult combine(List<CandidateResult> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    double lossSum = 0;
    long samples = 0;
    long probes = 0;
    long bytes = 0;
    double seconds = 0;
    List<LrPoint> trace = new ArrayList<>();
    List<ProbeRecord> probeRecords = new ArrayList<>();
    for (CandidateResult p : parts) {
      lossSum += p.trainLoss() * p.sampleGradients();
      samples += p.sampleGradients();
      probes += p.probeForwards();
      bytes += p.bytesCopied();
      seconds += p.seconds();
      trace.addAll(p.lrTrace());
      probeRecords.addAll(p.probes());
    }
    CandidateResult last = parts.get(parts.size() - 1);
    return new CandidateResult(last.candidateId(), lossSum / samples, last.valLoss(), last.endLr(), seconds,
        last.worker(), samples, probes, bytes, trace, probeRecords);
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
   * @param decided      the round is decided; false after a rung of successive halving that is
   *                     not the round's last: then release the stopped candidates and train the
   *                     next {@link #plan()} (no evaluation, no checkpoint)
   */
  public record Outcome(List<Integer> keep, List<Integer> release, boolean evaluateTest, boolean decided) {
    /** Copies the lists. */
    public Outcome {
      keep = List.copyOf(keep);
      release = List.copyOf(release);
    }

    /** The outcome of a decided round. */
    public Outcome(List<Integer> keep, List<Integer> release, boolean evaluateTest) {
      this(keep, release, evaluateTest, true);
    }
  }
}
