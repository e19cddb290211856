package dev.alr.cli;

import dev.alr.actors.Capacity;
import dev.alr.actors.Worker;
import dev.alr.actors.cluster.ClusterNode;
import dev.alr.actors.cluster.DevicePinning;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alr worker}: a worker node. Joins the cluster through its seed nodes, registers with the
 * Receptionist, and trains each search's candidates on {@code --slots} single-threaded trainers
 * (pinned to {@code --device} when given). Exits 1 with one line when it cannot join within
 * {@code --join-timeout}; runs until stopped or removed from the cluster.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a worker node that joins a cluster and trains candidates.")
final class WorkerCommand implements Callable<Integer> {
  @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT",
      description = "the coordinator (seed) node(s) to join through (or --discovery)")
  List<String> seedNodes;

  @Option(names = "--slots", defaultValue = "1",
      description = "concurrent single-threaded trainers (CPU: up to the cores; GPU: 1; at most 4 per core, at least"
          + " 16) (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--device", paramLabel = "N", description = "pin the training threads to ND4J device N (one worker per GPU)")
  Integer device;

  @Option(names = "--port", defaultValue = "0", description = "TCP port (default: any free port)")
  int port;

  @Option(names = "--name", description = "worker name in results (default: worker-PID)")
  String name;

  @Mixin
  ClusterOptions cluster;

  @Override
  public Integer call() throws InterruptedException {
    if (slots < 1) {
      throw new IllegalArgumentException("--slots: must be >= 1, got " + slots);
    }
    Capacity.check("--slots", slots);
    Worker.ThreadSetup pin = device == null ? Worker.ThreadSetup.NONE : DevicePinning.to(device);
    String seeds = cluster.joinedThrough(seedNodes);
    String workerName = name != null ? name : "worker-" + ProcessHandle.current().pid();
    ClusterNode node = ClusterNode.worker(cluster.node("worker", port, seedNodes), workerName, slots, pin);
    String address;
    try {
      address = node.awaitUp(cluster.joinTimeout(), seeds);
    } catch (IllegalStateException e) {
      System.err.println("alr worker: " + e.getMessage());
      return Main.FAILED;
    }
    System.out.println("alr worker " + workerName + ": up at " + address + ", " + slots + " slot(s)"
        + (device == null ? "" : ", device " + device));
    System.out.flush();
    node.awaitTermination();
    return 0;
  }
}
