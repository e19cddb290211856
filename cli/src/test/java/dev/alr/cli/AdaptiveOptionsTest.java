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

/** {@code --factors adaptive[...]}, {@code --anneal} and {@code --anneal-epochs}: refused bad input, and a run's JSON. */
class AdaptiveOptionsTest {
  @TempDir
  Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(new String[] {"--factors", "adaptive:1,16"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive:0.5,16"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive:4,2"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive:2,16,4"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive:2,16,x"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive:2"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive:x,16"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive,2"}, "--factors"),
        Arguments.of(new String[] {"--factors", "adaptive:2,16,3,5"}, "--factors"),
        Arguments.of(new String[] {"--factors", "0.5,abc"}, "--factors"),
        Arguments.of(new String[] {"--strategy", "nprobe", "--factors", "adaptive"}, "--factors"),
        Arguments.of(new String[] {"--anneal", "step"}, "--anneal"),
        Arguments.of(new String[] {"--anneal", "cosine", "--anneal-epochs", "0"}, "--anneal-epochs"),
        Arguments.of(new String[] {"--strategy", "schedule:cosine", "--anneal", "linear"}, "--anneal"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputGivesOneLineNamingTheFlagExitTwoAndWritesNothing(String[] bad, String named) {
    Path json = tmp.resolve("r.json");
    Path cp = tmp.resolve("cp");
    String[] base = {"search", "--dataset", "synthetic", "--limit", "300", "--epochs", "1", "--no-progress",
        "--json", json.toString(), "--checkpoint-dir", cp.toString()};
    CliRun r = run(Stream.concat(Stream.of(base), Stream.of(bad)).toArray(String[]::new));
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(named + ":") || r.err().contains(named), "error names " + named + ": " + r.err());
    assertFalse(Files.exists(json), "no JSON written");
    assertFalse(Files.exists(cp), "no checkpoint written");
  }

  @Test
  void anAdaptiveAnnealedSearchWritesItsSpanPerEpochAndAnnealsTheLastEpoch() throws Exception {
    Path json = tmp.resolve("r.json");
    CliRun r = run("search", "--strategy", "alr", "--factors", "adaptive:2,8", "--anneal", "cosine", "--epochs", "2",
        "--workers", "2", "--dataset", "synthetic", "--limit", "600", "--hidden", "16", "--lr", "0.1",
        "--no-progress", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("epoch 1/2: 3 candidate(s)") && r.out().contains("factor span 2"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode strategy = root.at("/config/strategy");
    assertEquals("alr", strategy.get("name").asText());
    assertEquals(8.0, strategy.at("/search/span/cap").asDouble());
    assertEquals("COSINE", strategy.at("/anneal/shape").asText());
    JsonNode epochs = root.get("epochs");
    assertEquals(2.0, epochs.get(0).get("span").asDouble());
    double span2 = epochs.get(1).get("span").asDouble();
    assertTrue(span2 == 2.0 || span2 == 4.0, "epoch 2 span: " + span2);
    for (JsonNode c : epochs.get(0).get("candidates")) {
      assertEquals(c.get("lr").asDouble(), c.get("endLr").asDouble(), "epoch 1 keeps its LR");
    }
    for (JsonNode c : epochs.get(1).get("candidates")) {
      assertTrue(c.get("endLr").asDouble() < c.get("lr").asDouble() / 10, "epoch 2 anneals: " + c);
    }
  }

  @Test
  void classicRunsWriteANullSpan() throws Exception {
    Path json = tmp.resolve("r.json");
    CliRun r = run("search", "--strategy", "alr", "--epochs", "1", "--dataset", "synthetic", "--limit", "300",
        "--hidden", "8", "--lr", "0.1", "--no-progress", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertTrue(root.get("epochs").get(0).get("span").isNull());
    assertEquals("NONE", root.at("/config/strategy/anneal/shape").asText());
    assertFalse(r.out().contains("factor span"), r.out());
  }
}
