package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.actors.ActorExecutor;
import dev.alr.actors.cluster.ClusterExecutor;
import dev.alr.actors.cluster.NodeConfig;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes on distinct addresses, as on separate hosts: the coordinator binds 127.0.0.2, the workers
 * 127.0.0.3 and 127.0.0.4, the search client 127.0.0.5; each binds and advertises its own address,
 * model states stream between the workers' addresses, and the result equals the in-process run.
 */
class ManyHostsTest {
  @TempDir
  Path dir;

  private final TestJvms jvms = new TestJvms();

  @AfterEach
  void stop() {
    jvms.killAll();
  }

  @Test
  void aSearchAcrossDistinctAddressesEqualsTheInProcessRun() throws Exception {
    int port = TestJvms.freePort();
    Process coordinator = jvms.spawn(dir.resolve("coordinator.log"), Map.of(), "coordinator", "--bind", "127.0.0.2",
        "--port", String.valueOf(port));
    TestJvms.waitFor(dir.resolve("coordinator.log"), "alr coordinator: up", coordinator, 90);
    String seed = "127.0.0.2:" + port;
    Process w0 = jvms.spawn(dir.resolve("w0.log"), Map.of(), "worker", "--bind", "127.0.0.3", "--seed-nodes", seed,
        "--name", "w0");
    Process w1 = jvms.spawn(dir.resolve("w1.log"), Map.of(), "worker", "--bind", "127.0.0.4", "--seed-nodes", seed,
        "--name", "w1");
    SearchResult reference = new ActorExecutor().run(ClusterTest.config(2), RunOptions.none(), SearchListener.NONE);
    TestJvms.waitFor(dir.resolve("w0.log"), "up at pekko://alr@127.0.0.3:", w0, 90);
    TestJvms.waitFor(dir.resolve("w1.log"), "up at pekko://alr@127.0.0.4:", w1, 90);

    SearchResult r = new ClusterExecutor(new NodeConfig("search", "127.0.0.5", 0, List.of(seed), null), 2,
        Duration.ofSeconds(90)).run(ClusterTest.config(2), RunOptions.none(), SearchListener.NONE);

    ClusterTest.assertSameSearch(reference, r);
    assertEquals(reference.finalTest(), r.finalTest());
    assertEquals(List.of("w0", "w1"), r.epochs().stream().flatMap(e -> e.candidates().stream())
        .map(CandidateRecord::worker).distinct().sorted().toList(), "both workers trained");
    String coordinatorLog = Files.readString(dir.resolve("coordinator.log"));
    assertTrue(coordinatorLog.contains("127.0.0.3") && coordinatorLog.contains("127.0.0.4"),
        "the coordinator saw the workers at their own addresses: " + coordinatorLog);
  }
}
