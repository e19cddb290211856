package dev.alr.actors;

import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.actors.wire.StateStreams;
import dev.alr.engine.spi.ModelState;
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
 * One round of training, as a short-lived actor: sends each job to its worker, watches those
 * workers, starts one timeout, forwards progress, and replies exactly once with the results and
 * the candidates that are missing (their worker died, failed them, or the timeout fired) — then
 * stops. Jobs still pending then are cancelled on their workers, so that a late result is never
 * kept.
 */
public final class EpochRound extends AbstractBehavior<EpochRound.Command> {

  /** Messages a round accepts. */
  public sealed interface Command {
  }

  private record WorkerReply(Worker.Reply reply) implements Command {
  }

  private record WorkerTerminated(ActorRef<Worker.Command> worker) implements Command {
  }

  private enum Timeout implements Command { INSTANCE }

  /**
   * One job of the round.
   *
   * @param candidate    what to train
   * @param worker       who trains it
   * @param parentHolder where the worker fetches the parent state from, or null
   * @param parentState  the parent state itself when no live worker holds it (recovery), or null
   * @param restore      {@code parentState} goes back to the worker that trained it before a resume
   *                     (not counted as a copy)
   */
  public record Job(Candidate candidate, ActorRef<Worker.Command> worker, ActorRef<Worker.Command> parentHolder,
                    ModelState parentState, boolean restore) {
  }

  /** Progress sent to the coordinator as each candidate finishes. */
  public record Progress(long roundId, CandidateResult result, ActorRef<Worker.Command> worker) {
  }

  /**
   * The round's single reply.
   *
   * @param roundId  the round
   * @param results  results received, by candidate id order of arrival
   * @param holders  for each result, the worker now holding its state
   * @param missing  candidates with no result
   * @param failures one line per failed or lost job
   */
  public record Completed(long roundId, List<CandidateResult> results, Map<Integer, ActorRef<Worker.Command>> holders,
                          List<Candidate> missing, List<String> failures) {
  }

  private final long roundId;
  private final Map<Integer, Job> pending = new HashMap<>();
  private final List<CandidateResult> results = new ArrayList<>();
  private final Map<Integer, ActorRef<Worker.Command>> holders = new HashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final List<Job> lost = new ArrayList<>();
  private final ActorRef<Progress> progress;
  private final ActorRef<Completed> replyTo;

  private EpochRound(ActorContext<Command> ctx, TimerScheduler<Command> timers, long roundId, List<Job> jobs,
                     Duration timeout, ActorRef<Progress> progress, ActorRef<Completed> replyTo) {
    super(ctx);
    this.roundId = roundId;
    this.progress = progress;
    this.replyTo = replyTo;
    ActorRef<Worker.Reply> adapter = ctx.messageAdapter(Worker.Reply.class, WorkerReply::new);
    Set<ActorRef<Worker.Command>> watched = new HashSet<>();
    for (Job j : jobs) {
      pending.put(j.candidate().id(), j);
      if (watched.add(j.worker())) {
        ctx.watchWith(j.worker(), new WorkerTerminated(j.worker()));
      }
      if (j.parentHolder() != null && watched.add(j.parentHolder())) {
        ctx.watchWith(j.parentHolder(), new WorkerTerminated(j.parentHolder()));
      }
    }
    for (Job j : jobs) {
      j.worker().tell(new Worker.Train(roundId, j.candidate(),
          StateStreams.ship(j.parentState(), j.worker(), ctx.getSystem()), j.parentHolder(), j.restore(), adapter));
    }
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
  }

  /**
   * A round that trains {@code jobs} and replies {@link Completed} to {@code replyTo} once.
   *
   * @param timeout how long to wait for all results before replying with the rest missing
   */
  public static Behavior<Command> create(long roundId, List<Job> jobs, Duration timeout, ActorRef<Progress> progress,
                                         ActorRef<Completed> replyTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new EpochRound(ctx, timers, roundId, List.copyOf(jobs), timeout, progress, replyTo)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WorkerReply.class, this::onReply)
        .onMessage(WorkerTerminated.class, this::onTerminated)
        .onMessageEquals(Timeout.INSTANCE, () -> {
          failures.add("round " + roundId + " timed out with " + pending.size() + " candidate(s) unfinished");
          return finish();
        })
        .build();
  }

  private Behavior<Command> onReply(WorkerReply m) {
    if (m.reply() instanceof Worker.Trained t && t.roundId() == roundId
        && pending.remove(t.result().candidateId()) != null) {
      results.add(t.result());
      holders.put(t.result().candidateId(), t.worker());
      progress.tell(new Progress(roundId, t.result(), t.worker()));
    } else if (m.reply() instanceof Worker.Failed f && f.roundId() == roundId
        && pending.containsKey(f.candidateId())) {
      failures.add(f.message());
      lost.add(pending.remove(f.candidateId()));
    }
    return pending.isEmpty() ? finish() : this;
  }

  private Behavior<Command> onTerminated(WorkerTerminated m) {
    List<Integer> gone = new ArrayList<>();
    for (Job j : pending.values()) {
      if (j.worker().equals(m.worker()) || m.worker().equals(j.parentHolder())) {
        gone.add(j.candidate().id());
      }
    }
    if (!gone.isEmpty()) {
      failures.add("worker " + m.worker().path().name() + " stopped during round " + roundId + "; lost candidates "
          + gone);
    }
    for (int id : gone) {
      lost.add(pending.remove(id));
    }
    return pending.isEmpty() ? finish() : this;
  }

  private Behavior<Command> finish() {
    Map<ActorRef<Worker.Command>, List<Integer>> cancel = new HashMap<>();
    for (Job j : pending.values()) {
      cancel.computeIfAbsent(j.worker(), w -> new ArrayList<>()).add(j.candidate().id());
    }
    for (Job j : lost) {
      cancel.computeIfAbsent(j.worker(), w -> new ArrayList<>()).add(j.candidate().id());
    }
    cancel.forEach((w, ids) -> w.tell(new Worker.Cancel(roundId, ids)));
    List<Candidate> missing = new ArrayList<>();
    lost.forEach(j -> missing.add(j.candidate()));
    pending.values().forEach(j -> missing.add(j.candidate()));
    missing.sort((a, b) -> Integer.compare(a.id(), b.id()));
    replyTo.tell(new Completed(roundId, results, holders, missing, failures));
    return Behaviors.stopped();
  }
}
