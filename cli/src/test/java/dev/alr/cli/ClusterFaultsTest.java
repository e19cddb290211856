package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alr.actors.ActorExecutor;
import dev.alr.actors.cluster.ClusterExecutor;
import dev.alr.actors.cluster.NodeConfig;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults at scale (issue 14 item 4), on a cluster of child JVMs: two coordinators that are both
 * seed nodes, and two workers that list both. In order: the search node is killed (SIGKILL) after
 * its first checkpoint and {@code --resume} from a new search node continues on the same workers
 * to the uninterrupted result; a worker stopped ({@code kill -STOP}) past the failure detector is
 * downed, its candidates re-run elsewhere, and once continued ({@code kill -CONT}) its late results
 * are ignored (every candidate reported once, the same result); the first seed node is killed in
 * the middle of a search, which still finishes with the same result, and a new search joins
 * through the other seed. Every wait polls a file or log line with a deadline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsTest {
  /** The CLI form of {@link ClusterTest#config}({@code 3}). */
  static final List<String> SEARCH = List.of("--model", "mlp", "--dataset", "synthetic", "--hidden", "96",
      "--limit", "6000", "--batch", "50", "--seed", "5", "--strategy", "alr", "--beam", "2", "--factors", "0.5,1,2",
      "--lr", "0.1", "--epochs", "3", "--no-progress");

  @TempDir
  static Path dir;

  static final TestJvms jvms = new TestJvms();
  static Process seedA;
  static Process w1;
  static String seeds;
  static SearchResult reference;

  @BeforeAll
  static void startCluster() throws Exception {
    System.setProperty(TestJvms.FAST_DOWNING_KEY, "3s");
    com.typesafe.config.ConfigFactory.invalidateCaches();
    int a = TestJvms.freePort();
    int b = TestJvms.freePort();
    seeds = "127.0.0.1:" + a + ",127.0.0.1:" + b;
    seedA = jvms.spawn(dir.resolve("seed-a.log"), Map.of(), "coordinator", "--port", String.valueOf(a),
        "--seed-nodes", seeds);
    Process seedB = jvms.spawn(dir.resolve("seed-b.log"), Map.of(), "coordinator", "--port", String.valueOf(b),
        "--seed-nodes", seeds);
    TestJvms.waitFor(dir.resolve("seed-a.log"), "alr coordinator: up", seedA, 90);
    TestJvms.waitFor(dir.resolve("seed-b.log"), "alr coordinator: up", seedB, 90);
    Process w0 = jvms.spawn(dir.resolve("w0.log"), Map.of(), "worker", "--seed-nodes", seeds, "--name", "w0",
        "--join-timeout", "120");
    w1 = jvms.spawn(dir.resolve("w1.log"), Map.of(), "worker", "--seed-nodes", seeds, "--name", "w1",
        "--join-timeout", "120");
    reference = new ActorExecutor().run(ClusterTest.config(2), RunOptions.none(), SearchListener.NONE);
    TestJvms.waitFor(dir.resolve("w0.log"), "up at", w0, 90);
    TestJvms.waitFor(dir.resolve("w1.log"), "up at", w1, 90);
  }

  @AfterAll
  static void stopCluster() {
    jvms.killAll();
    System.clearProperty(TestJvms.FAST_DOWNING_KEY);
    com.typesafe.config.ConfigFactory.invalidateCaches();
  }

  static ClusterExecutor client(int minWorkers) {
    return new ClusterExecutor(new NodeConfig("search", "127.0.0.1", 0, List.of(seeds.split(",")), null),
        minWorkers, Duration.ofSeconds(90));
  }

  @Test
  @Order(1)
  void aKilledSearchNodeResumesFromANewSearchNodeOnTheSameWorkers() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Path killedLog = dir.resolve("search-killed.log");
    List<String> submit = new ArrayList<>(List.of("submit", "--seed-nodes", seeds, "--min-workers", "2",
        "--join-timeout", "120", "--checkpoint-dir", checkpoints.toString()));
    submit.addAll(SEARCH);
    Process search = jvms.spawn(killedLog, Map.of(), submit.toArray(String[]::new));
    waitForFile(checkpoints.resolve("LATEST"), search, 180);
    search.destroyForcibly();
    assertTrue(search.waitFor(10, TimeUnit.SECONDS), "the search node died");
    assertNotEquals(0, search.exitValue(), "killed before it finished: " + Files.readString(killedLog));

    List<String> search3 = new ArrayList<>(List.of("search", "--workers", "2", "--json",
        dir.resolve("reference.json").toString()));
    search3.addAll(SEARCH);
    assertEquals(0, CliRun.of(search3).code());
    submit.addAll(List.of("--resume", "--json", dir.resolve("resumed.json").toString()));
    CliRun resumed = CliRun.of(submit);
    assertEquals(0, resumed.code(), resumed.out() + resumed.err());

    ObjectMapper json = new ObjectMapper();
    JsonNode expected = json.readTree(dir.resolve("reference.json").toFile());
    JsonNode actual = json.readTree(dir.resolve("resumed.json").toFile());
    assertEquals(expected.get("lrPath"), actual.get("lrPath"));
    assertEquals(expected.get("lineage"), actual.get("lineage"));
    assertEquals(expected.get("epochs").size(), actual.get("epochs").size());
    List<String> resumedOn = new ArrayList<>();
    for (int e = 0; e < expected.get("epochs").size(); e++) {
      JsonNode a = expected.get("epochs").get(e).get("candidates");
      JsonNode b = actual.get("epochs").get(e).get("candidates");
      assertEquals(a.size(), b.size());
      for (int i = 0; i < a.size(); i++) {
        for (String field : List.of("id", "parent", "lr", "loss")) {
          assertEquals(a.get(i).get(field), b.get(i).get(field), field + " of candidate " + i + " in epoch " + (e + 1));
        }
        if (e > 0) {
          resumedOn.add(b.get(i).get("worker").asText());
        }
      }
    }
    assertTrue(!resumedOn.isEmpty() && List.of("w0", "w1").containsAll(resumedOn),
        "the resumed epochs ran on the same workers: " + resumedOn);
  }

  @Test
  @Order(2)
  void aWorkerStoppedPastTheFailureDetectorHasItsCandidatesRerunAndItsLateResultsIgnored() throws Exception {
    String w1Address = address(dir.resolve("w1.log"));
    AtomicBoolean stopped = new AtomicBoolean();
    Map<String, Integer> reported = new ConcurrentHashMap<>();
    SearchListener stopper = new SearchListener() {
      @Override
      public void candidateFinished(Candidate c, CandidateResult r) {
        reported.merge(c.epoch() + "/" + c.id(), 1, Integer::sum);
        if (c.epoch() == 2 && "w0".equals(r.worker()) && !stopped.get()) {
          signal("STOP", w1);
          stopped.set(true);
        }
      }
    };
    CompletableFuture<SearchResult> run = CompletableFuture.supplyAsync(
        () -> client(2).run(ClusterTest.config(2), RunOptions.none(), stopper));
    try {
      waitFor(stopped::get, run, 180, "w1 stopped");
      TestJvms.waitFor(dir.resolve("seed-b.log"), "member removed: " + w1Address, null, 60);
    } finally {
      signal("CONT", w1);
    }
    SearchResult r = run.get(180, TimeUnit.SECONDS);
    ClusterTest.assertSameSearch(reference, r);
    assertTrue(reported.values().stream().allMatch(n -> n == 1), "each candidate reported once: " + reported);
    assertEquals(r.epochs().stream().mapToInt(e -> e.candidates().size()).sum(), reported.size());
  }

  @Test
  @Order(3)
  void aSeedNodeKilledMidSearchLeavesTheSearchRunningAndNewSearchesJoinThroughTheOther() throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    SearchListener killer = new SearchListener() {
      @Override
      public void candidateFinished(Candidate c, CandidateResult r) {
        if (killed.compareAndSet(false, true)) {
          seedA.destroyForcibly();
        }
      }
    };
    SearchResult r = client(1).run(ClusterTest.config(2), RunOptions.none(), killer);
    assertTrue(killed.get());
    assertTrue(seedA.waitFor(10, TimeUnit.SECONDS), "seed A died");
    ClusterTest.assertSameSearch(reference, r);

    SearchResult again = client(1).run(ClusterTest.config(2), RunOptions.none(), SearchListener.NONE);
    ClusterTest.assertSameSearch(reference, again);
  }

  private static final Pattern UP_AT = Pattern.compile("up at (pekko://alr@[0-9.]+:[0-9]+)");

  private static String address(Path log) throws IOException {
    Matcher m = UP_AT.matcher(Files.readString(log));
    assertTrue(m.find(), "no address in " + log);
    return m.group(1);
  }

  private static void signal(String sig, Process p) {
    try {
      TestJvms.tool(dir, "kill", "-" + sig, String.valueOf(p.pid()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void waitForFile(Path file, Process p, int seconds) throws IOException, InterruptedException {
    waitFor(() -> Files.exists(file), p.onExit(), seconds, file.toString());
  }

  private static void waitFor(java.util.function.BooleanSupplier done, CompletableFuture<?> failsIfDone, int seconds,
                              String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (failsIfDone.isDone()) {
        throw new AssertionError("ended before " + what + ": " + failsIfDone);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " after " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }
}
