package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Termination;
import dev.alr.engine.Alr;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.fixture.RecordingModel;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.TrainableModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adaptive factor span and annealing through whole searches on the quadratic bowl: the span
 * recorded per epoch follows the best candidate's factor, the final epoch anneals, and a crash
 * followed by a resume gives the uninterrupted result.
 */
class AdaptiveAnnealRunTest {
  private static final int EPOCHS = 5;

  @TempDir
  Path tmp;

  /** Two beams over the default adaptive span (0.5, 1, 2 up to 1/16, 1, 16), cosine annealing in the last epoch. */
  private static Strategy strategy() {
    return Strategies.alr(BeamSearch.adaptive(2, FactorSpan.defaults()), new Anneal(Anneal.Shape.COSINE, 1));
  }

  /** From lr 1e-4, far below the bowl's stable range, the largest factor wins at first: the span must widen. */
  private static Alr search(double lr) {
    return Alr.search(LocalExecutorTest.SPEC).strategy(strategy()).lr(lr).epochs(EPOCHS).workers(2)
        .executor(LocalExecutorTest.EXECUTOR);
  }

  @ParameterizedTest(name = "{0} over {1} samples, batch {2}")
  @CsvSource({"LINEAR, 12, 4", "COSINE, 12, 4", "COSINE, 10, 3", "LINEAR, 7, 7"})
  void anAnnealedCandidateDecaysItsLrStepByStepFollowingTheSgdTrajectory(Anneal.Shape shape, int n, int batchSize) {
    QuadraticModel.Problem p = QuadraticModel.Problem.generate(21, 4, n, 6, 8, 5f);
    RecordingModel rec = new RecordingModel(new QuadraticModel.Factory(p, 0.5).create());
    SgdReference ref = new SgdReference(p, 0.5);
    double lr = 0.2;
    Candidate c = new Candidate(4, 1, 2, 0, 2.0, lr, new LrRule.Annealed(lr, shape));
    CandidateResult r = new CandidateTrainer(9, batchSize, false).train(rec, c, "w");

    List<Batch> batches = new DataOrder(9, 2).batches(n, batchSize);
    List<Hyper> expected = new ArrayList<>();
    double weighted = 0;
    for (int i = 0; i < batches.size(); i++) {
      double x = shape.lr(lr, i, batches.size());
      expected.add(Hyper.lr(x));
      weighted += ref.step(batches.get(i), x, Double.NaN) * batches.get(i).size();
    }
    assertEquals(expected, rec.steps().stream().map(RecordingModel.Step::hyper).toList());
    assertEquals(lr, expected.get(0).lr(), "starts at the candidate's LR");
    assertEquals(expected.get(batches.size() - 1).lr(), r.endLr(), "end LR is the last step's");
    assertTrue(r.endLr() <= lr / batches.size() * (1 + 1e-9), "decayed to ~0: " + r.endLr());
    assertEquals(weighted / n, r.trainLoss(), 1e-5 * weighted / n);
  }

  @Test
  void theRecordedSpanFollowsTheBestFactorAndOnlyTheLastEpochAnneals() {
    SearchResult r = search(1e-4).run();
    assertEquals(Termination.COMPLETED, r.termination(), r.message());
    FactorSpan span = FactorSpan.defaults();
    double expectedSpan = span.base();
    List<Double> spans = new ArrayList<>();
    for (EpochRecord e : r.epochs()) {
      assertEquals(expectedSpan, e.span(), "span of epoch " + e.epoch());
      spans.add(e.span());
      List<Double> grid = span.factors(e.span());
      for (int k = 0; k < e.candidates().size(); k++) {
        CandidateRecord c = e.candidates().get(k);
        assertEquals(grid.get(k % grid.size()), c.factor(), "factor of candidate " + c.id());
        if (e.epoch() < EPOCHS) {
          assertEquals(c.lr(), c.endLr(), "epoch " + e.epoch() + " keeps its LR");
        } else {
          assertTrue(c.endLr() < c.lr() / 5, "the last epoch anneals: " + c.lr() + " -> " + c.endLr());
        }
      }
      CandidateRecord best = e.candidates().stream()
          .min(Comparator.comparingDouble(CandidateRecord::loss).thenComparingInt(CandidateRecord::id)).orElseThrow();
      assertEquals(best.id(), e.beams().get(0).candidateId());
      assertEquals(best.lr(), e.beams().get(0).lr(), "a beam carries its candidate's start LR");
      expectedSpan = span.next(e.span(), best.factor());
    }
    assertTrue(spans.contains(4.0) && spans.contains(16.0), "from 1e-4 the span widens to the cap: " + spans);
    assertEquals(r.epochs().get(EPOCHS - 1).candidates().stream()
        .filter(c -> c.id() == r.lineage().get(EPOCHS - 1)).findFirst().orElseThrow().lr(), r.lrPath().get(EPOCHS - 1));
  }

