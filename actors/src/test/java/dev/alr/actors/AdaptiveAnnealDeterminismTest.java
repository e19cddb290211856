package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Termination;
import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALR with an adaptive factor span and cosine annealing in the last epoch, on a real MLP: 1, 2 and
 * 3 actor workers give bit-identical losses, spans, beams and final weights, the same as the
 * single-threaded reference.
 */
class AdaptiveAnnealDeterminismTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 11)
      .withHidden(List.of(32)).withLimit(1500).withBatchSize(50);
  private static final Strategy STRATEGY =
      Strategies.alr(BeamSearch.adaptive(2, FactorSpan.defaults()), new Anneal(Anneal.Shape.COSINE, 1));

  @TempDir
  Path tmp;

  @Test
  void oneTwoAndThreeWorkersMatchTheReferenceBitForBit() throws IOException {
    Path referenceDir = tmp.resolve("ref");
    SearchResult reference = new LocalExecutor(Workloads::factory).run(
        new SearchConfig(WORKLOAD, STRATEGY, 0.01, 3, 1, true), new RunOptions(referenceDir, false), SearchListener.NONE);
    assertEquals(Termination.COMPLETED, reference.termination(), reference.message());
    List<Double> spans = reference.epochs().stream().map(EpochRecord::span).toList();
    assertEquals(2.0, spans.get(0));
    assertTrue(spans.stream().anyMatch(s -> s > 2.0), "the span must move for this test to mean anything: " + spans);
    reference.epochs().get(2).candidates().forEach(c -> assertTrue(c.endLr() < c.lr() / 10, "annealed: " + c));
    for (int w = 1; w <= 3; w++) {
      Path dir = tmp.resolve("w" + w);
      SearchResult r = Alr.search(WORKLOAD).strategy(STRATEGY).lr(0.01).epochs(3).workers(w)
          .checkpoints(dir).executor(new ActorExecutor()).run();
      DeterminismTest.assertSameSearch(reference, r, "workers=" + w);
      assertEquals(spans, r.epochs().stream().map(EpochRecord::span).toList(), "workers=" + w);
      for (int e = 0; e < 3; e++) {
        for (int k = 0; k < r.epochs().get(e).candidates().size(); k++) {
          assertEquals(reference.epochs().get(e).candidates().get(k).endLr(),
              r.epochs().get(e).candidates().get(k).endLr(), "end LR, workers=" + w);
        }
      }
      DeterminismTest.assertSameFinalWeights(referenceDir, dir);
    }
  }
}
