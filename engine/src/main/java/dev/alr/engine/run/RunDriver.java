package dev.alr.engine.run;

import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.ModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The glue every executor shares around a {@link SearchLoop}: start or resume a run, and after
 * each round is decided (and the best beam evaluated when asked) write the checkpoint of an
 * advanced round (an epoch, or with {@code --round-steps} a slice of one: {@code epoch-NNNN} then
 * numbers rounds), then tell the listener; finally build the result. Executors only train
 * candidates and hold their states.
 *
 * <p>Call order: {@link #start} → per round: {@code loop().plan()}, train, {@link #complete},
 * evaluate if asked → {@link #epochClosed} → … until {@code loop().finished()} → {@link #finish}.
 *
 * <p>Not thread-safe: one executor thread (or actor) drives it.
 */
public final class RunDriver {
  private final SearchConfig config;
  private final SearchListener listener;
  private final CheckpointStore store;
  private final SearchLoop loop;
  private final Map<Integer, ModelState> restored;
  private final long started = System.nanoTime();
  private int checkpointEpoch;

  private RunDriver(SearchConfig config, SearchListener listener, CheckpointStore store, SearchLoop loop,
                    Map<Integer, ModelState> restored, int checkpointEpoch) {
    this.config = config;
    this.listener = listener;
    this.store = store;
    this.loop = loop;
    this.restored = restored;
    this.checkpointEpoch = checkpointEpoch;
  }

  /**
   * Starts a run, or resumes it from the latest checkpoint when {@code options.resume()}, and
   * tells the listener that the run started.
   *
   * @param trainSize training samples of the workload (steps per epoch)
   * @throws SearchException (bad input) when the checkpoint cannot be resumed
   */
  public static RunDriver start(SearchConfig config, RunOptions options, int trainSize, SearchListener listener) {
    SearchLoop fresh = new SearchLoop(config, trainSize);
    CheckpointStore store = options.checkpointDir() == null ? null : new CheckpointStore(options.checkpointDir());
    SearchLoop loop;
    Map<Integer, ModelState> restored = Map.of();
    int epoch = 0;
    if (options.resume()) {
      CheckpointStore.Checkpoint cp = store.readLatest(config);
      try {
        loop = SearchLoop.replay(config, trainSize, cp.rounds());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new SearchException("--resume: the checkpoint in " + store.dir() + " does not replay: "
            + e.getMessage(), e);
      }
      if (cp.configEpochs() != config.epochs()) {
        checkExtends(config, trainSize, cp, loop, store);
      }
      restored = Map.copyOf(cp.states());
      epoch = cp.epoch();
    } else {
      loop = fresh;
    }
    RunDriver d = new RunDriver(config, listener, store, loop, restored, epoch);
    listener.runStarted(config, loop.plannedCandidates(), loop.candidateEpochs());
    return d;
  }

  /**
   * Checks that a run checkpointed under fewer epochs may go on to {@code config.epochs()}: the
   * strategy must plan the checkpointed rounds exactly as it did then (same candidates, parents and
   * LRs). A schedule that depends on the total epoch count (cosine, linear, 1cycle, ...) plans
   * them differently, and is refused.
   */
  private static void checkExtends(SearchConfig config, int trainSize, CheckpointStore.Checkpoint cp, SearchLoop now,
                                   CheckpointStore store) {
    SearchConfig then = new SearchConfig(config.workload(), config.strategy(), config.lr(), cp.configEpochs(),
        config.workers(), config.evalEachEpoch());
    List<EpochRecord> was = SearchLoop.replay(then, trainSize, cp.rounds()).epochs();
    List<EpochRecord> is = now.epochs();
    for (int i = 0; i < Math.min(was.size(), is.size()); i++) {
      List<CandidateRecord> a = was.get(i).candidates();
      List<CandidateRecord> b = is.get(i).candidates();
      for (int j = 0; j < Math.min(a.size(), b.size()); j++) {
        CandidateRecord x = a.get(j);
        CandidateRecord y = b.get(j);
        if (x.id() != y.id() || x.parent() != y.parent() || Double.compare(x.lr(), y.lr()) != 0) {
          throw new SearchException(String.format(Locale.ROOT, "--epochs: the run in %s cannot be extended from %d "
              + "to %d epochs: strategy %s plans by the total epoch count (epoch %d, candidate %d: lr %.6g for %d "
              + "epochs, %.6g for %d); rerun without --resume, or with --overwrite", store.dir(), cp.configEpochs(),
              config.epochs(), config.strategy().name(), was.get(i).epoch(), x.id(), x.lr(), cp.configEpochs(), y.lr(),
              config.epochs()));
        }
      }
      if (a.size() != b.size()) {
        throw new SearchException("--epochs: the run in " + store.dir() + " cannot be extended from "
            + cp.configEpochs() + " to " + config.epochs() + " epochs: strategy " + config.strategy().name()
            + " plans epoch " + was.get(i).epoch() + " with another number of candidates; rerun without --resume");
      }
    }
  }

  /** The loop to plan and complete rounds with. */
  public SearchLoop loop() {
    return loop;
  }

  /** The beams' states read from the checkpoint when resuming (empty otherwise). */
  public Map<Integer, ModelState> restoredStates() {
    return restored;
  }

  /**
   * Records a round's results and applies the policy ({@link SearchLoop#complete}), then tells the
   * listener the round is decided.
   */
  public SearchLoop.Outcome complete(List<CandidateResult> results, double seconds) {
    SearchLoop.Outcome o = loop.complete(results, seconds);
    List<EpochRecord> epochs = loop.epochs();
    listener.roundDecided(epochs.get(epochs.size() - 1));
    return o;
  }

  /**
   * The last round is decided and, when asked, its best beam evaluated: checkpoints an advanced
   * epoch with the beams' states, then tells the listener.
   *
   * @param stateOf the state of each current beam ({@link SearchLoop#beamIds()})
   * @return the epoch record just finished
   * @throws SearchFailedException when the checkpoint cannot be written (run-time failure)
   */
  public EpochRecord epochClosed(IntFunction<ModelState> stateOf) {
    return epochClosed(stateOf, id -> null);
  }

  /**
   * Like {@link #epochClosed(IntFunction)}, where a beam's state may instead be a file its worker
   * staged in the checkpoint directory ({@link CheckpointStore#stage}): that file is linked into
   * the checkpoint, so its bytes do not pass through the caller.
   *
   * @param stateOf  the state of a current beam held here, or null
   * @param stagedOf the staged file of a current beam, or null (preferred when both are given)
   */
  public EpochRecord epochClosed(IntFunction<ModelState> stateOf, IntFunction<CheckpointStore.StagedState> stagedOf) {
    List<EpochRecord> epochs = loop.epochs();
    EpochRecord last = epochs.get(epochs.size() - 1);
    if (store != null && last.outcome() == EpochOutcome.ADVANCED) {
      List<CheckpointStore.BeamState> states = new ArrayList<>();
      for (int id : loop.beamIds()) {
        CheckpointStore.StagedState staged = stagedOf.apply(id);
        ModelState s = staged != null ? null : stateOf.apply(id);
        if (s == null && staged == null) {
          throw new IllegalStateException("no state for beam " + id + " to checkpoint");
        }
        states.add(new CheckpointStore.BeamState(id, s, staged));
      }
      try {
        store.write(config, last.round(), loop.log(), states);
      } catch (SearchException e) {
        throw new SearchFailedException(e.getMessage() + (checkpointEpoch > 0
            ? "; the checkpoint of " + unit() + " " + checkpointEpoch + " is intact" : ""), e);
      }
      checkpointEpoch = last.round();
      listener.checkpointWritten(last.round(), store.dir());
    }
    listener.epochFinished(last);
    return last;
  }

  /**
   * The result of the finished run with the final best model's state ({@link SearchResult#bestModel()},
   * null when no epoch advanced); tells the listener.
   *
   * @param stateOf the state of each current beam ({@link SearchLoop#beamIds()})
   */
  public SearchResult finish(IntFunction<ModelState> stateOf) {
    SearchResult r = loop.result((System.nanoTime() - started) / 1e9);
    int best = loop.bestId();
    if (best != Candidate.ROOT) {
      r = r.withBestModel(stateOf.apply(best));
    }
    if (r.termination() == Termination.DIVERGED && checkpointEpoch > 0) {
      r = new SearchResult(r.formatVersion(), r.config(), r.epochs(), r.lrPath(), r.lineage(), r.finalTest(),
          r.wallSeconds(), r.candidateEpochs(), r.sampleGradients(), r.probeForwards(), r.bytesCopied(),
          r.termination(), r.message() + "; the checkpoint of " + unit() + " " + checkpointEpoch + " in " + store.dir()
          + " is intact", r.rangeTest(), r.bestModel());
    }
    listener.runFinished(r);
    return r;
  }

  /** What a checkpoint follows: an epoch, or a round when rounds are slices of epochs. */
  private String unit() {
    return loop.slices().subEpoch() ? "round" : "epoch";
  }

  /** Seconds since {@link #start}. */
  public double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }
}
