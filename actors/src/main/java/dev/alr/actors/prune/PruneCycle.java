package dev.alr.actors.prune;

import dev.alr.engine.prune.PruneCandidate;
import dev.alr.models.prune.LineState;
import dev.alr.models.prune.PruneTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One attempt at a prune cycle's candidates, as a short-lived actor shaped like the search's
 * {@link dev.alr.actors.EpochRound}: sends each job with its parent line to its worker, watches
 * those workers, starts one timer, receives each trained line whole, and replies exactly once with
 * the results and the candidates that are missing (their worker died or failed them, their line
 * did not arrive, or the timer fired) — then stops. Jobs still pending then are cancelled on their
 * workers, so a late result is never kept.
 */
public final class PruneCycle extends AbstractBehavior<PruneCycle.Command> {

  /** Messages a cycle accepts. */
  public sealed interface Command {
  }

  private record WorkerReply(PruneWorker.Reply reply) implements Command {
  }

  private record LineArrived(PruneWorker.Trained trained, LineState line, Throwable error) implements Command {
  }

  private record WorkerTerminated(ActorRef<PruneWorker.Command> worker) implements Command {
  }

  private enum Timeout implements Command { INSTANCE }

  /**
   * One job of the attempt.
   *
   * @param candidate what to train
   * @param parent    its parent line (null for a root)
   * @param worker    who trains it
   */
  public record Job(PruneCandidate candidate, LineState parent, ActorRef<PruneWorker.Command> worker) {
  }

  /**
   * The attempt's single reply.
   *
   * @param cycleId  the attempt
   * @param results  trained candidates by id
   * @param missing  candidates with no result, by id
   * @param lost     workers that stopped during the attempt
   * @param failures one line per failed or lost job
   */
  public record Completed(long cycleId, Map<Integer, PruneTrainer.Trained> results, List<PruneCandidate> missing,
                          Set<ActorRef<PruneWorker.Command>> lost, List<String> failures) {
  }

  private final long cycleId;
  private final Map<Integer, Job> pending = new HashMap<>();
  private final Map<Integer, PruneTrainer.Trained> results = new HashMap<>();
  private final List<Job> failed = new ArrayList<>();
  private final Set<ActorRef<PruneWorker.Command>> lost = new HashSet<>();
  private final List<String> failures = new ArrayList<>();
  private final ActorRef<Completed> replyTo;

  private PruneCycle(ActorContext<Command> ctx, TimerScheduler<Command> timers, long cycleId, List<Job> jobs,
                     Duration timeout, ActorRef<Completed> replyTo) {
    super(ctx);
    this.cycleId = cycleId;
    this.replyTo = replyTo;
    ActorRef<PruneWorker.Reply> adapter = ctx.messageAdapter(PruneWorker.Reply.class, WorkerReply::new);
    Set<ActorRef<PruneWorker.Command>> watched = new HashSet<>();
    for (Job j : jobs) {
      pending.put(j.candidate().id(), j);
      if (watched.add(j.worker())) {
        ctx.watchWith(j.worker(), new WorkerTerminated(j.worker()));
      }
    }
    for (Job j : jobs) {
      j.worker().tell(new PruneWorker.Train(cycleId, j.candidate(),
          LinePayload.ship(j.parent(), j.worker(), ctx.getSystem()), adapter));
    }
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
  }

  /**
   * An attempt that trains {@code jobs} and replies {@link Completed} to {@code replyTo} once.
   *
   * @param timeout how long to wait for all results before replying with the rest missing
   */
  public static Behavior<Command> create(long cycleId, List<Job> jobs, Duration timeout,
                                         ActorRef<Completed> replyTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new PruneCycle(ctx, timers, cycleId, List.copyOf(jobs), timeout, replyTo)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WorkerReply.class, this::onReply)
        .onMessage(LineArrived.class, this::onLine)
        .onMessage(WorkerTerminated.class, this::onTerminated)
        .onMessageEquals(Timeout.INSTANCE, () -> {
          failures.add("prune cycle attempt " + cycleId + " timed out with " + pending.size()
              + " candidate(s) unfinished");
          return finish();
        })
        .build();
  }

  private Behavior<Command> onReply(WorkerReply m) {
    if (m.reply() instanceof PruneWorker.Trained t && t.cycleId() == cycleId
        && pending.containsKey(t.record().id())) {
      getContext().pipeToSelf(LinePayload.receive(t.line(), getContext().getSystem()),
          (line, err) -> new LineArrived(t, line, err));
    } else if (m.reply() instanceof PruneWorker.Failed f && f.cycleId() == cycleId
        && pending.containsKey(f.candidateId())) {
      failures.add(f.message());
      failed.add(pending.remove(f.candidateId()));
    }
    return pending.isEmpty() ? finish() : this;
  }

  private Behavior<Command> onLine(LineArrived m) {
    int id = m.trained().record().id();
    Job job = pending.remove(id);
    if (job == null) {
      return this;
    }
    if (m.error() != null || m.line() == null) {
      failures.add("the line of candidate " + id + " did not arrive from " + m.trained().worker().path().name()
          + ": " + (m.error() == null ? "empty" : m.error()));
      failed.add(job);
    } else {
      results.put(id, new PruneTrainer.Trained(m.line(), m.trained().record()));
    }
    return pending.isEmpty() ? finish() : this;
  }

  private Behavior<Command> onTerminated(WorkerTerminated m) {
    lost.add(m.worker());
    List<Integer> gone = new ArrayList<>();
    for (Job j : pending.values()) {
      if (j.worker().equals(m.worker())) {
        gone.add(j.candidate().id());
      }
    }
    if (!gone.isEmpty()) {
      failures.add("prune worker " + m.worker().path().name() + " stopped during cycle attempt " + cycleId
          + "; lost candidates " + gone);
    }
    for (int id : gone) {
      failed.add(pending.remove(id));
    }
    return pending.isEmpty() ? finish() : this;
  }

  private Behavior<Command> finish() {
    Map<ActorRef<PruneWorker.Command>, List<Integer>> cancel = new HashMap<>();
    List<PruneCandidate> missing = new ArrayList<>();
    for (Job j : pending.values()) {
      cancel.computeIfAbsent(j.worker(), w -> new ArrayList<>()).add(j.candidate().id());
      missing.add(j.candidate());
    }
    for (Job j : failed) {
      missing.add(j.candidate());
    }
    cancel.forEach((w, ids) -> w.tell(new PruneWorker.Cancel(cycleId, ids)));
    missing.sort((a, b) -> Integer.compare(a.id(), b.id()));
    replyTo.tell(new Completed(cycleId, Map.copyOf(results), List.copyOf(missing), Set.copyOf(lost),
        List.copyOf(failures)));
    return Behaviors.stopped();
  }
}
