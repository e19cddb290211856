package dev.alr.actors.cluster;

import dev.alr.actors.Coordinator;
import dev.alr.actors.SystemRuns;
import dev.alr.actors.Worker;
import dev.alr.actors.wire.KryoSerializer;
import dev.alr.engine.LrRangeResult;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchExecutor;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.LrRangeTest;
import dev.alr.engine.run.RangeTestRun;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Runs one search on a Pekko cluster: this JVM joins the cluster as a node with role
 * {@code search}, finds the {@link WorkerNode}s through the Receptionist, has each prepare a
 * {@link Worker} for this search, and runs the same {@link Coordinator} (and
 * {@link dev.alr.actors.EpochRound}s) as the in-process {@link dev.alr.actors.ActorExecutor} over
 * those workers; then it leaves the cluster.
 *
 * <p>Why the search runs here and not inside the long-running coordinator process: the progress,
 * tables, JSON result and checkpoints stay in the process that asked for them, only the engine
 * protocol crosses the wire (no listener or result messages to serialize), a search that is
 * killed takes nothing else down (workers drop its states when it leaves) and resumes from its
 * own checkpoints with {@code --resume}, and the long-running coordinator stays a small, stable
 * seed node that workers keep joining through.
 *
 * <p>Workers that join during the run are prepared and take work from the next round; workers
 * that leave or die have their candidates re-run elsewhere from their parents (the
 * {@link Coordinator}'s recovery). The run starts once {@code minWorkers} workers are prepared and
 * fails with a one-line message if that does not happen within {@code waitForWorkers}. The
 * coordinator is watched (an exception inside it ends the search with a failure, never a hang)
 * and the wait for the result has the search's stall deadline ({@link dev.alr.actors.StallWatch}).
 *
 * <p>Thread-safe: each {@link #run} call starts and terminates its own actor system;
 * {@link #wireStats()} may be called from any thread (e.g. a listener) while a run is going.
 */
public final class ClusterExecutor implements SearchExecutor {
  private final NodeConfig node;
  private final int minWorkers;
  private final Duration waitForWorkers;
  private final AtomicReference<KryoSerializer> serializer = new AtomicReference<>();

  /**
   * @param node           this client's node settings (role {@code search}, seed nodes, TLS)
   * @param minWorkers     worker nodes to wait for before the first round (&ge; 1)
   * @param waitForWorkers how long to wait for them (and for joining the cluster)
   */
  public ClusterExecutor(NodeConfig node, int minWorkers, Duration waitForWorkers) {
    if (minWorkers < 1) {
      throw new IllegalArgumentException("minWorkers: must be >= 1, got " + minWorkers);
    }
    if (node.seedNodes().isEmpty() && !node.bootstraps()) {
      throw new IllegalArgumentException("seedNodes: at least one host:port is needed (or discovery)");
    }
    this.node = node;
    this.minWorkers = minWorkers;
    this.waitForWorkers = waitForWorkers;
  }

  /** Engine-message bytes this node has sent and received so far in the current (or last) run. */
  public KryoSerializer.Stats wireStats() {
    KryoSerializer s = serializer.get();
    return s == null ? new KryoSerializer.Stats(0, 0, 0, 0) : s.stats();
  }

  @Override
  public SearchResult run(SearchConfig config, RunOptions options, SearchListener listener) {
    CompletableFuture<Coordinator.Finished> done = new CompletableFuture<>();
    Coordinator.Limits limits = Coordinator.Limits.of(node.toConfig());
    Behavior<Command> guardian = Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new SearchRun(ctx, timers, config, options, listener, limits, done)));
    ActorSystem<Command> system = ActorSystem.create(guardian, NodeConfig.SYSTEM_NAME, node.toConfig());
    ClusterManagement.start(system, node);
    serializer.set(KryoSerializer.of(Adapter.toClassic(system)));
    return SystemRuns.await(system, done, limits.stall());
  }

  /** Messages of the client's guardian. */
  private sealed interface Command {
  }

  private record Listing(Receptionist.Listing listing) implements Command {
  }

  private record PrepareReply(WorkerNode.PrepareReply reply) implements Command {
  }

  private record Up(SelfUp up) implements Command {
  }

  private record Done(Coordinator.Finished finished) implements Command {
  }

  private enum WaitTimeout implements Command { INSTANCE }

  /**
   * The client's guardian: joins, prepares workers, runs the coordinator, completes the future.
   */
  private final class SearchRun extends AbstractBehavior<Command> {
    private final SearchConfig config;
    private final RunOptions options;
    private final SearchListener listener;
    private final Coordinator.Limits limits;
    private final CompletableFuture<Coordinator.Finished> done;
    private final ActorRef<WorkerNode.PrepareReply> prepareAdapter;
    private final Set<ActorRef<WorkerNode.Command>> asked = new HashSet<>();
    private final Map<String, WorkerNode.Prepared> prepared = new LinkedHashMap<>();
    private final Map<ActorRef<WorkerNode.Command>, String> nodeNames = new LinkedHashMap<>();
    private ActorRef<Coordinator.Command> coordinator;
    private boolean joined;
    private boolean started;
    private int trainSize = -1;

    SearchRun(ActorContext<Command> ctx, TimerScheduler<Command> timers, SearchConfig config, RunOptions options,
              SearchListener listener, Coordinator.Limits limits, CompletableFuture<Coordinator.Finished> done) {
      super(ctx);
      this.config = config;
      this.options = options;
      this.listener = listener;
      this.limits = limits;
      this.done = done;
      this.prepareAdapter = ctx.messageAdapter(WorkerNode.PrepareReply.class, PrepareReply::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(WorkerNode.SERVICE_KEY,
          ctx.messageAdapter(Receptionist.Listing.class, Listing::new)));
      Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
          ctx.messageAdapter(SelfUp.class, Up::new), SelfUp.class));
      timers.startSingleTimer(WaitTimeout.INSTANCE, waitForWorkers);
    }

    @Override
    public Receive<Command> createReceive() {
      return newReceiveBuilder()
          .onMessage(Up.class, m -> {
            joined = true;
            getContext().getLog().info("joined the cluster at {}", node.seedNodes());
            return this;
          })
          .onMessage(Listing.class, this::onListing)
          .onMessage(PrepareReply.class, this::onPrepareReply)
          .onMessageEquals(WaitTimeout.INSTANCE, this::onWaitTimeout)
          .onMessage(Done.class, m -> finish(m.finished()))
          .build();
    }

    private Behavior<Command> onListing(Listing m) {
      Set<ActorRef<WorkerNode.Command>> nodes = m.listing().getServiceInstances(WorkerNode.SERVICE_KEY);
      for (ActorRef<WorkerNode.Command> n : nodes) {
        if (asked.add(n)) {
          n.tell(new WorkerNode.Prepare(config.workload(), config.strategy().selectsOnValidation(), prepareAdapter));
        }
      }
      boolean changed = false;
      for (ActorRef<WorkerNode.Command> n : new ArrayList<>(asked)) {
        if (!nodes.contains(n)) {
          asked.remove(n);
          String name = nodeNames.remove(n);
          changed |= name != null && prepared.remove(name) != null;
        }
      }
      if (changed) {
        tellWorkers();
      }
      return this;
    }

    private Behavior<Command> onPrepareReply(PrepareReply m) {
      if (m.reply() instanceof WorkerNode.PrepareFailed f) {
        return finish(new Coordinator.Finished(null, new SearchException(f.message())));
      }
      WorkerNode.Prepared p = (WorkerNode.Prepared) m.reply();
      if (trainSize >= 0 && p.trainSize() != trainSize) {
        getContext().getLog().error("worker {} loaded {} training samples, the others {}: not using it (its data "
            + "differs)", p.node(), p.trainSize(), trainSize);
        return this;
      }
      for (ActorRef<WorkerNode.Command> n : asked) {
        if (n.path().address().equals(p.worker().path().address())) {
          nodeNames.put(n, p.node() + "@" + n.path().address());
        }
      }
      prepared.put(p.node() + "@" + p.worker().path().address(), p);
      getContext().getLog().info("worker {} ready ({} slot(s), data loaded in {} s)", p.node(), p.slots(),
          String.format(Locale.ROOT, "%.1f", p.prepareSeconds()));
      if (coordinator == null) {
        trainSize = p.trainSize();
        coordinator = getContext().spawn(Coordinator.create(config, options, listener, trainSize, List.of(),
            minWorkers, limits, getContext().messageAdapter(Coordinator.Finished.class, Done::new)),
            "coordinator");
        getContext().watchWith(coordinator, new Done(Coordinator.stoppedWithoutResult()));
      }
      started |= prepared.size() >= minWorkers;
      tellWorkers();
      return this;
    }

    private void tellWorkers() {
      if (coordinator == null) {
        return;
      }
      List<ActorRef<Worker.Command>> workers = new ArrayList<>();
      List<Integer> slots = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (WorkerNode.Prepared p : prepared.values()) {
        workers.add(p.worker());
        slots.add(p.slots());
        names.add(p.node());
      }
      coordinator.tell(new Coordinator.WorkersChanged(workers, slots, names));
    }

    private Behavior<Command> onWaitTimeout() {
      if (started) {
        return this;
      }
      String why = !joined
          ? "could not join the cluster through " + (node.bootstraps() ? "--discovery " + node.management().discovery()
              : String.join(",", node.seedNodes())) + " within "
              + waitForWorkers.toSeconds() + " s (--seed-nodes, --join-timeout; is the coordinator running and reachable?)"
          : "only " + prepared.size() + " of " + minWorkers + " worker(s) were ready within "
              + waitForWorkers.toSeconds() + " s (--min-workers, --join-timeout)";
      return finish(new Coordinator.Finished(null, new SearchFailedException(why)));
    }

    private Behavior<Command> finish(Coordinator.Finished f) {
      done.complete(f);
      return Behaviors.ignore();
    }
  }

  /**
   * Runs the range test on this (the search) node, on a model built from the workload as every
   * worker builds it: the dataset must be readable here too.
   */
  @Override
  public LrRangeResult rangeTest(WorkloadSpec workload, LrRangeTest test, long seed) {
    return RangeTestRun.run(Workloads.factory(workload), test, seed, workload.batchSize());
  }
}
