package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.spi.WorkloadSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Successive halving through whole searches on the quadratic bowl (96 samples, batch 4: 24 batches
 * an epoch, momentum SGD so the optimizer state matters): rungs, resumed rung states, compute,
 * determinism and resume.
 */
class HalvingRunTest {
  private static final WorkloadSpec SPEC =
      new WorkloadSpec("quadratic", List.of(), "synthetic", null, 96, 0, 4, "momentum", 0.5, 7);
  private static final int BATCH = 4;
  private static final int STEPS = 24;
  private static final int EPOCHS = 5;
  private static final Halving HALVING = new Halving(3, 2);

  @TempDir
  Path tmp;

  private static Strategy classic() {
    return Strategies.beam(2, 0.5, 1, 2);
  }

  private static Strategy halving(Anneal anneal) {
    return Strategies.alr(BeamSearch.of(2, 0.5, 1, 2), anneal, HALVING);
  }

  private static Alr search(Strategy s) {
    return Alr.search(SPEC).strategy(s).lr(0.05).epochs(EPOCHS).executor(LocalExecutorTest.EXECUTOR);
  }

  @Test
  void rungsEndGeometricallyAndKeepAtLeastTheBeams() {
    assertEquals(List.of(8, 24), HALVING.ends(0, 24));
    assertEquals(List.of(10, 20, 40), new Halving(2, 3).ends(0, 40));
    assertEquals(List.of(53, 60), HALVING.ends(50, 60), "a slice's rungs start at its first batch");
    assertEquals(List.of(1, 2), new Halving(3, 4).ends(0, 2), "a round shorter than its rungs has fewer");
    assertEquals(List.of(24), Halving.NONE.ends(0, 24));
    assertEquals(2, HALVING.keep(6, 2));
    assertEquals(2, HALVING.keep(3, 2), "never fewer than the beams");
    assertEquals(3, HALVING.keep(9, 1));
    assertEquals(4, new Halving(2, 2).keep(7, 2));
    assertEquals(1, HALVING.keep(1, 2), "never more than there are");
  }

