package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ranking on annealed end points: the plan's fixed candidates decay over their tail; the rule's LR per step. */
class TailRankedTest {
  private static final BeamSearch CLASSIC = BeamSearch.of(2, 0.5, 1, 2);
  private static final List<Beam> BEAMS = List.of(new Beam(4, 0, 0.2, 1.0), new Beam(2, 0, 0.05, 2.0));

  @Test
  void fixedCandidatesBecomeTailedWithTheSameIdsAndLrs() {
    SearchState state = new SearchState(2, BEAMS, 6, 0);
    List<Candidate> inner = CLASSIC.plan(state);
    List<Candidate> plan = new TailRanked(CLASSIC, 0.15).plan(state);
    assertEquals(inner.size(), plan.size());
    for (int k = 0; k < plan.size(); k++) {
      Candidate c = inner.get(k);
      assertEquals(new Candidate(c.id(), c.parentId(), c.epoch(), c.line(), c.factor(), c.lr(),
          new LrRule.Tailed(c.lr(), 0.15)), plan.get(k));
    }
  }

  @Test
  void annealedCandidatesOfTheLastEpochAreLeftAsTheyAre() {
    AnnealedSearch annealed = new AnnealedSearch(CLASSIC, new Anneal(Anneal.Shape.COSINE, 1), 3);
    TailRanked policy = new TailRanked(annealed, 0.2);
    List<Candidate> last = policy.plan(new SearchState(3, BEAMS, 6, 0));
    assertEquals(annealed.plan(new SearchState(3, BEAMS, 6, 0)), last);
    last.forEach(c -> assertTrue(c.rule() instanceof LrRule.Annealed, c.toString()));
    policy.plan(new SearchState(2, BEAMS, 6, 0)).forEach(c -> assertTrue(c.rule() instanceof LrRule.Tailed));
  }

  @ParameterizedTest(name = "tail {0} of {1} steps")
  @CsvSource({
      // tail, steps, the LR of each step (lr 1)
      "0.15, 10, '1, 1, 1, 1, 1, 1, 1, 1, 0.6666666666666667, 0.3333333333333333'",
      "0.25, 4, '1, 1, 1, 0.5'",
      "0.01, 5, '1, 1, 1, 1, 0.5'",
      "1.0, 3, '0.75, 0.5, 0.25'",
      "0.5, 1, '0.5'"})
  void theLrIsConstantThenDecaysLinearlyOverTheTail(double tail, int steps, String lrs) {
    LrRule.Tailed rule = new LrRule.Tailed(1.0, tail);
    String[] expected = lrs.split(",\\s*");
    int tailSteps = 0;
    for (int i = 0; i < steps; i++) {
      double want = Double.parseDouble(expected[i]);
      double lr = rule.lrAt(i, steps);
      assertEquals(want, lr, 1e-12, "step " + i);
      tailSteps += rule.inTail(i, steps) ? 1 : 0;
      assertEquals(rule.inTail(i, steps), lr < 1.0, "step " + i + " is in the tail exactly when it decays");
    }
    assertEquals(rule.tailSteps(steps), tailSteps);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.1, 1.01, Double.NaN})
  void aTailOutsideZeroToOneIsRefusedNamingTheFlag(double tail) {
    assertEquals("rankTail: must be in (0, 1], got " + tail,
        assertThrows(IllegalArgumentException.class, () -> new TailRanked(CLASSIC, tail)).getMessage());
    assertEquals("rankTail: must be in (0, 1], got " + tail,
        assertThrows(IllegalArgumentException.class, () -> new LrRule.Tailed(0.1, tail)).getMessage());
  }
}
