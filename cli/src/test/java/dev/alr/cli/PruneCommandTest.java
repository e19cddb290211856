package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code alr prune}: bad input is one line, exit 2, nothing written; a small run prints its table and JSON. */
class PruneCommandTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> badInput() {
    return Stream.of(
        arguments(List.of("--prune-fraction", "0"), List.of("--prune-fraction", "(0, 1)")),
        arguments(List.of("--prune-fraction", "1"), List.of("--prune-fraction", "(0, 1)")),
        arguments(List.of("--cycles", "0"), List.of("--cycles", ">= 1")),
        arguments(List.of("--cycle-epochs", "0"), List.of("--cycle-epochs", ">= 1")),
        arguments(List.of("--max-lr", "0"), List.of("--max-lr", "positive")),
        arguments(List.of("--max-lr", "Infinity"), List.of("--max-lr", "finite")),
        arguments(List.of("--max-lr", "NaN"), List.of("--max-lr", "finite")),
        arguments(List.of("--silo-beta", "0"), List.of("--silo-beta", "positive")),
        arguments(List.of("--silo-beta", "-2"), List.of("--silo-beta", "positive")),
        arguments(List.of("--policy", "oracle", "--grid", ""), List.of("--grid", "empty")),
        arguments(List.of("--policy", "oracle", "--grid", "0.1,x"), List.of("--grid", "'x'")),
        arguments(List.of("--policy", "alr", "--beam", "0"), List.of("--beam", ">= 1")),
        arguments(List.of("--reset", "rewind-epoch:3", "--cycle-epochs", "2"), List.of("--reset rewind-epoch 3", "1..2")),
        arguments(List.of("--reset", "rewind"), List.of("--reset", "rewind-init")),
        arguments(List.of("--criterion", "l1"), List.of("criterion", "magnitude-layerwise")),
        arguments(List.of("--policy", "grid"), List.of("--policy", "silo, constant, oracle, alr")),
        arguments(List.of("--policy", "oracle", "--val", "0"), List.of("--val", ">= 1")),
        arguments(List.of("--workers", "100000"), List.of("--workers", "at most")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsOneLineExitTwoAndNothingWritten(List<String> bad, List<String> mentions) {
    Path outDir = tmp.resolve("out");
    List<String> base = List.of("prune", "--dataset", "synthetic", "--no-progress", "--json",
        outDir.resolve("r.json").toString());
    CliRun r = CliRun.of(Stream.concat(base.stream(), bad.stream()).toList());
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), "exactly one line: " + r.err());
    assertTrue(lines.get(0).startsWith("alr prune: "), lines.get(0));
    mentions.forEach(m -> assertTrue(lines.get(0).contains(m), "mentions '" + m + "': " + lines.get(0)));
    assertEquals("", r.out(), "nothing printed before the check");
    assertFalse(Files.exists(outDir), "nothing written");
  }

  @Test
  void aSmallOracleRunPrintsEachCandidateAndWritesTheJson() throws IOException {
    Path json = tmp.resolve("prune.json");
    CliRun r = CliRun.of("prune", "--policy", "oracle", "--grid", "0.02,0.1", "--dataset", "synthetic", "--limit", "500",
        "--val", "100", "--batch", "50", "--updater", "momentum", "--momentum", "0.9", "--cycles", "2",
        "--prune-fraction", "0.5", "--cycle-epochs", "1", "--workers", "2", "--no-progress", "--json", json.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("final: sparsity 75.00%"), r.out());
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals("prune", root.get("kind").asText());
    assertEquals(6, root.get("candidates").size());
    int kept = 0;
    for (JsonNode c : root.get("candidates")) {
      kept += c.get("survived").asBoolean() ? 1 : 0;
    }
    assertEquals(3, kept, "one survivor per cycle");
    assertEquals(0.75, root.get("final").get("sparsity").asDouble(), 1e-3);
  }
}