  @Test
  void badHalvingRatesAndRungsAreRefusedNamingTheField() {
    for (double bad : new double[] {1, 0.5, 0, -2, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Halving(bad, 2));
      assertTrue(e.getMessage().startsWith("halving:"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Halving(3, 0));
    assertTrue(e.getMessage().startsWith("rungs:"), e.getMessage());
  }

  /**
   * η = 3, 2 rungs, M = 2, N = 3: the first rung is 8 of 24 batches; epoch 1 trains 3 candidates
   * on it and 2 on the other 16, later epochs 6 and 2: (3·8 + 2·16) + 4·(6·8 + 2·16) = 376 batches
   * against classic's (3 + 4·6)·24 = 648, 58 %.
   */
  @Test
  void computeIsAtMostSixtyPercentOfClassicAndEachCandidateRecordsItsRung() {
    SearchResult full = search(classic()).run();
    SearchResult halved = search(halving(Anneal.NONE)).run();
    assertEquals(Termination.COMPLETED, halved.termination(), halved.message());
    long expected = 0;
    for (EpochRecord e : halved.epochs()) {
      int n = e.candidates().size();
      int k = HALVING.keep(n, 2);
      expected += (long) n * 8 + (long) k * 16;
      assertEquals(k, e.candidates().stream().filter(c -> c.rung() == 2).count(), "finishers of epoch " + e.epoch());
      for (CandidateRecord c : e.candidates()) {
        assertEquals(BATCH * (c.rung() == 2 ? STEPS : 8L), c.sampleGradients(), "candidate " + c.id());
      }
      List<Integer> finishers = e.candidates().stream().filter(c -> c.rung() == 2).map(CandidateRecord::id).toList();
      e.beams().forEach(b -> assertTrue(finishers.contains(b.candidateId()), "beams are finishers: " + b));
    }
    assertEquals(376, expected, "the arithmetic of the javadoc");
    assertEquals(BATCH * expected, halved.sampleGradients());
    assertEquals(BATCH * 648L, full.sampleGradients());
    assertTrue(halved.sampleGradients() <= 0.6 * full.sampleGradients(),
        halved.sampleGradients() + " vs " + full.sampleGradients());
    full.epochs().forEach(e -> e.candidates().forEach(c -> assertEquals(1, c.rung())));
  }

  /**
   * Epoch 1 starts from the same root in both runs, so a finisher, trained in two rungs with its
   * weights and momentum carried across, must end with the loss and LR of the candidate trained in
   * one piece; and the finishers' ranking chooses the same beams whenever the full search's beams
   * are finishers.
   */
  @Test
  void aContinuedCandidateResumesFromItsRungStateAsIfTrainedInOnePiece() {
    SearchResult full = search(classic()).epochs(1).run();
    SearchResult halved = search(halving(Anneal.NONE)).epochs(1).run();
    Map<Integer, CandidateRecord> one = RunResults.byId(full);
    int finishers = 0;
    for (CandidateRecord c : halved.epochs().get(0).candidates()) {
      if (c.rung() == 2) {
        finishers++;
        assertEquals(one.get(c.id()).loss(), c.loss(), 1e-12 * Math.abs(c.loss()), "candidate " + c.id());
        assertEquals(one.get(c.id()).sampleGradients(), c.sampleGradients());
      }
    }
    assertEquals(2, finishers);
    assertEquals(full.epochs().get(0).beams().stream().map(b -> b.candidateId()).sorted().toList(),
        halved.epochs().get(0).beams().stream().map(b -> b.candidateId()).sorted().toList());
  }

  @Test
  void theLoopPlansContinuationsFromTheirOwnStateAndReleasesTheStoppedAtOnce() {
    SearchConfig config = new SearchConfig(SPEC, halving(Anneal.NONE), 0.05, 2, 1, false);
    SearchLoop loop = new SearchLoop(config, 96);
    List<Candidate> rung1 = loop.plan();
    assertEquals(3, rung1.size());
    rung1.forEach(c -> {
      assertEquals(Candidate.ROOT, c.parentId());
      assertEquals(0, c.fromBatch());
      assertEquals(8, c.toBatch());
    });
    double[] losses = {0.3, 0.1, 0.2};
    List<dev.alr.engine.policy.CandidateResult> results = rung1.stream()
        .map(c -> new dev.alr.engine.policy.CandidateResult(c.id(), losses[c.id()], Double.NaN, c.lr(), 0, "w", 32, 0,
            0))
        .toList();
    SearchLoop.Outcome o = loop.complete(results, 1);
    assertTrue(!o.decided() && !o.evaluateTest());
    assertEquals(List.of(0), o.release(), "the worst stops");
    assertEquals(List.of(1, 2), o.keep());
    assertTrue(loop.epochs().isEmpty(), "no round decided yet");
    List<Candidate> rung2 = loop.plan();
    assertEquals(List.of(1, 2), rung2.stream().map(Candidate::id).toList());
    rung2.forEach(c -> {
      assertEquals(c.id(), c.parentId(), "resumes its own rung state");
      assertEquals(8, c.fromBatch());
      assertEquals(24, c.toBatch());
    });
    SearchLoop.Outcome done = loop.complete(List.of(
        new dev.alr.engine.policy.CandidateResult(1, 0.4, Double.NaN, 0.05, 0, "w", 64, 0, 0),
        new dev.alr.engine.policy.CandidateResult(2, 0.1, Double.NaN, 0.1, 0, "w", 64, 0, 0)), 1);
    assertTrue(done.decided());
    EpochRecord e = loop.epochs().get(0);
    assertEquals(List.of(1, 2, 2), e.candidates().stream().map(CandidateRecord::rung).toList());
    CandidateRecord c2 = e.candidates().get(2);
    assertEquals((0.2 * 32 + 0.1 * 64) / 96, c2.loss(), 1e-15, "loss over the whole round");
    assertEquals(96, c2.sampleGradients());
    assertEquals(List.of(2, 1), e.beams().stream().map(b -> b.candidateId()).toList(),
        "beams chosen on the full-round loss, not the first rung's");
    assertEquals(2, loop.log().size(), "one log entry per rung");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void resumeAfterACrashGivesTheUninterruptedResult(int crashEpoch) {
    Strategy s = halving(new Anneal(Anneal.Shape.COSINE, 1));
    SearchResult uninterrupted = search(s).run();
    Path dir = tmp.resolve("crashed-" + crashEpoch);
    assertThrows(CheckpointResumeTest.Crash.class, () -> search(s).checkpoints(dir).listener(new SearchListener() {
      @Override
      public void epochFinished(EpochRecord e) {
        if (e.epoch() == crashEpoch) {
          throw new CheckpointResumeTest.Crash();
        }
      }
    }).run());
    SearchResult resumed = search(s).workers(3).checkpoints(dir).resume(true).run();
    assertEquals(RunResults.strip(uninterrupted), RunResults.strip(resumed));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void anyWorkerCountAndSubEpochRoundsGiveOneResult(int workers) {
    Strategy s = halving(new Anneal(Anneal.Shape.COSINE, 1));
    SearchResult one = search(s).roundSteps(12).run();
    SearchConfig config = new SearchConfig(SPEC, s, 0.05, EPOCHS, workers, true, 12);
    SearchResult direct = LocalExecutorTest.EXECUTOR.run(config, RunOptions.none(), SearchListener.NONE);
    assertEquals(RunResults.strip(one), RunResults.strip(direct));
    for (EpochRecord e : one.epochs()) {
      assertEquals(e.fromBatch() + 12, e.toBatch());
      for (CandidateRecord c : e.candidates()) {
        assertEquals(BATCH * (c.rung() == 2 ? 12L : 4L), c.sampleGradients(), "rung 1 is 4 of the round's 12 batches");
      }
    }
  }
}
