package dev.alr.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Termination;
import dev.alr.engine.Strategies;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log written as a listener and read back: round trip, NaN as null, cut-off and resumed logs. */
class EventLogTest {
  @TempDir
  Path tmp;

  private final List<String> notes = new ArrayList<>();
  private final SearchConfig config = new SearchConfig(WorkloadSpec.of("mlp", "synthetic", 7),
      Strategies.beam(2, 0.5, 1, 2), 0.05, 2, 2, true);

  private static Candidate candidate(int id, int parent, int epoch) {
    return new Candidate(id, parent, epoch, id % 2, id % 2 == 0 ? 0.5 : 2.0, 0.05 * id,
        new dev.alr.engine.policy.LrRule.Fixed(0.05 * id));
  }

  private static CandidateResult result(int id, double valLoss) {
    return new CandidateResult(id, 1.0 / id, valLoss, 0.04 * id, 0.25, "w-" + id, 100L * id, 1000L, 0L);
  }

  private static EpochRecord epoch(int epoch, Candidate... cs) {
    List<CandidateRecord> rs = Arrays.stream(cs).map(c -> CandidateRecord.of(c, result(c.id(), Double.NaN))).toList();
    return new EpochRecord(epoch, 0, EpochOutcome.ADVANCED, rs, List.of(new Beam(cs[0].id(), 0, cs[0].lr(), 1.0 / cs[0].id())),
        new Evaluation(0.5, 0.8, 100), 1.5, Double.NaN);
  }

  /** Writes a whole two-epoch run. */
  private void writeRun(EventLog log) {
    log.runStarted(config, 4, 0);
    Candidate c1 = candidate(1, -1, 1);
    Candidate c2 = candidate(2, -1, 1);
    log.candidateFinished(c1, result(1, Double.NaN));
    log.candidateFinished(c2, result(2, Double.NaN));
    log.checkpointWritten(1, tmp);
    log.epochFinished(epoch(1, c1, c2));
    Candidate c3 = candidate(3, 1, 2);
    Candidate c4 = candidate(4, 1, 2);
    log.candidateFinished(c3, result(3, Double.NaN));
    log.candidateFinished(c4, result(4, Double.NaN));
    log.epochFinished(epoch(2, c3, c4));
    log.runFinished(new SearchResult(SearchResult.FORMAT_VERSION, config, List.of(), List.of(0.05, 0.15),
        List.of(1, 3), new Evaluation(0.4, 0.9, 100), 3.0, 4, 4000, 0, 1000, Termination.COMPLETED, "2 epochs"));
  }

  @Test
  void aWholeRunReadsBackAsItsRecords() throws IOException {
    Path file = tmp.resolve("events.jsonl");
    writeRun(new EventLog(file, false, "1.2.3", notes::add));

    RecordedRun r = RecordedRun.read(file);

    assertEquals(List.of(), notes);
    assertEquals(List.of(), r.skipped());
    assertEquals(1, r.starts());
    assertEquals(4, r.plannedCandidateEpochs());
    assertEquals("alr", r.config().path("strategy").path("name").asText());
    assertEquals(2, r.config().path("epochs").asInt());
    assertEquals("synthetic", r.config().path("dataset").asText());
    assertEquals(List.of(epoch(1, candidate(1, -1, 1), candidate(2, -1, 1)),
        epoch(2, candidate(3, 1, 2), candidate(4, 1, 2))), r.epochs());
    assertEquals(List.of(), r.undecided());
    assertEquals(1, r.lastCheckpoint());
    assertEquals(new RecordedRun.Finished(Termination.COMPLETED, "2 epochs", new Evaluation(0.4, 0.9, 100), List.of(0.05, 0.15),
        List.of(1, 3), 3.0, 4, 4000, 0, 1000), r.finished());
    List<String> lines = Files.readAllLines(file);
    assertEquals(List.of("runStarted", "candidateFinished", "candidateFinished", "checkpointWritten", "epochFinished",
        "candidateFinished", "candidateFinished", "epochFinished", "runFinished"),
        lines.stream().map(l -> parse(l).path("event").asText()).toList());
    JsonNode first = parse(lines.get(0));
    assertEquals(EventLog.FORMAT_VERSION, first.path("formatVersion").asInt());
    assertEquals("1.2.3", first.path("alrVersion").asText());
    JsonNode cand = parse(lines.get(1));
    assertEquals(1, cand.path("epoch").asInt());
    assertEquals(0, cand.path("attempt").asInt());
    assertEquals("w-1", cand.path("worker").asText());
    assertTrue(cand.has("valLoss") && cand.get("valLoss").isNull(), "NaN is written as null: " + lines.get(1));
    assertTrue(parse(lines.get(4)).get("span").isNull(), lines.get(4));
  }

