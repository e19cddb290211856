package dev.alr.actors.cluster;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Starts Pekko Management on a node that asks for it ({@link NodeConfig#management()}): the HTTP
 * endpoint with {@code /alive} and {@code /ready}, and Cluster Bootstrap when the node finds the
 * cluster through discovery. Called once, right after the node's actor system is created.
 * Stateless; the started services stop with the actor system.
 */
final class ClusterManagement {
  private ClusterManagement() {
  }

  /**
   * Starts what {@code config} asks for on {@code system}; nothing without management settings.
   * A management port that cannot be bound terminates the system (the node then fails to come up
   * within its join timeout, naming the port).
   */
  static void start(ActorSystem<?> system, NodeConfig config) {
    if (config.management() == null) {
      return;
    }
    var classic = Adapter.toClassic(system);
    PekkoManagement.get(classic).start().whenComplete((uri, err) -> {
      if (err != null) {
        system.log().error("--management-port: cannot serve Pekko Management on {}:{}: {}", config.host(),
            config.management().port(), err.getMessage());
        system.terminate();
      }
    });
    if (config.bootstraps()) {
      ClusterBootstrap.get(classic).start();
    }
  }
}
