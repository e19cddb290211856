package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line end to end: bad input gives one line, exit 2 and no files; a search writes its JSON. */
class CommandLineTest {
  @TempDir
  Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(new String[] {"--beam", "0"}, "--beam"),
        Arguments.of(new String[] {"--factors", ""}, "--factors"),
        Arguments.of(new String[] {"--factors", "0.5,-1"}, "--factors"),
        Arguments.of(new String[] {"--factors", "0.5,NaN"}, "--factors"),
        Arguments.of(new String[] {"--lr", "0"}, "--lr"),
        Arguments.of(new String[] {"--lr", "Infinity"}, "--lr"),
        Arguments.of(new String[] {"--min-lr", "1", "--max-lr", "0.1"}, "--min-lr"),
        Arguments.of(new String[] {"--epochs", "0"}, "--epochs"),
        Arguments.of(new String[] {"--workers", "0"}, "--workers"),
        Arguments.of(new String[] {"--workers", "10000000"}, "--workers"),
        Arguments.of(new String[] {"--strategy", "annealing"}, "--strategy"),
        Arguments.of(new String[] {"--strategy", "schedule:wavy"}, "wavy"),
        Arguments.of(new String[] {"--strategy", "nprobe", "--probe-on", "other"}, "--probe-on"),
        Arguments.of(new String[] {"--strategy", "nprobe", "--probe-batch", "-1"}, "--probe-batch"),
        Arguments.of(new String[] {"--model", "transformer"}, "--model"),
        Arguments.of(new String[] {"--dataset", "imagenet"}, "--dataset"),
        Arguments.of(new String[] {"--resume"}, "--resume"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputGivesOneLineExitTwoAndWritesNothing(String[] bad, String named) throws Exception {
    Path json = tmp.resolve("r.json");
    Path cp = tmp.resolve("cp");
    String[] base = {"search", "--dataset", "synthetic", "--limit", "300", "--epochs", "1", "--no-progress",
        "--json", json.toString(), "--checkpoint-dir", cp.toString()};
    String[] args = Stream.concat(Stream.of(base), Stream.of(bad)).toArray(String[]::new);
    CliRun r = run(args);
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    String firstLine = r.err().lines().findFirst().orElse("");
    assertTrue(firstLine.contains(named), "error names " + named + ": " + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(json), "no JSON written");
    assertFalse(Files.exists(cp), "no checkpoint written");
  }

  @Test
  void missingDatasetDirectoryNamesThePath() {
    CliRun r = run("train", "--dataset", "/no/such/dir", "--no-progress");
    assertEquals(Main.BAD_INPUT, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("/no/such/dir"), r.err());
  }

  @Test
  void resumingFromAnEmptyDirectoryNamesTheMissingPointer() {
    CliRun r = run("search", "--dataset", "synthetic", "--limit", "300", "--epochs", "1", "--no-progress",
        "--checkpoint-dir", tmp.resolve("empty").toString(), "--resume");
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().contains("LATEST"), r.err());
  }

  @Test
  void searchWritesJsonWithLineageAndPrintsTables() throws Exception {
    Path json = tmp.resolve("out/r.json");
    CliRun r = run("search", "--strategy", "alr", "--beam", "2", "--factors", "0.5,1,2", "--epochs", "2",
        "--workers", "2", "--dataset", "synthetic", "--limit", "600", "--hidden", "16", "--lr", "0.1", "--no-progress",
        "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("epoch 2/2: 6 candidate(s)"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(1, root.get("formatVersion").asInt());
    assertEquals("alr", root.at("/config/strategy/name").asText());
    assertEquals(9, root.get("candidateEpochs").asInt());
    assertEquals(2, root.get("lrPath").size());
    JsonNode lineage = root.get("lineage");
    int last = lineage.get(1).asInt();
    JsonNode epoch2 = root.get("epochs").get(1);
    boolean found = false;
    for (JsonNode c : epoch2.get("candidates")) {
      if (c.get("id").asInt() == last) {
        assertEquals(lineage.get(0).asInt(), c.get("parent").asInt(), "lineage follows parent links");
        found = true;
      }
    }
    assertTrue(found);
    assertEquals(epoch2.get("beams").get(0).get("id").asInt(), last);
    try (Stream<Path> files = Files.list(json.getParent())) {
      assertEquals(1, files.count(), "only the JSON file, no temp files left");
    }
  }

  @Test
  void trainPrintsALinePerEpoch() {
    CliRun r = run("train", "--dataset", "synthetic", "--limit", "500", "--hidden", "16", "--epochs", "2", "--lr", "0.1",
        "--no-progress");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.out().lines().filter(l -> l.startsWith("epoch ")).count(), r.out());
    assertTrue(r.out().contains("samples/s"));
  }

  @Test
  void slotsBeyondWhatTheMachineCanRunAreRefusedAtOnce() {
    CliRun r = run("worker", "--seed-nodes", "127.0.0.1:1", "--slots", "100000");
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("--slots: at most"), r.err());
  }

  @Test
  void aDivergedRunExitsOneAndClaimsNoCheckpointItDidNotWrite() {
    CliRun r = run("search", "--dataset", "synthetic", "--limit", "300", "--epochs", "2", "--no-progress",
        "--workers", "1", "--lr", "1e6", "--max-lr", "1e7");
    assertEquals(Main.FAILED, r.code(), r.out() + r.err());
    String line = r.err().lines().filter(l -> l.startsWith("alr search:")).findFirst().orElse("");
    assertTrue(line.contains("diverged"), r.err());
    assertFalse(line.contains("checkpoint"), line);
  }
}
