package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on the command line, one row per case: exit 2, exactly one line on stderr naming the
 * flag and what is allowed, nothing on stdout (the check comes before the run's header) and
 * nothing written in the run's output directory. Also: a run that fails at run time exits 1 and
 * never claims a checkpoint that was not asked for; the help says the exit codes.
 */
class BadInputTest {
  @TempDir
  Path tmp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** Command, its bad arguments, and the texts the one line must contain (the flag first). */
  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("search", List.of("--lr", "1e300"), List.of("--lr", "--max-lr", "10.0")),
        arguments("search", List.of("--lr", "20", "--max-lr", "10"), List.of("--lr", "--max-lr")),
        arguments("search", List.of("--lr", "1e-7"), List.of("--lr", "--min-lr", "1.0E-6")),
        arguments("search", List.of("--lr", "0.5", "--min-lr", "0.01", "--max-lr", "0.1"), List.of("--lr", "0.1")),
        arguments("search", List.of("--strategy", "nprobe", "--lr", "11"), List.of("--lr", "--max-lr")),
        arguments("search", List.of("--strategy", "nprobe", "--lr", "1e-9"), List.of("--lr", "--min-lr")),
        arguments("search", List.of("--factors", "1,1"), List.of("--factors", "at most once")),
        arguments("search", List.of("--factors", "0.5,1,2,1"), List.of("--factors", "at most once")),
        arguments("search", List.of("--strategy", "nprobe", "--factors", "2,2"), List.of("--factors", "at most once")),
        arguments("search", List.of("--strategy", "nprobe", "--probe-rule", "greedy"),
            List.of("--probe-rule", "paper, smooth, rex, cosine or calibrated")),
        arguments("search", List.of("--strategy", "nprobe", "--probe-every", "0"), List.of("--probe-every", ">= 1")),
        arguments("search", List.of("--strategy", "nprobe", "--probe-batch", "0"), List.of("--probe-batch", "[1, --batch]")),
        arguments("search", List.of("--strategy", "nprobe", "--probe-batch", "-3"), List.of("--probe-batch", "[1, --batch]")),
        arguments("search", List.of("--strategy", "nprobe", "--batch", "32", "--probe-batch", "33"),
            List.of("--probe-batch", "[1, --batch] = [1, 32]")),
        arguments("search", List.of("--limit", "6001"), List.of("--limit 6001", "has 6000 training samples")),
        arguments("search", List.of("--limit", "70000", "--strategy", "nprobe"), List.of("--limit 70000", "6000")),
        arguments("search", List.of("--epochs", "x"), List.of("--epochs", "help")),
        arguments("train", List.of("--limit", "6001"), List.of("--limit 6001", "has 6000 training samples")),
        arguments("train", List.of("--schedule", "bogus"), List.of("--schedule", "bogus", "allowed", "cosine")),
        arguments("train", List.of("--schedule", "schedule:cosine"), List.of("--schedule", "allowed")),
        arguments("train", List.of("--lr", "-1"), List.of("--lr", "> 0")),
        arguments("search", List.of("--strategy", "schedule-free", "--sf-beta", "1"), List.of("--sf-beta", "[0, 1)")),
        arguments("search", List.of("--strategy", "schedule-free", "--sf-beta", "-0.5"), List.of("--sf-beta", "[0, 1)")),
        arguments("search", List.of("--strategy", "dog", "--dog-eps", "0"), List.of("--dog-eps", "> 0")),
        arguments("search", List.of("--strategy", "dog", "--dog-eps", "-1e-6"), List.of("--dog-eps", "> 0")),
        arguments("search", List.of("--updater", "dog:0"), List.of("--updater", "> 0")),
        arguments("search", List.of("--round-steps", "0"), List.of("--round-steps", ">= 1")),
        arguments("search", List.of("--batch", "50", "--round-steps", "109"), List.of("--round-steps", "108 batches")),
        arguments("search", List.of("--strategy", "alr-classic", "--batch", "50", "--round-steps", "121"),
            List.of("--round-steps", "120 batches")),
        arguments("search", List.of("--strategy", "schedule:cosine", "--round-steps", "10"),
            List.of("--round-steps", "only --strategy alr")),
        arguments("search", List.of("--strategy", "bogus"), List.of("--strategy", "schedule-free, dog, adam")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void badInputIsOneLineExitTwoAndNothingWritten(String command, List<String> bad, List<String> mentions) {
    Path outDir = tmp.resolve("out");
    List<String> base = command.equals("train")
        ? List.of("train", "--dataset", "synthetic", "--epochs", "1", "--no-progress", "--json", outDir.resolve("r.json").toString())
        : List.of("search", "--dataset", "synthetic", "--epochs", "1", "--workers", "1", "--no-progress",
            "--json", outDir.resolve("r.json").toString(), "--checkpoint-dir", outDir.resolve("cp").toString());
    String[] args = Stream.concat(base.stream(), bad.stream()).toArray(String[]::new);
    CliRun r = run(args);
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), "exactly one line: " + r.err());
    assertTrue(lines.get(0).startsWith("alr " + command + ": "), lines.get(0));
    mentions.forEach(m -> assertTrue(lines.get(0).contains(m), "mentions '" + m + "': " + lines.get(0)));
    assertEquals("", r.out(), "nothing printed before the check");
    assertFalse(Files.exists(outDir), "nothing written");
  }

  @Test
  void aDivergedRunExitsOneAndClaimsNoCheckpointWhenNoneWasAsked() {
    CliRun r = run("search", "--dataset", "synthetic", "--limit", "300", "--batch", "50", "--epochs", "1", "--workers", "1",
        "--no-progress", "--lr", "1e6", "--max-lr", "1e9", "--max-backoffs", "0");
    assertEquals(Main.FAILED, r.code(), r.out() + r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).contains("diverged"), lines.get(0));
    assertFalse(lines.get(0).contains("checkpoint"), lines.get(0));
  }

  @Test
  void theHelpOfAlrAndOfEveryCommandSaysTheExitCodes() {
    for (String command : List.of("", "train", "search", "bench", "coordinator", "worker", "submit")) {
      CliRun r = command.isEmpty() ? run("--help") : run(command, "--help");
      assertEquals(0, r.code(), command);
      assertTrue(r.out().replaceAll("\\s+", " ").strip().endsWith(Main.EXIT_CODES), command + ": " + r.out());
    }
  }
}
