package dev.alr.actors.prune;

import dev.alr.actors.Worker;
import dev.alr.engine.prune.PruneCandidate;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.models.prune.LineState;
import dev.alr.models.prune.PruneTrainer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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

/**
 * Trains pruning candidates ({@link PruneTrainer#train}) on its own {@code slots} training
 * threads, never on Pekko's dispatchers, as the search's {@link Worker} does. It holds no line
 * states between jobs: each {@link Train} brings its parent line and each {@link Trained} carries
 * the trained line back, so a lost worker loses nothing but its running jobs.
 *
 * <p>Protocol: {@link Train} answers {@link Trained} or {@link Failed} (with the cycle id it
 * answers); {@link Cancel} drops the named jobs' results (a job already training runs to its end
 * on its thread, and its result is not sent). The trainer is built on the first job, on a
 * training thread.
 */
public final class PruneWorker extends AbstractBehavior<PruneWorker.Command> {

  /** Messages a prune worker accepts. */
  public sealed interface Command {
  }

  /**
   * Train {@code candidate} from {@code parent}.
   *
   * @param cycleId   the attempt this job belongs to
   * @param candidate what to train
   * @param parent    the parent line, null for a root
   * @param replyTo   gets {@link Trained} or {@link Failed}
   */
  public record Train(long cycleId, PruneCandidate candidate, LinePayload parent, ActorRef<Reply> replyTo)
      implements Command {
  }

  /** Drop the results of these jobs of attempt {@code cycleId}. */
  public record Cancel(long cycleId, List<Integer> candidateIds) implements Command {
  }

  /** Replies of a prune worker. */
  public sealed interface Reply {
  }

  /** A candidate trained: its record and trained line; {@code worker} trained it. */
  public record Trained(long cycleId, PruneRecord record, LinePayload line, ActorRef<Command> worker)
      implements Reply {
  }

  /** A job failed; {@code message} is one line. */
  public record Failed(long cycleId, int candidateId, String message, ActorRef<Command> worker) implements Reply {
  }

  private record ParentReceived(Train job, LineState parent, Throwable error) implements Command {
  }

  private record JobDone(Train job, PruneTrainer.Trained trained, Throwable error) implements Command {
  }

  private record JobKey(long cycleId, int candidateId) {
    static JobKey of(Train t) {
      return new JobKey(t.cycleId(), t.candidate().id());
    }
  }

  private final String name;
  private final Supplier<PruneTrainer> trainerSource;
  private final ExecutorService threads;
  private final Set<JobKey> running = new HashSet<>();
  private PruneTrainer trainer;

  private PruneWorker(ActorContext<Command> ctx, String name, Supplier<PruneTrainer> trainer, int slots,
                      Worker.ThreadSetup threadSetup) {
    super(ctx);
    this.name = name;
    this.trainerSource = trainer;
    AtomicInteger n = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(slots, r -> {
      Thread t = new Thread(() -> {
        threadSetup.onTrainingThread(Thread.currentThread());
        r.run();
      }, "alr-prune-" + name + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * A prune worker.
   *
   * @param name        worker name (log lines, failures)
   * @param trainer     builds the run's trainer (called once, on a training thread)
   * @param slots       concurrent training threads
   * @param threadSetup called on each training thread before it runs anything (device pinning)
   */
  public static Behavior<Command> create(String name, Supplier<PruneTrainer> trainer, int slots,
                                         Worker.ThreadSetup threadSetup) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots: must be >= 1, got " + slots);
    }
    return Behaviors.setup(ctx -> new PruneWorker(ctx, name, trainer, slots, threadSetup));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Train.class, this::onTrain)
        .onMessage(ParentReceived.class, this::onParent)
        .onMessage(JobDone.class, this::onJobDone)
        .onMessage(Cancel.class, m -> {
          m.candidateIds().forEach(id -> running.remove(new JobKey(m.cycleId(), id)));
          return this;
        })
        .onSignal(PostStop.class, s -> stop())
        .build();
  }

  private Behavior<Command> onTrain(Train job) {
    running.add(JobKey.of(job));
    getContext().pipeToSelf(LinePayload.receive(job.parent(), getContext().getSystem()),
        (line, err) -> new ParentReceived(job, line, err));
    return this;
  }

  private Behavior<Command> onParent(ParentReceived m) {
    Train job = m.job();
    if (!running.contains(JobKey.of(job))) {
      return this;
    }
    if (m.error() != null) {
      running.remove(JobKey.of(job));
      job.replyTo().tell(new Failed(job.cycleId(), job.candidate().id(), "receiving the parent line "
          + job.candidate().parentId() + " on " + name + " failed: " + cause(m.error()), getContext().getSelf()));
      return this;
    }
    CompletableFuture<PruneTrainer.Trained> f = CompletableFuture.supplyAsync(
        () -> trainer().train(job.candidate(), m.parent()), threads);
    getContext().pipeToSelf(f, (t, err) -> new JobDone(job, t, err));
    return this;
  }

  private Behavior<Command> onJobDone(JobDone m) {
    Train job = m.job();
    if (!running.remove(JobKey.of(job))) {
      return this;
    }
    if (m.error() != null) {
      job.replyTo().tell(new Failed(job.cycleId(), job.candidate().id(), "training candidate "
          + job.candidate().id() + " failed on " + name + ": " + cause(m.error()), getContext().getSelf()));
      return this;
    }
    job.replyTo().tell(new Trained(job.cycleId(), m.trained().record(),
        LinePayload.ship(m.trained().line(), job.replyTo(), getContext().getSystem()), getContext().getSelf()));
    return this;
  }

  /** The run's trainer, built by the first training thread that needs it. */
  private synchronized PruneTrainer trainer() {
    if (trainer == null) {
      trainer = trainerSource.get();
    }
    return trainer;
  }

  private static Throwable cause(Throwable t) {
    return t.getCause() != null ? t.getCause() : t;
  }

  private Behavior<Command> stop() {
    running.clear();
    threads.shutdown();
    try {
      if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }
}
