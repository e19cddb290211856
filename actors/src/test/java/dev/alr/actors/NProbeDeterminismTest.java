package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.NProbeSettings;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * N-probe (the default rex rule and the seed's paper rule) on a real MLP through the actor
 * workers: 1 and 2 workers give bit-identical losses, LR traces, probe losses and final weights,
 * the same as the single-threaded reference.
 */
class NProbeDeterminismTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 5)
      .withHidden(List.of(32)).withLimit(1200).withBatchSize(40);

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"defaults", "paper"})
  void oneAndTwoWorkersMatchTheReferenceBitForBit(String settings) throws IOException {
    Strategy strategy = new Strategies.NProbe("paper".equals(settings) ? NProbeSettings.paper() : NProbeSettings.defaults());
    Path referenceDir = tmp.resolve("ref");
    SearchResult reference = new LocalExecutor(Workloads::factory).run(
        new SearchConfig(WORKLOAD, strategy, 0.05, 3, 1, true), new RunOptions(referenceDir, false), SearchListener.NONE);
    assertEquals(Termination.COMPLETED, reference.termination(), reference.message());
    List<CandidateRecord> refRows = rows(reference);
    assertTrue(refRows.stream().allMatch(c -> !c.lrTrace().isEmpty() && !c.probes().isEmpty()), "traces recorded");
    assertFalse(refRows.get(0).lrTrace().get(0).lr() == refRows.get(2).lrTrace().get(0).lr(), "the LR moved");
    for (int w = 1; w <= 2; w++) {
      Path dir = tmp.resolve("w" + w);
      SearchResult r = Alr.search(WORKLOAD).strategy(strategy).lr(0.05).epochs(3).workers(w)
          .checkpoints(dir).executor(new ActorExecutor()).run();
      DeterminismTest.assertSameSearch(reference, r, "workers=" + w);
      List<CandidateRecord> rows = rows(r);
      for (int k = 0; k < rows.size(); k++) {
        assertEquals(refRows.get(k).endLr(), rows.get(k).endLr(), "end LR, workers=" + w);
        assertEquals(refRows.get(k).lrTrace(), rows.get(k).lrTrace(), "LR trace, workers=" + w);
        assertEquals(refRows.get(k).probes(), rows.get(k).probes(), "probes, workers=" + w);
      }
      DeterminismTest.assertSameFinalWeights(referenceDir, dir);
    }
  }

  private static List<CandidateRecord> rows(SearchResult r) {
    return r.epochs().stream().map(EpochRecord::candidates).flatMap(List::stream).toList();
  }
}
