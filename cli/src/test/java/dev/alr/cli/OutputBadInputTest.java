package dev.alr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Outputs that cannot be written ({@code --json}, {@code --checkpoint-dir}, bench {@code --out})
 * and checkpoint directories another run owns are refused before training: one line naming the
 * flag and the cause, exit 2, nothing written.
 */
class OutputBadInputTest {
  @TempDir
  Path tmp;

  private static CliRun run(List<String> args) {
    return CliRun.of(args);
  }

  /** The start of each command's arguments: small, fast, and never reaching training on bad input. */
  private static List<String> command(String name) {
    List<String> base = new ArrayList<>(switch (name) {
      case "submit" -> List.of("submit", "--seed-nodes", "127.0.0.1:1", "--join-timeout", "1");
      case "bench" -> List.of("bench", "--suite", "quick", "--datasets", "synthetic", "--epochs", "1");
      default -> List.of(name);
    });
    if (!name.equals("bench")) {
      base.addAll(List.of("--dataset", "synthetic", "--limit", "300", "--epochs", "1"));
    }
    base.add("--no-progress");
    return base;
  }

  /**
   * Where the bad path is and the cause expected: {@code {tmp}} is the test's directory, which holds
   * a file {@code afile}; a cause starting with {@code ~} is a regular expression (the kernel's
   * errno differs between file systems).
   */
  static Stream<Arguments> badOutputs() {
    List<Arguments> cases = new ArrayList<>();
    for (String cmd : List.of("search", "train", "submit")) {
      cases.add(Arguments.of(cmd, "--json", "{tmp}/afile/r.json", "{tmp}/afile is not a directory"));
      cases.add(Arguments.of(cmd, "--json", "{tmp}/afile/deeper/r.json", "{tmp}/afile is not a directory"));
      cases.add(Arguments.of(cmd, "--json", "{tmp}", "{tmp} is a directory; give a file name"));
      cases.add(Arguments.of(cmd, "--json", "/proc/alr-test/r.json",
          "cannot create /proc/alr-test: no such file or directory"));
      cases.add(Arguments.of(cmd, "--json", "/sys/alr-test.json", "cannot write in /sys: permission denied"));
    }
    for (String cmd : List.of("search", "submit")) {
      cases.add(Arguments.of(cmd, "--checkpoint-dir", "{tmp}/afile", "{tmp}/afile is not a directory"));
      cases.add(Arguments.of(cmd, "--checkpoint-dir", "{tmp}/afile/cp", "{tmp}/afile is not a directory"));
      cases.add(Arguments.of(cmd, "--checkpoint-dir", "/proc/alr-test-cp",
          "cannot create /proc/alr-test-cp: no such file or directory"));
      cases.add(Arguments.of(cmd, "--checkpoint-dir", "/sys/alr-test-cp",
          "~cannot create /sys/alr-test-cp: (permission denied|operation not permitted)"));
    }
    cases.add(Arguments.of("bench", "--out", "{tmp}/afile", "{tmp}/afile is not a directory"));
    cases.add(Arguments.of("bench", "--out", "{tmp}/afile/out", "{tmp}/afile is not a directory"));
    cases.add(Arguments.of("bench", "--out", "/sys/alr-test-out", "~cannot create /sys/alr-test-out: (permission denied|operation not permitted)"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("badOutputs")
  void anUnwritableOutputIsRefusedBeforeTraining(String cmd, String flag, String path, String cause)
      throws IOException {
    assumeTrue(!path.startsWith("/proc") || Files.isDirectory(Path.of("/proc")), "no /proc here");
    assumeTrue(!path.startsWith("/sys") || refusesNewFiles(Path.of("/sys")), "/sys accepts new files here");
    Files.writeString(tmp.resolve("afile"), "a file");
    String p = path.replace("{tmp}", tmp.toString());
    List<String> args = command(cmd);
    args.addAll(List.of(flag, p));

    CliRun r = run(args);

    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    String prefix = "alr " + cmd + ": " + flag + " " + p + ": ";
    String expected = cause.startsWith("~") ? Pattern.quote(prefix) + cause.substring(1)
        : Pattern.quote(prefix + cause.replace("{tmp}", tmp.toString()));
    assertTrue(lines.get(0).matches(expected), lines.get(0));
    assertFalse(r.out().contains("epoch"), "nothing trained: " + r.out());
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("afile"), s.map(f -> f.getFileName().toString()).toList(), "nothing written");
    }
  }

  /** Whether creating a file in {@code dir} fails (sysfs refuses even root). */
  private static boolean refusesNewFiles(Path dir) {
    Path f = dir.resolve("alr-assume-" + ProcessHandle.current().pid());
    try {
      Files.createFile(f);
      Files.delete(f);
      return false;
    } catch (IOException e) {
      return Files.isDirectory(dir);
    }
  }

  /** Runs {@code chattr flag file}; false when it is missing or not permitted. */
  private static boolean chattr(String flag, Path file) throws InterruptedException {
    try {
      return new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void anImmutableJsonTargetIsRefused() throws IOException, InterruptedException {
    Path json = Files.writeString(tmp.resolve("r.json"), "kept");
    boolean immutable = chattr("+i", json);
    if (!immutable) {
      assumeTrue(json.toFile().setWritable(false) && !Files.isWritable(json),
          "neither chattr +i nor a read-only mode stops this user");
    }
    try {
      List<String> args = command("search");
      args.addAll(List.of("--json", json.toString()));
      CliRun r = run(args);
      assertEquals(Main.BAD_INPUT, r.code(), r.err());
      assertEquals(List.of("alr search: --json " + json + ": " + json + " is not writable (read-only or immutable)"),
          r.err().lines().toList());
      assertEquals("kept", Files.readString(json));
    } finally {
      if (immutable) {
        chattr("-i", json);
      }
      json.toFile().setWritable(true);
    }
  }

  @Test
  void aCheckpointDirectoryHoldingACheckpointIsRefusedWithoutOverwriteOrResume() throws IOException {
    Path cp = Files.createDirectories(tmp.resolve("cp"));
    Files.createDirectories(cp.resolve("epoch-0002"));
    Files.writeString(cp.resolve("LATEST"), "epoch-0002\n");
    Path json = tmp.resolve("r.json");
    List<String> args = command("search");
    args.addAll(List.of("--checkpoint-dir", cp.toString(), "--json", json.toString()));

    CliRun r = run(args);

    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertEquals(List.of("alr search: --checkpoint-dir " + cp + ": holds a checkpoint (epoch-0002); pass --resume to"
        + " continue it or --overwrite to replace it"), r.err().lines().toList());
    assertEquals("", r.out(), "refused before the run prints anything");
    assertFalse(Files.exists(json));
    assertFalse(Files.exists(cp.resolve(".lock")));
    assertTrue(Files.isDirectory(cp.resolve("epoch-0002")), "the checkpoint is untouched");
  }

  @Test
  void aCheckpointDirectoryInUseByAnotherRunIsRefused() throws IOException {
    Path cp = Files.createDirectories(tmp.resolve("cp"));
    long pid = ProcessHandle.current().pid();
    Files.writeString(cp.resolve(".lock"), pid + " another-run\n");
    List<String> args = command("search");
    args.addAll(List.of("--checkpoint-dir", cp.toString()));

    CliRun r = run(args);

    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertEquals(List.of("alr search: --checkpoint-dir " + cp + ": in use by another run (pid " + pid + ", "
        + cp.resolve(".lock") + "); wait for it to end or choose another directory"), r.err().lines().toList());
    assertEquals("", r.out(), "refused before the run prints anything");
    assertEquals(pid + " another-run\n", Files.readString(cp.resolve(".lock")), "the other run's lock is kept");
  }

  @Test
  void overwriteWithResumeIsRefused() {
    List<String> args = command("search");
    args.addAll(List.of("--checkpoint-dir", tmp.resolve("cp").toString(), "--resume", "--overwrite"));
    CliRun r = run(args);
    assertEquals(Main.BAD_INPUT, r.code(), r.err());
    assertEquals(List.of("alr search: --overwrite: needs --checkpoint-dir DIR and no --resume"),
        r.err().lines().toList());
    assertFalse(Files.exists(tmp.resolve("cp")));
  }

  @Test
  void aResultThatCannotBeWrittenAtTheEndIsSavedElsewhereAndFailsTheRun() throws IOException {
    Path dir = Files.writeString(tmp.resolve("was-a-dir"), "replaced by a file during the run");
    Path json = dir.resolve("r.json");
    RunFailedException e = org.junit.jupiter.api.Assertions.assertThrows(RunFailedException.class,
        () -> Outputs.write("--json", json, "{\"result\": 1}\n"));
    String m = e.getMessage();
    assertTrue(m.startsWith("--json: cannot write " + json + ": "), m);
    Path rescued = Path.of(m.substring(m.indexOf("saved in ") + 9, m.lastIndexOf(" instead")));
    try {
      assertEquals("{\"result\": 1}\n", Files.readString(rescued));
    } finally {
      Files.deleteIfExists(rescued);
    }
  }
}
