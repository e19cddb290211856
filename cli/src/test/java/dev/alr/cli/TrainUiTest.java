package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --ui 0}: the dashboard starts on a free port, the run completes and writes its outputs. */
class TrainUiTest {
  @Test
  void trainWithADashboardCompletes(@TempDir Path tmp) throws Exception {
    Path json = tmp.resolve("r.json");
    Path events = tmp.resolve("events.jsonl");
    CliRun r = CliRun.of("train", "--dataset", "synthetic", "--limit", "200", "--epochs", "2", "--no-progress",
        "--ui", "0", "--json", json.toString(), "--events", events.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s)live dashboard: http://127\\.0\\.0\\.1:[1-9][0-9]*/ \\(while the run lasts\\)\n.*"),
        r.out());
    assertTrue(r.out().contains("epoch 2/2"), r.out());
    assertTrue(Files.isRegularFile(json));
    String log = Files.readString(events);
    assertTrue(log.contains("\"runStarted\"") && log.contains("\"runFinished\""), log);
  }
}
