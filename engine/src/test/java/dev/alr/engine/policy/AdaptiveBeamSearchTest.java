package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ALR beam search over an adaptive factor span: the span is state, planned from, and moved by the best factor. */
class AdaptiveBeamSearchTest {
  private static final double NAN = Double.NaN;

  private static BeamSearch adaptive(int m, double base, double cap, int count) {
    return new BeamSearch(m, null, 1e-6, 10.0, SelectOn.TRAIN, 3, new FactorSpan(base, cap, count));
  }

  @Test
  void initialStateCarriesTheBaseSpanAndFixedFactorsCarryNone() {
    assertEquals(new SearchState(1, List.of(new Beam(Candidate.ROOT, 0, 0.05, NAN)), 0, 0, 2.0),
        adaptive(2, 2, 16, 3).initial(0.05));
    assertEquals(new SearchState(1, List.of(new Beam(Candidate.ROOT, 0, 0.05, NAN)), 0, 0, NAN),
        BeamSearch.of(2, 0.5, 1, 2).initial(0.05));
    assertEquals(List.of(0.25, 0.5, 1.0, 2.0, 4.0), adaptive(2, 4, 16, 5).factors(), "factors: the base grid");
  }

  static Stream<Arguments> plans() {
    return Stream.of(
        arguments(3, 2.0, List.of(0.5, 1.0, 2.0)),
        arguments(3, 4.0, List.of(0.25, 1.0, 4.0)),
        arguments(3, 16.0, List.of(1 / 16.0, 1.0, 16.0)),
        arguments(5, 4.0, List.of(0.25, 0.5, 1.0, 2.0, 4.0)));
  }

  @ParameterizedTest(name = "N={0} span={1}")
  @MethodSource("plans")
  void planUsesTheGridOfTheStatesSpan(int count, double span, List<Double> factors) {
    BeamSearch policy = adaptive(2, 2, 16, count);
    List<Beam> beams = List.of(new Beam(4, 0, 0.2, 1.0), new Beam(2, 0, 0.05, 2.0));
    List<Candidate> plan = policy.plan(new SearchState(3, beams, 6, 0, span));
    assertEquals(factors, policy.factorsOf(new SearchState(3, beams, 6, 0, span)));
    assertEquals(2 * count, plan.size());
    int k = 0;
    for (int m = 0; m < 2; m++) {
      for (double f : factors) {
        Candidate c = plan.get(k);
        double lr = Math.max(1e-6, Math.min(10, beams.get(m).lr() * f));
        assertEquals(new Candidate(6 + k, beams.get(m).candidateId(), 3, m, f, lr, new LrRule.Fixed(lr)), c);
        k++;
      }
    }
  }

  @Test
  void withTheBaseSpanAndNoWideningThePlanIsClassicAlrs() {
    SearchState s = new SearchState(2, List.of(new Beam(1, 0, 0.1, 0.5), new Beam(0, 0, 0.05, 0.6)), 3, 0, 2.0);
    SearchState classic = new SearchState(2, s.beams(), 3, 0);
    assertEquals(BeamSearch.of(2, 0.5, 1, 2).plan(classic), adaptive(2, 2, 16, 3).plan(s));
  }

  /**
   * Two beams × 3 factors in epoch 4, ids 10..15 (factors 1/s, 1, s per beam); losses[i] for id 10 + i;
   * base 2, cap 16.
   */
  static Stream<Arguments> decisions() {
    return Stream.of(
        arguments("best used the largest factor: widen", 2.0, new double[] {3, 2, 1, 6, 5, 4}, 4.0),
        arguments("best used the smallest factor: widen", 2.0, new double[] {1, 2, 3, 6, 5, 4}, 4.0),
        arguments("edge of the second beam: widen", 4.0, new double[] {3, 2, 4, 0.5, 5, 6}, 16.0),
        arguments("at the cap an edge keeps the cap", 16.0, new double[] {3, 2, 4, 5, 6, 0.1}, 16.0),
        arguments("best used factor 1: narrow", 16.0, new double[] {3, 1, 2, 6, 5, 4}, 4.0),
        arguments("narrow stops at the base", 2.0, new double[] {3, 2, 4, 6, 1, 5}, 2.0),
        arguments("only the best counts, not the runner-up", 4.0, new double[] {0.2, 0.1, 0.3, 9, 9, 9}, 2.0),
        arguments("a diverged edge does not count", 4.0, new double[] {NAN, 1, 2, 3, 4, Double.NEGATIVE_INFINITY},
            2.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decideMovesTheSpanByTheBestCandidatesFactor(String name, double span, double[] losses, double nextSpan) {
    BeamSearch policy = adaptive(2, 2, 16, 3);
    SearchState state = new SearchState(4, List.of(new Beam(3, 0, 0.1, 1.0), new Beam(5, 0, 0.4, 1.1)), 10, 1, span);
    List<Candidate> plan = policy.plan(state);
    List<CandidateResult> results = Results.forPlan(plan, losses);
    for (long seed = 0; seed < 4; seed++) {
      SearchState next = assertInstanceOf(Decision.Advance.class,
          policy.decide(state, plan, Results.shuffled(results, seed))).next();
      assertEquals(nextSpan, next.span(), "span, shuffle seed " + seed);
      assertEquals(5, next.epoch());
      assertEquals(16, next.nextId());
      assertEquals(0, next.backoffs());
      List<Beam> want = new ArrayList<>();
      for (CandidateResult r : Ranking.top(results, 2, CandidateResult::trainLoss)) {
        want.add(new Beam(r.candidateId(), 0, plan.get(r.candidateId() - 10).lr(), r.trainLoss()));
      }
      assertEquals(want, next.beams());
    }
  }

  @Test
  void aRetriedEpochKeepsItsSpan() {
    BeamSearch policy = adaptive(2, 2, 16, 3);
    SearchState state = new SearchState(3, List.of(new Beam(7, 0, 0.8, 0.5)), 8, 0, 4.0);
    List<Candidate> plan = policy.plan(state);
    Decision d = policy.decide(state, plan, Results.forPlan(plan, new double[] {NAN, NAN, NAN}));
    SearchState next = assertInstanceOf(Decision.Retry.class, d).next();
    assertEquals(new SearchState(3, List.of(new Beam(7, 0, 0.4, 0.5)), 11, 1, 4.0), next);
  }

  @Test
  void fixedFactorsKeepNoSpan() {
    BeamSearch policy = BeamSearch.of(2, 0.5, 1, 2);
    SearchState state = new SearchState(1, List.of(new Beam(Candidate.ROOT, 0, 0.1, NAN)), 0, 0);
    List<Candidate> plan = policy.plan(state);
    SearchState next = assertInstanceOf(Decision.Advance.class,
        policy.decide(state, plan, Results.forPlan(plan, new double[] {3, 2, 1}))).next();
    assertTrue(Double.isNaN(next.span()));
  }

  @Test
  void plannedCandidateEpochsCountTheSpansFactors() {
    assertEquals(3 + 6 + 6, adaptive(2, 2, 16, 3).plannedCandidateEpochs(3));
    assertEquals(5 + 10 + 10, adaptive(2, 2, 16, 5).plannedCandidateEpochs(3));
  }

  @Test
  void aFactorListAndASpanTogetherAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BeamSearch(2,
        List.of(0.5, 1.0, 2.0), 1e-6, 10, SelectOn.TRAIN, 3, FactorSpan.defaults()));
    assertTrue(e.getMessage().startsWith("factors:"), e.getMessage());
  }
}
