package dev.alr.actors;

import dev.alr.actors.wire.StatePayload;
import dev.alr.actors.wire.StateStreams;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * The end of an epoch, as a short-lived actor shaped like {@link EpochRound}: asks one worker to
 * evaluate the best beam on the test split, second workers to replicate kept states from their
 * holders (worker to worker: the states do not pass through the search node) and, where the
 * search node needs its own copy (one worker, a checkpoint, the final best model), the holders to
 * send copies to the search node, and with a checkpoint directory the holders to write the kept
 * states there ({@link Persist}); watches every worker it asked, starts one timeout, and replies exactly once
 * with what it got and what is missing (the worker died, failed, or the timeout fired) — then
 * stops. What to do about the missing parts is the {@link Coordinator}'s decision. A copy from a
 * worker on another node arrives as a stream ({@link StateStreams}); it counts as received once
 * whole and verified, within the same timeout.
 */
public final class EpochClose extends AbstractBehavior<EpochClose.Command> {

  /** Messages an epoch close accepts. */
  public sealed interface Command {
  }

  private record WorkerReply(Worker.Reply reply) implements Command {
  }

  private record WorkerTerminated(ActorRef<Worker.Command> worker) implements Command {
  }

  private enum Timeout implements Command { INSTANCE }

  /** A fetched state arrived whole ({@code state}) or its transfer failed ({@code error}). */
  private record StateArrived(long requestId, ModelState state, Throwable error) implements Command {
  }

  /**
   * Evaluate one model on the test split.
   *
   * @param candidateId the model
   * @param worker      who evaluates it
   * @param state       its state when the worker does not hold it (a copy), else null
   */
  public record Evaluate(int candidateId, ActorRef<Worker.Command> worker, ModelState state) {
  }

  /** Copy the state of {@code candidateId} from {@code holder} to the search node. */
  public record Fetch(int candidateId, ActorRef<Worker.Command> holder) {
  }

  /** Have {@code holder} write the state of {@code candidateId} into checkpoint directory {@code dir}. */
  public record Persist(int candidateId, ActorRef<Worker.Command> holder, String dir) {
  }

  /** Have {@code target} keep a replica of {@code candidateId}'s state, fetched from {@code holder}. */
  public record Replicate(int candidateId, ActorRef<Worker.Command> holder, ActorRef<Worker.Command> target) {
  }

  /**
   * The close's single reply.
   *
   * @param closeId       the close
   * @param test          the evaluation, or null when none was asked or it is missing
   * @param testMissing   an evaluation was asked for and did not come
   * @param states        the copies received, by candidate id
   * @param missingStates ids whose copies or replicas did not come, ascending
   * @param failures      one line per failed or lost request
   * @param stopped       the workers asked that stopped meanwhile (the coordinator treats them as lost)
   * @param replicas      the replicas made: by candidate id, the worker that keeps it
   * @param replicaBytes  by candidate id, the bytes its replica copied (worker to worker)
   * @param files         by candidate id, the checkpoint-directory files written
   */
  public record Completed(long closeId, Evaluation test, boolean testMissing, Map<Integer, ModelState> states,
                          List<Integer> missingStates, List<String> failures,
                          List<ActorRef<Worker.Command>> stopped, Map<Integer, ActorRef<Worker.Command>> replicas,
                          Map<Integer, Long> replicaBytes, Map<Integer, CheckpointStore.StagedState> files) {
    /** Whether everything asked for came. */
    public boolean complete() {
      return !testMissing && missingStates.isEmpty();
    }
  }

  private final long closeId;
  private final ActorRef<Completed> replyTo;
  private final Map<Long, Fetch> pendingFetches = new HashMap<>();
  private final Map<Long, Replicate> pendingReplicas = new HashMap<>();
  private final Map<Integer, ActorRef<Worker.Command>> replicas = new HashMap<>();
  private final Map<Integer, Long> replicaBytes = new HashMap<>();
  private final Map<Long, Persist> pendingPersists = new HashMap<>();
  private final Map<Integer, CheckpointStore.StagedState> files = new HashMap<>();
  private final Map<Integer, ModelState> states = new LinkedHashMap<>();
  private final List<Integer> missing = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final List<ActorRef<Worker.Command>> stopped = new ArrayList<>();
  private Evaluate pendingEval;
  private Evaluation test;
  private boolean testMissing;

