package dev.alr.actors.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.MemberStatus;

/**
 * The readiness check behind Pekko Management's {@code /ready}: ready while this node is an
 * {@code Up} (or {@code WeaklyUp}) cluster member, so a node that is still joining, leaving or
 * was removed gets no work routed to it by Kubernetes. Configured in {@code reference.conf}
 * ({@code pekko.management.health-checks.readiness-checks}); Pekko Management constructs it with
 * the node's actor system and calls {@link #get} per request. Thread-safe (reads the cluster's
 * current state).
 */
public final class MemberUpCheck implements Supplier<CompletionStage<Boolean>> {
  private final Cluster cluster;

  /** Called by Pekko Management. */
  public MemberUpCheck(ActorSystem system) {
    this.cluster = Cluster.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    MemberStatus s = cluster.selfMember().status();
    return CompletableFuture.completedFuture(s == MemberStatus.up() || s == MemberStatus.weaklyUp());
  }
}
