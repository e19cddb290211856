package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.actors.ActorExecutor;
import dev.alr.actors.cluster.ClusterExecutor;
import dev.alr.actors.cluster.NodeConfig;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-JVM on loopback: the test spawns a coordinator and two worker JVMs ({@code Main
 * coordinator}, {@code Main worker}) and runs searches from this JVM as the cluster's search
 * node. A cluster search equals the in-process one and moves no model state through the search
 * node before the final best model, for two model sizes; killing a worker (SIGKILL) in the middle of
 * an epoch, or while an epoch is being closed, still gives the same LR path and losses; a
 * coordinator that throws ends the search with a failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  /** Hidden width 96: a state (~305 KB) exceeds Artery's ordinary 256 KiB frame, so it travels as a stream of chunks. */
  static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 5).withHidden(List.of(96))
      .withLimit(6000).withBatchSize(50);

  @TempDir
  static Path dir;

  static final TestJvms jvms = new TestJvms();
  static Process w1;
  static int port;
  static SearchResult reference;

  static SearchConfig config(int epochs) {
    return new SearchConfig(WORKLOAD, Strategies.beam(2, 0.5, 1, 2), 0.1, epochs, 2, false);
  }

  @BeforeAll
  static void startCluster() throws Exception {
    System.setProperty(TestJvms.FAST_DOWNING_KEY, "3s");
    com.typesafe.config.ConfigFactory.invalidateCaches();
    port = TestJvms.freePort();
    Process coordinator = jvms.spawn(dir.resolve("coordinator.log"), Map.of(), "coordinator", "--port",
        String.valueOf(port));
    TestJvms.waitFor(dir.resolve("coordinator.log"), "alr coordinator: up", coordinator, 90);
    jvms.spawn(dir.resolve("w0.log"), Map.of(), "worker", "--seed-nodes", "127.0.0.1:" + port, "--name", "w0");
    w1 = jvms.spawn(dir.resolve("w1.log"), Map.of(), "worker", "--seed-nodes", "127.0.0.1:" + port, "--name", "w1");
    reference = new ActorExecutor().run(config(2), RunOptions.none(), SearchListener.NONE);
    TestJvms.waitFor(dir.resolve("w0.log"), "up at", null, 90);
    TestJvms.waitFor(dir.resolve("w1.log"), "up at", w1, 90);
  }

  @AfterAll
  static void stopCluster() {
    jvms.killAll();
    System.clearProperty(TestJvms.FAST_DOWNING_KEY);
    com.typesafe.config.ConfigFactory.invalidateCaches();
  }

  static ClusterExecutor client(int minWorkers) {
    return new ClusterExecutor(new NodeConfig("search", "127.0.0.1", 0, List.of("127.0.0.1:" + port), null),
        minWorkers, Duration.ofSeconds(90));
  }

  @Test
  @Order(1)
  void oneCoordinatorAndTwoWorkersGiveExactlyTheInProcessResult() {
    SearchResult r = client(2).run(config(2), RunOptions.none(), SearchListener.NONE);
    assertSameSearch(reference, r);
    assertEquals(reference.finalTest(), r.finalTest());
    List<String> workers = r.epochs().stream().flatMap(e -> e.candidates().stream()).map(CandidateRecord::worker)
        .distinct().sorted().toList();
    assertEquals(List.of("w0", "w1"), workers, "both worker JVMs trained");
    assertNoStateThroughTheSearchNodeButTheFinalBest(r, "hidden 96");
    SearchConfig small = new SearchConfig(WORKLOAD.withHidden(List.of(16)), Strategies.beam(2, 0.5, 1, 2), 0.1, 2, 2,
        false);
    assertNoStateThroughTheSearchNodeButTheFinalBest(client(2).run(small, RunOptions.none(), SearchListener.NONE),
        "hidden 16");
  }

  /**
   * {@code alr prune --seed-nodes}: the same small alr pruning run trains on the two worker JVMs,
   * checkpoints every cycle in the search node's directory, and writes exactly the JSON of the run
   * on this JVM's actors (but for the wall time).
   */
  @Test
  @Order(2)
  void aPruneRunOnTheClusterCheckpointsAndEqualsTheInProcessRun() throws Exception {
    List<String> args = List.of("prune", "--policy", "alr", "--beam", "2", "--factors", "0.5,2", "--max-lr", "0.02",
        "--dataset", "synthetic", "--limit", "300", "--val", "100", "--batch", "50", "--hidden", "32,16", "--updater",
        "momentum", "--momentum", "0.9", "--cycles", "2", "--prune-fraction", "0.3", "--cycle-epochs", "1",
        "--no-progress", "--json");
    Path local = dir.resolve("prune-local.json");
    CliRun here = CliRun.of(with(args, local.toString()));
    assertEquals(0, here.code(), here.out() + here.err());
    Path remote = dir.resolve("prune-cluster.json");
    Path checkpoints = dir.resolve("prune-checkpoints");
    CliRun there = CliRun.of(with(args, remote.toString(), "--seed-nodes", "127.0.0.1:" + port, "--min-workers", "2",
        "--join-timeout", "90", "--checkpoint-dir", checkpoints.toString()));
    assertEquals(0, there.code(), there.out() + there.err());
    assertTrue(there.out().contains("alr prune: on cluster 127.0.0.1:" + port + " (>= 2 worker node(s))"), there.out());
    assertEquals("cycle-0002", Files.readString(checkpoints.resolve("LATEST")).trim(), "a checkpoint per cycle");
    ObjectMapper json = new ObjectMapper();
    ObjectNode a = (ObjectNode) json.readTree(local.toFile());
    ObjectNode b = (ObjectNode) json.readTree(remote.toFile());
    assertTrue(a.remove("wallSeconds").isNumber());
    assertTrue(b.remove("wallSeconds").isNumber());
    assertEquals(a, b);
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  /**
   * With two worker JVMs the kept states are replicated worker to worker: no round moves a model
   * state through this JVM (the search node) except the last, which fetches the best model once.
   */
  static void assertNoStateThroughTheSearchNodeButTheFinalBest(SearchResult r, String label) {
    List<EpochRecord> epochs = r.epochs();
    for (EpochRecord e : epochs.subList(0, epochs.size() - 1)) {
      assertEquals(0, e.searchNodeStateBytes(), label + ", epoch " + e.epoch());
    }
    assertEquals(r.bestModel().byteSize(), epochs.get(epochs.size() - 1).searchNodeStateBytes(), label);
  }

  @Test
  @Order(3)
  void killingAWorkerWhileTheEpochClosesGivesTheSameResult() throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    SearchListener killer = new SearchListener() {
      @Override
      public void roundDecided(EpochRecord epoch) {
        boolean w1HoldsABeam = epoch.candidates().stream().anyMatch(c -> c.worker().equals("w1")
            && epoch.beams().stream().anyMatch(b -> b.candidateId() == c.id()));
        if (w1HoldsABeam && killed.compareAndSet(false, true)) {
          w1.destroyForcibly();
          try {
            assertTrue(w1.waitFor(10, TimeUnit.SECONDS), "w1 died");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    };
    SearchResult r = client(2).run(config(2), RunOptions.none(), killer);
    assertTrue(killed.get(), "w1 held a beam when a round was decided");
    assertSameSearch(reference, r);
    assertEquals(reference.finalTest(), r.finalTest());
    w1 = jvms.spawn(dir.resolve("w1-again.log"), Map.of(), "worker", "--seed-nodes", "127.0.0.1:" + port, "--name",
        "w1");
    TestJvms.waitFor(dir.resolve("w1-again.log"), "up at", w1, 90);
  }

  @Test
  @Order(4)
  void killingAWorkerMidEpochGivesTheSameResult() throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    SearchListener killer = new SearchListener() {
      @Override
      public void candidateFinished(Candidate c, CandidateResult r) {
        if (c.epoch() == 2 && killed.compareAndSet(false, true)) {
          w1.destroyForcibly();
        }
      }
    };
    SearchResult r = client(2).run(config(2), RunOptions.none(), killer);
    assertTrue(killed.get());
    assertTrue(w1.waitFor(10, TimeUnit.SECONDS));
    assertNotEquals(0, w1.exitValue());
    assertSameSearch(reference, r);
    EpochRecord second = r.epochs().get(1);
    assertTrue(second.candidates().stream().anyMatch(c -> c.worker().equals("w0")));
  }

  static void assertSameSearch(SearchResult expected, SearchResult actual) {
    assertEquals(Termination.COMPLETED, actual.termination());
    assertEquals(expected.lrPath(), actual.lrPath());
    assertEquals(expected.lineage(), actual.lineage());
    assertEquals(expected.epochs().size(), actual.epochs().size());
    for (int e = 0; e < expected.epochs().size(); e++) {
      List<CandidateRecord> a = expected.epochs().get(e).candidates();
      List<CandidateRecord> b = actual.epochs().get(e).candidates();
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.get(i).id(), b.get(i).id());
        assertEquals(a.get(i).lr(), b.get(i).lr(), "lr of candidate " + a.get(i).id());
        assertEquals(Double.doubleToLongBits(a.get(i).loss()), Double.doubleToLongBits(b.get(i).loss()),
            "loss of candidate " + a.get(i).id() + " in epoch " + (e + 1));
      }
    }
  }

  @Test
  @Order(5)
  void aCoordinatorThatThrowsEndsTheSearchWithAFailureNotAHang() {
    SearchListener throwing = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord epoch) {
        throw new IllegalStateException("listener broke in epoch " + epoch.epoch());
      }
    };
    SearchFailedException e = assertThrows(SearchFailedException.class,
        () -> client(1).run(config(1), RunOptions.none(), throwing));
    assertTrue(e.getMessage().contains("listener broke in epoch 1"), e.getMessage());
  }
}
