package dev.alr.actors.cluster;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Logs members joining, becoming unreachable and leaving the cluster: the coordinator's view,
 * one line per change (what {@code bin/alr-cluster status} shows from the coordinator's log).
 * Spawned once on the coordinator node; an actor, so thread-safe.
 */
final class Membership {
  private Membership() {
  }

  static Behavior<ClusterEvent.ClusterDomainEvent> create() {
    return Behaviors.setup(ctx -> {
      Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(ctx.getSelf(),
          ClusterEvent.ClusterDomainEvent.class));
      return Behaviors.receiveMessage(e -> {
        if (e instanceof ClusterEvent.MemberUp m) {
          ctx.getLog().info("member up: {} {}", m.member().address(), m.member().getRoles());
        } else if (e instanceof ClusterEvent.UnreachableMember m) {
          ctx.getLog().warn("member unreachable: {} {}", m.member().address(), m.member().getRoles());
        } else if (e instanceof ClusterEvent.MemberRemoved m) {
          ctx.getLog().info("member removed: {} {}", m.member().address(), m.member().getRoles());
        }
        return Behaviors.same();
      });
    });
  }
}
