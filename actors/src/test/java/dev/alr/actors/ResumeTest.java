package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.spi.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    assertThrows(SearchException.class, () -> search(crashed, 2).listener(crashAfterEpoch2).run());
    assertEquals("epoch-0002", Files.readString(crashed.resolve("LATEST")).trim());

    SearchResult resumed = search(crashed, 3).resume(true).run();
    DeterminismTest.assertSameSearch(uninterrupted, resumed, "resumed");
    assertEquals(uninterrupted.candidateEpochs(), resumed.candidateEpochs());
    DeterminismTest.assertSameFinalWeights(full, crashed);
  }

  @Test
  void resumeRefusesAnotherConfiguration() {
    Path dir = tmp.resolve("other");
    search(dir, 1).epochs(1).run();
    SearchException e = assertThrows(SearchException.class, () -> search(dir, 1).epochs(1).lr(0.3).resume(true).run());
    assertTrue(e.getMessage().startsWith("--resume: checkpoint"), e.getMessage());
  }
}
