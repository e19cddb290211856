package dev.alr.actors.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alr.actors.Worker;
import dev.alr.engine.prune.BeamPolicy;
import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PruneConfig;
import dev.alr.engine.prune.PruneRecord;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.prune.PruneRun;
import dev.alr.models.prune.PruneRunConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pruning run on a cluster in this JVM (a seed node and two worker nodes, each its own actor
 * system talking over Artery on loopback, so every message and line state crosses the Kryo wire)
 * equals the in-process run. Hidden width 96: a line's state exceeds the inline limit and travels
 * as a stream of chunks.
 */
class ClusterPruneTest {
  private static final WorkloadSpec SPEC = WorkloadSpec.of("mlp", "synthetic", 5).withHidden(List.of(96))
      .withUpdater("momentum", 0.9).withLimit(300).withVal(60).withBatchSize(50);
  private static final PruneConfig CONFIG = new PruneConfig(SPEC, new BeamPolicy(0.05, 2, List.of(0.5, 2.0)), 2,
      0.3, 1, "magnitude", "rewind-init", CycleSchedule.SILO, 2);

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aClusterRunEqualsTheInProcessRun() throws Exception {
    List<PruneRecord> local = new PruneRun(PruneRunConfig.of(CONFIG)).run(r -> { });
    int port = freePort();
    String seed = "127.0.0.1:" + port;
    List<ClusterNode> nodes = new ArrayList<>();
    try {
      nodes.add(ClusterNode.coordinator(new NodeConfig("coordinator", "127.0.0.1", port, List.of(seed), null, true)));
      nodes.get(0).awaitUp(Duration.ofSeconds(60), seed);
      for (String name : List.of("w0", "w1")) {
        nodes.add(ClusterNode.worker(new NodeConfig("worker", "127.0.0.1", 0, List.of(seed), null, true), name, 1,
            Worker.ThreadSetup.NONE));
        nodes.get(nodes.size() - 1).awaitUp(Duration.ofSeconds(60), seed);
      }
      ClusterPruneExecutor cluster = new ClusterPruneExecutor(new NodeConfig("search", "127.0.0.1", 0,
          List.of(seed), null, true), 2, Duration.ofSeconds(60));
      assertEquals(local, cluster.run(CONFIG, r -> { }).records());
    } finally {
      nodes.forEach(ClusterNode::stop);
    }
  }
}
