package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Successive halving ({@code --halving 3 --rungs 2}) through the actor executor on a real MLP, with
 * sub-epoch rounds and annealing: 1200 samples in batches of 40 are 30 batches an epoch, rounds of
 * 15, whose first rung is 5 batches. 1, 2 and 3 workers match the single-threaded reference bit for
 * bit (continued candidates may move to a freed worker and fetch their rung state there), and a run
 * resumed after a crash ends as the uninterrupted one.
 */
class HalvingTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 7)
      .withHidden(List.of(24)).withLimit(1200).withBatchSize(40);
  private static final Strategy STRATEGY = Strategies.alr(BeamSearch.of(2, 0.5, 1, 2),
      new Anneal(Anneal.Shape.COSINE, 1), new Halving(3, 2));
  private static final int K = 15;

  @TempDir
  Path tmp;

  private static Alr search(Path dir, int workers) {
    return Alr.search(WORKLOAD).strategy(STRATEGY).lr(0.05).epochs(2).workers(workers).roundSteps(K)
        .checkpoints(dir).executor(new ActorExecutor());
  }

  @Test
  void anyWorkerCountMatchesTheReferenceAndOnlyTheBestContinue() throws IOException {
    Path referenceDir = tmp.resolve("ref");
    SearchResult reference = new LocalExecutor(Workloads::factory).run(
        new SearchConfig(WORKLOAD, STRATEGY, 0.05, 2, 1, true, K), new RunOptions(referenceDir, false),
        SearchListener.NONE);
    assertEquals(Termination.COMPLETED, reference.termination(), reference.message());
    assertEquals(4, reference.epochs().size());
    long expected = 0;
    for (EpochRecord e : reference.epochs()) {
      long finishers = e.candidates().stream().filter(c -> c.rung() == 2).count();
      assertEquals(2, finishers, "max(M, n/3) = 2 of " + e.candidates().size() + " finish round " + e.round());
      for (CandidateRecord c : e.candidates()) {
        assertEquals(40L * (c.rung() == 2 ? K : 5), c.sampleGradients(), "candidate " + c.id());
        expected += c.sampleGradients();
      }
    }
    assertEquals(expected, reference.sampleGradients());
    for (int w = 1; w <= 3; w++) {
      Path dir = tmp.resolve("w" + w);
      SearchResult r = search(dir, w).run();
      DeterminismTest.assertSameSearch(reference, r, "workers=" + w);
      assertEquals(reference.sampleGradients(), r.sampleGradients());
      for (int i = 0; i < reference.epochs().size(); i++) {
        assertEquals(reference.epochs().get(i).candidates().stream().map(CandidateRecord::rung).toList(),
            r.epochs().get(i).candidates().stream().map(CandidateRecord::rung).toList());
      }
      DeterminismTest.assertSameStates(referenceDir.resolve("epoch-0004"), dir.resolve("epoch-0004"));
    }
  }

  @Test
  void aResumedRunEndsAsTheUninterruptedOne() throws IOException {
    Path full = tmp.resolve("full");
    SearchResult uninterrupted = search(full, 2).run();
    Path crashed = tmp.resolve("crashed");
    SearchListener crashAfterRound3 = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        if (e.round() == 3) {
          throw new IllegalStateException("simulated crash after round 3");
        }
      }
    };
    assertThrows(SearchFailedException.class, () -> search(crashed, 2).listener(crashAfterRound3).run());
    assertEquals("epoch-0003", Files.readString(crashed.resolve("LATEST")).trim());
    SearchResult resumed = search(crashed, 3).resume(true).run();
    DeterminismTest.assertSameSearch(uninterrupted, resumed, "resumed");
    assertEquals(uninterrupted.sampleGradients(), resumed.sampleGradients());
    DeterminismTest.assertSameStates(full.resolve("epoch-0004"), crashed.resolve("epoch-0004"));
  }
}
