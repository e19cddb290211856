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
        Arguments.of(new String[] {"--factors", "adaptive", "--opening", "1"}, "--opening"),
        Arguments.of(new String[] {"--factors", "adaptive", "--opening", "0.5,7"}, "--opening"),
        Arguments.of(new String[] {"--factors", "adaptive", "--opening", "1000,4"}, "--opening"),
        Arguments.of(new String[] {"--factors", "adaptive", "--opening", "1000,1"}, "--opening"),
        Arguments.of(new String[] {"--factors", "adaptive", "--opening", "x"}, "--opening"),
        Arguments.of(new String[] {"--factors", "adaptive", "--opening", "1000,7,3"}, "--opening"),
        Arguments.of(new String[] {"--factors", "0.5,1,2", "--opening", "1000"}, "--opening"),
        Arguments.of(new String[] {"--val", "0"}, "--val"),
        Arguments.of(new String[] {"--val", "-1"}, "--val"),
        Arguments.of(new String[] {"--select", "val", "--strategy", "alr-classic", "--val", "0"}, "--val"),
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
    CliRun r = run("search", "--strategy", "alr-classic", "--factors", "adaptive:2,8", "--anneal", "cosine",
        "--epochs", "2",
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
  void anOpeningTriesItsWideGridInTheFirstRoundOnly() throws Exception {
    Path json = tmp.resolve("r.json");
    CliRun r = run("search", "--strategy", "alr", "--opening", "100,5", "--select", "train", "--epochs", "2",
        "--workers", "2", "--dataset", "synthetic", "--limit", "600", "--hidden", "16", "--lr", "0.05",
        "--no-progress", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("epoch 1/2: 5 candidate(s)"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(100.0, root.at("/config/strategy/search/span/openSpan").asDouble());
    assertEquals(5, root.at("/config/strategy/search/span/openCount").asInt());
    JsonNode epochs = root.get("epochs");
    assertEquals(100.0, epochs.get(0).get("span").asDouble());
    double[] want = {5e-4, 5e-3, 0.05, 0.5, 5};
    for (int i = 0; i < 5; i++) {
      assertEquals(want[i], epochs.get(0).get("candidates").get(i).get("lr").asDouble(), want[i] * 1e-9);
    }
    double span2 = epochs.get(1).get("span").asDouble();
    assertTrue(span2 == 2.0 || span2 == 16.0, "round 2 starts at the base or the cap: " + span2);
    assertEquals(6, epochs.get(1).get("candidates").size());
  }

  @Test
  void theDefaultAlrIsTheMeasuredSearchAndEachPartTurnsOff() throws Exception {
    Path json = tmp.resolve("d.json");
    CliRun r = run("search", "--epochs", "1", "--dataset", "synthetic", "--limit", "600", "--hidden", "8",
        "--lr", "0.05", "--no-progress", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ranking on validation loss: 60 of 600 training samples held out"), r.out());
    assertTrue(r.out().contains("epoch 1/1: 7 candidate(s)"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    JsonNode s = root.at("/config/strategy");
    assertEquals(1000.0, s.at("/search/span/openSpan").asDouble());
    assertEquals(7, s.at("/search/span/openCount").asInt());
    assertEquals("VAL", s.at("/search/selectOn").asText());
    assertEquals(0.15, s.get("rankTail").asDouble());
    assertEquals(4.0, s.at("/halving/rate").asDouble());
    assertEquals(2, s.at("/halving/rungs").asInt());
    assertEquals("COSINE", s.at("/anneal/shape").asText());
    assertEquals(-1, root.at("/config/val").asInt(), "a tenth held out");

    Path off = tmp.resolve("off.json");
    Path classic = tmp.resolve("classic.json");
    String[] common = {"search", "--epochs", "2", "--dataset", "synthetic", "--limit", "600", "--hidden", "8",
        "--lr", "0.05", "--no-progress", "--json"};
    CliRun a = run(Stream.concat(Stream.of(common), Stream.of(off.toString(), "--factors", "0.5,1,2", "--select",
        "train", "--rank-tail", "0", "--rungs", "1", "--anneal", "none")).toArray(String[]::new));
    CliRun b = run(Stream.concat(Stream.of(common), Stream.of(classic.toString(), "--strategy", "alr-classic"))
        .toArray(String[]::new));
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    JsonNode x = new ObjectMapper().readTree(off.toFile());
    JsonNode y = new ObjectMapper().readTree(classic.toFile());
    assertEquals(y.at("/config/strategy"), x.at("/config/strategy"), "every part off is the paper's search");
    assertEquals(y.at("/finalTest"), x.at("/finalTest"));
    assertEquals(0, x.at("/config/val").asInt());
  }

  @Test
  void classicRunsWriteANullSpan() throws Exception {
    Path json = tmp.resolve("r.json");
    CliRun r = run("search", "--strategy", "alr-classic", "--epochs", "1", "--dataset", "synthetic", "--limit", "300",
        "--hidden", "8", "--lr", "0.1", "--no-progress", "--json", json.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertTrue(root.get("epochs").get(0).get("span").isNull());
    assertEquals("NONE", root.at("/config/strategy/anneal/shape").asText());
    assertFalse(r.out().contains("factor span"), r.out());
  }
}
