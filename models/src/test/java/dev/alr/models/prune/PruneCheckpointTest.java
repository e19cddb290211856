package dev.alr.models.prune;

import dev.alr.engine.prune.PruneRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.SearchException;
import dev.alr.engine.prune.BeamPolicy;
import dev.alr.engine.prune.CycleSchedule;
import dev.alr.engine.prune.PrunePolicy;
import dev.alr.engine.prune.SiloCurve;
import dev.alr.engine.prune.SiloPolicy;
import dev.alr.engine.run.CheckpointStore;
import dev.alr.engine.run.OutputFiles;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-cycle checkpoints of a pruning run on tiny synthetic data: a run interrupted after a cycle
 * and resumed equals the uninterrupted run bit for bit (records and the final lines' parameters,
 * masks and updater states), for silo with a rewind-epoch reset and for alr with two beams, also
 * when the latest cycle is corrupt (the previous one is resumed); a
 * checkpoint of another configuration or an empty directory is refused.
 */
class PruneCheckpointTest {
  private static final WorkloadSpec SPEC = WorkloadSpec.of("mlp", "synthetic", 5).withUpdater("momentum", 0.9)
      .withLimit(400).withVal(100).withBatchSize(50).withHidden(List.of(32, 16));

  @TempDir
  Path tmp;

  /** Thrown by the callback to simulate the process dying after a cycle's checkpoint. */
  private static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static PruneRunConfig config(PrunePolicy policy, int cycleEpochs, PruneCriterion criterion, ResetMode reset,
                                       int workers) {
    return new PruneRunConfig(SPEC, policy, 3, 0.3, cycleEpochs, criterion, reset, CycleSchedule.SILO, workers);
  }

  private static PruneRunConfig silo(int workers) {
    return config(new SiloPolicy(new SiloCurve(0.02, 0.03, 5, 1), 0.3), 2, PruneCriterion.WEIGHT_CHANGE,
        ResetMode.parse("rewind-epoch 1"), workers);
  }

  private static PruneRunConfig alr(int workers) {
    return config(new BeamPolicy(0.02, 2, List.of(0.5, 2.0)), 1, PruneCriterion.MAGNITUDE, ResetMode.REWIND_INIT,
        workers);
  }

  private static List<PruneRecord> run(PruneRunConfig config, Path dir, boolean resume, Consumer<PruneRecord> each)
      throws InterruptedException {
    CheckpointStore store = new CheckpointStore(dir);
    try (CheckpointStore.Claim claim = store.claim(resume, false)) {
      return new PruneRun(config).run(each, PruneCheckpoint.open(store, config, resume));
    }
  }

  private static Consumer<PruneRecord> crashAt(int cycle) {
    return r -> {
      if (r.cycle() == cycle) {
        throw new Crash();
      }
    };
  }

  private static PruneCheckpoint.Restored latest(PruneRunConfig config, Path dir) {
    return PruneCheckpoint.open(new CheckpointStore(dir), config, true).restored().orElseThrow();
  }

  /** Returns the uninterrupted run's records. */
  private List<PruneRecord> resumedEqualsUninterrupted(PruneRunConfig config, PruneRunConfig resumedConfig, int survivors)
      throws InterruptedException, IOException {
    Path full = tmp.resolve("full");
    List<PruneRecord> uninterrupted = run(config, full, false, r -> { });
    Path dir = tmp.resolve("cut");
    assertThrows(Crash.class, () -> run(config, dir, false, crashAt(1)));
    assertEquals("cycle-0001", Files.readString(dir.resolve("LATEST"), StandardCharsets.UTF_8).trim());
    assertEquals(1, latest(config, dir).cycle());
    List<PruneRecord> streamed = new ArrayList<>();
    List<PruneRecord> resumed = run(resumedConfig, dir, true, streamed::add);
    assertEquals(uninterrupted, resumed);
    assertEquals(uninterrupted, streamed, "the restored records are reported too");
    PruneCheckpoint.Restored a = latest(config, full);
    PruneCheckpoint.Restored b = latest(config, dir);
    assertEquals(3, b.cycle());
    assertEquals(a.state(), b.state());
    assertEquals(survivors, a.lines().size());
    assertEquals(a.lines().keySet(), b.lines().keySet());
    for (Map.Entry<Integer, PruneCheckpoint.LineState> e : a.lines().entrySet()) {
      PruneCheckpoint.LineState x = e.getValue();
      PruneCheckpoint.LineState y = b.lines().get(e.getKey());
      assertEquals(x.trained(), y.trained(), "line " + e.getKey() + ": parameters, updater state and mask");
      assertArrayEquals(x.trained().mask(), y.trained().mask());
      assertArrayEquals(x.rewindPoint(), y.rewindPoint());
      assertArrayEquals(x.epochStart(), y.epochStart());
      assertTrue(x.trained().mask().length > 0, "the final lines are pruned");
    }
    return uninterrupted;
  }

