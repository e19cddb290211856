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

/** {@code --max-drop} and {@code --rank-tail}: refused bad input, and a run's JSON. */
class RankBiasOptionsTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(new String[] {"--max-drop", "0"}, "--max-drop"),
        Arguments.of(new String[] {"--max-drop", "1.5"}, "--max-drop"),
        Arguments.of(new String[] {"--max-drop", "NaN"}, "--max-drop"),
        Arguments.of(new String[] {"--max-drop", "x"}, "--max-drop"),
        Arguments.of(new String[] {"--rank-tail", "1.5"}, "--rank-tail"),
        Arguments.of(new String[] {"--rank-tail", "-0.1"}, "--rank-tail"),
        Arguments.of(new String[] {"--rank-tail", "2"}, "--rank-tail"),
        Arguments.of(new String[] {"--strategy", "schedule:cosine", "--max-drop", "0.5"}, "--max-drop"),
        Arguments.of(new String[] {"--strategy", "nprobe", "--rank-tail", "0.2"}, "--rank-tail"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputGivesOneLineNamingTheFlagExitTwoAndWritesNothing(String[] bad, String named) {
    Path json = tmp.resolve("r.json");
    Path cp = tmp.resolve("cp");
    String[] base = {"search", "--dataset", "synthetic", "--limit", "300", "--epochs", "1", "--no-progress",
        "--json", json.toString(), "--checkpoint-dir", cp.toString()};
    CliRun r = CliRun.of(Stream.concat(Stream.of(base), Stream.of(bad)).toArray(String[]::new));
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(named + ":") || r.err().contains(named), "error names " + named + ": " + r.err());
    assertFalse(Files.exists(json), "no JSON written");
    assertFalse(Files.exists(cp), "no checkpoint written");
  }

  @Test
  void theJsonRecordsTheBoundAndTailAndTheBoundHoldsOnThePlannedFactors() throws Exception {
    Path json = tmp.resolve("r.json");
    CliRun r = CliRun.of("search", "--strategy", "alr", "--factors", "adaptive", "--max-drop", "0.5", "--rank-tail",
        "0.2", "--epochs", "3", "--workers", "2", "--dataset", "synthetic", "--limit", "640", "--hidden", "8", "--lr",
        "0.1", "--no-progress", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(0.5, root.at("/config/strategy/maxDrop").asDouble());
    assertEquals(0.2, root.at("/config/strategy/rankTail").asDouble());
    for (JsonNode e : root.get("epochs")) {
      for (JsonNode c : e.get("candidates")) {
        if (e.get("epoch").asInt() > 1) {
          assertTrue(c.get("factor").asDouble() >= 0.5, c.toString());
        }
        assertTrue(c.get("endLr").asDouble() < c.get("lr").asDouble(), "every candidate decays: " + c);
      }
    }
  }
}
