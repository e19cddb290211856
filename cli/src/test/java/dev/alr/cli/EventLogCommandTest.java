package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log from the command line: a search killed with SIGKILL mid-run leaves a log from which
 * {@code alr report} rebuilds every finished epoch's table, also when its last line was cut; the
 * default log in a checkpoint directory continues on {@code --resume}; a file that is no event log
 * is bad input.
 */
class EventLogCommandTest {
  private static final Pattern TABLE = Pattern.compile("(?m)^epoch \\d+/\\d+.*\\R(?:  .*\\R)+");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path tmp;

  private final TestJvms jvms = new TestJvms();

  @AfterEach
  void killJvms() {
    jvms.killAll();
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static List<String> tables(String text) {
    List<String> all = new ArrayList<>();
    Matcher m = TABLE.matcher(text);
    while (m.find()) {
      all.add(m.group());
    }
    return all;
  }

  private static long count(Path log, String event) throws IOException {
    String text = Files.readString(log);
    int end = text.lastIndexOf('\n');
    return end < 0 ? 0 : text.substring(0, end + 1).lines().filter(l -> l.contains("\"event\":\"" + event + "\"")).count();
  }

  @Test
  void aKilledSearchLeavesALogThatReportRebuildsEveryFinishedEpochFrom() throws Exception {
    Path events = tmp.resolve("events.jsonl");
    Path out = tmp.resolve("search.out");
    Process p = jvms.spawn(out, Map.of(), "search", "--dataset", "synthetic", "--epochs", "40", "--workers", "1",
        "--no-progress", "--events", events.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (!Files.exists(events) || count(events, "epochFinished") < 2) {
      assertTrue(p.isAlive(), () -> "search exited before two epochs: " + read(out));
      assertTrue(System.nanoTime() < deadline, () -> "no two epochs in the event log after 240 s: " + read(out));
      Thread.sleep(200);
    }
    assertTrue(p.isAlive(), "killed mid-run");
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed search is gone");

    long logged = count(events, "epochFinished");
    Path json = tmp.resolve("r.json");
    CliRun r = run("report", events.toString(), "--json", json.toString());

    assertEquals(0, r.code(), r.err());
    List<String> rebuilt = tables(r.out());
    assertEquals(logged, rebuilt.size(), r.out());
    List<String> printed = tables(read(out));
    assertTrue(printed.size() >= 2 && printed.size() <= logged, read(out));
    assertEquals(printed, rebuilt.subList(0, printed.size()), "the tables the search printed, rebuilt");
    assertTrue(r.out().contains("the log ends before the run did: " + logged + " of 40 epoch(s) decided"), r.out());
    JsonNode result = MAPPER.readTree(json.toFile());
    assertEquals("incomplete", result.path("termination").asText());
    assertEquals(logged, result.path("epochs").size());

    byte[] cut = "{\"event\":\"candidateFinished\",\"epo".getBytes(StandardCharsets.UTF_8);
    long lines = Files.readString(events).lines().count();
    Files.write(events, cut, StandardOpenOption.APPEND);
    CliRun truncated = run("report", events.toString());

    assertEquals(0, truncated.code(), truncated.err());
    assertEquals(List.of("alr report: " + events + ": skipped line " + (lines + 1) + " (" + cut.length
        + " bytes, cut off); every complete line before and after is used"), truncated.err().lines().toList());
    assertEquals(rebuilt, tables(truncated.out()));
  }

  @Test
  void theCheckpointDirectoryHoldsTheLogAndAResumeContinuesIt() throws IOException {
    Path cp = tmp.resolve("cp");
    String[] args = {"search", "--dataset", "synthetic", "--limit", "300", "--epochs", "2", "--workers", "1",
        "--no-progress", "--checkpoint-dir", cp.toString()};
    Path searchJson = tmp.resolve("search.json");
    CliRun first = run(concat(args, "--json", searchJson.toString()));
    assertEquals(0, first.code(), first.err());
    Path events = cp.resolve("events.jsonl");
    assertEquals(2, count(events, "checkpointWritten"));
    Path reportJson = tmp.resolve("report.json");
    CliRun derived = run("report", events.toString(), "--json", reportJson.toString());
    assertEquals(0, derived.code(), derived.err());
    assertEquals(MAPPER.readTree(searchJson.toFile()), MAPPER.readTree(reportJson.toFile()),
        "the result JSON derived from the events is the one search wrote");

    CliRun resumed = run(concat(args, "--resume"));
    assertEquals(0, resumed.code(), resumed.err());
    CliRun r = run("report", cp.toString());

    assertEquals(0, r.code(), r.err());
    assertEquals("", r.err());
    assertEquals(1, count(events, "runResumed"));
    assertTrue(r.out().lines().findFirst().orElseThrow().endsWith("(resumed 1 time(s))"), r.out());
    assertEquals(tables(first.out()), tables(r.out()));
    assertTrue(r.out().contains("completed after"), r.out());
  }

  @Test
  void aFileThatIsNoEventLogIsBadInput() throws IOException {
    Path json = tmp.resolve("r.json");
    Files.writeString(json, "{\"formatVersion\": 1}\n");
    for (Path p : List.of(json, tmp.resolve("missing.jsonl"))) {
      CliRun r = run("report", p.toString());
      assertEquals(Main.BAD_INPUT, r.code(), r.err());
      List<String> lines = r.err().lines().toList();
      assertEquals(1, lines.size(), r.err());
      assertTrue(lines.get(0).startsWith("alr report: EVENTS " + p + ": "), lines.get(0));
      assertEquals("", r.out());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "(none)";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
