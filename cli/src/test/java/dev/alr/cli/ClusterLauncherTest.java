package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/alr-cluster} end to end on loopback, with one cluster (a coordinator and two worker
 * JVMs running this test's class path through {@code $ALR_BIN}) reused by the ordered cases: a pid
 * file naming another live process is never acted on; {@code start} on a running cluster keeps it,
 * replaces a dead worker and, after the coordinator died, stops the workers left before starting
 * afresh (no orphans); {@code run} with a dead worker fails at once; options without their value
 * are one line and exit 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLauncherTest {
  @TempDir
  static Path dir;

  static Path runDir;
  static Path alrBin;
  static String port;
  static Process sleeper;

  private record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  @BeforeAll
  static void setUp() throws IOException {
    runDir = dir.resolve("run");
    port = String.valueOf(TestJvms.freePort());
    alrBin = dir.resolve("alr");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(alrBin, "#!/bin/sh\nexec '" + java + "' $ALR_JAVA_OPTS -cp '" + System.getProperty("java.class.path")
        + "' " + Main.class.getName() + " \"$@\"\n");
    assertTrue(alrBin.toFile().setExecutable(true));
    sleeper = new ProcessBuilder("sleep", "600").start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    cluster(runDir, "stop");
    sleeper.destroyForcibly();
  }

  static Path script() {
    Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (d != null && !Files.isRegularFile(d.resolve("bin/alr-cluster"))) {
      d = d.getParent();
    }
    assertTrue(d != null, "bin/alr-cluster not found above " + System.getProperty("user.dir"));
    return d.resolve("bin/alr-cluster");
  }

  /** Runs {@code bin/alr-cluster args} on {@code run} within 300 s. */
  static Result cluster(Path run, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", script().toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectInput(new File("/dev/null"))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    env.put("ALR_CLUSTER_DIR", run.toString());
    env.put("ALR_BIN", alrBin.toString());
    env.put("ALR_JAVA_OPTS", "-Xmx512m -D" + TestJvms.FAST_DOWNING_KEY + "=3s");
    env.put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("alr-cluster " + String.join(" ", args) + " did not finish within 300 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static long pid(String node) throws IOException {
    return Long.parseLong(Files.readString(runDir.resolve(node + ".pid")).strip());
  }

  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The process's command line as /proc shows it, arguments separated by blanks. */
  static String commandLine(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8)
        .replace('\0', ' ');
  }

  /** Kills {@code pid} (SIGKILL) and waits until it is gone. */
  static void kill(long pid) throws Exception {
    ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
    h.destroyForcibly();
    h.onExit().get(30, TimeUnit.SECONDS);
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(new String[] {"start", "--workers"}, "--workers"),
        Arguments.of(new String[] {"start", "--workers", "--slots", "1"}, "--workers"),
        Arguments.of(new String[] {"start", "--workers", "two"}, "--workers"),
        Arguments.of(new String[] {"start", "--workers", "0"}, "--workers"),
        Arguments.of(new String[] {"start"}, "--workers"),
        Arguments.of(new String[] {"start", "--workers", "1", "--slots"}, "--slots"),
        Arguments.of(new String[] {"start", "--workers", "1", "--slots", "-1"}, "--slots"),
        Arguments.of(new String[] {"start", "--workers", "1", "--port"}, "--port"),
        Arguments.of(new String[] {"start", "--workers", "1", "--port", "65536"}, "--port"),
        Arguments.of(new String[] {"start", "--workers", "1", "--bind"}, "--bind"),
        Arguments.of(new String[] {"start", "--workers", "1", "--hosts"}, "--hosts"),
        Arguments.of(new String[] {"start", "--workers", "1", "--hosts", "/nonexistent/hosts"}, "--hosts"),
        Arguments.of(new String[] {"start", "--workers", "1", "--nodes", "2"}, "--nodes"),
        Arguments.of(new String[] {"stop", "--now"}, "--now"),
        Arguments.of(new String[] {"status", "--all"}, "--all"),
        Arguments.of(new String[] {"run", "--", "--epochs", "1"}, "start"));
  }

  @ParameterizedTest
  @MethodSource("badOptions")
  @Order(0)
  void aBadOptionIsOneLineAndExitTwo(String[] args, String named) throws Exception {
    Path run = dir.resolve("bad");
    Result r = cluster(run, args);
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.errLines().size(), "one line: " + r.err());
    assertTrue(r.err().contains(named), "names " + named + ": " + r.err());
    assertFalse(Files.exists(run), "nothing written");
  }

  @Test
  @Order(1)
  void statusAndStopNeverActOnAPidThatIsAnotherProcess() throws Exception {
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve("token"), "0123456789abcdef");
    Files.writeString(runDir.resolve("seed"), "127.0.0.1:" + port);
    Files.writeString(runDir.resolve("workers"), "1");
    Files.writeString(runDir.resolve("coordinator.pid"), sleeper.pid() + "\n");
    Files.writeString(runDir.resolve("worker-0.pid"), sleeper.pid() + "\n");

    Result status = cluster(runDir, "status");
    assertEquals(1, status.code(), status.out() + status.err());
    assertTrue(status.out().contains("coordinator: dead (pid " + sleeper.pid() + " is now another process"), status.out());
    assertTrue(status.out().contains("worker-0: dead"), status.out());

    Result stop = cluster(runDir, "stop");
    assertEquals(0, stop.code(), stop.err());
    assertTrue(stop.out().contains("stopped 0 process(es)"), stop.out());
    assertTrue(stop.err().contains("coordinator: pid " + sleeper.pid() + " is not a node of this cluster"), stop.err());
    assertTrue(sleeper.isAlive(), "the other process was not killed");
    assertFalse(Files.exists(runDir.resolve("coordinator.pid")), "the stale pid file is forgotten");
  }

  @Test
  @Order(2)
  void startLeavesAForeignPidAloneAndBringsTheClusterUp() throws Exception {
    Files.writeString(runDir.resolve("worker-1.pid"), sleeper.pid() + "\n");
    Result r = cluster(runDir, "start", "--workers", "2", "--port", port);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("2 worker(s) up"), r.out());
    assertTrue(sleeper.isAlive(), "the other process was not killed");
    String token = Files.readString(runDir.resolve("token")).strip();
    for (String node : List.of("coordinator", "worker-0", "worker-1")) {
      assertTrue(alive(pid(node)), node);
      assertTrue(commandLine(pid(node)).contains("-Dalr.cluster.run=" + token), node + " carries the run token");
    }
    Result status = cluster(runDir, "status");
    assertEquals(0, status.code(), status.out());
    assertTrue(status.out().contains("worker-1: alive (pid " + pid("worker-1") + ")"), status.out());
  }

  @Test
  @Order(3)
  void startOnARunningClusterKeepsItOrRefusesOtherOptions() throws Exception {
    List<Long> before = List.of(pid("coordinator"), pid("worker-0"), pid("worker-1"));
    Result same = cluster(runDir, "start", "--workers", "2", "--port", port);
    assertEquals(0, same.code(), same.err());
    assertTrue(same.out().contains("already running"), same.out());

    Result other = cluster(runDir, "start", "--workers", "1", "--port", port);
    assertEquals(2, other.code(), other.err());
    assertEquals(1, other.errLines().size(), other.err());
    assertTrue(other.err().contains("bin/alr-cluster stop"), other.err());

    assertEquals(before, List.of(pid("coordinator"), pid("worker-0"), pid("worker-1")));
    before.forEach(p -> assertTrue(alive(p), "pid " + p + " still running"));
  }

  @Test
  @Order(4)
  void runFailsAtOnceWhenAWorkerIsDeadAndStartReplacesIt() throws Exception {
    long coordinator = pid("coordinator");
    long w0 = pid("worker-0");
    long w1 = pid("worker-1");
    kill(w1);

    Result status = cluster(runDir, "status");
    assertEquals(1, status.code(), status.out());
    assertTrue(status.out().contains("worker-1: dead"), status.out());

    long t0 = System.nanoTime();
    Result run = cluster(runDir, "run", "--", "--dataset", "synthetic", "--epochs", "1");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    assertEquals(1, run.code(), run.out() + run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("1 of 2 worker(s) alive") && run.err().contains("worker-1"), run.err());
    assertTrue(seconds < 30, "failed at once, not after a join timeout: " + seconds + " s");

    Result start = cluster(runDir, "start", "--workers", "2", "--port", port);
    assertEquals(0, start.code(), start.out() + start.err());
    assertTrue(start.out().contains("restarting 1 dead: worker-1"), start.out());
    assertEquals(coordinator, pid("coordinator"));
    assertEquals(w0, pid("worker-0"));
    assertNotEquals(w1, pid("worker-1"));
    assertTrue(alive(pid("worker-1")));
  }

  @Test
  @Order(5)
  void startAfterTheCoordinatorDiedStopsTheWorkersLeftAndStartsAfresh() throws Exception {
    long coordinator = pid("coordinator");
    List<Long> workers = List.of(pid("worker-0"), pid("worker-1"));
    kill(coordinator);

    Result r = cluster(runDir, "start", "--workers", "1", "--port", port);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("stopped the 2 node(s) left"), r.out());
    workers.forEach(p -> assertFalse(alive(p), "the old worker " + p + " was stopped, not orphaned"));
    assertNotEquals(coordinator, pid("coordinator"));
    assertFalse(Files.exists(runDir.resolve("worker-1.pid")));
    List<Long> now = List.of(pid("coordinator"), pid("worker-0"));

    Result stop = cluster(runDir, "stop");
    assertEquals(0, stop.code(), stop.err());
    assertTrue(stop.out().contains("stopped 2 process(es)"), stop.out());
    now.forEach(p -> assertFalse(alive(p), "pid " + p + " stopped"));
    assertTrue(sleeper.isAlive());
  }
}
