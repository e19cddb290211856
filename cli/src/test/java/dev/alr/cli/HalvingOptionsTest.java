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

/** {@code --halving} and {@code --rungs}: refused bad input, and a run's JSON. */
class HalvingOptionsTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(new String[] {"--halving", "1"}, "--halving"),
        Arguments.of(new String[] {"--halving", "0.5"}, "--halving"),
        Arguments.of(new String[] {"--halving", "-3"}, "--halving"),
        Arguments.of(new String[] {"--halving", "NaN"}, "--halving"),
        Arguments.of(new String[] {"--halving", "x"}, "--halving"),
        Arguments.of(new String[] {"--rungs", "0"}, "--rungs"),
        Arguments.of(new String[] {"--halving", "3", "--rungs", "-1"}, "--rungs"),
        Arguments.of(new String[] {"--strategy", "schedule:cosine", "--halving", "3"}, "--halving"),
        Arguments.of(new String[] {"--strategy", "nprobe", "--rungs", "2"}, "--rungs"));
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
  void aHalvedSearchWritesEachCandidatesRungAndSampleGradients() throws Exception {
    Path json = tmp.resolve("r.json");
    CliRun r = CliRun.of("search", "--strategy", "alr-classic", "--halving", "3", "--epochs", "2", "--workers", "2",
        "--dataset", "synthetic", "--limit", "640", "--hidden", "8", "--lr", "0.1", "--no-progress", "--json",
        json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("stopped after rung 1"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(3.0, root.at("/config/strategy/halving/rate").asDouble());
    assertEquals(2, root.at("/config/strategy/halving/rungs").asInt());
    long total = 0;
    for (JsonNode e : root.get("epochs")) {
      int finished = 0;
      for (JsonNode c : e.get("candidates")) {
        int rung = c.get("rung").asInt();
        assertTrue(rung == 1 || rung == 2, c.toString());
        finished += rung == 2 ? 1 : 0;
        total += c.get("sampleGradients").asLong();
      }
      assertEquals(2, finished, "the beams' count finish: " + e);
    }
    assertEquals(total, root.get("sampleGradients").asLong());
    assertTrue(total < 0.7 * 9 * 640, "fewer sample-gradients than classic's 9 candidate-epochs: " + total);
  }
}
