package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alr.bench.suite.PruneSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code alr bench --suite prune-quick} end to end: the CSV has one row per policy × cycle with
 * sparsity 1 − 0.8^c, the oracle spends more compute than SILO, the report names every policy, the
 * plots exist, {@code --resume} trains nothing again and {@code alr report DIR} redraws the same
 * report. Bad input for the prune suites is one
 * line, exit 2, nothing written.
 */
class PruneBenchTest {
  @TempDir
  Path tmp;

  @Test
  void quickSuiteWritesConsistentResultsAndResumesWithoutTraining() throws IOException {
    Path out = tmp.resolve("bench");
    CliRun r = CliRun.of("bench", "--suite", "prune-quick", "--out", out.toString(), "--no-progress", "--parallel", "2");
    assertEquals(0, r.code(), r.out() + r.err());
    for (String f : List.of("prune-results.csv", "prune-results.json", "prune-report.md",
        "prune-acc-vs-remaining.png", "prune-maxlr-per-cycle.png", "prune-compute.png")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    PruneSuite suite = PruneSuite.named("prune-quick");
    List<String> lines = Files.readAllLines(out.resolve("prune-results.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals(1 + suite.policies().size() * (suite.cycles() + 1), lines.size(), "one row per policy and cycle");
    Map<String, Long> grads = new HashMap<>();
    Map<String, Integer> rows = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      String policy = f[header.indexOf("policy")];
      int cycle = Integer.parseInt(f[header.indexOf("cycle")]);
      double sparsity = Double.parseDouble(f[header.indexOf("sparsity")]);
      long remaining = Long.parseLong(f[header.indexOf("remainingWeights")]);
      long total = Math.round(remaining / (1 - sparsity));
      // the pruned count is 1 − 0.8^c of the prunable weights up to rounding to whole weights
      assertEquals(1 - Math.pow(0.8, cycle), sparsity, 1.0 / total + 1e-6, line);
      rows.merge(policy, 1, Integer::sum);
      grads.merge(policy, Long.parseLong(f[header.indexOf("sampleGradients")]), Math::max);
    }
    for (String p : suite.policies()) {
      assertEquals(suite.cycles() + 1, rows.get(p), p);
    }
    assertTrue(grads.get("oracle") > grads.get("silo"), grads.toString());
    assertEquals(grads.get("silo"), grads.get("constant"), grads.toString());
    String report = Files.readString(out.resolve("prune-report.md"));
    for (String p : suite.policies()) {
      assertTrue(report.contains("| " + p + " |"), p);
    }
    assertTrue(report.contains("SILO ≥ constant"), report);
    JsonNode json = new ObjectMapper().readTree(out.resolve("prune-results.json").toFile());
    assertEquals("prune", json.path("kind").asText());
    assertEquals(lines.size() - 1, json.path("rows").size());

    String csv = Files.readString(out.resolve("prune-results.csv"));
    CliRun again = CliRun.of("bench", "--suite", "prune-quick", "--out", out.toString(), "--no-progress", "--resume");
    assertEquals(0, again.code(), again.out() + again.err());
    assertTrue(again.out().contains("0 cell(s) trained, 4 resumed"), again.out());
    assertEquals(csv, Files.readString(out.resolve("prune-results.csv")));

    String md = Files.readString(out.resolve("prune-report.md"));
    Files.delete(out.resolve("prune-report.md"));
    Files.delete(out.resolve("prune-acc-vs-remaining.png"));
    Files.delete(out.resolve("prune-results.csv"));
    CliRun redraw = CliRun.of("report", out.toString());
    assertEquals(0, redraw.code(), redraw.out() + redraw.err());
    assertEquals(md, Files.readString(out.resolve("prune-report.md")), "alr report redraws the same report");
    assertEquals(csv, Files.readString(out.resolve("prune-results.csv")));
    assertTrue(Files.size(out.resolve("prune-acc-vs-remaining.png")) > 0);

    CliRun refused = CliRun.of("bench", "--suite", "prune-quick", "--out", out.toString(), "--no-progress");
    assertEquals(Main.BAD_INPUT, refused.code());
    assertTrue(refused.err().contains("--resume"), refused.err());
  }

  /**
   * A cell is the run {@code alr prune} makes of the command line the report prints for it: the
   * parsed command's configuration equals the cell's, for every policy of both suites.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"prune", "prune-quick"})
  void aCellIsTheRunOfItsPruneCommandLine(String name) {
    PruneSuite suite = PruneSuite.named(name);
    for (String policy : suite.policies()) {
      String line = suite.pruneCommand(policy, 7);
      PruneCommand command = new PruneCommand();
      new CommandLine(command).parseArgs(line.substring("bin/alr prune ".length()).split(" "));
      assertEquals(suite.config(policy, 7, null), command.apiConfig().withWorkers(1), line);
    }
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        arguments(List.of("--suite", "prune", "--cycles", "0"), "--cycles"),
        arguments(List.of("--suite", "prune-quick", "--epochs", "0"), "--epochs"),
        arguments(List.of("--suite", "prune-quick", "--strategies", "silo,grid"), "--strategies"),
        arguments(List.of("--suite", "prune-quick", "--lrs", "0.1"), "--lrs"),
        arguments(List.of("--suite", "prune-quick", "--datasets", "mnist"), "--datasets"),
        arguments(List.of("--suite", "prune-quick", "--limit", "100", "--val", "100"), "--val"),
        arguments(List.of("--suite", "prune-quick", "--parallel", "0"), "--parallel"),
        arguments(List.of("--suite", "prune-quick", "--seeds", ""), "--seeds"),
        arguments(List.of("--suite", "quick", "--cycles", "3"), "--cycles"),
        arguments(List.of("--suite", "prune-slow"), "prune-quick"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInputIsOneLineExitTwoAndNothingWritten(List<String> bad, String mentions) {
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of(Stream.concat(Stream.of("bench", "--out", out.toString(), "--no-progress"), bad.stream())
        .toList());
    assertEquals(Main.BAD_INPUT, r.code(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains(mentions), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
