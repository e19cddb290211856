package dev.alr.actors.cluster;

import com.typesafe.config.Config;
import dev.alr.actors.SystemRuns;
import dev.alr.actors.prune.ActorCycleTrainer;
import dev.alr.actors.prune.ActorPruneExecutor;
import dev.alr.actors.prune.PruneCoordinator;
import dev.alr.actors.prune.PruneWorker;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PruneExecutor;
import dev.alr.engine.prune.PruneOutcome;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.models.prune.PruneCheckpoint;
import dev.alr.models.prune.PruneRun;
import dev.alr.models.prune.PruneRunConfig;
import dev.alr.models.prune.PruneTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Runs one pruning run on a Pekko cluster, as {@link ClusterExecutor} runs a search: this JVM
 * joins as a node with role {@code search}, finds the {@link WorkerNode}s through the
 * Receptionist and has each prepare a {@link PruneWorker} for this run
 * ({@link WorkerNode.PreparePrune}: the node loads the data and builds the trainer), and the
 * cycle loop ({@link PruneRun}) plans and decides here while a {@link PruneCoordinator} (the
 * system's guardian) trains each cycle on those workers; line states travel over the state wire.
 * Nodes that join later take work from the next attempt; a node that leaves or dies has its
 * candidates re-run on the others. The run starts once {@code minWorkers} nodes are prepared, or
 * fails with one line after {@code waitForWorkers}. The records equal the in-process run's.
 *
 * <p>Thread-safe: each {@link #run} call starts and terminates its own actor system.
 */
public final class ClusterPruneExecutor implements PruneExecutor {
  private final NodeConfig node;
  private final int minWorkers;
  private final Duration waitForWorkers;

  /**
   * @param node           this client's node settings (role {@code search}, seed nodes, TLS)
   * @param minWorkers     worker nodes to wait for before the first cycle (&ge; 1)
   * @param waitForWorkers how long to wait for them (and for joining the cluster)
   */
  public ClusterPruneExecutor(NodeConfig node, int minWorkers, Duration waitForWorkers) {
    if (minWorkers < 1) {
      throw new IllegalArgumentException("minWorkers: must be >= 1, got " + minWorkers);
    }
    if (node.seedNodes().isEmpty() && !node.bootstraps()) {
      throw new IllegalArgumentException("seedNodes: at least one host:port is needed (or discovery)");
    }
    this.node = Objects.requireNonNull(node, "node");
    this.minWorkers = minWorkers;
    this.waitForWorkers = Objects.requireNonNull(waitForWorkers, "waitForWorkers");
  }

  @Override
  public PruneOutcome run(PruneConfig config, RunOptions options, Consumer<PruneRecord> onCandidate) {
    Objects.requireNonNull(onCandidate, "onCandidate");
    PruneRunConfig run = ActorPruneExecutor.validated(config);
    PruneCheckpoint checkpoint = ActorPruneExecutor.checkpoint(run, options);
    Config pekko = node.toConfig();
    Duration attempt = pekko.getDuration(ActorCycleTrainer.ATTEMPT_TIMEOUT_KEY);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    PruneTrainer.Spec spec = PruneTrainer.Spec.of(run);
    Behavior<PruneCoordinator.Command> guardian = Behaviors.setup(ctx -> {
      ctx.spawn(joiner(spec, ctx.getSelf(), ready), "join");
      return PruneCoordinator.create(attempt);
    });
    ActorSystem<PruneCoordinator.Command> system = ActorSystem.create(guardian, NodeConfig.SYSTEM_NAME, pekko);
    ClusterManagement.start(system, node);
    try {
      ready.get(waitForWorkers.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      SystemRuns.terminate(system);
      throw new SearchFailedException("interrupted while waiting for worker nodes", e);
    } catch (ExecutionException | TimeoutException e) {
      SystemRuns.terminate(system);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof SearchException se ? se : new SearchFailedException(String.valueOf(cause), cause);
    }
    return ActorPruneExecutor.outcome(new PruneRun(run, new ActorCycleTrainer(system, attempt)), checkpoint,
        onCandidate);
  }

  private sealed interface JoinCommand {
  }

  private record Listing(Receptionist.Listing listing) implements JoinCommand {
  }

  private record Reply(WorkerNode.PrepareReply reply) implements JoinCommand {
  }

  private enum WaitTimeout implements JoinCommand { INSTANCE }

  /**
   * Prepares a prune worker on each worker node listed, tells {@code coordinator} the prepared
   * ones after every change, and completes {@code ready} once {@code minWorkers} are prepared (or
   * exceptionally: a node refused the run, or the wait ran out).
   */
  private Behavior<JoinCommand> joiner(PruneTrainer.Spec spec, ActorRef<PruneCoordinator.Command> coordinator,
                                       CompletableFuture<Void> ready) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      ActorRef<WorkerNode.PrepareReply> replies = ctx.messageAdapter(WorkerNode.PrepareReply.class, Reply::new);
      ctx.getSystem().receptionist().tell(Receptionist.subscribe(WorkerNode.SERVICE_KEY,
          ctx.messageAdapter(Receptionist.Listing.class, Listing::new)));
      timers.startSingleTimer(WaitTimeout.INSTANCE, waitForWorkers);
      Set<ActorRef<WorkerNode.Command>> asked = new HashSet<>();
      Map<ActorRef<WorkerNode.Command>, WorkerNode.PrunePrepared> prepared = new LinkedHashMap<>();
      Runnable tell = () -> {
        List<ActorRef<PruneWorker.Command>> workers = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        prepared.values().forEach(p -> {
          workers.add(p.worker());
          slots.add(p.slots());
        });
        coordinator.tell(new PruneCoordinator.WorkersChanged(workers, slots));
        if (prepared.size() >= minWorkers) {
          ready.complete(null);
        }
      };
      return Behaviors.receive(JoinCommand.class)
          .onMessage(Listing.class, m -> {
            Set<ActorRef<WorkerNode.Command>> nodes = m.listing().getServiceInstances(WorkerNode.SERVICE_KEY);
            for (ActorRef<WorkerNode.Command> n : nodes) {
              if (asked.add(n)) {
                n.tell(new WorkerNode.PreparePrune(spec, replies));
              }
            }
            asked.retainAll(nodes);
            if (prepared.keySet().retainAll(nodes)) {
              tell.run();
            }
            return Behaviors.same();
          })
          .onMessage(Reply.class, m -> {
            if (m.reply() instanceof WorkerNode.PrepareFailed f) {
              ready.completeExceptionally(new SearchException(f.message()));
            } else if (m.reply() instanceof WorkerNode.PrunePrepared p) {
              asked.stream().filter(n -> n.path().address().equals(p.worker().path().address())).findFirst()
                  .ifPresent(n -> prepared.put(n, p));
              ctx.getLog().info("prune worker {} ready ({} slot(s), data loaded in {} s)", p.node(), p.slots(),
                  Math.round(p.prepareSeconds() * 10) / 10.0);
              tell.run();
            }
            return Behaviors.same();
          })
          .onMessageEquals(WaitTimeout.INSTANCE, () -> {
            ready.completeExceptionally(new SearchFailedException("only " + prepared.size() + " of " + minWorkers
                + " worker node(s) were ready for the pruning run within " + waitForWorkers.toSeconds()
                + " s (--seed-nodes, --min-workers, --join-timeout; is the cluster reachable?)"));
            return Behaviors.same();
          })
          .build();
    }));
  }
}
