package dev.alr.actors.cluster;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import dev.alr.actors.Worker;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A long-running cluster node: the {@code coordinator} (seed; keeps the membership that workers
 * and searches join through) or a {@code worker} (one {@link WorkerNode}). Lifecycle:
 * {@link #start} → {@link #awaitUp} (bounded; a node that cannot reach its seeds is terminated
 * and reported) → {@link #awaitTermination} (until the system stops: killed, downed or left).
 *
 * <p>Thread-safe: the methods only wait on the actor system.
 */
public final class ClusterNode {
  private final CompletableFuture<String> up = new CompletableFuture<>();
  private final ActorSystem<Void> system;

  private ClusterNode(NodeConfig config, Function<CompletableFuture<String>, Behavior<Void>> guardian) {
    this.system = ActorSystem.create(guardian.apply(up), NodeConfig.SYSTEM_NAME, config.toConfig());
    ClusterManagement.start(system, config);
  }

  /** Starts the coordinator (seed) node. */
  public static ClusterNode coordinator(NodeConfig config) {
    return new ClusterNode(config, up -> Behaviors.setup(ctx -> {
      ctx.spawn(whenUp(up), "up");
      ctx.spawn(Membership.create(), "membership");
      return Behaviors.empty();
    }));
  }

  /** Starts a worker node with {@code slots} trainers, pinned by {@code threadSetup}. */
  public static ClusterNode worker(NodeConfig config, String name, int slots, Worker.ThreadSetup threadSetup) {
    return new ClusterNode(config, up -> Behaviors.setup(ctx -> {
      ctx.spawn(whenUp(up), "up");
      ctx.spawn(WorkerNode.create(name, slots, threadSetup), WorkerNode.NAME);
      return Behaviors.empty();
    }));
  }

  private static Behavior<SelfUp> whenUp(CompletableFuture<String> up) {
    return Behaviors.setup(c -> {
      Cluster.get(c.getSystem()).subscriptions().tell(Subscribe.create(c.getSelf(), SelfUp.class));
      return Behaviors.receiveMessage(m -> {
        up.complete(Cluster.get(c.getSystem()).selfMember().address().toString());
        return Behaviors.stopped();
      });
    });
  }

  /**
   * Waits until this node is a member ({@code Up}) and returns its address.
   *
   * @throws IllegalStateException with a one-line message when it is not within {@code timeout};
   *                               the node is then terminated
   */
  public String awaitUp(Duration timeout, String seeds) {
    try {
      return up.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      system.terminate();
      throw new IllegalStateException("could not join the cluster through " + seeds + " within "
          + timeout.toSeconds() + " s (--seed-nodes or --discovery, --join-timeout): is the coordinator running"
          + " there (or are enough nodes discoverable), and are the TLS settings and certificates the same?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      system.terminate();
      throw new IllegalStateException("interrupted while joining the cluster");
    } catch (ExecutionException e) {
      system.terminate();
      throw new IllegalStateException("could not join the cluster: " + e.getCause());
    }
  }

  /** Blocks until the node's actor system has stopped. */
  public void awaitTermination() throws InterruptedException {
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the node stopped with an error: " + e.getCause(), e.getCause());
    }
  }

  /** Stops the node (leaving the cluster first). */
  public void stop() {
    system.terminate();
  }
}