  @Test
  void siloWithRewindEpochResumedAfterCycleOneEqualsTheUninterruptedRun() throws Exception {
    resumedEqualsUninterrupted(silo(1), silo(1), 1);
    assertTrue(latest(silo(1), tmp.resolve("full")).lines().values().iterator().next().rewindPoint() != null,
        "the rewind point travels with the line");
  }

  @Test
  void alrWithTwoBeamsResumedOnAnotherWorkerCountEqualsTheUninterruptedRun() throws Exception {
    List<PruneRecord> uninterrupted = resumedEqualsUninterrupted(alr(1), alr(2), 2);
    assertEquals(2 + 4 + 4 + 4, uninterrupted.size());
    Path full = tmp.resolve("full");
    assertEquals(uninterrupted, run(alr(2), full, true, r -> { }), "a finished run resumes to its records");
    assertEquals("cycle-0003", Files.readString(full.resolve("LATEST"), StandardCharsets.UTF_8).trim());
  }

  @Test
  void aCorruptLatestCycleFallsBackToThePreviousOneAndStillEndsWhereTheUninterruptedRunEnds() throws Exception {
    Path dir = tmp.resolve("cp");
    List<PruneRecord> uninterrupted = run(silo(1), dir, false, r -> { });
    Path state;
    try (Stream<Path> files = Files.list(dir.resolve("cycle-0003"))) {
      state = files.filter(f -> f.getFileName().toString().matches("line-\\d+\\.state")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(state);
    bytes[bytes.length / 2] ^= 1;
    Files.write(state, bytes);
    List<String> notes = new ArrayList<>();
    CheckpointStore store = new CheckpointStore(dir, OutputFiles::create,
        CheckpointStore.Retry.DEFAULT, notes::add);
    PruneCheckpoint cp = PruneCheckpoint.open(store, silo(1), true);
    assertEquals(2, cp.restored().orElseThrow().cycle());
    assertEquals(List.of("alr: --resume: " + state + " is corrupt (checksum mismatch); resuming from "
        + dir.resolve("cycle-0002") + " instead"), notes);
    assertEquals(uninterrupted, new PruneRun(silo(1)).run(r -> { }, cp));
  }

  @Test
  void anotherConfigurationIsRefusedNamingTheFieldsThatDiffer() throws Exception {
    Path dir = tmp.resolve("cp");
    assertThrows(Crash.class, () -> run(alr(1), dir, false, crashAt(0)));
    PruneRunConfig other = config(new BeamPolicy(0.02, 2, List.of(0.5, 2.0)), 2, PruneCriterion.MAGNITUDE,
        ResetMode.REWIND_INIT, 1);
    SearchException e = assertThrows(SearchException.class,
        () -> PruneCheckpoint.open(new CheckpointStore(dir), other, true));
    assertEquals("--resume: checkpoint " + dir.resolve("cycle-0000") + " was written for another configuration: "
        + "cycleEpochs: checkpoint 1, now 2", e.getMessage());
  }

  @Test
  void aDirectoryWithoutCheckpointIsRefused() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    SearchException e = assertThrows(SearchException.class,
        () -> PruneCheckpoint.open(new CheckpointStore(dir), alr(1), true));
    assertTrue(e.getMessage().startsWith("--resume: no checkpoint in " + dir), e.getMessage());
    assertFalse(Files.exists(dir.resolve("LATEST")));
  }
}
