package dev.alr.actors;

import com.typesafe.config.Config;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.run.RunDriver;
import dev.alr.engine.run.SearchLoop;
import dev.alr.engine.spi.ModelState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Drives one search loop: starts (or resumes) the run through a {@link RunDriver}, places each
 * round's candidates on the workers (children next to their parents), runs the round as an
 * {@link EpochRound}, then closes the epoch as an {@link EpochClose} (evaluate the best beam,
 * secure the kept states), and replies {@link Finished} once. Who holds which state is its
 * {@link StateLedger}; a worker lost while training or closing is handled the same way: its
 * candidates are re-run from their parents (a survivor's slot, a replica, or this node's copy), at
 * most {@value #MAX_RERUNS} times per phase.
 *
 * <p>Securing kept states: with more than one worker each kept state is replicated from its holder
 * to a second worker (worker to worker), so model states do not pass through this node; a worker
 * lost later hands its states to their replicas' workers. With a checkpoint directory the holders
 * also write the kept states into it ({@link Worker.Persist}) and this node writes only the round
 * log and the manifest, linking those files into the epoch's checkpoint: the checkpoint directory
 * must then be storage shared by this node and every worker, at the same absolute path. With one
 * worker the kept states are copied to this node (and checkpointed from there) as before. Either
 * way the search node fetches the final best model once, at the last close, for the result. The model-state bytes this node sends or receives (parents it
 * hands out, copies it fetches, a copy it has evaluated) are counted per round, at the point its
 * actors ship or receive a state payload, and reported as
 * {@link dev.alr.engine.EpochRecord#searchNodeStateBytes()}.
 *
 * <p>Protocol: created with its workers; {@link WorkersChanged} updates them (cluster membership).
 * Progress goes to the {@link StallWatch}, which the waiting executor enforces.
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
   * @param names   each worker's name as results record it, in the same order
   */
  public record WorkersChanged(List<ActorRef<Worker.Command>> workers, List<Integer> slots, List<String> names)
      implements Command {
    /** Validates that every worker has a slot count &ge; 1 and a name. */
    public WorkersChanged {
      workers = List.copyOf(workers);
      slots = List.copyOf(slots);
      names = List.copyOf(names);
      if (slots.size() != workers.size() || slots.stream().anyMatch(k -> k < 1)) {
        throw new IllegalArgumentException("one slot count >= 1 per worker expected, got " + slots);
      }
      if (names.size() != workers.size()) {
        throw new IllegalArgumentException("one name per worker expected, got " + names);
      }
    }

    /** Workers with one slot each, named by their actor names. */
    public WorkersChanged(List<ActorRef<Worker.Command>> workers) {
      this(workers, workers.stream().map(w -> 1).toList(), workers.stream().map(w -> w.path().name()).toList());
    }
  }

  private record RoundProgress(EpochRound.Progress progress) implements Command {
  }

  private record RoundDone(EpochRound.Completed completed) implements Command {
  }

  private record CloseDone(EpochClose.Completed completed) implements Command {
  }

  private record WorkerDied(ActorRef<Worker.Command> worker) implements Command {
  }

  private enum Begin implements Command { INSTANCE }

  /**
   * The coordinator's single reply.
   *
   * @param result  the result, or null when the run failed
   * @param failure why the run failed ({@link SearchFailedException} at run time, a plain
   *                {@link SearchException} for input refused before training), else null
   */
  public record Finished(SearchResult result, SearchException failure) {
  }

  /** What a watching executor reports when the coordinator stops without a {@link Finished}. */
  public static Finished stoppedWithoutResult() {
    return new Finished(null, new SearchFailedException("the search coordinator stopped without a result (see the"
        + " log); the last checkpoint written, if any, is resumable with --resume"));
  }

  /**
   * How long the phases may take.
   *
   * @param roundTimeout how long one round may take before its missing candidates are re-run
   * @param closeTimeout how long closing an epoch (evaluation and state copies) may take before
   *                     its missing parts are asked again
   * @param stall        the search's stall deadline, told of every progress
   */
  public record Limits(Duration roundTimeout, Duration closeTimeout, StallWatch stall) {
    /** The settings {@code alr.round-timeout}, {@code alr.close-timeout} and {@code alr.stall.*}. */
    public static Limits of(Config config) {
      return new Limits(config.getDuration("alr.round-timeout"), config.getDuration("alr.close-timeout"),
          StallWatch.of(config));
    }
  }

  private enum Phase { WAITING, TRAINING, RECOVERING, CLOSING }

  /** How many times one phase's lost work is redone before the search gives up. */
  private static final int MAX_RERUNS = 3;

  private final SearchConfig config;
  private final RunOptions options;
  private final SearchListener listener;
  private final int trainSize;
  private final int minWorkers;
  private final Limits limits;
  private final ActorRef<Finished> replyTo;
  private final ActorRef<EpochRound.Progress> progressAdapter;
  private final ActorRef<EpochRound.Completed> roundAdapter;
  private final ActorRef<EpochClose.Completed> closeAdapter;
  private final List<ActorRef<Worker.Command>> workers = new ArrayList<>();
  private final Map<ActorRef<Worker.Command>, Integer> slotsOf = new HashMap<>();
  private final Map<ActorRef<Worker.Command>, String> namesOf = new HashMap<>();
  private final StateLedger<ActorRef<Worker.Command>> ledger = new StateLedger<>();
  private final Map<Integer, CandidateResult> roundResults = new HashMap<>();
  /** The current plan by candidate id, for the progress of each finished candidate in O(1). */
  private final Map<Integer, Candidate> plannedById = new HashMap<>();
  private RunDriver driver;
  private SearchLoop loop;
  private Phase phase = Phase.WAITING;
  private long childId;
  private long active;
  private long roundStarted;
  private int attempts;
  private List<Candidate> decided = List.of();
  private boolean testPending;
  private long searchNodeBytes;

  private Coordinator(ActorContext<Command> ctx, SearchConfig config, RunOptions options, SearchListener listener,
                      int trainSize, int minWorkers, Limits limits, ActorRef<Finished> replyTo) {
    super(ctx);
    this.config = config;
    this.options = options;
    this.listener = listener;
    this.trainSize = trainSize;
    this.minWorkers = minWorkers;
    this.limits = limits;
    this.replyTo = replyTo;
    this.progressAdapter = ctx.messageAdapter(EpochRound.Progress.class, RoundProgress::new);
    this.roundAdapter = ctx.messageAdapter(EpochRound.Completed.class, RoundDone::new);
    this.closeAdapter = ctx.messageAdapter(EpochClose.Completed.class, CloseDone::new);
  }

  /**
   * A coordinator for one run. It starts once {@code minWorkers} workers are known.
   *
   * @param trainSize training samples of the workload (for steps per epoch)
   * @param limits    phase timeouts and the stall deadline
   */
  public static Behavior<Command> create(SearchConfig config, RunOptions options, SearchListener listener,
                                         int trainSize, List<ActorRef<Worker.Command>> workers, int minWorkers,
                                         Limits limits, ActorRef<Finished> replyTo) {
    return Behaviors.setup(ctx -> {
      Coordinator c = new Coordinator(ctx, config, options, listener, trainSize, minWorkers, limits, replyTo);
      if (!workers.isEmpty()) {
        ctx.getSelf().tell(new WorkersChanged(workers));
      }
      return c;
    });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WorkersChanged.class, m -> guarded(() -> onWorkersChanged(m)))
        .onMessage(WorkerDied.class, m -> guarded(() -> workerGone(m.worker())))
        .onMessageEquals(Begin.INSTANCE, () -> guarded(this::begin))
        .onMessage(RoundProgress.class, m -> guarded(() -> onProgress(m.progress())))
        .onMessage(RoundDone.class, m -> guarded(() -> onRoundDone(m.completed())))
        .onMessage(CloseDone.class, m -> guarded(() -> onCloseDone(m.completed())))
        .build();
  }

  /** Runs a handler; an exception in it (a listener, a checkpoint write) ends the search with one line. */
  private Behavior<Command> guarded(Supplier<Behavior<Command>> handler) {
    try {
      return handler.get();
    } catch (SearchException e) {
      return fail(e);
    } catch (RuntimeException e) {
      getContext().getLog().error("the search failed", e);
      return fail(new SearchFailedException("the search failed: " + e, e));
    }
  }

  private Behavior<Command> workerGone(ActorRef<Worker.Command> worker) {
    if (!workers.contains(worker)) {
      return this;
    }
    List<ActorRef<Worker.Command>> alive = new ArrayList<>(workers);
    alive.remove(worker);
    return onWorkersChanged(new WorkersChanged(alive, alive.stream().map(slotsOf::get).toList(),
        alive.stream().map(namesOf::get).toList()));
  }

  private Behavior<Command> onWorkersChanged(WorkersChanged m) {
    List<ActorRef<Worker.Command>> gone = new ArrayList<>(workers);
    gone.removeAll(m.workers());
    Map<ActorRef<Worker.Command>, String> goneNames = new HashMap<>(namesOf);
    for (ActorRef<Worker.Command> w : m.workers()) {
      if (!workers.contains(w)) {
        getContext().watchWith(w, new WorkerDied(w));
      }
    }
    workers.clear();
    workers.addAll(m.workers());
    slotsOf.clear();
    namesOf.clear();
    for (int i = 0; i < m.workers().size(); i++) {
      slotsOf.put(m.workers().get(i), m.slots().get(i));
      namesOf.put(m.workers().get(i), m.names().get(i));
    }
    workers.sort((a, b) -> a.path().toString().compareTo(b.path().toString()));
    for (ActorRef<Worker.Command> w : gone) {
      getContext().unwatch(w);
      List<Integer> lost = ledger.lost(w);
      if (!lost.isEmpty()) {
        getContext().getLog().warn("worker {} is gone with the only copies of states {}", goneNames.get(w), lost);
      }
    }
    if (phase == Phase.WAITING && workers.size() >= minWorkers) {
      phase = Phase.TRAINING;
      getContext().getSelf().tell(Begin.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> begin() {
    try {
      driver = RunDriver.start(config, options, trainSize, listener);
    } catch (IllegalArgumentException e) {
      return fail(new SearchException(e.getMessage(), e));
    }
    loop = driver.loop();
    Map<Integer, String> trainedBy = new HashMap<>();
    for (EpochRecord e : loop.epochs()) {
      for (CandidateRecord c : e.candidates()) {
        trainedBy.put(c.id(), c.worker());
      }
    }
    trainedBy.keySet().retainAll(driver.restoredStates().keySet());
    ledger.restored(driver.restoredStates(), trainedBy);
    return loop.finished() ? finish() : startRound(loop.plan(), true);
  }

  private Behavior<Command> onProgress(EpochRound.Progress p) {
    if (p.roundId() != active) {
      return this;
    }
    limits.stall().progress();
    if (phase == Phase.TRAINING) {
      listener.candidateFinished(planned(p.result().candidateId()), p.result());
    }
    return this;
  }

  private Candidate planned(int id) {
    Candidate c = plannedById.get(id);
    if (c == null) {
      throw new IllegalStateException("candidate " + id + " is not in the current round");
    }
    return c;
  }

  private Behavior<Command> startRound(List<Candidate> candidates, boolean fresh) {
    if (fresh) {
      roundResults.clear();
      plannedById.clear();
      candidates.forEach(c -> plannedById.put(c.id(), c));
      attempts = 0;
      roundStarted = System.nanoTime();
      searchNodeBytes = 0;
      phase = Phase.TRAINING;
    }
    spawnRound(candidates);
    return this;
  }

  private void spawnRound(List<Candidate> candidates) {
    if (workers.isEmpty()) {
      throw new SearchFailedException("no live workers left to train " + candidates.size() + " candidate(s)");
    }
    List<Integer> slots = workers.stream().map(slotsOf::get).toList();
    List<Placement.Assignment> placed = Placement.place(candidates, slots, this::placedHolder);
    List<EpochRound.Job> jobs = new ArrayList<>();
    for (Placement.Assignment a : placed) {
      Candidate c = a.candidate();
      ActorRef<Worker.Command> w = workers.get(a.worker());
      if (c.parentId() == Candidate.ROOT) {
        jobs.add(new EpochRound.Job(c, w, null, null, false));
        continue;
      }
      ActorRef<Worker.Command> holder = ledger.source(c.parentId());
      if (holder != null) {
        jobs.add(new EpochRound.Job(c, w, holder.equals(w) ? null : holder, null, false));
        continue;
      }
      ModelState copy = ledger.copy(c.parentId());
      if (copy == null) {
        throw new SearchFailedException("the state of candidate " + c.parentId() + " (parent of " + c.id()
            + ") was lost with its worker and no copy is held");
      }
      boolean restore = restores(w, ledger.home(c.parentId()));
      searchNodeBytes += copy.byteSize();
      jobs.add(new EpochRound.Job(c, w, null, copy, restore));
    }
    long id = ++childId;
    active = id;
    getContext().spawn(EpochRound.create(id, jobs, limits.roundTimeout(), progressAdapter, roundAdapter),
        "round-" + id);
  }

  /**
   * Where placement should regard a parent as held: its live holder (or its replica's worker), else
   * the worker that trained it before a resume.
   */
  private int placedHolder(int parentId) {
    ActorRef<Worker.Command> h = ledger.source(parentId);
    if (h != null) {
      return workers.indexOf(h);
    }
    String home = ledger.home(parentId);
    for (int i = 0; home != null && i < workers.size(); i++) {
      if (home.equals(namesOf.get(workers.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  private Behavior<Command> onRoundDone(EpochRound.Completed done) {
    if (done.roundId() != active) {
      return this;
    }
    limits.stall().progress();
    for (CandidateResult r : done.results()) {
      ActorRef<Worker.Command> holder = done.holders().get(r.candidateId());
      ActorRef<Worker.Command> before = ledger.holder(r.candidateId());
      if (before != null && !before.equals(holder)) {
        before.tell(new Worker.Release(List.of(r.candidateId())));
      }
      if (workers.contains(holder)) {
        ledger.held(r.candidateId(), holder);
      }
      if (phase == Phase.TRAINING) {
        roundResults.put(r.candidateId(), r);
      } else {
        checkRetrained(r);
      }
    }
    if (phase == Phase.RECOVERING) {
      return retryClose(done.failures());
    }
    if (!done.missing().isEmpty()) {
      if (++attempts > MAX_RERUNS) {
        throw new SearchFailedException("gave up after " + MAX_RERUNS + " re-runs of epoch "
            + done.missing().get(0).epoch() + ": " + String.join("; ", done.failures()));
      }
      getContext().getLog().warn("re-running {} candidate(s): {}", done.missing().size(),
          String.join("; ", done.failures()));
      spawnRound(done.missing());
      return this;
    }
    decided = loop.plan();
    List<CandidateResult> results = decided.stream().map(c -> roundResults.get(c.id())).toList();
    SearchLoop.Outcome o = driver.complete(results, (System.nanoTime() - roundStarted) / 1e9);
    ledger.release(o.release()).forEach((w, ids) -> w.tell(new Worker.Release(ids)));
    attempts = 0;
    if (!o.decided()) {
      return startRound(loop.plan(), true);
    }
    testPending = o.evaluateTest();
    return closeEpoch();
  }

  /** A lost kept state was trained again: it must give the same loss (training is deterministic). */
  private void checkRetrained(CandidateResult r) {
    EpochRecord last = loop.epochs().get(loop.epochs().size() - 1);
    for (CandidateRecord c : last.candidates()) {
      if (c.id() == r.candidateId() && Double.doubleToLongBits(c.loss()) != Double.doubleToLongBits(r.trainLoss())) {
        getContext().getLog().warn("candidate {} trained again gave loss {}, first {}", c.id(), r.trainLoss(),
            c.loss());
      }
    }
  }

  /**
   * Starts (or continues) closing the decided round: re-train lost kept states, then evaluate and
   * secure the kept states (replicas, or copies here; see the class comment).
   */
  private Behavior<Command> closeEpoch() {
    List<Integer> need = ledger.unsecured(loop.beamIds());
    List<Candidate> retrain = decided.stream()
        .filter(c -> need.contains(c.id()) && ledger.holder(c.id()) == null).toList();
    for (int id : need) {
      if (ledger.holder(id) == null && retrain.stream().noneMatch(c -> c.id() == id)) {
        throw new SearchFailedException("the state of beam " + id + " was lost with its worker and no copy is held");
      }
    }
    if (!retrain.isEmpty()) {
      getContext().getLog().warn("training candidate(s) {} again: their worker stopped before their states were"
          + " copied", retrain.stream().map(Candidate::id).toList());
      phase = Phase.RECOVERING;
      spawnRound(retrain);
      return this;
    }
    EpochClose.Evaluate eval = null;
    if (testPending) {
      int best = loop.bestId();
      ActorRef<Worker.Command> h = ledger.source(best);
      if (h != null) {
        eval = new EpochClose.Evaluate(best, h, null);
      } else {
        if (workers.isEmpty()) {
          throw new SearchFailedException("no live workers left to evaluate candidate " + best);
        }
        ModelState copy = ledger.copy(best);
        searchNodeBytes += copy.byteSize();
        eval = new EpochClose.Evaluate(best, workers.get(0), copy);
      }
    }
    List<EpochClose.Fetch> fetches = new ArrayList<>();
    List<EpochClose.Replicate> replicates = new ArrayList<>();
    List<EpochClose.Persist> persists = new ArrayList<>();
    if (replicating()) {
      for (int id : need) {
        ActorRef<Worker.Command> h = ledger.holder(id);
        replicates.add(new EpochClose.Replicate(id, h, replicaTarget(h)));
      }
      for (int id : persisting() ? ledger.unpersisted(loop.beamIds()) : List.<Integer>of()) {
        persists.add(new EpochClose.Persist(id, ledger.source(id),
            options.checkpointDir().toAbsolutePath().toString()));
      }
      int best = loop.bestId();
      if (loop.finished() && best != Candidate.ROOT && ledger.copy(best) == null && ledger.source(best) != null) {
        fetches.add(new EpochClose.Fetch(best, ledger.source(best)));
      }
    } else {
      for (int id : loop.beamIds()) {
        boolean forCheckpoint = checkpointing() && ledger.file(id) == null;
        if (ledger.copy(id) == null && (need.contains(id) || forCheckpoint)) {
          fetches.add(new EpochClose.Fetch(id, ledger.source(id)));
        }
      }
    }
    if (eval == null && fetches.isEmpty() && replicates.isEmpty() && persists.isEmpty()) {
      return epochClosed();
    }
    phase = Phase.CLOSING;
    long id = ++childId;
    active = id;
    getContext().spawn(EpochClose.create(id, eval, fetches, replicates, persists, limits.closeTimeout(),
        closeAdapter), "close-" + id);
    return this;
  }

  /** The worker that keeps the replica of a state {@code holder} holds: the next one in order. */
  private ActorRef<Worker.Command> replicaTarget(ActorRef<Worker.Command> holder) {
    return workers.get((workers.indexOf(holder) + 1) % workers.size());
  }

  /**
   * Whether a state restored from a checkpoint, trained by the worker named {@code home}, handed to
   * {@code w} restores what {@code w} held in the uninterrupted run (the state itself, or its
   * replica) rather than copying it: then it is not counted as a copy, so that a resumed run
   * reports the bytes the uninterrupted one does.
   */
  private boolean restores(ActorRef<Worker.Command> w, String home) {
    if (home == null) {
      return false;
    }
    if (namesOf.get(w).equals(home)) {
      return true;
    }
    for (ActorRef<Worker.Command> h : workers) {
      if (home.equals(namesOf.get(h))) {
        return replicating() && replicaTarget(h).equals(w);
      }
    }
    return false;
  }

  /** Whether kept states are secured by replicas on second workers rather than copies here: more than one live worker. */
  private boolean replicating() {
    return workers.size() > 1;
  }

  /** Whether the decided round will be checkpointed (a checkpoint directory, and the round advanced). */
  private boolean checkpointing() {
    List<EpochRecord> epochs = loop.epochs();
    return options.checkpointDir() != null && epochs.get(epochs.size() - 1).outcome() == EpochOutcome.ADVANCED;
  }

  /** Whether the holders write the kept states into the checkpoint directory (several workers, a checkpoint). */
  private boolean persisting() {
    return replicating() && checkpointing();
  }

  /** Whether every kept state is secured, and has a checkpoint file or a copy here when a checkpoint is written. */
  private boolean secured() {
    List<Integer> keep = loop.beamIds();
    if (!ledger.unsecured(keep).isEmpty()) {
      return false;
    }
    return !checkpointing() || keep.stream().allMatch(id -> ledger.file(id) != null || ledger.copy(id) != null);
  }

  private Behavior<Command> onCloseDone(EpochClose.Completed c) {
    if (c.closeId() != active) {
      return this;
    }
    limits.stall().progress();
    Map<Integer, ModelState> sorted = new LinkedHashMap<>();
    c.states().keySet().stream().sorted().forEach(id -> sorted.put(id, c.states().get(id)));
    List<Integer> keep = loop.beamIds();
    sorted.forEach((id, s) -> {
      searchNodeBytes += s.byteSize();
      if (ledger.copy(id) == null && keep.contains(id)) {
        ledger.copied(id, s);
        if (!replicating() || ledger.replica(id) == null && !c.replicas().containsKey(id)) {
          loop.recordCopy(id, s.byteSize());
        }
      }
    });
    c.replicas().keySet().stream().sorted().forEach(id -> {
      ledger.replicated(id, c.replicas().get(id));
      loop.recordCopy(id, c.replicaBytes().get(id));
    });
    c.files().forEach(ledger::persisted);
    c.stopped().forEach(this::workerGone);
    if (c.test() != null) {
      loop.recordTest(c.test());
      testPending = false;
    }
    return c.complete() && secured() ? epochClosed() : retryClose(c.failures());
  }

  private Behavior<Command> retryClose(List<String> failures) {
    if (++attempts > MAX_RERUNS) {
      throw new SearchFailedException("gave up closing epoch " + decided.get(0).epoch() + " after " + MAX_RERUNS
          + " retries: " + String.join("; ", failures));
    }
    if (!failures.isEmpty()) {
      getContext().getLog().warn("closing the epoch again: {}", String.join("; ", failures));
    }
    return closeEpoch();
  }

  private Behavior<Command> epochClosed() {
    ledger.commit(loop.beamIds()).forEach((w, ids) -> w.tell(new Worker.Release(ids)));
    loop.recordSearchNodeBytes(searchNodeBytes);
    driver.epochClosed(ledger::copy, ledger::file);
    limits.stall().roundTook(System.nanoTime() - roundStarted);
    return loop.finished() ? finish() : startRound(loop.plan(), true);
  }

  private Behavior<Command> finish() {
    SearchResult result = driver.finish(ledger::copy);
    replyTo.tell(new Finished(result, null));
    return Behaviors.stopped();
  }

  private Behavior<Command> fail(SearchException e) {
    replyTo.tell(new Finished(null, e));
    return Behaviors.stopped();
  }
}
