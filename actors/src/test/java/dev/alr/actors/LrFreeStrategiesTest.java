package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchException;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.Termination;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The learning-rate-free strategies through the public API on the actors: the same result, final
 * weights and optimizer state for 1 and 2 workers as the single-threaded reference executor, they
 * learn, and a run resumed from its checkpoint ends like the uninterrupted one.
 */
class LrFreeStrategiesTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 11)
      .withHidden(List.of(32)).withLimit(1500).withBatchSize(25);

  @TempDir
  Path tmp;

  private static Strategy strategy(String name) {
    return switch (name) {
      case "schedule-free" -> Strategies.scheduleFree(0.9);
      case "dog" -> Strategies.dog(1e-4);
      default -> Strategies.adam();
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"schedule-free", "dog", "adam"})
  void oneAndTwoWorkersMatchTheReferenceBitForBit(String name) throws IOException {
    Strategy s = strategy(name);
    Path refDir = tmp.resolve("ref");
    SearchResult reference = new LocalExecutor(Workloads::factory).run(
        new SearchConfig(WORKLOAD, s, 0.1, 3, 1, true), new RunOptions(refDir, false), SearchListener.NONE);
    assertEquals(Termination.COMPLETED, reference.termination());
    assertTrue(reference.finalTest().accuracy() > 0.2, name + " learns above chance (0.1): " + reference.finalTest());
    for (int w = 1; w <= 2; w++) {
      Path dir = tmp.resolve("w" + w);
      SearchResult r = Alr.search(WORKLOAD).strategy(s).lr(0.1).epochs(3).workers(w).checkpoints(dir)
          .executor(new ActorExecutor()).run();
      DeterminismTest.assertSameSearch(reference, r, name + ", workers=" + w);
      assertEquals(reference.finalTest(), r.finalTest(), name + ", workers=" + w);
      DeterminismTest.assertSameFinalWeights(refDir, dir);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"schedule-free", "dog"})
  void aRunResumedFromItsCheckpointEndsLikeTheUninterruptedOne(String name) throws Exception {
    Strategy s = strategy(name);
    Path full = tmp.resolve("full");
    SearchResult uninterrupted = Alr.search(WORKLOAD).strategy(s).lr(0.1).epochs(3).workers(1).checkpoints(full)
        .executor(new ActorExecutor()).run();
    Path crashed = tmp.resolve("crashed");
    SearchListener crashAfterEpoch2 = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        if (e.epoch() == 2) {
          throw new IllegalStateException("simulated crash after epoch 2");
        }
      }
    };
    assertThrows(SearchException.class, () -> Alr.search(WORKLOAD).strategy(s).lr(0.1).epochs(3).workers(1)
        .checkpoints(crashed).executor(new ActorExecutor()).listener(crashAfterEpoch2).run());
    SearchResult resumed = Alr.search(WORKLOAD).strategy(s).lr(0.1).epochs(3).workers(2).checkpoints(crashed)
        .resume(true).executor(new ActorExecutor()).run();
    DeterminismTest.assertSameSearch(uninterrupted, resumed, name + " resumed");
    assertEquals(uninterrupted.finalTest(), resumed.finalTest(), name + " resumed");
    DeterminismTest.assertSameFinalWeights(full, crashed);
  }
}
