package dev.alr.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Termination;
import dev.alr.engine.EpochOutcome;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.SearchConfig;
import dev.alr.engine.SearchException;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.policy.Candidate;
import dev.alr.engine.policy.CandidateResult;
import dev.alr.engine.spi.Evaluation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The round-by-round state machine, with made-up results and no model at all. */
class SearchLoopTest {
  private static final int TRAIN = 48;

  private static SearchConfig config(int epochs, boolean evalEach) {
    return new SearchConfig(LocalExecutorTest.SPEC, Strategies.beam(2, 0.5, 1, 2), 0.1, epochs, 1, evalEach);
  }

  /** Results for the current plan with the given losses, in a shuffled order. */
  private static List<CandidateResult> results(List<Candidate> plan, double... losses) {
    List<CandidateResult> out = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      Candidate c = plan.get(i);
      out.add(new CandidateResult(c.id(), losses[i], Double.NaN, c.lr(), 0.5, "w" + i, 100 + i, 10, 1000));
    }
    Collections.shuffle(out, new Random(losses.length));
    return out;
  }

  @Test
  void advancingKeepsTheBeamsAndReleasesTheRest() {
    SearchLoop loop = new SearchLoop(config(2, true), TRAIN);
    List<Candidate> plan1 = loop.plan();
    assertSame(plan1, loop.plan(), "the same plan until completed");
    assertEquals(List.of(0, 1, 2), plan1.stream().map(Candidate::id).toList());

    SearchLoop.Outcome o1 = loop.complete(results(plan1, 3, 1, 2), 1.0);
    assertEquals(new SearchLoop.Outcome(List.of(1, 2), List.of(0), true), o1);
    assertEquals(List.of(1, 2), loop.beamIds());
    assertEquals(1, loop.bestId());
    loop.recordTest(new Evaluation(0.5, 0.25, 8));

    List<Candidate> plan2 = loop.plan();
    assertEquals(List.of(1, 1, 1, 2, 2, 2), plan2.stream().map(Candidate::parentId).toList());
    SearchLoop.Outcome o2 = loop.complete(results(plan2, 9, 8, 0.5, 7, 0.25, 6), 1.0);
    assertEquals(new SearchLoop.Outcome(List.of(7, 5), List.of(1, 2, 3, 4, 6, 8), true), o2);
    assertTrue(loop.finished());
    loop.recordTest(new Evaluation(0.125, 0.75, 8));

    SearchResult r = loop.result(3.0);
    assertEquals(Termination.COMPLETED, r.termination());
    assertEquals(List.of(2, 7), r.lineage());
    assertEquals(List.of(0.1 * 2, 0.1 * 2 * 1.0), r.lrPath());
    assertEquals(new Evaluation(0.125, 0.75, 8), r.finalTest());
    assertEquals(9, r.candidateEpochs());
    assertEquals(3 * 100 + 3 + 6 * 100 + 15, r.sampleGradients());
    assertEquals(90, r.probeForwards());
    assertEquals(9000, r.bytesCopied());
    // records in id order whatever the result order
    assertEquals(List.of(3, 4, 5, 6, 7, 8), r.epochs().get(1).candidates().stream().map(CandidateRecord::id).toList());
    assertThrows(IllegalStateException.class, loop::plan);
  }

  @Test
  void retryKeepsTheOldBeamsAndReleasesTheWholeRound() {
    SearchLoop loop = new SearchLoop(config(2, true), TRAIN);
    loop.complete(results(loop.plan(), 3, 1, 2), 1.0);
    loop.recordTest(new Evaluation(1, 0, 8));
    List<Candidate> plan = loop.plan();
    double nan = Double.NaN;
    SearchLoop.Outcome o = loop.complete(results(plan, nan, nan, nan, nan, nan, nan), 1.0);
    assertEquals(new SearchLoop.Outcome(List.of(1, 2), List.of(3, 4, 5, 6, 7, 8), false), o);
    assertFalse(loop.finished());
    assertEquals(2, loop.state().epoch());
    assertEquals(1, loop.state().backoffs());
    assertThrows(IllegalStateException.class, () -> loop.recordTest(new Evaluation(1, 0, 8)));
    assertEquals(List.of(9, 10, 11, 12, 13, 14), loop.plan().stream().map(Candidate::id).toList());

    SearchLoop.Outcome after = loop.complete(results(loop.plan(), 1, 2, 3, 4, 5, 6), 1.0);
    assertEquals(List.of(9, 10), after.keep());
    assertEquals(List.of(0, 0, 1), loop.epochs().stream().map(e -> e.attempt()).toList());
    assertEquals(List.of(EpochOutcome.ADVANCED, EpochOutcome.RETRIED, EpochOutcome.ADVANCED), loop.epochs().stream().map(e -> e.outcome()).toList());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void testEvaluationIsAskedEveryEpochOrOnlyAtTheEnd(boolean evalEach) {
    SearchLoop loop = new SearchLoop(config(3, evalEach), TRAIN);
    List<Boolean> asked = new ArrayList<>();
    while (!loop.finished()) {
      SearchLoop.Outcome o = loop.complete(results(loop.plan(), 1, 2, 3, 4, 5, 6), 1.0);
      asked.add(o.evaluateTest());
      if (o.evaluateTest()) {
        loop.recordTest(new Evaluation(1, 0, 8));
      }
    }
    assertEquals(evalEach ? List.of(true, true, true) : List.of(false, false, true), asked);
  }

  @Test
  void aMissingResultIsRefused() {
    SearchLoop loop = new SearchLoop(config(2, true), TRAIN);
    List<Candidate> plan = loop.plan();
    List<CandidateResult> two = results(plan, 1, 2, 3).subList(0, 2);
    assertThrows(IllegalArgumentException.class, () -> loop.complete(two, 1.0));
  }

  @Test
  void replayRebuildsTheSameLoop() {
    SearchLoop loop = new SearchLoop(config(3, true), TRAIN);
    double nan = Double.NaN;
    loop.complete(results(loop.plan(), 3, 1, 2), 1.0);
    loop.recordTest(new Evaluation(0.5, 0.5, 8));
    loop.complete(results(loop.plan(), nan, nan, nan, nan, nan, nan), 1.0);
    loop.complete(results(loop.plan(), 6, 5, 4, 3, 2, 1), 1.0);
    loop.recordTest(new Evaluation(0.25, 0.5, 8));

    SearchLoop again = SearchLoop.replay(config(3, true), TRAIN, loop.log());
    assertEquals(loop.state(), again.state());
    assertEquals(loop.epochs(), again.epochs());
    assertEquals(loop.candidateEpochs(), again.candidateEpochs());
    assertEquals(loop.plan(), again.plan());
    assertEquals(loop.result(1.0), again.result(1.0));
  }

  @Test
  void replayOfMoreRoundsThanTheConfigurationAllowsIsRefused() {
    SearchLoop loop = new SearchLoop(config(2, true), TRAIN);
    while (!loop.finished()) {
      loop.complete(results(loop.plan(), 1, 2, 3, 4, 5, 6), 1.0);
      loop.recordTest(new Evaluation(1, 0, 8));
    }
    assertThrows(SearchException.class, () -> SearchLoop.replay(config(1, true), TRAIN, loop.log()));
  }
}
