package dev.alr.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JVMs spawned by a test ({@code Main} with this test's class path), each bounded in time by the
 * caller's deadlines and always killed by {@link #killAll()}. Not thread-safe: one test thread.
 */
final class TestJvms {
  /** Shorter failure detection than production (7 s) so that the kill test stays quick. */
  static final String FAST_DOWNING_KEY = "alr.cluster.pekko.cluster.split-brain-resolver.stable-after";

  private final List<Process> processes = new ArrayList<>();

  /** Starts {@code Main args} in a new JVM with output to {@code log} and {@code env} added. */
  Process spawn(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-D" + FAST_DOWNING_KEY + "=3s", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** Kills every spawned JVM (SIGKILL) and waits for each, up to 10 s. */
  void killAll() {
    processes.forEach(Process::destroyForcibly);
    for (Process p : processes) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Polls {@code log} until it contains {@code text}; fails if {@code p} exits or the deadline passes. */
  static void waitFor(Path log, String text, Process p, int seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!(Files.exists(log) && Files.readString(log).contains(text))) {
      if (p != null && !p.isAlive()) {
        throw new AssertionError("process exited (" + p.exitValue() + ") before '" + text + "': "
            + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in " + log + " after " + seconds + " s: "
            + (Files.exists(log) ? Files.readString(log) : "(no log)"));
      }
      Thread.sleep(200);
    }
  }

  /** Runs a short tool (keytool) to completion within 60 s, failing on a non-zero exit. */
  static void tool(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", cmd));
    }
    String out = new String(p.getInputStream().readAllBytes());
    if (p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
