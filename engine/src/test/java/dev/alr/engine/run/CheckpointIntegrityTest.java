package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.Alr;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.ModelState;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are verified before use (checksums, lengths), a corrupt epoch falls back to the
 * previous intact one, writes survive a full disk, and a directory is used by one run at a time.
 */
class CheckpointIntegrityTest {
  @TempDir
  Path tmp;

  private static Alr search(int epochs) {
    return Alr.search(LocalExecutorTest.SPEC).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.05).epochs(epochs)
        .workers(2).executor(LocalExecutorTest.EXECUTOR);
  }

  /** Runs {@code body} with stderr captured; returns what it printed. */
  private static <T> String stderrOf(Supplier<T> body, List<T> result) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      result.add(body.get());
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  private static Path beamFile(Path epochDir) throws IOException {
    try (Stream<Path> s = Files.list(epochDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".state")).sorted().findFirst().orElseThrow();
    }
  }

  private static void flipByte(Path file, int offset) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[offset] ^= 0x10;
    Files.write(file, b);
  }

  /** Changes the first candidate's train loss in the first round of a round log. */
  private static void changeFirstLoss(Path rounds) throws IOException {
    byte[] b = Files.readAllBytes(rounds);
    ByteBuffer buf = ByteBuffer.wrap(b);
    int at = 4 + 4 + 8;
    boolean test = buf.get(at) == 1;
    at += 1 + (test ? 20 : 0) + 4 + 4;
    buf.putDouble(at, buf.getDouble(at) * 0.5);
    Files.write(rounds, b);
  }

  // --- a corrupt file is refused, naming it; --resume falls back to the previous intact epoch

  @Test
  void flippedByteInAStateIsRefusedNamingTheFile() throws IOException {
    Path dir = tmp.resolve("cp");
    search(1).checkpoints(dir).run();
    Path state = beamFile(dir.resolve("epoch-0001"));
    flipByte(state, (int) Files.size(state) - 5);
    SearchException e = assertThrows(SearchException.class, () -> search(1).checkpoints(dir).resume(true).run());
    assertEquals("--resume: " + state + " is corrupt (checksum mismatch)", e.getMessage());
  }

  @Test
  void changedLossInTheRoundLogIsRefused() throws IOException {
    Path dir = tmp.resolve("cp");
    search(1).checkpoints(dir).run();
    Path rounds = dir.resolve("epoch-0001/rounds.bin");
    changeFirstLoss(rounds);
    SearchException e = assertThrows(SearchException.class, () -> search(1).checkpoints(dir).resume(true).run());
    assertEquals("--resume: " + rounds + " is corrupt (checksum mismatch)", e.getMessage());
  }

  @Test
  void corruptLatestEpochFallsBackToThePreviousAndEndsLikeTheUninterruptedRun() throws IOException {
    SearchResult uninterrupted = search(3).checkpoints(tmp.resolve("full")).run();
    Path dir = tmp.resolve("cp");
    search(3).checkpoints(dir).run();
    Path state = beamFile(dir.resolve("epoch-0003"));
    flipByte(state, 40);

    List<SearchResult> out = new ArrayList<>();
    String err = stderrOf(() -> search(3).checkpoints(dir).resume(true).run(), out);

    assertTrue(err.contains(state + " is corrupt (checksum mismatch)"), err);
    assertTrue(err.contains("resuming from " + dir.resolve("epoch-0002")), err);
    assertEquals(1, err.lines().count(), err);
    assertEquals(RunResults.strip(uninterrupted), RunResults.strip(out.get(0)));
    assertEquals("epoch-0003", Files.readString(dir.resolve("LATEST")).trim());
  }

  @Test
  void changedLossInTheLatestEpochFallsBackToThePrevious() throws IOException {
    SearchResult uninterrupted = search(3).run();
    Path dir = tmp.resolve("cp");
    search(3).checkpoints(dir).run();
    changeFirstLoss(dir.resolve("epoch-0003/rounds.bin"));
    List<SearchResult> out = new ArrayList<>();
    String err = stderrOf(() -> search(3).checkpoints(dir).resume(true).run(), out);
    assertTrue(err.contains("rounds.bin is corrupt"), err);
    assertEquals(RunResults.strip(uninterrupted), RunResults.strip(out.get(0)));
  }

  @Test
  void whenNoEpochIsIntactTheNewestCorruptFileIsNamed() throws IOException {
    Path dir = tmp.resolve("cp");
    search(3).checkpoints(dir).run();
    Path rounds3 = dir.resolve("epoch-0003/rounds.bin");
    Files.write(rounds3, java.util.Arrays.copyOf(Files.readAllBytes(rounds3), 20));
    flipByte(beamFile(dir.resolve("epoch-0002")), 30);
    SearchException e = assertThrows(SearchException.class, () -> search(3).checkpoints(dir).resume(true).run());
    assertTrue(e.getMessage().startsWith("--resume: " + rounds3 + " is corrupt (truncated"), e.getMessage());
    assertTrue(e.getMessage().endsWith("no older checkpoint is intact"), e.getMessage());
  }

  @Test
  void corruptLatestPointerFallsBackToTheNewestIntactEpoch() throws IOException {
    Path dir = tmp.resolve("cp");
    SearchResult first = search(3).checkpoints(dir).run();
    Files.writeString(dir.resolve("LATEST"), "../elsewhere\n");
    List<SearchResult> out = new ArrayList<>();
    String err = stderrOf(() -> search(3).checkpoints(dir).resume(true).run(), out);
    assertTrue(err.contains("LATEST is corrupt") && err.contains("resuming from " + dir.resolve("epoch-0003")), err);
    assertEquals(RunResults.strip(first), RunResults.strip(out.get(0)));
  }

  @Test
  void hugeFloatCountBehindValidChecksumsIsRefusedWithoutAllocating() throws IOException {
    Path dir = tmp.resolve("cp");
    search(1).checkpoints(dir).run();
    Path cp = dir.resolve("epoch-0001");
    Path state = beamFile(cp);
    byte[] b = Files.readAllBytes(state);
    int archLength = ((b[8] & 0xff) << 8) | (b[9] & 0xff);
    ByteBuffer.wrap(b).putInt(4 + 4 + 2 + archLength + 8, 0x40000000);
    Files.write(state, b);
    reseal(cp, state.getFileName().toString(), b);

    SearchException e = assertThrows(SearchException.class, () -> search(1).checkpoints(dir).resume(true).run());
    assertTrue(e.getMessage().startsWith("--resume: " + state + " is corrupt (corrupt model state (length "
        + 0x40000000), e.getMessage());
  }

  @Test
  void hugeRoundCountIsRefusedWithoutAllocating() {
    ByteBuffer b = ByteBuffer.allocate(12).putInt(0x414C5252).putInt(0x7FFFFFF0).putInt(0);
    IOException e = assertThrows(IOException.class, () -> CheckpointStore.readRounds(b.flip()));
    assertTrue(e.getMessage().contains("count 2147483632 does not fit"), e.getMessage());
  }

  /** Rewrites the manifest's size, CRC and own checksum for a tampered file, as an attacker could. */
  private static void reseal(Path cp, String file, byte[] bytes) throws IOException {
    Path manifest = cp.resolve("manifest.json");
    ObjectNode m = (ObjectNode) new ObjectMapper().readTree(manifest.toFile());
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    ((ObjectNode) m.get("files")).put(file, bytes.length + ":" + Long.toHexString(crc.getValue()));
    m.put("checksum", CheckpointStore.checksumOf(m));
    Files.writeString(manifest, m.toPrettyString());
  }

  @Test
  void aConfigurationMismatchNamesEachDifferentField() {
    Path dir = tmp.resolve("cp");
    search(2).checkpoints(dir).run();
    SearchException e = assertThrows(SearchException.class,
        () -> search(3).lr(0.1).checkpoints(dir).resume(true).run());
    assertEquals("--resume: checkpoint " + dir.resolve("epoch-0002") + " was written for another configuration: "
        + "lr: checkpoint 0.05, now 0.1; epochs: checkpoint 2, now 3", e.getMessage());
  }

  @Test
  void nestedFieldsAreComparedOneByOne() {
    SearchConfig was = new SearchConfig(dev.alr.engine.spi.WorkloadSpec.of("mlp", "synthetic", 1),
        Strategies.beam(2, 0.5, 1, 2), 0.05, 2, 1, true);
    SearchConfig now = new SearchConfig(dev.alr.engine.spi.WorkloadSpec.of("mlp", "synthetic", 2),
        Strategies.beam(3, 0.5, 1, 2), 0.05, 2, 4, false);
    assertEquals("workload.seed: checkpoint 1, now 2; strategy.search.beams: checkpoint 2, now 3",
        CheckpointStore.differences(CheckpointStore.configTree(was), CheckpointStore.configTree(now)));
    assertEquals("", CheckpointStore.differences(CheckpointStore.configTree(was),
        CheckpointStore.configTree(was.withWorkers(8))), "the worker count is not part of the configuration");
  }

  @Test
  void aFormat2CheckpointIsRefusedNamingWhatToDo() throws IOException {
    Path dir = tmp.resolve("cp");
    search(2).checkpoints(dir).run();
    Path cp = dir.resolve("epoch-0002");
    Files.move(cp.resolve("manifest.json"), cp.resolve("manifest.properties"));
    SearchException e = assertThrows(SearchException.class, () -> search(2).checkpoints(dir).resume(true).run());
    assertEquals("--resume: " + cp + " is checkpoint format 2, from an older alr; this build reads format 3: rerun "
        + "without --resume, or with --overwrite to replace it", e.getMessage());
  }

  // --- writes: full disk, stale temporaries

  private static final ModelState STATE = new ModelState(ModelState.FORMAT_VERSION, "q", new float[5000],
      new float[0], 7);
  private static final List<RoundLog> ROUNDS = List.of(new RoundLog(
      List.of(new CandidateResult(1, 0.5, Double.NaN, 0.05, 1.0, "w", 10, 0, 0)), 1.0, null));

  /** A file sink whose {@code .state} files fail with ENOSPC after 100 bytes, {@code failures} times (-1: always). */
  private static final class FullDisk implements CheckpointStore.FileSink {
    private int failures;

    FullDisk(int failures) {
      this.failures = failures;
    }

    @Override
    public OutputStream create(Path file) throws IOException {
      OutputStream real = OutputFiles.create(file);
      if (failures == 0 || !file.getFileName().toString().endsWith(".state")) {
        return real;
      }
      return new FilterOutputStream(real) {
        private long written;

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (written + len > 100) {
            if (failures > 0) {
              failures--;
            }
            throw new IOException("No space left on device");
          }
          written += len;
          out.write(b, off, len);
        }
      };
    }
  }

  private CheckpointStore store(Path dir, CheckpointStore.FileSink sink, List<String> notes) {
    return new CheckpointStore(dir, sink, new CheckpointStore.Retry(3, Duration.ZERO, Duration.ofMinutes(1)),
        notes::add);
  }

  @Test
  void aFullDiskOnceIsRetriedAndTheEpochIsSaved() throws IOException {
    Path dir = tmp.resolve("cp");
    SearchConfig config = search(3).config();
    List<String> notes = new ArrayList<>();
    store(dir, OutputFiles::create, notes).write(config, 1, ROUNDS, Map.of(1, STATE));
    store(dir, new FullDisk(1), notes).write(config, 2, ROUNDS, Map.of(2, STATE));

    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("no space left on device writing " + dir.resolve("epoch-0002/beam-2.state")),
        notes.get(0));
    CheckpointStore.Checkpoint cp = store(dir, OutputFiles::create, notes).readLatest(config);
    assertEquals(2, cp.epoch());
    assertEquals(Map.of(2, STATE), cp.states());
    assertEquals(List.of(), temporaries(dir));
  }

  @Test
  void aFullDiskThatStaysFullFailsWithTheCauseAndKeepsThePreviousEpoch() throws IOException {
    Path dir = tmp.resolve("cp");
    SearchConfig config = search(3).config();
    List<String> notes = new ArrayList<>();
    store(dir, OutputFiles::create, notes).write(config, 1, ROUNDS, Map.of(1, STATE));
    SearchFailedException e = assertThrows(SearchFailedException.class,
        () -> store(dir, new FullDisk(-1), notes).write(config, 2, ROUNDS, Map.of(2, STATE)));

    assertEquals("--checkpoint-dir: no space left on device writing " + dir.resolve("epoch-0002/beam-2.state")
        + "; epoch 2 is not saved; the previous checkpoint " + dir.resolve("epoch-0001")
        + " is intact (--resume continues from it)", e.getMessage());
    assertEquals(2, notes.size(), "two retries before giving up: " + notes);
    assertEquals("epoch-0001", Files.readString(dir.resolve("LATEST")).trim());
    assertFalse(Files.exists(dir.resolve("epoch-0002")));
    assertEquals(List.of(), temporaries(dir), "failed attempts leave no temporary directory");
    CheckpointStore.Checkpoint cp = store(dir, OutputFiles::create, notes).readLatest(config);
    assertEquals(1, cp.epoch());
    assertEquals(Map.of(1, STATE), cp.states());
  }

  @Test
  void aStateStagedByItsWorkerIsLinkedIntoTheSameCheckpointAsOneWrittenFromMemory() throws IOException {
    Path memory = tmp.resolve("memory");
    Path shared = tmp.resolve("shared");
    SearchConfig config = search(3).config();
    List<String> notes = new ArrayList<>();
    store(memory, OutputFiles::create, notes).write(config, 2, ROUNDS, Map.of(2, STATE));
    CheckpointStore.StagedState staged = CheckpointStore.stage(shared, 2, STATE);
    assertEquals(shared.resolve(CheckpointStore.STAGED).resolve("beam-2.state"), staged.file());
    store(shared, OutputFiles::create, notes).write(config, 2, ROUNDS,
        List.of(new CheckpointStore.BeamState(2, null, staged)));

    for (String f : List.of("beam-2.state", "rounds.bin", "manifest.json")) {
      assertArrayEquals(Files.readAllBytes(memory.resolve("epoch-0002").resolve(f)),
          Files.readAllBytes(shared.resolve("epoch-0002").resolve(f)), f);
    }
    assertEquals(Map.of(2, STATE), store(shared, OutputFiles::create, notes).readLatest(config).states());

    CheckpointStore.StagedState next = CheckpointStore.stage(shared, 3, STATE);
    store(shared, OutputFiles::create, notes).write(config, 3, ROUNDS,
        List.of(new CheckpointStore.BeamState(3, null, next)));
    assertFalse(Files.exists(staged.file()), "the staged state of a beam no longer kept is removed");
    assertTrue(Files.exists(next.file()));
    assertEquals(Map.of(3, STATE), store(shared, OutputFiles::create, notes).readLatest(config).states());
    assertEquals(List.of(), notes);
  }

  @Test
  void aMissingStagedStateFailsTheWriteAndKeepsThePreviousEpoch() throws IOException {
    Path dir = tmp.resolve("cp");
    SearchConfig config = search(3).config();
    List<String> notes = new ArrayList<>();
    store(dir, OutputFiles::create, notes).write(config, 1, ROUNDS, Map.of(1, STATE));
    CheckpointStore.StagedState staged = CheckpointStore.stage(dir, 2, STATE);
    Files.delete(staged.file());
    SearchFailedException e = assertThrows(SearchFailedException.class, () -> store(dir, OutputFiles::create, notes)
        .write(config, 2, ROUNDS, List.of(new CheckpointStore.BeamState(2, null, staged))));
    assertTrue(e.getMessage().contains("the staged state " + staged.file() + " is missing"), e.getMessage());
    assertEquals("epoch-0001", Files.readString(dir.resolve("LATEST")).trim());
  }

  @Test
  void stagedStatesAreRemovedWhenARunClaimsTheDirectory() throws IOException {
    Path dir = tmp.resolve("cp");
    search(1).checkpoints(dir).run();
    CheckpointStore.stage(dir, 9, STATE);
    search(1).checkpoints(dir).resume(true).run();
    assertFalse(Files.exists(dir.resolve(CheckpointStore.STAGED)));
  }

  @Test
  void staleTemporariesAreRemovedWhenARunClaimsTheDirectory() throws IOException {
    Path dir = tmp.resolve("cp");
    search(1).checkpoints(dir).run();
    Path stale = Files.createDirectories(dir.resolve(".tmp-epoch-0002-12345"));
    Files.write(stale.resolve("beam-4.state"), new byte[1000]);
    Files.writeString(dir.resolve(".LATEST.abc.tmp"), "epoch-0002\n");
    search(1).checkpoints(dir).resume(true).run();
    assertEquals(List.of(), temporaries(dir));
  }

  private static List<String> temporaries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  // --- one run per directory; no silent overwrite

  @Test
  void aSecondRunOnALockedDirectoryIsRefusedUntilTheFirstEnds() throws IOException {
    Path dir = tmp.resolve("cp");
    try (CheckpointStore.Claim first = new CheckpointStore(dir).claim(false, false)) {
      String lock = Files.readString(dir.resolve(CheckpointStore.LOCK));
      assertTrue(lock.startsWith(ProcessHandle.current().pid() + " "), lock);
      SearchException e = assertThrows(SearchException.class, () -> search(1).checkpoints(dir).run());
      assertEquals("--checkpoint-dir " + dir + ": in use by another run (pid " + ProcessHandle.current().pid()
          + ", " + dir.resolve(".lock") + "); wait for it to end or choose another directory", e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve(CheckpointStore.LOCK)), "released");
    search(1).checkpoints(dir).run();
    assertFalse(Files.exists(dir.resolve(CheckpointStore.LOCK)), "released after the run");
  }

  @Test
  void aLockOfAProcessThatIsGoneIsTakenOverSayingSo() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("cp"));
    long dead = 999_999_999L;
    assertFalse(ProcessHandle.of(dead).isPresent());
    Files.writeString(dir.resolve(CheckpointStore.LOCK), dead + " someone\n");
    List<String> notes = new ArrayList<>();
    try (CheckpointStore.Claim c = store(dir, OutputFiles::create, notes).claim(false, false)) {
      assertTrue(Files.readString(dir.resolve(CheckpointStore.LOCK)).startsWith(ProcessHandle.current().pid() + " "));
    }
    assertEquals(List.of("alr: taking over the stale lock " + dir.resolve(".lock") + " (pid " + dead
        + " is not running)"), notes);
  }

  @Test
  void startingWithoutResumeOnAnExistingCheckpointIsRefusedUnlessOverwrite() throws IOException {
    Path dir = tmp.resolve("cp");
    search(3).checkpoints(dir).run();
    byte[] before = Files.readAllBytes(dir.resolve("epoch-0003/rounds.bin"));
    SearchException e = assertThrows(SearchException.class, () -> search(3).checkpoints(dir).run());
    assertEquals("--checkpoint-dir " + dir + ": holds a checkpoint (epoch-0003); pass --resume to continue it or"
        + " --overwrite to replace it", e.getMessage());
    assertEquals(java.util.Arrays.toString(before),
        java.util.Arrays.toString(Files.readAllBytes(dir.resolve("epoch-0003/rounds.bin"))), "untouched");

    List<SearchResult> out = new ArrayList<>();
    String err = stderrOf(() -> search(1).checkpoints(dir).overwrite(true).run(), out);
    assertTrue(err.contains("--overwrite: removing"), err);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("LATEST", "epoch-0001"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
