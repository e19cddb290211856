package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchFailedException;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.Termination;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.FactorSpan;
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
 * Sub-epoch rounds ({@code --round-steps}) on a real MLP: 1200 samples in batches of 40 are 30
 * batches an epoch, cut into rounds of 12, 12 and 6. The rounds' slices, per-epoch test
 * evaluations and sample-gradients are as planned; 1, 2 and 3 actor workers match the
 * single-threaded reference bit for bit; a run resumed in the middle of an epoch ends as the
 * uninterrupted one; a round as long as the epoch is the per-epoch run.
 */
class RoundStepsTest {
  private static final WorkloadSpec WORKLOAD = WorkloadSpec.of("mlp", "synthetic", 7)
      .withHidden(List.of(24)).withLimit(1200).withBatchSize(40);
  private static final Strategy STRATEGY =
      Strategies.alr(BeamSearch.adaptive(2, FactorSpan.defaults()), new Anneal(Anneal.Shape.COSINE, 1));
  private static final int K = 12;

  @TempDir
  Path tmp;

  private static Alr search(Path dir, int workers) {
    return Alr.search(WORKLOAD).strategy(STRATEGY).lr(0.05).epochs(2).workers(workers).roundSteps(K)
        .checkpoints(dir).executor(new ActorExecutor());
  }

  @Test
  void roundsAreSlicesOfTheEpochAndAnyWorkerCountMatchesTheReference() throws IOException {
    Path referenceDir = tmp.resolve("ref");
    SearchResult reference = new LocalExecutor(Workloads::factory).run(
        new SearchConfig(WORKLOAD, STRATEGY, 0.05, 2, 1, true, K), new RunOptions(referenceDir, false),
        SearchListener.NONE);
    assertEquals(Termination.COMPLETED, reference.termination(), reference.message());
    List<EpochRecord> rounds = reference.epochs();
    assertEquals(6, rounds.size());
    int[][] slices = {{0, 12}, {12, 24}, {24, 30}};
    for (int i = 0; i < 6; i++) {
      EpochRecord e = rounds.get(i);
      assertEquals(i + 1, e.round());
      assertEquals(i / 3 + 1, e.epoch());
      assertEquals(slices[i % 3][0], e.fromBatch());
      assertEquals(slices[i % 3][1], e.toBatch());
      for (CandidateRecord c : e.candidates()) {
        assertEquals(40L * (slices[i % 3][1] - slices[i % 3][0]), c.sampleGradients(), "candidate " + c.id());
      }
      if (i % 3 == 2) {
        assertNotNull(e.test(), "the test evaluation closes each epoch");
      } else {
        assertNull(e.test(), "no test evaluation inside an epoch");
      }
    }
    List<Double> path = reference.lrPath();
    assertEquals(6, path.size());
    assertTrue(path.stream().distinct().count() > 2, "the LR moves within epochs: " + path);
    for (CandidateRecord c : rounds.get(5).candidates()) {
      assertTrue(c.endLr() < c.lr() / 10, "the final round ends the epoch's cosine decay: " + c);
    }
    for (int w = 1; w <= 3; w++) {
      Path dir = tmp.resolve("w" + w);
      SearchResult r = search(dir, w).run();
      DeterminismTest.assertSameSearch(reference, r, "workers=" + w);
      assertEquals(reference.sampleGradients(), r.sampleGradients());
      DeterminismTest.assertSameStates(referenceDir.resolve("epoch-0006"), dir.resolve("epoch-0006"));
    }
  }

  @Test
  void aRunResumedInTheMiddleOfAnEpochEndsAsTheUninterruptedOne() throws IOException {
    Path full = tmp.resolve("full");
    SearchResult uninterrupted = search(full, 2).run();
    Path crashed = tmp.resolve("crashed");
    SearchListener crashAfterRound4 = new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        if (e.round() == 4) {
          throw new IllegalStateException("simulated crash after round 4");
        }
      }
    };
    assertThrows(SearchFailedException.class, () -> search(crashed, 2).listener(crashAfterRound4).run());
    assertEquals("epoch-0004", Files.readString(crashed.resolve("LATEST")).trim());
    SearchResult resumed = search(crashed, 3).resume(true).run();
    DeterminismTest.assertSameSearch(uninterrupted, resumed, "resumed mid-epoch");
    assertEquals(uninterrupted.sampleGradients(), resumed.sampleGradients());
    DeterminismTest.assertSameStates(full.resolve("epoch-0006"), crashed.resolve("epoch-0006"));
  }

  @Test
  void aRoundAsLongAsTheEpochIsThePerEpochRun() {
    Strategy plain = Strategies.beam(2, 0.5, 1, 2);
    SearchResult perEpoch = new LocalExecutor(Workloads::factory).run(
        new SearchConfig(WORKLOAD, plain, 0.05, 2, 1, false), new RunOptions(null, false), SearchListener.NONE);
    SearchResult oneRound = new LocalExecutor(Workloads::factory).run(
        new SearchConfig(WORKLOAD, plain, 0.05, 2, 1, false, 30), new RunOptions(null, false), SearchListener.NONE);
    DeterminismTest.assertSameSearch(perEpoch, oneRound, "round of 30 steps");
  }

  @Test
  void roundStepsBeyondAnEpochOrForASchedulAreRefusedBeforeAnythingIsWritten() {
    Path dir = tmp.resolve("refused");
    SearchException e = assertThrows(SearchException.class, () -> search(dir, 1).roundSteps(31).run());
    assertTrue(e.getMessage().startsWith("roundSteps: must be between 1 and the 30 batches"), e.getMessage());
    assertTrue(!Files.exists(dir), "nothing written");
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> search(dir, 1).roundSteps(0).config());
    assertTrue(zero.getMessage().startsWith("roundSteps: must be >= 1"), zero.getMessage());
    IllegalArgumentException schedule = assertThrows(IllegalArgumentException.class,
        () -> new SearchConfig(WORKLOAD, Strategies.schedule("cosine"), 0.05, 2, 1, true, K));
    assertTrue(schedule.getMessage().startsWith("roundSteps: only strategy alr"), schedule.getMessage());
  }
}
