package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of the dashboard: {@code search}, {@code train} and {@code submit --ui} on a
 * port in use, {@code --ui-host} alone, a bad port,
 * and {@code bin/alr ui} on a missing or non-log file: exit 2, one line on stderr naming the flag or
 * file, nothing on stdout, nothing written (no event log: refused before training).
 */
class UiBadInputTest {
  @TempDir
  Path tmp;

  private static void refused(CliRun r, String... texts) {
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    for (String t : texts) {
      assertTrue(r.err().contains(t), "no '" + t + "' in: " + r.err());
    }
  }

  @Test
  void searchOnAPortInUseIsRefusedBeforeTraining() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path events = tmp.resolve("events.jsonl");
      refused(CliRun.of("search", "--dataset", "synthetic", "--limit", "100", "--epochs", "1", "--workers", "1",
          "--no-progress", "--events", events.toString(), "--ui", String.valueOf(taken.getLocalPort())),
          "--ui", String.valueOf(taken.getLocalPort()), "0 for any free one");
      assertTrue(Files.notExists(events));
    }
  }

  @Test
  void trainOnAPortInUseIsRefusedBeforeTraining() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path events = tmp.resolve("events.jsonl");
      Path json = tmp.resolve("r.json");
      refused(CliRun.of("train", "--dataset", "synthetic", "--limit", "100", "--epochs", "1", "--no-progress",
          "--events", events.toString(), "--json", json.toString(), "--ui", String.valueOf(taken.getLocalPort())),
          "--ui", String.valueOf(taken.getLocalPort()), "0 for any free one");
      assertTrue(Files.notExists(events));
      assertTrue(Files.notExists(json));
    }
  }

  @Test
  void submitOnAPortInUseIsRefusedBeforeJoiningTheCluster() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path events = tmp.resolve("events.jsonl");
      Path json = tmp.resolve("r.json");
      refused(CliRun.of("submit", "--seed-nodes", "127.0.0.1:1", "--dataset", "synthetic", "--limit", "100",
          "--epochs", "1", "--no-progress", "--events", events.toString(), "--json", json.toString(),
          "--checkpoint-dir", tmp.resolve("cp").toString(), "--ui", String.valueOf(taken.getLocalPort())),
          "--ui", String.valueOf(taken.getLocalPort()), "0 for any free one");
      assertTrue(Files.notExists(events));
      assertTrue(Files.notExists(json));
      assertTrue(Files.notExists(tmp.resolve("cp")));
    }
  }

  @Test
  void badPortAndHostAloneAreRefused() {
    refused(CliRun.of("search", "--dataset", "synthetic", "--ui", "70000"), "--ui", "0..65535");
    refused(CliRun.of("search", "--dataset", "synthetic", "--ui-host", "0.0.0.0"), "--ui-host", "--ui");
    refused(CliRun.of("train", "--dataset", "synthetic", "--ui", "-1"), "--ui", "0..65535");
    refused(CliRun.of("submit", "--seed-nodes", "127.0.0.1:1", "--dataset", "synthetic", "--ui-host", "0.0.0.0"),
        "--ui-host", "--ui");
  }

  @Test
  void uiOnAMissingOrForeignFileIsRefused() throws Exception {
    refused(CliRun.of("ui", tmp.resolve("missing.jsonl").toString()), "EVENTS", "missing.jsonl");
    Path foreign = tmp.resolve("notes.txt");
    Files.writeString(foreign, "hello\n", StandardCharsets.UTF_8);
    refused(CliRun.of("ui", foreign.toString()), "EVENTS", "not an alr event log");
  }
}