  private EpochClose(ActorContext<Command> ctx, TimerScheduler<Command> timers, long closeId, Evaluate evaluate,
                     List<Fetch> fetches, List<Replicate> replicates, List<Persist> persists, Duration timeout,
                     ActorRef<Completed> replyTo) {
    super(ctx);
    this.closeId = closeId;
    this.replyTo = replyTo;
    ActorRef<Worker.Reply> adapter = ctx.messageAdapter(Worker.Reply.class, WorkerReply::new);
    Set<ActorRef<Worker.Command>> watched = new HashSet<>();
    if (evaluate != null && watched.add(evaluate.worker())) {
      ctx.watchWith(evaluate.worker(), new WorkerTerminated(evaluate.worker()));
    }
    for (Fetch f : fetches) {
      if (watched.add(f.holder())) {
        ctx.watchWith(f.holder(), new WorkerTerminated(f.holder()));
      }
    }
    for (Replicate r : replicates) {
      for (ActorRef<Worker.Command> w : List.of(r.holder(), r.target())) {
        if (watched.add(w)) {
          ctx.watchWith(w, new WorkerTerminated(w));
        }
      }
    }
    for (Persist p : persists) {
      if (watched.add(p.holder())) {
        ctx.watchWith(p.holder(), new WorkerTerminated(p.holder()));
      }
    }
    long request = closeId << 20;
    if (evaluate != null) {
      pendingEval = evaluate;
      evaluate.worker().tell(new Worker.Evaluate(request, evaluate.candidateId(), Split.TEST,
          StateStreams.ship(evaluate.state(), evaluate.worker(), ctx.getSystem()), adapter));
    }
    for (Fetch f : fetches) {
      long id = ++request;
      pendingFetches.put(id, f);
      f.holder().tell(new Worker.FetchState(id, f.candidateId(), adapter));
    }
    for (Replicate r : replicates) {
      long id = ++request;
      pendingReplicas.put(id, r);
      r.target().tell(new Worker.Replicate(id, r.candidateId(), r.holder(), adapter));
    }
    for (Persist p : persists) {
      long id = ++request;
      pendingPersists.put(id, p);
      p.holder().tell(new Worker.Persist(id, p.candidateId(), p.dir(), adapter));
    }
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
  }

  /**
   * A close that evaluates {@code evaluate} (null: none) and fetches {@code fetches}, replying
   * {@link Completed} to {@code replyTo} once. With nothing to do it replies at once.
   *
   * @param timeout how long to wait for every answer before replying with the rest missing
   */
  public static Behavior<Command> create(long closeId, Evaluate evaluate, List<Fetch> fetches, Duration timeout,
                                         ActorRef<Completed> replyTo) {
    return create(closeId, evaluate, fetches, List.of(), List.of(), timeout, replyTo);
  }