  @Test
  void aLogCutMidLineKeepsEveryCompleteLineAndNamesTheRest() throws IOException {
    Path file = tmp.resolve("events.jsonl");
    writeRun(new EventLog(file, false, null, notes::add));
    List<String> lines = Files.readAllLines(file);
    String kept = String.join("\n", lines.subList(0, 5)) + "\n";
    String cut = lines.get(5).substring(0, 40);
    Files.writeString(file, kept + cut);

    RecordedRun r = RecordedRun.read(file);

    assertEquals(List.of(new RecordedRun.Skipped(6, 40, "cut off")), r.skipped());
    assertEquals(1, r.epochs().size());
    assertEquals(List.of(), r.undecided());
    assertNull(r.finished());
  }

  @Test
  void aResumedRunAppendsAfterACutLineAndItsEpochsReplaceTheRedoneOnes() throws IOException {
    Path file = tmp.resolve("events.jsonl");
    EventLog first = new EventLog(file, false, null, notes::add);
    first.runStarted(config, 4, 0);
    Candidate c1 = candidate(1, -1, 1);
    Candidate c2 = candidate(2, -1, 1);
    first.candidateFinished(c1, result(1, 1.0));
    first.candidateFinished(c2, result(2, 1.0));
    first.epochFinished(epoch(1, c1, c2));
    first.candidateFinished(candidate(3, 1, 2), result(3, 1.0));
    first.close();
    Files.writeString(file, "{\"event\":\"candidateFin", java.nio.file.StandardOpenOption.APPEND);
    long linesBefore = Files.readAllLines(file).size();

    EventLog second = new EventLog(file, true, null, notes::add);
    second.runStarted(config, 4, 2);
    Candidate c3 = candidate(3, 1, 2);
    Candidate c4 = candidate(4, 1, 2);
    second.candidateFinished(c4, result(4, 1.0));
    second.candidateFinished(c3, result(3, 1.0));
    second.epochFinished(epoch(2, c3, c4));
    second.close();

    RecordedRun r = RecordedRun.read(file);

    assertEquals(List.of(new RecordedRun.Skipped(linesBefore, 22, "not JSON")), r.skipped());
    assertEquals(2, r.starts());
    assertEquals(List.of(1, 2), r.epochs().stream().map(EpochRecord::epoch).toList());
    assertEquals("runResumed", parse(Files.readAllLines(file).get((int) linesBefore)).path("event").asText());
  }

  @Test
  void aFileThatIsNoEventLogIsRefused() throws IOException {
    Path json = tmp.resolve("r.json");
    Files.writeString(json, "{\"formatVersion\": 1, \"epochs\": []}\n");
    Path text = tmp.resolve("notes.txt");
    Files.writeString(text, "hello\nworld\n");
    Path empty = tmp.resolve("empty");
    Files.write(empty, new byte[0]);
    Path newer = tmp.resolve("newer.jsonl");
    Files.writeString(newer, "{\"event\":\"runStarted\",\"formatVersion\":99}\n", StandardCharsets.UTF_8);

    assertTrue(assertThrows(RecordedRun.NotAnEventLogException.class, () -> RecordedRun.read(json)).getMessage()
        .contains("not an alr event log"));
    assertTrue(assertThrows(RecordedRun.NotAnEventLogException.class, () -> RecordedRun.read(text)).getMessage()
        .contains("line 1"));
    assertTrue(assertThrows(RecordedRun.NotAnEventLogException.class, () -> RecordedRun.read(empty)).getMessage()
        .contains("empty"));
    assertTrue(assertThrows(RecordedRun.NotAnEventLogException.class, () -> RecordedRun.read(newer)).getMessage()
        .contains("format 99"));
  }

  @Test
  void aWriteThatFailsIsReportedOnceAndNeverThrows() throws IOException {
    Path dir = tmp.resolve("gone");
    EventLog log = new EventLog(dir.resolve("events.jsonl"), false, null, notes::add);

    writeRun(log);

    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains(dir.resolve("events.jsonl").toString()), notes.get(0));
    assertTrue(log.failed());
  }

  @Test
  void aStreamingLogHandsOutTheLinesTheFileGets() throws IOException {
    Path file = tmp.resolve("events.jsonl");
    List<String> streamed = new ArrayList<>();
    writeRun(new EventLog(file, false, "1.2.3", s -> {
    }));
    EventLog stream = EventLog.streaming(false, "1.2.3", streamed::add);
    writeRun(stream);
    assertNull(stream.file());
    List<String> written = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(written.size(), streamed.size());
    for (int i = 0; i < written.size(); i++) {
      ObjectNode w = (ObjectNode) parse(written.get(i));
      ObjectNode l = (ObjectNode) parse(streamed.get(i));
      w.remove("time");
      l.remove("time");
      assertEquals(w, l, "line " + (i + 1));
    }
  }

  private static JsonNode parse(String line) {
    try {
      return EventJson.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new AssertionError(line, e);
    }
  }
}
