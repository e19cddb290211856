package dev.alr.actors;

import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.engine.run.SearchLoop;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Runs one search: applies the policy through a {@link SearchLoop}, places each round's candidates
 * on the workers (children next to their parents), runs the round as an {@link EpochRound},
 * releases the losers' states, evaluates the best beam, keeps a copy of the beams' states (for
 * checkpoints and to re-run the candidates of a worker that died), and replies
 * {@link Finished} once.
 *
 * <p>Protocol: created with its workers; {@link WorkersChanged} updates them (cluster membership).
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  /** Messages a coordinator accepts. */
  public sealed interface Command {
  }

  /**
   * The set of live workers changed (from the Receptionist, or a test).
   *
   * @param workers the live workers
   * @param slots   concurrent trainers of each worker, in the same order (placement balances slots)
   */
  public record WorkersChanged(List<ActorRef<Worker.Command>> workers, List<Integer> slots) implements Command {
    /** Validates that every worker has a slot count &ge; 1. */
    public WorkersChanged {
      workers = List.copyOf(workers);
      slots = List.copyOf(slots);
      if (slots.size() != workers.size() || slots.stream().anyMatch(k -> k < 1)) {
        throw new IllegalArgumentException("one slot count >= 1 per worker expected, got " + slots);
      }
    }

    /** Workers with one slot each. */
    public WorkersChanged(List<ActorRef<Worker.Command>> workers) {
      this(workers, workers.stream().map(w -> 1).toList());
    }
  }

  private record RoundProgress(EpochRound.Progress progress) implements Command {
  }

  private record RoundDone(EpochRound.Completed completed) implements Command {
  }

  private record WorkerReply(Worker.Reply reply) implements Command {
  }

  private record WorkerDied(ActorRef<Worker.Command> worker) implements Command {
  }

  private enum Begin implements Command { INSTANCE }

  /**
   * The coordinator's single reply.
   *
   * @param result the result, or null when the run failed
   * @param error  one line when the run failed, else null
   */
  public record Finished(SearchResult result, String error) {
  }

  /** How many times one round's lost candidates are re-run before the search gives up. */
  private static final int MAX_RERUNS = 3;

  private final SearchConfig config;
  private final RunOptions options;
  private final SearchListener listener;
  private final int trainSize;
  private final int minWorkers;
  private final Duration roundTimeout;
  private final ActorRef<Finished> replyTo;
  private final ActorRef<EpochRound.Progress> progressAdapter;
  private final ActorRef<EpochRound.Completed> roundAdapter;
  private final ActorRef<Worker.Reply> workerAdapter;
  private final CheckpointStore checkpoints;
  private final List<ActorRef<Worker.Command>> workers = new ArrayList<>();
  private final Map<ActorRef<Worker.Command>, Integer> slotsOf = new HashMap<>();
  private final Map<Integer, ActorRef<Worker.Command>> holders = new HashMap<>();
  private final Map<Integer, ModelState> beamStates = new HashMap<>();
  private final Map<Integer, CandidateResult> roundResults = new HashMap<>();
  private final long started = System.nanoTime();
  private SearchLoop loop;
  private long roundId;
  private long roundStarted;
  private int reruns;
  private boolean running;
  private long requestId;
  private final Map<Long, Integer> pendingStates = new HashMap<>();
  private boolean awaitingEval;

  private Coordinator(ActorContext<Command> ctx, SearchConfig config, RunOptions options, SearchListener listener,
                      int trainSize, int minWorkers, Duration roundTimeout, ActorRef<Finished> replyTo) {
    super(ctx);
    this.config = config;
    this.options = options;
    this.listener = listener;
    this.trainSize = trainSize;
    this.minWorkers = minWorkers;
    this.roundTimeout = roundTimeout;
    this.replyTo = replyTo;
    this.progressAdapter = ctx.messageAdapter(EpochRound.Progress.class, RoundProgress::new);
    this.roundAdapter = ctx.messageAdapter(EpochRound.Completed.class, RoundDone::new);
    this.workerAdapter = ctx.messageAdapter(Worker.Reply.class, WorkerReply::new);
    this.checkpoints = options.checkpointDir() == null ? null : new CheckpointStore(options.checkpointDir());
  }

  /**
   * A coordinator for one run. It starts once {@code minWorkers} workers are known.
   *
   * @param trainSize    training samples of the workload (for steps per epoch)
   * @param roundTimeout how long one round may take before its missing candidates are re-run
   */
  public static Behavior<Command> create(SearchConfig config, RunOptions options, SearchListener listener,
                                         int trainSize, List<ActorRef<Worker.Command>> workers, int minWorkers,
                                         Duration roundTimeout, ActorRef<Finished> replyTo) {
    return Behaviors.setup(ctx -> {
      Coordinator c = new Coordinator(ctx, config, options, listener, trainSize, minWorkers, roundTimeout, replyTo);
      if (!workers.isEmpty()) {
        ctx.getSelf().tell(new WorkersChanged(workers));
      }
      return c;
    });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WorkersChanged.class, this::onWorkersChanged)
        .onMessage(WorkerDied.class, m -> {
          List<ActorRef<Worker.Command>> alive = new ArrayList<>(workers);
          alive.remove(m.worker());
          return onWorkersChanged(new WorkersChanged(alive, alive.stream().map(slotsOf::get).toList()));
        })
        .onMessageEquals(Begin.INSTANCE, this::begin)
        .onMessage(RoundProgress.class, m -> {
          listener.candidateFinished(plannedById(m.progress().result().candidateId()), m.progress().result());
          return this;
        })
        .onMessage(RoundDone.class, this::onRoundDone)
        .onMessage(WorkerReply.class, this::onWorkerReply)
        .build();
  }

  private Behavior<Command> onWorkersChanged(WorkersChanged m) {
    List<ActorRef<Worker.Command>> gone = new ArrayList<>(workers);
    gone.removeAll(m.workers());
    for (ActorRef<Worker.Command> w : m.workers()) {
      if (!workers.contains(w)) {
        getContext().watchWith(w, new WorkerDied(w));
      }
    }
    workers.clear();
    workers.addAll(m.workers());
    slotsOf.clear();
    for (int i = 0; i < m.workers().size(); i++) {
      slotsOf.put(m.workers().get(i), m.slots().get(i));
    }
    workers.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
    holders.values().removeIf(gone::contains);
    if (!running && workers.size() >= minWorkers) {
      running = true;
      getContext().getSelf().tell(Begin.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> begin() {
    try {
      if (options.resume()) {
        CheckpointStore.Checkpoint cp = checkpoints.readLatest(config);
        loop = SearchLoop.replay(config, trainSize, cp.rounds());
        beamStates.putAll(cp.states());
      } else {
        loop = new SearchLoop(config, trainSize);
      }
    } catch (SearchException | IllegalArgumentException e) {
      return fail(e.getMessage());
    }
    listener.runStarted(config, loop.policy().plannedCandidateEpochs(config.epochs()), loop.candidateEpochs());
    return loop.finished() ? finish() : startRound(loop.plan(), true);
  }

  private Candidate plannedById(int id) {
    for (Candidate c : loop.plan()) {
      if (c.id() == id) {
        return c;
      }
    }
    throw new IllegalStateException("candidate " + id + " is not in the current round");
  }

  private Behavior<Command> startRound(List<Candidate> candidates, boolean fresh) {
    if (workers.isEmpty()) {
      return fail("no live workers left to train " + candidates.size() + " candidate(s)");
    }
    if (fresh) {
      roundResults.clear();
      reruns = 0;
      roundStarted = System.nanoTime();
    }
    List<Integer> slots = workers.stream().map(slotsOf::get).toList();
    List<Placement.Assignment> placed = Placement.place(candidates, slots,
        id -> holders.containsKey(id) ? workers.indexOf(holders.get(id)) : -1);
    List<EpochRound.Job> jobs = new ArrayList<>();
    for (Placement.Assignment a : placed) {
      Candidate c = a.candidate();
      ActorRef<Worker.Command> w = workers.get(a.worker());
      ActorRef<Worker.Command> holder = a.remoteParent() ? workers.get(a.holder()) : null;
      ModelState parent = null;
      if (c.parentId() != Candidate.ROOT && a.holder() < 0) {
        parent = beamStates.get(c.parentId());
        if (parent == null) {
          return fail("the state of candidate " + c.parentId() + " (parent of " + c.id() + ") was lost with its worker"
              + " and no copy is held");
        }
      }
      jobs.add(new EpochRound.Job(c, w, holder, parent));
    }
    long id = ++roundId;
    getContext().spawn(EpochRound.create(id, jobs, roundTimeout, progressAdapter, roundAdapter), "round-" + id);
    return this;
  }

  private Behavior<Command> onRoundDone(RoundDone m) {
    EpochRound.Completed done = m.completed();
    for (CandidateResult r : done.results()) {
      ActorRef<Worker.Command> holder = done.holders().get(r.candidateId());
      if (workers.contains(holder)) {
        roundResults.put(r.candidateId(), r);
        holders.put(r.candidateId(), holder);
      }
    }
    List<Candidate> missing = new ArrayList<>();
    for (Candidate c : loop.plan()) {
      if (!roundResults.containsKey(c.id())) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      if (++reruns > MAX_RERUNS) {
        return fail("gave up after " + MAX_RERUNS + " re-runs of epoch " + missing.get(0).epoch() + ": "
            + String.join("; ", done.failures()));
      }
      getContext().getLog().warn("re-running {} candidate(s): {}", missing.size(), String.join("; ", done.failures()));
      return startRound(missing, false);
    }
    List<CandidateResult> results = new ArrayList<>(roundResults.values());
    SearchLoop.Outcome o = loop.complete(results, (System.nanoTime() - roundStarted) / 1e9);
    for (ActorRef<Worker.Command> w : workers) {
      w.tell(new Worker.Release(o.release()));
    }
    o.release().forEach(holders::remove);
    o.release().forEach(beamStates::remove);
    for (int keep : o.keep()) {
      if (!beamStates.containsKey(keep) && !holders.containsKey(keep)) {
        return fail("the worker holding candidate " + keep + " stopped before its state was saved");
      }
    }
    if (o.evaluateTest()) {
      awaitingEval = true;
      holders.get(loop.bestId()).tell(new Worker.Evaluate(++requestId, loop.bestId(), Split.TEST, workerAdapter));
    }
    for (int keep : o.keep()) {
      if (!beamStates.containsKey(keep)) {
        long rid = ++requestId;
        pendingStates.put(rid, keep);
        holders.get(keep).tell(new Worker.FetchState(rid, keep, workerAdapter));
      }
    }
    return maybeEndEpoch();
  }

  private Behavior<Command> onWorkerReply(WorkerReply m) {
    if (m.reply() instanceof Worker.EvaluationReply e && awaitingEval) {
      if (e.evaluation() == null) {
        return fail("evaluating candidate " + e.candidateId() + " failed: " + e.error());
      }
      awaitingEval = false;
      loop.recordTest(e.evaluation());
    } else if (m.reply() instanceof Worker.StateReply s && pendingStates.remove(s.requestId()) != null) {
      if (s.state() == null) {
        return fail("worker " + s.worker().path().name() + " lost the state of candidate " + s.candidateId());
      }
      beamStates.put(s.candidateId(), s.state());
    } else {
      return this;
    }
    return maybeEndEpoch();
  }

  private Behavior<Command> maybeEndEpoch() {
    if (awaitingEval || !pendingStates.isEmpty()) {
      return this;
    }
    List<EpochRecord> epochs = loop.epochs();
    EpochRecord last = epochs.get(epochs.size() - 1);
    if (checkpoints != null && "advanced".equals(last.outcome())) {
      Map<Integer, ModelState> states = new LinkedHashMap<>();
      for (int id : loop.beamIds()) {
        states.put(id, beamStates.get(id));
      }
      try {
        checkpoints.write(config, last.epoch(), loop.log(), states);
        listener.checkpointWritten(last.epoch(), checkpoints.dir());
      } catch (SearchException e) {
        return fail(e.getMessage());
      }
    }
    listener.epochFinished(last);
    return loop.finished() ? finish() : startRound(loop.plan(), true);
  }

  private Behavior<Command> finish() {
    SearchResult result = loop.result((System.nanoTime() - started) / 1e9);
    listener.runFinished(result);
    replyTo.tell(new Finished(result, null));
    return Behaviors.stopped();
  }

  private Behavior<Command> fail(String message) {
    replyTo.tell(new Finished(null, message));
    return Behaviors.stopped();
  }
}
