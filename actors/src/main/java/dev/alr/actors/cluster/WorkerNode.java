package dev.alr.actors.cluster;

import dev.alr.actors.prune.PruneWorker;
import dev.alr.models.prune.PruneTrainer;
import dev.alr.actors.Worker;
import dev.alr.engine.spi.ModelFactory;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The worker role of one JVM: registers with the Receptionist under {@link #SERVICE_KEY} and,
 * for each search that asks ({@link Prepare}), builds the model factory from the search's
 * {@link WorkloadSpec} and spawns a fresh {@link Worker} child for that search with this node's
 * slots and device pinning, then answers {@link Prepared} with the child. The child holds the
 * search's model states and stops when the searching client goes away (it is watched), so
 * searches never see each other's states. The in-process executor does not use this class.
 *
 * <p>Lifecycle: spawned once per worker JVM at {@code /user/node}; registered on start; lives
 * until the actor system stops. Messages are handled one at a time (actor). A pruning run asks
 * the same way with {@link PreparePrune} and gets a {@link PruneWorker} child.
 */
public final class WorkerNode extends AbstractBehavior<WorkerNode.Command> {

  /** Key under which worker nodes register with the Receptionist. */
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "alr-worker-node");

  /** Name of this actor under {@code /user}. */
  public static final String NAME = "node";

  /** Messages a worker node accepts. */
  public sealed interface Command {
  }

  /**
   * Prepare a worker for one search.
   *
   * @param workload            what the search trains (the node builds its model factory from it)
   * @param selectsOnValidation whether the strategy ranks on validation loss
   * @param replyTo             gets {@link Prepared} or {@link PrepareFailed}; watched: when it
   *                            terminates, the search's worker stops
   */
  public record Prepare(WorkloadSpec workload, boolean selectsOnValidation, ActorRef<PrepareReply> replyTo)
      implements Command {
  }

  /**
   * Prepare a prune worker for one pruning run: the node builds the run's trainer (loading the
   * data) and spawns a {@link PruneWorker} with this node's slots.
   *
   * @param spec    what the run trains
   * @param replyTo gets {@link PrunePrepared} or {@link PrepareFailed}; watched as for {@link Prepare}
   */
  public record PreparePrune(PruneTrainer.Spec spec, ActorRef<PrepareReply> replyTo) implements Command {
  }

  /**
   * A prune worker is ready for the pruning run.
   *
   * @param worker         the run's prune worker on this node
   * @param slots          its concurrent trainers
   * @param node           this node's name
   * @param prepareSeconds time taken to load the data and build the trainer
   */
  public record PrunePrepared(ActorRef<PruneWorker.Command> worker, int slots, String node, double prepareSeconds)
      implements PrepareReply {
  }

  /** Replies to {@link Prepare} and {@link PreparePrune}. */
  public sealed interface PrepareReply {
  }

  /**
   * A worker is ready for the search.
   *
   * @param worker         the search's worker on this node
   * @param slots          its concurrent trainers
   * @param trainSize      training samples of the workload as this node loaded it
   * @param node           this node's name
   * @param prepareSeconds time taken to load the data and build the factory
   */
  public record Prepared(ActorRef<Worker.Command> worker, int slots, int trainSize, String node,
                         double prepareSeconds) implements PrepareReply {
  }

  /** The node cannot train this workload; {@code message} is one line. */
  public record PrepareFailed(String node, String message) implements PrepareReply {
  }

  private record FactoryReady(Prepare request, ModelFactory factory, Throwable error, long started)
      implements Command {
  }

  private record ClientGone(ActorRef<?> worker) implements Command {
  }

  private record TrainerReady(PreparePrune request, PruneTrainer trainer, Throwable error, long started)
      implements Command {
  }

  private final String name;
  private final int slots;
  private final Worker.ThreadSetup threadSetup;
  private final Executor blocking;
  private final Map<ActorRef<PrepareReply>, ActorRef<?>> runs = new HashMap<>();
  private int nextRun;

  private WorkerNode(ActorContext<Command> ctx, String name, int slots, Worker.ThreadSetup threadSetup) {
    super(ctx);
    this.name = name;
    this.slots = slots;
    this.threadSetup = threadSetup;
    this.blocking = ctx.getSystem().dispatchers().lookup(
        org.apache.pekko.actor.typed.DispatcherSelector.blocking());
    ctx.getSystem().receptionist().tell(Receptionist.register(SERVICE_KEY, ctx.getSelf()));
  }

  /**
   * A worker node.
   *
   * @param name        node name, recorded in results as the worker that trained a candidate
   * @param slots       concurrent single-threaded trainers per search
   * @param threadSetup run on each training thread first (device pinning)
   */
  public static Behavior<Command> create(String name, int slots, Worker.ThreadSetup threadSetup) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots: must be >= 1, got " + slots);
    }
    dev.alr.actors.Capacity.check("slots", slots);
    return Behaviors.setup(ctx -> new WorkerNode(ctx, name, slots, threadSetup));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Prepare.class, this::onPrepare)
        .onMessage(FactoryReady.class, this::onFactoryReady)
        .onMessage(PreparePrune.class, this::onPreparePrune)
        .onMessage(TrainerReady.class, this::onTrainerReady)
        .onMessage(ClientGone.class, m -> {
          getContext().stop(m.worker());
          runs.values().remove(m.worker());
          return this;
        })
        .build();
  }

  private Behavior<Command> onPrepare(Prepare m) {
    long started = System.nanoTime();
    CompletableFuture<ModelFactory> f = CompletableFuture.supplyAsync(() -> Workloads.factory(m.workload()), blocking);
    getContext().pipeToSelf(f, (factory, err) -> new FactoryReady(m, factory, err, started));
    return this;
  }

  private Behavior<Command> onFactoryReady(FactoryReady m) {
    Prepare p = m.request();
    if (m.error() != null) {
      Throwable cause = m.error().getCause() != null ? m.error().getCause() : m.error();
      p.replyTo().tell(new PrepareFailed(name, "worker " + name + ": " + cause.getMessage()));
      return this;
    }
    ModelFactory factory = m.factory();
    boolean measureVal;
    try {
      measureVal = measureValidation(p.selectsOnValidation(), factory.validationSize());
    } catch (IllegalArgumentException e) {
      p.replyTo().tell(new PrepareFailed(name, e.getMessage()));
      return this;
    }
    ActorRef<?> old = runs.remove(p.replyTo());
    if (old != null) {
      getContext().stop(old);
    }
    Worker.CandidateTrainerSpec spec = new Worker.CandidateTrainerSpec(p.workload().seed(),
        p.workload().batchSize(), measureVal);
    ActorRef<Worker.Command> worker = getContext().spawn(
        Worker.create(name, () -> factory, spec, slots, threadSetup), "run-" + nextRun++);
    runs.put(p.replyTo(), worker);
    getContext().watchWith(p.replyTo(), new ClientGone(worker));
    getContext().getLog().info("prepared run-{} for a search on {}/{} ({} training samples)", nextRun - 1,
        p.workload().model(), p.workload().dataset(), factory.trainSize());
    p.replyTo().tell(new Prepared(worker, slots, factory.trainSize(), name, (System.nanoTime() - m.started()) / 1e9));
    return this;
  }

  private Behavior<Command> onPreparePrune(PreparePrune m) {
    long started = System.nanoTime();
    CompletableFuture<PruneTrainer> f = CompletableFuture.supplyAsync(() -> new PruneTrainer(m.spec()), blocking);
    getContext().pipeToSelf(f, (trainer, err) -> new TrainerReady(m, trainer, err, started));
    return this;
  }

  private Behavior<Command> onTrainerReady(TrainerReady m) {
    PreparePrune p = m.request();
    if (m.error() != null) {
      Throwable cause = m.error().getCause() != null ? m.error().getCause() : m.error();
      p.replyTo().tell(new PrepareFailed(name, "worker " + name + ": " + cause.getMessage()));
      return this;
    }
    ActorRef<?> old = runs.remove(p.replyTo());
    if (old != null) {
      getContext().stop(old);
    }
    PruneTrainer trainer = m.trainer();
    ActorRef<PruneWorker.Command> worker = getContext().spawn(
        PruneWorker.create(name, () -> trainer, slots, threadSetup), "run-" + nextRun++);
    runs.put(p.replyTo(), worker);
    getContext().watchWith(p.replyTo(), new ClientGone(worker));
    getContext().getLog().info("prepared run-{} for a pruning run on {}/{}", nextRun - 1, p.spec().workload().model(),
        p.spec().workload().dataset());
    p.replyTo().tell(new PrunePrepared(worker, slots, name, (System.nanoTime() - m.started()) / 1e9));
    return this;
  }

  /** Same rule as the in-process executor's: validation is measured when asked for or held out. */
  static boolean measureValidation(boolean selectsOnValidation, int validationSize) {
    if (selectsOnValidation && validationSize == 0) {
      throw new IllegalArgumentException("select val: needs a validation split (val K with K >= 1)");
    }
    return selectsOnValidation || validationSize > 0;
  }
}
