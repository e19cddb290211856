package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-round decrease bound: factors below the floor are raised after the first rounds, unless retrying. */
class BoundedDecreaseTest {
  private static final BeamSearch ADAPTIVE = new BeamSearch(2, null, 1e-6, 10.0, SelectOn.TRAIN, 3,
      new FactorSpan(2, 16, 3));
  private static final List<Beam> BEAMS = List.of(new Beam(4, 0, 0.2, 1.0), new Beam(2, 0, 0.05, 2.0));

  static Stream<Arguments> plans() {
    return Stream.of(
        // round, backoffs, span, floor, factors planned for each beam
        arguments(2, 0, 2.0, 0.5, List.of(0.5, 1.0, 2.0)),
        arguments(2, 0, 4.0, 0.5, List.of(0.5, 1.0, 4.0)),
        arguments(3, 0, 16.0, 0.5, List.of(0.5, 1.0, 16.0)),
        arguments(3, 0, 16.0, 0.25, List.of(0.25, 1.0, 16.0)),
        arguments(3, 0, 16.0, 1.0, List.of(1.0, 1.0, 16.0)),
        arguments(1, 0, 16.0, 0.5, List.of(1 / 16.0, 1.0, 16.0)),
        arguments(3, 1, 16.0, 0.5, List.of(1 / 16.0, 1.0, 16.0)));
  }

  @ParameterizedTest(name = "round {0}, backoffs {1}, span {2}, floor {3}")
  @MethodSource("plans")
  void factorsBelowTheFloorAreRaisedAfterTheFirstRoundUnlessRetrying(int round, int backoffs, double span,
                                                                      double floor, List<Double> factors) {
    BoundedDecrease policy = new BoundedDecrease(ADAPTIVE, floor, 1);
    SearchState state = new SearchState(round, BEAMS, 6, backoffs, span);
    List<Candidate> plan = policy.plan(state);
    List<Candidate> inner = ADAPTIVE.plan(state);
    assertEquals(6, plan.size());
    for (int k = 0; k < plan.size(); k++) {
      Candidate c = plan.get(k);
      double f = factors.get(k % 3);
      double lr = BEAMS.get(k / 3).lr() * f;
      assertEquals(new Candidate(inner.get(k).id(), inner.get(k).parentId(), round, k / 3, f, lr,
          new LrRule.Fixed(lr)), c, "candidate " + k);
    }
  }

  @Test
  void theSelectionAndSpanAreTheInnerPolicysOnTheBoundedPlan() {
    BoundedDecrease policy = new BoundedDecrease(ADAPTIVE, 0.5, 1);
    SearchState state = new SearchState(3, BEAMS, 6, 0, 16.0);
    List<Candidate> plan = policy.plan(state);
    // the raised candidate (factor 0.5 of beam 0) wins: it is not an edge of the 1/16..16 grid, so the span narrows
    List<CandidateResult> results = Results.shuffled(Results.forPlan(plan, new double[] {0.1, 0.3, 0.4, 0.2, 0.5, 0.6}),
        3);
    Decision d = policy.decide(state, plan, results);
    assertEquals(ADAPTIVE.decide(state, plan, results), d);
    SearchState next = assertInstanceOf(Decision.Advance.class, d).next();
    assertEquals(List.of(new Beam(6, 0, 0.1, 0.1), new Beam(9, 0, 0.025, 0.2)), next.beams());
    assertEquals(4.0, next.span());
  }

  @Test
  void theLrNeverFallsBelowTheInnerClampWhenRaised() {
    BeamSearch clamped = new BeamSearch(1, List.of(0.01, 1.0, 2.0), 1e-3, 10.0, SelectOn.TRAIN, 3);
    List<Candidate> plan = new BoundedDecrease(clamped, 0.5, 1)
        .plan(new SearchState(2, List.of(new Beam(0, 0, 1e-3, 1.0)), 3, 0));
    assertEquals(List.of(1e-3, 1e-3, 2e-3), plan.stream().map(Candidate::lr).toList());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.5, 1.5, Double.NaN})
  void aFloorOutsideZeroToOneIsRefusedNamingTheFlag(double floor) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BoundedDecrease(ADAPTIVE, floor, 1));
    assertEquals("maxDrop: must be in (0, 1], got " + floor, e.getMessage());
  }
}
