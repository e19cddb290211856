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

/** {@code --lr auto[:START,END[,STEPS]]} and {@code --lr-pick}: refused bad input, and a run's JSON and summary. */
class LrAutoTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(new String[] {"--lr", "auto:1,1"}, "--lr: the auto range end must be finite and > its start"),
        Arguments.of(new String[] {"--lr", "auto:1,0.1"}, "--lr: the auto range end must be finite and > its start"),
        Arguments.of(new String[] {"--lr", "auto:0,1"}, "--lr: the auto range start must be finite and > 0"),
        Arguments.of(new String[] {"--lr", "auto:1e-7"}, "--lr: auto takes a range auto:START,END[,STEPS]"),
        Arguments.of(new String[] {"--lr", "auto:1e-7,10,5"}, "--lr: the auto range steps must be an integer >= 10"),
        Arguments.of(new String[] {"--lr", "auto:1e-7,x"}, "--lr: must be a number > 0, or auto"),
        Arguments.of(new String[] {"--lr", "fast"}, "--lr: must be a number > 0, or auto"),
        Arguments.of(new String[] {"--lr", "auto", "--lr-pick", "median"}, "--lr-pick: must be valley, steepest or"),
        Arguments.of(new String[] {"--lr", "0.1", "--lr-pick", "steepest"}, "--lr-pick: applies only with --lr auto"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputGivesOneLineNamingTheFlagExitTwoAndWritesNothing(String[] bad, String message) {
    Path json = tmp.resolve("r.json");
    Path cp = tmp.resolve("cp");
    String[] base = {"search", "--dataset", "synthetic", "--limit", "300", "--epochs", "1", "--no-progress",
        "--json", json.toString(), "--checkpoint-dir", cp.toString()};
    CliRun r = CliRun.of(Stream.concat(Stream.of(base), Stream.of(bad)).toArray(String[]::new));
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("alr search: " + message), r.err());
    assertEquals("", r.out());
    assertFalse(Files.exists(json), "no JSON written");
    assertFalse(Files.exists(cp), "no checkpoint written");
  }

  @Test
  void aRangeTestChoosesTheStartLrAndCountsItsSteps() throws Exception {
    Path json = tmp.resolve("r.json");
    CliRun r = CliRun.of("search", "--strategy", "alr", "--epochs", "1", "--workers", "2", "--dataset", "synthetic",
        "--limit", "640", "--hidden", "16", "--lr", "auto:1e-5,10,60", "--lr-pick", "minimum", "--no-progress",
        "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("lr auto (range test 1.000e-05 to 10.00, 60 steps, minimum)"), r.out());
    assertTrue(r.out().contains("lr range test: chose "), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode t = root.get("rangeTest");
    double chosen = t.get("chosenLr").asDouble();
    assertEquals(chosen, root.at("/config/lr").asDouble(), "the search starts at the chosen LR");
    assertEquals("minimum", t.get("pick").asText());
    int steps = t.get("lrs").size();
    assertTrue(steps >= 2 && steps <= 60, "steps: " + steps);
    assertEquals(steps, t.get("losses").size());
    assertEquals(1e-5, t.get("lrs").get(0).asDouble(), 1e-18);
    assertTrue(chosen > 1e-5 && chosen < 10, "chosen: " + chosen);
    long testGrads = t.get("sampleGradients").asLong();
    assertEquals(64L * steps, testGrads, "batch 64, one batch per step");
    long candidates = 0;
    for (JsonNode e : root.get("epochs")) {
      for (JsonNode c : e.get("candidates")) {
        candidates += c.get("sampleGradients").asLong();
      }
    }
    assertEquals(candidates + testGrads, root.get("sampleGradients").asLong(), "the test's steps are in the total");
  }
}
