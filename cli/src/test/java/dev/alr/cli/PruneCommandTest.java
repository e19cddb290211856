package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  /** A tiny alr run with two beams on synthetic data: 2 candidates in cycle 0, 4 in each later one. */
  private static List<String> small(int cycles, String... more) {
    List<String> args = new ArrayList<>(List.of("prune", "--policy", "alr", "--beam", "2", "--factors",
        "0.5,2", "--max-lr", "0.02", "--dataset", "synthetic", "--limit", "300", "--val", "100", "--batch", "50",
        "--hidden", "32,16", "--updater", "momentum", "--momentum", "0.9", "--cycles", String.valueOf(cycles), "--prune-fraction", "0.3",
        "--cycle-epochs", "1", "--no-progress"));
    args.addAll(List.of(more));
    return args;
  }

  /** Every file under {@code dir} with its content, to show that a refused command wrote nothing. */
  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  @Test
  void aResumedRunWritesTheJsonOfTheUninterruptedRunButForTheWallTime() throws IOException {
    Path dir = tmp.resolve("cp");
    Path full = tmp.resolve("full.json");
    CliRun first = CliRun.of(small(2, "--checkpoint-dir", dir.toString(), "--json", full.toString()));
    assertEquals(0, first.code(), first.out() + first.err());
    assertTrue(Files.isDirectory(dir.resolve("cycle-0002")), "a checkpoint per cycle (the two newest kept)");
    // what a run killed right after cycle 1's checkpoint leaves
    try (Stream<Path> s = Files.list(dir.resolve("cycle-0002"))) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir.resolve("cycle-0002"));
    Files.writeString(dir.resolve("LATEST"), "cycle-0001\n");
    Path resumedJson = tmp.resolve("resumed.json");
    CliRun resumed = CliRun.of(small(2, "--checkpoint-dir", dir.toString(), "--resume", "--json", resumedJson.toString()));
    assertEquals(0, resumed.code(), resumed.out() + resumed.err());
    assertTrue(resumed.out().contains("resuming after cycle 1 from " + dir), resumed.out());
    assertEquals("cycle-0002", Files.readString(dir.resolve("LATEST")).trim(), "the resumed run checkpoints cycle 2");
    ObjectNode a =
        (ObjectNode) new ObjectMapper().readTree(full.toFile());
    ObjectNode b =
        (ObjectNode) new ObjectMapper().readTree(resumedJson.toFile());
    assertTrue(a.remove("wallSeconds").isNumber());
    assertTrue(b.remove("wallSeconds").isNumber());
    assertEquals(a, b);
    assertEquals(10, b.get("candidates").size());
  }

  @Test
  void badResumesAreOneLineExitTwoAndWriteNothing() throws IOException {
    Path prune = tmp.resolve("prune-cp");
    CliRun p = CliRun.of(small(1, "--checkpoint-dir", prune.toString()));
    assertEquals(0, p.code(), p.out() + p.err());
    Path search = tmp.resolve("search-cp");
    CliRun s = CliRun.of("search", "--dataset", "synthetic", "--limit", "300", "--batch", "50", "--hidden", "32,16",
        "--epochs", "1", "--workers", "1", "--no-progress", "--checkpoint-dir", search.toString());
    assertEquals(0, s.code(), s.out() + s.err());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    List<Arguments> cases = List.of(
        arguments(small(2, "--resume"), List.of("--resume", "--checkpoint-dir")),
        arguments(small(2, "--resume", "--checkpoint-dir", tmp.resolve("none").toString()),
            List.of("--resume", "no checkpoint in " + tmp.resolve("none"))),
        arguments(small(2, "--resume", "--checkpoint-dir", empty.toString()),
            List.of("--resume", "no checkpoint in " + empty)),
        arguments(small(2, "--resume", "--checkpoint-dir", search.toString()),
            List.of("--resume", search.resolve("epoch-0001").toString(), "checkpoint of alr search, not of alr prune")),
        arguments(List.of("search", "--dataset", "synthetic", "--limit", "300", "--batch", "50", "--hidden", "32,16",
                "--epochs", "1", "--workers", "1", "--no-progress", "--checkpoint-dir", prune.toString(), "--resume"),
            List.of("--resume", prune.resolve("cycle-0001").toString(), "checkpoint of alr prune, not of alr search")),
        arguments(small(2, "--resume", "--checkpoint-dir", prune.toString()),
            List.of("--resume", prune.resolve("cycle-0001").toString(), "another configuration",
                "cycles: checkpoint 1, now 2")),
        arguments(small(1, "--checkpoint-dir", prune.toString()),
            List.of("--checkpoint-dir " + prune, "holds a checkpoint", "--resume", "--overwrite")));
    Map<String, String> before = contents(tmp);
    for (Arguments c : cases) {
      @SuppressWarnings("unchecked")
      List<String> args = (List<String>) c.get()[0];
      @SuppressWarnings("unchecked")
      List<String> mentions = (List<String>) c.get()[1];
      CliRun r = CliRun.of(args);
      assertEquals(Main.BAD_INPUT, r.code(), args + ": " + r.err());
      List<String> lines = r.err().lines().toList();
      assertEquals(1, lines.size(), "exactly one line: " + r.err());
      assertTrue(lines.get(0).startsWith("alr " + args.get(0) + ": "), lines.get(0));
      mentions.forEach(m -> assertTrue(lines.get(0).contains(m), "mentions '" + m + "': " + lines.get(0)));
      assertEquals("", r.out(), "nothing printed before the check: " + args);
      assertEquals(before, contents(tmp), "nothing written: " + args);
    }
  }

  @Test
  void aRunWhoseCandidatesAllDivergeExitsOneNamingTheCheckpointToResumeFrom() {
    Path dir = tmp.resolve("cp");
    CliRun r = CliRun.of("prune", "--policy", "silo", "--max-lr", "0.02", "--silo-alpha", "1e7", "--dataset",
        "synthetic", "--limit", "300", "--val", "100", "--batch", "50", "--hidden", "32,16", "--cycles", "2",
        "--prune-fraction", "0.3", "--cycle-epochs", "1", "--no-progress", "--checkpoint-dir", dir.toString());
    assertEquals(Main.FAILED, r.code(), r.out() + r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).contains("every candidate of cycle 2 diverged"), lines.get(0));
    assertTrue(lines.get(0).contains(dir.resolve("cycle-0001") + ") is intact (--resume continues from it)"),
        lines.get(0));
  }
}
