package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.spi.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed after an epoch and resumed from its checkpoint ends exactly like an uninterrupted run. */
class ResumeTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 5)
      .withHidden(List.of(24)).withLimit(1200).withBatchSize(40);

  @TempDir
  Path tmp;

  private Alr search(Path dir, int workers) {
    return Alr.search(WORKLOAD).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.2).epochs(3).workers(workers)
        .checkpoints(dir).executor(new ActorExecutor());
  }

  @Test
  void resumedRunEqualsTheUninterruptedRun() throws Exception {
    Path full = tmp.resolve("full");
    SearchResult uninterrupted = search(full, 2).run();

    Path crashed = tmp.resolve("crashed");
    SearchListener crashAfterEpoch2 = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        if (e.epoch() == 2) {
          throw new IllegalStateException("simulated crash after epoch 2");
        }
      }
    };
    SearchFailedException crash = assertThrows(SearchFailedException.class,
        () -> search(crashed, 2).listener(crashAfterEpoch2).run());
    assertTrue(crash.getMessage().contains("simulated crash after epoch 2"), crash.getMessage());
    assertEquals("epoch-0002", Files.readString(crashed.resolve("LATEST")).trim());
    Path sameWorkers = tmp.resolve("same-workers");
    copyTree(crashed, sameWorkers);

    SearchResult resumed = search(crashed, 3).resume(true).run();
    DeterminismTest.assertSameSearch(uninterrupted, resumed, "resumed");
    assertEquals(uninterrupted.candidateEpochs(), resumed.candidateEpochs());
    DeterminismTest.assertSameFinalWeights(full, crashed);

    SearchResult resumedSame = search(sameWorkers, 2).resume(true).run();
    DeterminismTest.assertSameSearch(uninterrupted, resumedSame, "resumed on as many workers");
    assertEquals(uninterrupted.bytesCopied(), resumedSame.bytesCopied(), "bytes copied, resumed on as many workers");
    assertTrue(uninterrupted.bytesCopied() > 0);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  @Test
  void resumeRefusesAnotherConfiguration() {
    Path dir = tmp.resolve("other");
    search(dir, 1).epochs(1).run();
    SearchException e = assertThrows(SearchException.class, () -> search(dir, 1).epochs(1).lr(0.3).resume(true).run());
    assertTrue(e.getMessage().startsWith("--resume: checkpoint"), e.getMessage());
    assertFalse(e instanceof SearchFailedException, "a refused checkpoint is bad input, not a run-time failure");
  }
}