  @ParameterizedTest(name = "crash after epoch {0}")
  @ValueSource(ints = {1, 2, 4})
  void resumeAfterACrashGivesTheUninterruptedResult(int crashEpoch) {
    SearchResult uninterrupted = search(1e-4).run();
    Path dir = tmp.resolve("crashed-" + crashEpoch);
    assertThrows(CheckpointResumeTest.Crash.class,
        () -> search(1e-4).workers(1).checkpoints(dir).listener(new SearchListener() {
          @Override
          public void epochFinished(EpochRecord e) {
            if (e.epoch() == crashEpoch) {
              throw new CheckpointResumeTest.Crash();
            }
          }
        }).run());
    LocalExecutorTest.Events events = new LocalExecutorTest.Events();
    SearchResult resumed = search(1e-4).workers(3).checkpoints(dir).resume(true).listener(events).run();
    int before = 0;
    for (EpochRecord e : uninterrupted.epochs().subList(0, crashEpoch)) {
      before += e.candidates().size();
    }
    assertEquals(before, events.done, "candidate-epochs replayed from the round log");
    assertEquals(uninterrupted.candidateEpochs() - before, events.candidates.size());
    assertEquals(RunResults.strip(uninterrupted), RunResults.strip(resumed));
    assertEquals(uninterrupted.epochs().stream().map(EpochRecord::span).toList(),
        resumed.epochs().stream().map(EpochRecord::span).toList());
  }

  @Test
  void aResumeUnderAnotherSpanOrAnnealIsRefused() {
    Path dir = tmp.resolve("cp");
    search(1e-4).checkpoints(dir).run();
    Strategy otherCap = Strategies.alr(BeamSearch.adaptive(2, new FactorSpan(2, 4, 3)), new Anneal(Anneal.Shape.COSINE, 1));
    Strategy otherAnneal = Strategies.alr(BeamSearch.adaptive(2, FactorSpan.defaults()), new Anneal(Anneal.Shape.LINEAR, 1));
    for (Strategy s : List.of(otherCap, otherAnneal)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> Alr.search(LocalExecutorTest.SPEC).strategy(s)
          .lr(1e-4).epochs(EPOCHS).executor(LocalExecutorTest.EXECUTOR).checkpoints(dir).resume(true).run());
      assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void anyWorkerCountGivesTheSameResult(int workers) {
    SearchResult one = search(1e-4).workers(1).run();
    SearchConfig config = new SearchConfig(LocalExecutorTest.SPEC, strategy(), 1e-4, EPOCHS, workers, true);
    SearchResult direct = LocalExecutorTest.EXECUTOR.run(config, RunOptions.none(), SearchListener.NONE);
    assertEquals(RunResults.strip(one), RunResults.strip(direct));
  }

  @Test
  void classicAlrRecordsNoSpanAndKeepsItsLrInTheLastEpoch() {
    SearchResult classic = Alr.search(LocalExecutorTest.SPEC).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.05)
        .epochs(3).executor(LocalExecutorTest.EXECUTOR).run();
    for (EpochRecord e : classic.epochs()) {
      assertTrue(Double.isNaN(e.span()), "no span without adaptive factors");
      e.candidates().forEach(c -> assertEquals(c.lr(), c.endLr()));
    }
  }
}
