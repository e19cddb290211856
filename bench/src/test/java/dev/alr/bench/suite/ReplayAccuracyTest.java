package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alr.engine.Alr;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's replay of an ALR path: with one beam the search's lineage is one model trained along
 * that path, so the replay must reproduce the search's test accuracy after every epoch exactly.
 */
class ReplayAccuracyTest {
  @Test
  void replayOfAOneBeamPathGivesTheSearchsAccuracyExactly() {
    WorkloadSpec w = WorkloadSpec.of("mlp", "synthetic", 3).withLimit(256).withBatchSize(64);
    SearchResult search = Alr.search(w).strategy(Strategies.beam(1, Cell.FACTORS)).lr(0.05).epochs(3).workers(1)
        .evalEachEpoch(true).executor(new LocalExecutor(Workloads::factory)).run();
    List<Double> expected = new ArrayList<>();
    for (EpochRecord e : search.epochs()) {
      if (e.outcome() == EpochOutcome.ADVANCED) {
        expected.add(e.test().accuracy());
      }
    }
    assertEquals(3, expected.size(), "the search advanced every epoch");
    List<Double> replay = CellRunner.replay(w, search, new LocalExecutor(Workloads::factory));
    assertEquals(expected, replay, "one beam: replaying the path is training the same model");
    assertEquals(replay, CellRunner.replay(w, search, new LocalExecutor(Workloads::factory)), "deterministic");
  }
}
