package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --schedule replay:r.json}: a search's winning LR path replayed on one fresh model
 * trains along exactly that path; bad replay files are refused before training.
 */
class ReplayTest {
  @TempDir
  Path tmp;

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  private static List<String> workload() {
    return List.of("--dataset", "synthetic", "--limit", "400", "--seed", "5", "--epochs", "3", "--no-progress");
  }

  @Test
  void replayedAlrPathTrainsAlongItAndReachesTheSearchAccuracy() throws IOException {
    Path search = tmp.resolve("search.json");
    CliRun s = CliRun.of(concat(List.of("search", "--strategy", "alr-classic", "--workers", "3", "--json",
        search.toString()), workload()));
    assertEquals(0, s.code(), s.err());
    JsonNode r = json(search);
    assertEquals(3, r.get("lrPath").size());
    Path replay = tmp.resolve("replay.json");
    CliRun t = CliRun.of(concat(List.of("train", "--schedule", "replay:" + search, "--json", replay.toString()),
        workload()));
    assertEquals(0, t.code(), t.err());
    JsonNode p = json(replay);
    assertEquals(r.get("lrPath"), p.get("lrPath"), "the replay trains at the search's LR in every epoch");
    assertEquals("replay", p.get("config").get("strategy").get("name").asText());
    // Classic ALR's lineage is one model trained along lrPath with the run's data order (no hold-out, no
    // decay inside an epoch), so the replay is that model.
    assertEquals(r.get("finalTest").get("accuracy").asDouble(), p.get("finalTest").get("accuracy").asDouble(), 0);
    assertEquals(r.get("finalTest").get("loss").asDouble(), p.get("finalTest").get("loss").asDouble(), 0);
  }

  @Test
  void badReplayFilesAreRefusedBeforeTraining() throws IOException {
    Path notJson = Files.writeString(tmp.resolve("a.json"), "{ not json");
    Path noPath = Files.writeString(tmp.resolve("b.json"), "{\"epochs\": []}");
    Path empty = Files.writeString(tmp.resolve("c.json"), "{\"lrPath\": []}");
    Path short1 = Files.writeString(tmp.resolve("d.json"), "{\"lrPath\": [0.05]}");
    Path negative = Files.writeString(tmp.resolve("e.json"), "{\"lrPath\": [0.05, -1, 0.1]}");
    String[][] cases = {
        {tmp.resolve("missing.json").toString(), "--schedule replay:", "not a readable file"},
        {tmp.toString(), "--schedule replay:", "not a readable file"},
        {notJson.toString(), "--schedule replay:", "not a JSON file"},
        {noPath.toString(), "--schedule replay:", "not an alr result JSON"},
        {empty.toString(), "--schedule replay:", "LR path is empty"},
        {short1.toString(), "--epochs 3", "has 1 epoch(s)"},
        {negative.toString(), "--schedule replay:", "lrs"}};
    Path out = tmp.resolve("out.json");
    for (String[] c : cases) {
      CliRun t = CliRun.of(concat(List.of("train", "--schedule", "replay:" + c[0], "--json", out.toString()),
          workload()));
      assertEquals(2, t.code(), c[0] + ": " + t.err());
      assertEquals(1, t.err().strip().lines().count(), t.err());
      assertTrue(t.err().contains(c[1]) && t.err().contains(c[2]), t.err());
      assertEquals("", t.out());
      assertFalse(Files.exists(out));
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
