package dev.alr.cli;

import dev.alr.actors.cluster.ClusterNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alr coordinator}: the cluster's long-running seed node. Workers join through it and
 * searches ({@code alr submit}) join it to find the workers; it logs membership changes. Runs until
 * stopped (SIGTERM leaves the cluster cleanly). Several coordinators given the same
 * {@code --seed-nodes} list (themselves included, same order) are all seed nodes: workers and
 * searches listing them all still join while any one is up, and a running search never depends on
 * them.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run the cluster's coordinator (seed node) that workers and searches join.")
final class CoordinatorCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "2552", description = "TCP port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT",
      description = "all the coordinators (seed nodes), this one included, in the same order on each (default: this"
          + " node alone)")
  List<String> seedNodes;

  @Mixin
  ClusterOptions cluster;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--port: must be in 1..65535, got " + port);
    }
    ClusterNode node = ClusterNode.coordinator(cluster.node("coordinator", port, seedNodes));
    String address;
    try {
      address = node.awaitUp(cluster.joinTimeout(), cluster.discovery != null ? cluster.joinedThrough(seedNodes)
          : cluster.bind + ":" + port);
    } catch (IllegalStateException e) {
      System.err.println("alr coordinator: " + e.getMessage());
      return Main.FAILED;
    }
    System.out.println("alr coordinator: up at " + address + (cluster.keyStore != null ? " (TLS, mutual auth)" : ""));
    System.out.flush();
    node.awaitTermination();
    return 0;
  }
}
