package dev.alr.actors;

import dev.alr.actors.wire.StatePayload;
import dev.alr.actors.wire.StateStreams;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.run.CandidateTrainer;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.engine.run.Workspace;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Owns model states (keyed by candidate id) and trains candidates on its own training threads —
 * {@code slots} threads, each with one single-threaded reusable model — never on Pekko's
 * dispatchers. The actor itself only moves immutable {@link ModelState}s around, so it answers
 * state fetches from other workers while training runs.
 *
 * <p>Protocol: {@link Train} (fetching the parent from another worker first when told to),
 * {@link Cancel}, {@link FetchState}, {@link Release}, {@link Evaluate}, {@link Replicate} (fetch a
 * kept state from its holder and keep it as a replica, worker to worker, so that it never passes
 * through the search node; a replica is held, handed out and released like any other state),
 * {@link Persist} (write a held state into the checkpoint directory, which is then storage shared
 * with the search node, at the same path on every node). Replies carry the round or
 * request id they answer. States travel as {@link StatePayload}s: inline within a JVM, streamed
 * in chunks between nodes ({@link StateStreams}); a job waits for its parent's stream to arrive
 * whole and verified (bounded by the stream's idle timeout) before it trains. A job that was cancelled or whose candidate was released before it
 * finished is dropped: no reply, no state kept; a cancelled job still training stops at its next
 * step.
 */
public final class Worker extends AbstractBehavior<Worker.Command> {

  /** Key under which workers register with the Receptionist. */
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "alr-worker");

  /** Messages a worker accepts. */
  public sealed interface Command {
  }

  /**
   * Train {@code candidate} for one epoch and reply {@link Trained} to {@code replyTo}.
   *
   * @param roundId      the round this job belongs to
   * @param candidate    what to train
   * @param parentState  the parent's state when the sender has it (recovery), else null
   * @param parentHolder the worker holding the parent state when this worker does not, else null
   * @param restore      {@code parentState} restores a state this worker trained before a resume:
   *                     not counted as a copy
   * @param replyTo      where the result goes
   */
  public record Train(long roundId, Candidate candidate, StatePayload parentState, ActorRef<Command> parentHolder,
                      boolean restore, ActorRef<Reply> replyTo) implements Command {
  }

  /** Stop the jobs of round {@code roundId} for these candidates (their round gave up on them). */
  public record Cancel(long roundId, List<Integer> candidateIds) implements Command {
  }

  /** Send the state of {@code candidateId} to {@code replyTo}. */
  public record FetchState(long requestId, int candidateId, ActorRef<Reply> replyTo) implements Command {
  }

  /** Drop the states of these candidates. */
  public record Release(List<Integer> candidateIds) implements Command {
  }

  /**
   * Evaluate model {@code candidateId} on {@code split}: the held one, or {@code state} when given
   * (a copy from the search node, after the holder was lost).
   */
  public record Evaluate(long requestId, int candidateId, Split split, StatePayload state, ActorRef<Reply> replyTo)
      implements Command {
  }

  /**
   * Fetch the state of {@code candidateId} from {@code holder}, keep it, and reply
   * {@link Replicated} to {@code replyTo}.
   */
  public record Replicate(long requestId, int candidateId, ActorRef<Command> holder, ActorRef<Reply> replyTo)
      implements Command {
  }

  /**
   * Write the held state of {@code candidateId} into checkpoint directory {@code checkpointDir}
   * ({@link CheckpointStore#stage}) and reply {@link Persisted} to {@code replyTo}.
   */
  public record Persist(long requestId, int candidateId, String checkpointDir, ActorRef<Reply> replyTo)
      implements Command {
  }

  /** Replies of a worker. */
  public sealed interface Reply {
  }

  /** A candidate trained; {@code worker} is the worker that trained it. */
  public record Trained(long roundId, CandidateResult result, ActorRef<Command> worker) implements Reply {
  }

  /** A job failed; {@code message} is one line. */
  public record Failed(long roundId, int candidateId, String message, ActorRef<Command> worker) implements Reply {
  }

  /** The state asked for by {@link FetchState} (null when not held). */
  public record StateReply(long requestId, int candidateId, StatePayload state, ActorRef<Command> worker)
      implements Reply {
  }

  /**
   * The answer to {@link Replicate}: the replica is kept ({@code bytes} copied, {@code error} null),
   * or it could not be had ({@code error} one line).
   */
  public record Replicated(long requestId, int candidateId, long bytes, String error, ActorRef<Command> worker)
      implements Reply {
  }

  /**
   * The answer to {@link Persist}: the file written and its "size:crc32c" ({@code error} null), or
   * why not ({@code error} one line).
   */
  public record Persisted(long requestId, int candidateId, String file, String sum, String error) implements Reply {
  }

  /** The evaluation asked for by {@link Evaluate} (null with a message on failure). */
  public record EvaluationReply(long requestId, int candidateId, Evaluation evaluation, String error)
      implements Reply {
  }

  private record JobDone(Train job, Workspace.Trained trained, Throwable error, long bytesCopied) implements Command {
  }

  /** A job's identity: candidates can be trained again in a later round. */
  private record JobKey(long roundId, int candidateId) {
    static JobKey of(Train t) {
      return new JobKey(t.roundId(), t.candidate().id());
    }
  }

  /** A parent state arrived ({@code state}) or could not be received ({@code error}) from {@code from}. */
  private record ParentFetched(Train job, ModelState state, Throwable error, String from) implements Command {
  }

  private record ParentReply(Reply reply) implements Command {
  }

  /** A replica arrived ({@code state}) or could not be received ({@code error}). */
  private record ReplicaFetched(Replicate request, ModelState state, Throwable error) implements Command {
  }

  private record EvalDone(Evaluate request, Evaluation evaluation, Throwable error) implements Command {
  }

  private final String name;
  private final Map<Integer, ModelState> states = new HashMap<>();
  private final Map<Long, Train> pendingFetches = new HashMap<>();
  private final Map<Long, Replicate> pendingReplicas = new HashMap<>();
  private final Set<JobKey> running = new HashSet<>();
  private final Set<JobKey> cancelled = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads;
  /** Each training thread's model; created on first use, closed by that thread when it ends. */
  private final ThreadLocal<Workspace> workspace = new ThreadLocal<>();
  private final Supplier<ModelFactory> factory;
  private final CandidateTrainerSpec spec;
  private final ActorRef<Reply> parentReplies;
  private long nextFetchId;

  private Worker(ActorContext<Command> ctx, String name, Supplier<ModelFactory> factory, CandidateTrainerSpec spec,
                 int slots, ThreadSetup threadSetup) {
    super(ctx);
    this.name = name;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(slots, r -> {
      Thread t = new Thread(() -> {
        threadSetup.onTrainingThread(Thread.currentThread());
        try {
          r.run();
        } finally {
          closeThreadWorkspace();
        }
      }, "alr-train-" + name + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
    this.factory = factory;
    this.spec = spec;
    this.parentReplies = ctx.messageAdapter(Reply.class, ParentReply::new);
  }

  /**
   * A worker behavior.
   *
   * @param name        worker name, recorded in results
   * @param factory     supplies the model factory (built lazily on first use)
   * @param spec        how candidates are trained (seed, batch size, validation)
   * @param slots       concurrent training threads, each with its own model
   * @param threadSetup called on each training thread before it runs anything (device pinning)
   */
  public static Behavior<Command> create(String name, Supplier<ModelFactory> factory, CandidateTrainerSpec spec,
                                         int slots, ThreadSetup threadSetup) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots: must be >= 1, got " + slots);
    }
    return Behaviors.setup(ctx -> new Worker(ctx, name, factory, spec, slots, threadSetup));
  }

  /**
   * How workers build their {@link CandidateTrainer}: plain data, so it can travel.
   *
   * @param seed       run seed
   * @param batchSize  mini-batch size
   * @param measureVal measure validation loss after each candidate
   */
  public record CandidateTrainerSpec(long seed, int batchSize, boolean measureVal) {
    CandidateTrainer trainer() {
      return new CandidateTrainer(seed, batchSize, measureVal);
    }
  }

  /** Called on each training thread when it starts (e.g. to pin it to a device). */
  @FunctionalInterface
  public interface ThreadSetup {
    /** No set-up. */
    ThreadSetup NONE = t -> { };

    void onTrainingThread(Thread t);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Train.class, this::onTrain)
        .onMessage(ParentReply.class, this::onParentReply)
        .onMessage(ParentFetched.class, this::onParentFetched)
        .onMessage(JobDone.class, this::onJobDone)
        .onMessage(FetchState.class, this::onFetch)
        .onMessage(Cancel.class, this::onCancel)
        .onMessage(Release.class, this::onRelease)
        .onMessage(Evaluate.class, this::onEvaluate)
        .onMessage(Replicate.class, this::onReplicate)
        .onMessage(Persist.class, this::onPersist)
        .onMessage(ReplicaFetched.class, this::onReplicaFetched)
        .onMessage(EvalDone.class, this::onEvalDone)
        .onSignal(PostStop.class, s -> stop())
        .build();
  }

  private Behavior<Command> onCancel(Cancel m) {
    for (int id : m.candidateIds()) {
      JobKey k = new JobKey(m.roundId(), id);
      if (running.remove(k)) {
        cancelled.add(k);
      }
    }
    pendingFetches.values().removeIf(t -> t.roundId() == m.roundId() && m.candidateIds().contains(t.candidate().id()));
    return this;
  }

  private Behavior<Command> onRelease(Release m) {
    m.candidateIds().forEach(states::remove);
    for (JobKey k : new ArrayList<>(running)) {
      if (m.candidateIds().contains(k.candidateId())) {
        running.remove(k);
        cancelled.add(k);
      }
    }
    return this;
  }

  private Behavior<Command> onTrain(Train job) {
    Candidate c = job.candidate();
    running.add(JobKey.of(job));
    if (job.parentState() != null) {
      receiveParent(job, job.parentState(), "the search node");
    } else if (c.parentId() == Candidate.ROOT) {
      submit(job, null, 0);
    } else if (states.containsKey(c.parentId())) {
      submit(job, states.get(c.parentId()), 0);
    } else if (job.parentHolder() != null) {
      long id = nextFetchId++;
      pendingFetches.put(id, job);
      job.parentHolder().tell(new FetchState(id, c.parentId(), parentReplies));
    } else {
      running.remove(JobKey.of(job));
      job.replyTo().tell(new Failed(job.roundId(), c.id(), "worker " + name + " holds no state for parent "
          + c.parentId() + " and was not told where it is", getContext().getSelf()));
    }
    return this;
  }

  private Behavior<Command> onPersist(Persist m) {
    ModelState held = states.get(m.candidateId());
    if (held == null) {
      m.replyTo().tell(new Persisted(m.requestId(), m.candidateId(), null, null,
          "worker " + name + " holds no state for candidate " + m.candidateId()));
      return this;
    }
    CompletableFuture.supplyAsync(() -> {
      try {
        return CheckpointStore.stage(Path.of(m.checkpointDir()), m.candidateId(), held);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, threads).whenComplete((staged, err) -> {
      Throwable cause = err == null ? null : err.getCause() != null ? err.getCause() : err;
      m.replyTo().tell(err == null
          ? new Persisted(m.requestId(), m.candidateId(), staged.file().toString(), staged.sum(), null)
          : new Persisted(m.requestId(), m.candidateId(), null, null, "worker " + name + " could not write the state"
              + " of candidate " + m.candidateId() + " into " + m.checkpointDir() + ": " + cause));
    });
    return this;
  }

  private Behavior<Command> onReplicate(Replicate m) {
    long id = nextFetchId++;
    pendingReplicas.put(id, m);
    m.holder().tell(new FetchState(id, m.candidateId(), parentReplies));
    return this;
  }

  private void replicaReply(StateReply r, Replicate m) {
    if (r.state() == null) {
      m.replyTo().tell(new Replicated(m.requestId(), m.candidateId(), 0, "worker " + r.worker().path().name()
          + " no longer holds the state of candidate " + m.candidateId(), getContext().getSelf()));
      return;
    }
    getContext().pipeToSelf(StateStreams.receive(r.state(), getContext().getSystem()),
        (state, err) -> new ReplicaFetched(m, state, err));
  }

  private Behavior<Command> onReplicaFetched(ReplicaFetched m) {
    Replicate r = m.request();
    if (m.error() != null) {
      Throwable cause = m.error().getCause() != null ? m.error().getCause() : m.error();
      r.replyTo().tell(new Replicated(r.requestId(), r.candidateId(), 0, "receiving the state of candidate "
          + r.candidateId() + " from " + r.holder().path().name() + " failed: " + cause, getContext().getSelf()));
      return this;
    }
    states.put(r.candidateId(), m.state());
    r.replyTo().tell(new Replicated(r.requestId(), r.candidateId(), m.state().byteSize(), null,
        getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onParentReply(ParentReply m) {
    if (m.reply() instanceof StateReply r && pendingReplicas.containsKey(r.requestId())) {
      replicaReply(r, pendingReplicas.remove(r.requestId()));
    } else if (m.reply() instanceof StateReply r) {
      Train job = pendingFetches.remove(r.requestId());
      if (job == null) {
        return this;
      }
      if (r.state() == null) {
        running.remove(JobKey.of(job));
        job.replyTo().tell(new Failed(job.roundId(), job.candidate().id(), "parent state "
            + r.candidateId() + " is not held by " + r.worker().path().name(), getContext().getSelf()));
      } else {
        receiveParent(job, r.state(), r.worker().path().name());
      }
    }
    return this;
  }

  private void receiveParent(Train job, StatePayload payload, String from) {
    getContext().pipeToSelf(StateStreams.receive(payload, getContext().getSystem()),
        (state, err) -> new ParentFetched(job, state, err, from));
  }

  private Behavior<Command> onParentFetched(ParentFetched m) {
    Train job = m.job();
    if (!running.contains(JobKey.of(job))) {
      return this;
    }
    if (m.error() != null) {
      running.remove(JobKey.of(job));
      Throwable cause = m.error().getCause() != null ? m.error().getCause() : m.error();
      job.replyTo().tell(new Failed(job.roundId(), job.candidate().id(), "receiving parent state "
          + job.candidate().parentId() + " from " + m.from() + " failed: " + cause, getContext().getSelf()));
      return this;
    }
    boolean copied = job.parentState() == null || !job.restore();
    submit(job, m.state(), copied ? m.state().byteSize() : 0);
    return this;
  }

  private void submit(Train job, ModelState parent, long bytesCopied) {
    JobKey key = JobKey.of(job);
    CandidateTrainer.StepObserver stopIfCancelled = (step, steps) -> {
      if (cancelled.contains(key)) {
        throw new CancellationException("job cancelled");
      }
    };
    CompletableFuture<Workspace.Trained> f = CompletableFuture.supplyAsync(() -> {
      stopIfCancelled.afterStep(0, 0);
      return threadWorkspace().train(job.candidate(), parent, stopIfCancelled);
    }, threads);
    getContext().pipeToSelf(f, (t, err) -> new JobDone(job, t, err, bytesCopied));
  }

  private Behavior<Command> onJobDone(JobDone m) {
    Train job = m.job();
    JobKey key = JobKey.of(job);
    cancelled.remove(key);
    if (!running.remove(key)) {
      return this;
    }
    if (m.error() != null) {
      Throwable cause = m.error().getCause() != null ? m.error().getCause() : m.error();
      job.replyTo().tell(new Failed(job.roundId(), job.candidate().id(),
          "training candidate " + job.candidate().id() + " failed on " + name + ": " + cause,
          getContext().getSelf()));
      return this;
    }
    states.put(job.candidate().id(), m.trained().state());
    CandidateResult r = m.trained().result().placed(name, m.bytesCopied());
    job.replyTo().tell(new Trained(job.roundId(), r, getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onFetch(FetchState m) {
    m.replyTo().tell(new StateReply(m.requestId(), m.candidateId(),
        StateStreams.ship(states.get(m.candidateId()), m.replyTo(), getContext().getSystem()), getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onEvaluate(Evaluate m) {
    ModelState held = states.get(m.candidateId());
    if (m.state() == null && held == null) {
      m.replyTo().tell(new EvaluationReply(m.requestId(), m.candidateId(), null,
          "worker " + name + " holds no state for candidate " + m.candidateId()));
      return this;
    }
    CompletionStage<ModelState> state = m.state() != null
        ? StateStreams.receive(m.state(), getContext().getSystem()) : CompletableFuture.completedFuture(held);
    CompletionStage<Evaluation> f = state.thenApplyAsync(s -> threadWorkspace().evaluate(s, m.split()), threads);
    getContext().pipeToSelf(f, (e, err) -> new EvalDone(m, e, err));
    return this;
  }

  private Behavior<Command> onEvalDone(EvalDone m) {
    String err = m.error() == null ? null : String.valueOf(m.error().getCause() != null ? m.error().getCause() : m.error());
    m.request().replyTo().tell(new EvaluationReply(m.request().requestId(), m.request().candidateId(),
        m.evaluation(), err));
    return this;
  }

  /** The calling training thread's model, built on its first job. */
  private Workspace threadWorkspace() {
    Workspace w = workspace.get();
    if (w == null) {
      w = new Workspace(factory.get(), spec.trainer(), name);
      workspace.set(w);
    }
    return w;
  }

  /**
   * Runs on a training thread as it ends: closes its model there, so DL4J frees that thread's
   * workspaces (the network's close destroys the current thread's) and no model is closed while
   * its thread may still use it.
   */
  private void closeThreadWorkspace() {
    Workspace w = workspace.get();
    if (w != null) {
      workspace.remove();
      w.close();
    }
  }

  private Behavior<Command> stop() {
    cancelled.addAll(running);
    threads.shutdown();
    try {
      if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    states.clear();
    pendingReplicas.clear();
    return this;
  }
}
