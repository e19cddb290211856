package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.RunOptions;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchListener;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Strategy;
import dev.alr.engine.Termination;
import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.fixture.RecordingModel;
import dev.alr.engine.policy.Anneal;
import dev.alr.engine.policy.BeamSearch;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.policy.FactorSpan;
import dev.alr.engine.policy.Halving;
import dev.alr.engine.policy.LrRule;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two rankings against the short-horizon bias through whole searches on the quadratic bowl: a
 * tail-ranked candidate's steps and loss, the bounded decrease on the LR path, and determinism
 * (workers 1, 2, 3) and resume with either, alone and with halving.
 */
class RankBiasRunTest {
  private static final int EPOCHS = 4;

  @TempDir
  Path tmp;

  private static BeamSearch adaptive() {
    return BeamSearch.adaptive(2, FactorSpan.defaults());
  }

  static Stream<Arguments> strategies() {
    Anneal last = new Anneal(Anneal.Shape.COSINE, 1);
    Anneal whole = new Anneal(Anneal.Shape.COSINE, EPOCHS);
    return Stream.of(
        Arguments.of("bounded, whole-run cosine", Strategies.alr(adaptive(), whole, Halving.NONE, 0.5)),
        Arguments.of("tail, last epoch annealed", Strategies.alr(adaptive(), last, Halving.NONE,
            Strategies.Alr.UNBOUNDED, 0.15)),
        Arguments.of("bounded + tail + halving", Strategies.alr(adaptive(), last, new Halving(3, 2), 0.5, 0.15)));
  }

  private static Alr search(Strategy s, double lr) {
    return Alr.search(LocalExecutorTest.SPEC).strategy(s).lr(lr).epochs(EPOCHS).executor(LocalExecutorTest.EXECUTOR);
  }

  @ParameterizedTest(name = "tail {0} over {1} samples, batch {2}, slice [{3}, {4})")
  @CsvSource({"0.15, 12, 2, 0, -1", "0.5, 12, 4, 0, -1", "0.2, 20, 2, 3, 9", "1.0, 21, 7, 0, -1"})
  void aTailedCandidateDecaysOverItsTailAndReportsTheTailsMeanLoss(double tail, int n, int batchSize, int from,
                                                                  int to) {
    QuadraticModel.Problem p = QuadraticModel.Problem.generate(21, 4, n, 6, 8, 5f);
    RecordingModel rec = new RecordingModel(new QuadraticModel.Factory(p, 0.5).create());
    SgdReference ref = new SgdReference(p, 0.5);
    double lr = 0.2;
    LrRule.Tailed rule = new LrRule.Tailed(lr, tail);
    Candidate c = new Candidate(4, 1, 2, 0, 2.0, lr, rule, from, to);
    CandidateResult r = new CandidateTrainer(9, batchSize, false).train(rec, c, "w");

    List<Batch> batches = new DataOrder(9, 2).batches(n, batchSize);
    int end = to == Candidate.EPOCH_END ? batches.size() : to;
    int steps = end - from;
    List<Hyper> expected = new ArrayList<>();
    double tailLoss = 0;
    long tailSamples = 0;
    long samples = 0;
    for (int i = from; i < end; i++) {
      double x = rule.lrAt(i - from, steps);
      expected.add(Hyper.lr(x));
      double loss = ref.step(batches.get(i), x, Double.NaN);
      samples += batches.get(i).size();
      if (rule.inTail(i - from, steps)) {
        tailLoss += loss * batches.get(i).size();
        tailSamples += batches.get(i).size();
      }
    }
    assertEquals(expected, rec.steps().stream().map(RecordingModel.Step::hyper).toList());
    assertEquals(rule.tailSteps(steps) < steps ? lr : lr * rule.tailSteps(steps) / (steps + 1.0),
        expected.get(0).lr(), 1e-15, "starts at the candidate's LR unless the whole slice decays");
    assertEquals(expected.get(steps - 1).lr(), r.endLr(), "end LR is the last step's");
    assertTrue(r.endLr() < lr, "decayed: " + r.endLr());
    assertEquals(samples, r.sampleGradients(), "every step counts as sample-gradients");
    assertEquals(tailLoss / tailSamples, r.trainLoss(), 1e-5 * tailLoss / tailSamples, "the tail's mean loss");
  }

  @Test
  void withTheBoundTheLrNeverFallsByMoreThanHalfAfterTheFirstEpoch() {
    for (double lr : new double[] {1e-4, 0.05, 1.0}) {
      SearchResult r = search(Strategies.alr(adaptive(), new Anneal(Anneal.Shape.COSINE, EPOCHS), Halving.NONE, 0.5),
          lr).run();
      assertEquals(Termination.COMPLETED, r.termination(), r.message());
      for (EpochRecord e : r.epochs()) {
        if (e.epoch() > 1) {
          e.candidates().forEach(c -> assertTrue(c.factor() >= 0.5, "epoch " + e.epoch() + ": " + c));
        }
      }
      for (int k = 2; k < r.lrPath().size(); k++) {
        assertTrue(r.lrPath().get(k) >= r.lrPath().get(k - 1) * 0.5, "lr0 " + lr + ": " + r.lrPath());
      }
    }
  }

  @ParameterizedTest(name = "{0}, {2} workers")
  @MethodSource("byWorkers")
  void anyWorkerCountGivesTheSameResult(String name, Strategy s, int workers) {
    SearchResult one = search(s, 1e-3).workers(1).run();
    assertEquals(Termination.COMPLETED, one.termination(), one.message());
    SearchConfig config = new SearchConfig(LocalExecutorTest.SPEC, s, 1e-3, EPOCHS, workers, true);
    SearchResult direct = LocalExecutorTest.EXECUTOR.run(config, RunOptions.none(), SearchListener.NONE);
    assertEquals(RunResults.strip(one), RunResults.strip(direct));
  }

  static Stream<Arguments> byWorkers() {
    return strategies().flatMap(a -> Stream.of(1, 2, 3).map(w -> Arguments.of(a.get()[0], a.get()[1], w)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategies")
  void resumeAfterACrashGivesTheUninterruptedResult(String name, Strategy s) {
    SearchResult uninterrupted = search(s, 1e-3).workers(2).run();
    Path dir = tmp.resolve("crashed");
    assertThrows(CheckpointResumeTest.Crash.class,
        () -> search(s, 1e-3).workers(1).checkpoints(dir).listener(new SearchListener() {
          @Override
          public void epochFinished(EpochRecord e) {
            if (e.epoch() == 2) {
              throw new CheckpointResumeTest.Crash();
            }
          }
        }).run());
    SearchResult resumed = search(s, 1e-3).workers(3).checkpoints(dir).resume(true).run();
    assertEquals(RunResults.strip(uninterrupted), RunResults.strip(resumed));
  }

  @Test
  void aResumeUnderAnotherBoundOrTailIsRefused() {
    Path dir = tmp.resolve("cp");
    Anneal last = new Anneal(Anneal.Shape.COSINE, 1);
    search(Strategies.alr(adaptive(), last, Halving.NONE, 0.5, 0.15), 1e-3).checkpoints(dir).run();
    for (Strategy other : List.of(Strategies.alr(adaptive(), last, Halving.NONE, 0.25, 0.15),
        Strategies.alr(adaptive(), last, Halving.NONE, 0.5, 0.2), Strategies.alr(adaptive(), last))) {
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> search(other, 1e-3).checkpoints(dir).resume(true).run());
      assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }
  }
}