  /**
   * A close that also has {@code replicates} made (worker to worker) and {@code persists} written
   * into the checkpoint directory, replying {@link Completed} to {@code replyTo} once. With nothing
   * to do it replies at once.
   */
  public static Behavior<Command> create(long closeId, Evaluate evaluate, List<Fetch> fetches,
                                         List<Replicate> replicates, List<Persist> persists, Duration timeout,
                                         ActorRef<Completed> replyTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      EpochClose c = new EpochClose(ctx, timers, closeId, evaluate, List.copyOf(fetches), List.copyOf(replicates),
          List.copyOf(persists), timeout, replyTo);
      return c.done() ? c.finish() : c;
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WorkerReply.class, this::onReply)
        .onMessage(WorkerTerminated.class, this::onTerminated)
        .onMessage(StateArrived.class, this::onStateArrived)
        .onMessageEquals(Timeout.INSTANCE, () -> {
          failures.add("closing epoch (request " + closeId + ") timed out waiting for "
              + (pendingEval != null ? "the test evaluation and " : "") + pendingFetches.size() + " state copy(ies)"
              + (pendingReplicas.isEmpty() ? "" : " and " + pendingReplicas.size() + " replica(s)")
              + (pendingPersists.isEmpty() ? "" : " and " + pendingPersists.size() + " checkpoint file(s)"));
          return finish();
        })
        .build();
  }

  private Behavior<Command> onReply(WorkerReply m) {
    if (m.reply() instanceof Worker.EvaluationReply e && pendingEval != null
        && e.requestId() == closeId << 20) {
      if (e.evaluation() == null) {
        testMissing = true;
        failures.add("evaluating candidate " + e.candidateId() + " failed: " + e.error());
      } else {
        test = e.evaluation();
      }
      pendingEval = null;
    } else if (m.reply() instanceof Worker.Replicated r && pendingReplicas.containsKey(r.requestId())) {
      Replicate asked = pendingReplicas.remove(r.requestId());
      if (r.error() != null) {
        missing.add(asked.candidateId());
        failures.add("replicating candidate " + asked.candidateId() + " on worker " + asked.target().path().name()
            + " failed: " + r.error());
      } else {
        replicas.put(asked.candidateId(), asked.target());
        replicaBytes.put(asked.candidateId(), r.bytes());
      }
    } else if (m.reply() instanceof Worker.Persisted p && pendingPersists.containsKey(p.requestId())) {
      Persist asked = pendingPersists.remove(p.requestId());
      if (p.error() != null) {
        missing.add(asked.candidateId());
        failures.add(p.error());
      } else {
        files.put(asked.candidateId(), new CheckpointStore.StagedState(Path.of(p.file()), p.sum()));
      }
    } else if (m.reply() instanceof Worker.StateReply s && pendingFetches.containsKey(s.requestId())) {
      if (s.state() == null) {
        Fetch f = pendingFetches.remove(s.requestId());
        missing.add(f.candidateId());
        failures.add("worker " + f.holder().path().name() + " no longer holds the state of candidate "
            + f.candidateId());
      } else if (s.state() instanceof StatePayload.Inline in) {
        states.put(pendingFetches.remove(s.requestId()).candidateId(), in.state());
      } else {
        getContext().pipeToSelf(StateStreams.receive(s.state(), getContext().getSystem()),
            (state, err) -> new StateArrived(s.requestId(), state, err));
      }
    }
    return done() ? finish() : this;
  }

  private Behavior<Command> onStateArrived(StateArrived m) {
    Fetch f = pendingFetches.remove(m.requestId());
    if (f == null) {
      return this;
    }
    if (m.error() != null) {
      Throwable cause = m.error().getCause() != null ? m.error().getCause() : m.error();
      missing.add(f.candidateId());
      failures.add("receiving the state of candidate " + f.candidateId() + " from worker " + f.holder().path().name()
          + " failed: " + cause);
    } else {
      states.put(f.candidateId(), m.state());
    }
    return done() ? finish() : this;
  }

  private Behavior<Command> onTerminated(WorkerTerminated m) {
    stopped.add(m.worker());
    List<Integer> gone = new ArrayList<>();
    pendingFetches.values().removeIf(f -> {
      if (f.holder().equals(m.worker())) {
        gone.add(f.candidateId());
        return true;
      }
      return false;
    });
    pendingReplicas.values().removeIf(r -> {
      if (r.holder().equals(m.worker()) || r.target().equals(m.worker())) {
        gone.add(r.candidateId());
        return true;
      }
      return false;
    });
    replicas.entrySet().removeIf(e -> e.getValue().equals(m.worker()));
    pendingPersists.values().removeIf(p -> {
      if (p.holder().equals(m.worker())) {
        gone.add(p.candidateId());
        return true;
      }
      return false;
    });
    missing.addAll(gone);
    boolean eval = pendingEval != null && pendingEval.worker().equals(m.worker());
    if (eval) {
      pendingEval = null;
      testMissing = true;
    }
    if (eval || !gone.isEmpty()) {
      failures.add("worker " + m.worker().path().name() + " stopped while closing the epoch"
          + (eval ? "; the test evaluation is lost" : "") + (gone.isEmpty() ? "" : "; state copies lost: " + gone));
    }
    return done() ? finish() : this;
  }

  private boolean done() {
    return pendingEval == null && pendingFetches.isEmpty() && pendingReplicas.isEmpty() && pendingPersists.isEmpty();
  }

  private Behavior<Command> finish() {
    if (pendingEval != null) {
      testMissing = true;
    }
    pendingFetches.values().forEach(f -> missing.add(f.candidateId()));
    pendingReplicas.values().forEach(r -> missing.add(r.candidateId()));
    pendingPersists.values().forEach(p -> missing.add(p.candidateId()));
    missing.sort(Integer::compare);
    replicaBytes.keySet().retainAll(replicas.keySet());
    replyTo.tell(new Completed(closeId, test, testMissing, Map.copyOf(states), List.copyOf(missing),
        List.copyOf(failures), List.copyOf(stopped), Map.copyOf(replicas), Map.copyOf(replicaBytes),
        Map.copyOf(files)));
    return Behaviors.stopped();
  }
}
