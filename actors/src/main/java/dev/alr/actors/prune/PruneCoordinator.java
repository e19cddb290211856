package dev.alr.actors.prune;

import dev.alr.engine.prune.PruneCandidate;
import dev.alr.models.prune.CycleTrainer;
import dev.alr.models.prune.LineState;
import dev.alr.models.prune.PruneTrainer;
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
 * Places a prune cycle's candidates on the live {@link PruneWorker}s (round-robin over their
 * slots, in candidate order), runs them as a {@link PruneCycle} child, re-runs the missing ones on
 * the workers still alive (at most {@value #MAX_ATTEMPTS} attempts per cycle), and replies
 * {@link CycleDone} once per {@link RunCycle}. Placement never changes a result: a candidate's
 * training depends only on the candidate and its parent line.
 *
 * <p>Protocol: {@link RunCycle} one at a time (a second while one runs is refused with a
 * failure); {@link WorkersChanged} sets the live workers (a cluster's membership, or the
 * workers spawned by {@link #create(List, Duration)}); a watched worker that stops leaves them.
 */
public final class PruneCoordinator extends AbstractBehavior<PruneCoordinator.Command> {

  /** Messages the coordinator accepts. */
  public sealed interface Command {
  }

  /** Train {@code jobs} (one cycle) and reply {@link CycleDone} to {@code replyTo}. */
  public record RunCycle(int cycle, List<CycleTrainer.Job> jobs, ActorRef<CycleDone> replyTo) implements Command {
  }

  /**
   * The live workers and their slot counts (same order).
   *
   * @param workers the workers
   * @param slots   concurrent trainers of each
   */
  public record WorkersChanged(List<ActorRef<PruneWorker.Command>> workers, List<Integer> slots)
      implements Command {
    /** Checks one slot count &ge; 1 per worker. */
    public WorkersChanged {
      workers = List.copyOf(workers);
      slots = List.copyOf(slots);
      if (slots.size() != workers.size() || slots.stream().anyMatch(k -> k < 1)) {
        throw new IllegalArgumentException("one slot count >= 1 per worker expected, got " + slots);
      }
    }
  }

  /**
   * The reply to {@link RunCycle}.
   *
   * @param trained one result per job in job order, or null when the cycle failed
   * @param failure why it failed (one line), else null
   */
  public record CycleDone(List<PruneTrainer.Trained> trained, String failure) {
  }

  private record AttemptDone(PruneCycle.Completed completed) implements Command {
  }

  private record WorkerStopped(ActorRef<PruneWorker.Command> worker) implements Command {
  }

  /** Attempts per cycle: the first and up to two re-runs of what was missing. */
  static final int MAX_ATTEMPTS = 3;

  private final Duration attemptTimeout;
  private final ActorRef<PruneCycle.Completed> attemptAdapter;
  private final Map<ActorRef<PruneWorker.Command>, Integer> live = new LinkedHashMap<>();
  private final Map<Integer, PruneTrainer.Trained> results = new HashMap<>();
  private final List<String> failures = new ArrayList<>();
  private RunCycle current;
  private Map<Integer, LineState> parents;
  private int attempts;
  private long attemptId;

  private PruneCoordinator(ActorContext<Command> ctx, Duration attemptTimeout) {
    super(ctx);
    this.attemptTimeout = attemptTimeout;
    this.attemptAdapter = ctx.messageAdapter(PruneCycle.Completed.class, AttemptDone::new);
  }

  /**
   * A coordinator that spawns {@code workers} as its children (one slot each): the in-process run.
   *
   * @param attemptTimeout how long one attempt at a cycle may take
   */
  public static Behavior<Command> create(List<Behavior<PruneWorker.Command>> workers, Duration attemptTimeout) {
    return Behaviors.setup(ctx -> {
      List<ActorRef<PruneWorker.Command>> refs = new ArrayList<>();
      for (int i = 0; i < workers.size(); i++) {
        refs.add(ctx.spawn(workers.get(i), "prune-worker-" + i));
      }
      PruneCoordinator c = new PruneCoordinator(ctx, attemptTimeout);
      c.setWorkers(new WorkersChanged(refs, refs.stream().map(r -> 1).toList()));
      return c;
    });
  }

  /** A coordinator with no workers yet: they come with {@link WorkersChanged} (a cluster). */
  public static Behavior<Command> create(Duration attemptTimeout) {
    return Behaviors.setup(ctx -> new PruneCoordinator(ctx, attemptTimeout));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RunCycle.class, this::onRunCycle)
        .onMessage(WorkersChanged.class, m -> {
          setWorkers(m);
          return this;
        })
        .onMessage(WorkerStopped.class, m -> {
          live.remove(m.worker());
          return this;
        })
        .onMessage(AttemptDone.class, this::onAttemptDone)
        .build();
  }

  private void setWorkers(WorkersChanged m) {
    live.clear();
    for (int i = 0; i < m.workers().size(); i++) {
      ActorRef<PruneWorker.Command> w = m.workers().get(i);
      live.put(w, m.slots().get(i));
      getContext().watchWith(w, new WorkerStopped(w));
    }
  }

  private Behavior<Command> onRunCycle(RunCycle m) {
    if (current != null) {
      m.replyTo().tell(new CycleDone(null, "prune cycle " + m.cycle() + " asked while cycle " + current.cycle()
          + " runs"));
      return this;
    }
    current = m;
    parents = new HashMap<>();
    m.jobs().forEach(j -> parents.put(j.candidate().id(), j.parent()));
    results.clear();
    failures.clear();
    attempts = 0;
    return attempt(m.jobs().stream().map(CycleTrainer.Job::candidate).toList());
  }

  private Behavior<Command> attempt(List<PruneCandidate> candidates) {
    if (live.isEmpty()) {
      return fail("no prune worker left to train cycle " + current.cycle() + " (" + String.join("; ", failures)
          + ")");
    }
    List<ActorRef<PruneWorker.Command>> slots = new ArrayList<>();
    int most = live.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    for (int round = 0; round < most; round++) {
      for (Map.Entry<ActorRef<PruneWorker.Command>, Integer> e : live.entrySet()) {
        if (round < e.getValue()) {
          slots.add(e.getKey());
        }
      }
    }
    List<PruneCycle.Job> jobs = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      PruneCandidate c = candidates.get(i);
      jobs.add(new PruneCycle.Job(c, parents.get(c.id()), slots.get(i % slots.size())));
    }
    attempts++;
    long id = attemptId++;
    getContext().spawn(PruneCycle.create(id, jobs, attemptTimeout, attemptAdapter), "attempt-" + id);
    return this;
  }

  private Behavior<Command> onAttemptDone(AttemptDone m) {
    PruneCycle.Completed done = m.completed();
    if (current == null || done.cycleId() != attemptId - 1) {
      return this;
    }
    done.lost().forEach(live::remove);
    results.putAll(done.results());
    failures.addAll(done.failures());
    if (done.missing().isEmpty()) {
      List<PruneTrainer.Trained> trained = current.jobs().stream().map(j -> results.get(j.candidate().id())).toList();
      current.replyTo().tell(new CycleDone(trained, null));
      current = null;
      parents = null;
      return this;
    }
    getContext().getLog().warn("prune cycle {}: re-running candidates {} ({})", current.cycle(),
        done.missing().stream().map(PruneCandidate::id).toList(), String.join("; ", done.failures()));
    if (attempts >= MAX_ATTEMPTS) {
      return fail("prune cycle " + current.cycle() + ": candidates " + done.missing().stream()
          .map(PruneCandidate::id).toList() + " still missing after " + attempts + " attempts ("
          + String.join("; ", failures) + ")");
    }
    return attempt(done.missing());
  }

  private Behavior<Command> fail(String message) {
    current.replyTo().tell(new CycleDone(null, message));
    current = null;
    parents = null;
    return this;
  }
}
