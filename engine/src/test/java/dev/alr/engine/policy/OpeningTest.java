package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The opening round of an adaptive span: the first round's single beam tries the wide opening grid,
 * the next round's span depends on whether the opening's best was an edge factor, and later rounds
 * are the adaptive search's.
 */
class OpeningTest {
  private static final double NAN = Double.NaN;

  private static BeamSearch opening(double openSpan, int openCount) {
    return new BeamSearch(2, null, 1e-6, 10.0, SelectOn.TRAIN, 3, new FactorSpan(2, 16, 3, openSpan, openCount));
  }

  static Stream<Arguments> grids() {
    return Stream.of(
        arguments(100.0, 5, List.of(0.01, 0.1, 1.0, 10.0, 100.0)),
        arguments(16.0, 5, List.of(1 / 16.0, 0.25, 1.0, 4.0, 16.0)),
        arguments(4.0, 3, List.of(0.25, 1.0, 4.0)));
  }

  @ParameterizedTest(name = "span {0}, {1} factors")
  @MethodSource("grids")
  void theOpeningGridIsGeometricAroundOne(double span, int count, List<Double> want) {
    List<Double> got = new FactorSpan(2, 16, 3, span, count).opening();
    assertEquals(want.size(), got.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i), got.get(i), want.get(i) * 1e-12, "factor " + i);
    }
    assertEquals(1.0, got.get(count / 2), "the middle factor is exactly 1");
  }

  @Test
  void theDefaultOpeningIsOneFactorPerDecadeToAThousand() {
    FactorSpan s = FactorSpan.defaults().withOpening();
    List<Double> f = s.opening();
    assertEquals(7, f.size());
    for (int i = 0; i < 7; i++) {
      assertEquals(Math.pow(10, i - 3), f.get(i), Math.pow(10, i - 3) * 1e-12);
    }
    assertEquals(FactorSpan.defaults().factors(2), s.factors(2), "later rounds keep the base grid");
  }

  @Test
  void theFirstRoundPlansTheOpeningFromTheRoot() {
    BeamSearch policy = opening(100, 5);
    SearchState s0 = policy.initial(0.05);
    assertEquals(100.0, s0.span(), "the first round records the opening's span");
    List<Candidate> plan = policy.plan(s0);
    assertEquals(5, plan.size());
    double[] lrs = {5e-4, 5e-3, 0.05, 0.5, 5};
    for (int i = 0; i < 5; i++) {
      Candidate c = plan.get(i);
      assertEquals(Candidate.ROOT, c.parentId());
      assertEquals(lrs[i], c.lr(), lrs[i] * 1e-12);
      assertEquals(new LrRule.Fixed(c.lr()), c.rule());
    }
  }

  @Test
  void theOpeningIsClampedToTheLrBoundsAndTriesAClampedLrOnce() {
    BeamSearch policy = opening(1000, 7);
    List<Double> factors = FactorSpan.defaults().withOpening().opening();
    List<Candidate> plan = policy.plan(policy.initial(0.5));
    List<Double> want = List.of(0.5 * factors.get(0), 0.5 * factors.get(1), 0.5 * factors.get(2), 0.5,
        0.5 * factors.get(4), 10.0);
    assertEquals(want, plan.stream().map(Candidate::lr).toList(), "50 and 500 both clamp to the max LR 10: once");
    assertEquals(List.of(0, 1, 2, 3, 4, 5), plan.stream().map(Candidate::id).toList());
    assertEquals(factors.get(5), plan.get(5).factor(), "the first factor that reaches the clamp is kept");
    List<Candidate> low = policy.plan(policy.initial(2e-6));
    assertEquals(1e-6, low.get(0).lr(), "2e-9, 2e-8 and 2e-7 all clamp to the min LR 1e-6: once");
    assertEquals(5, low.size());
    SearchState second = new SearchState(2, List.of(new Beam(5, 0, 10.0, 1.0)), 6, 0, 2.0);
    assertEquals(List.of(5.0, 10.0, 10.0), policy.plan(second).stream().map(Candidate::lr).toList(),
        "later rounds plan every factor, clamped or not, as without an opening");
  }

  /** Losses of the opening's 5 candidates (ids 0..4, factors 1/100 … 100) and the span after it. */
  static Stream<Arguments> afterOpening() {
    return Stream.of(
        arguments("an inner best starts the base span", new double[] {5, 4, 1, 2, 3}, 2.0, 2),
        arguments("an inner best off the middle starts the base span", new double[] {5, 1, 2, 3, 4}, 2.0, 1),
        arguments("the largest factor's win starts the cap", new double[] {5, 4, 3, 2, 1}, 16.0, 4),
        arguments("the smallest factor's win starts the cap", new double[] {1, 2, 3, 4, 5}, 16.0, 0),
        arguments("a diverged edge does not count", new double[] {NAN, 3, 2, 1.5, NAN}, 2.0, 3));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("afterOpening")
  void theRoundAfterTheOpeningStartsAtTheBaseOrTheCap(String name, double[] losses, double span, int best) {
    BeamSearch policy = opening(100, 5);
    SearchState s0 = policy.initial(0.05);
    List<Candidate> plan = policy.plan(s0);
    for (long seed = 0; seed < 3; seed++) {
      SearchState next = assertInstanceOf(Decision.Advance.class,
          policy.decide(s0, plan, Results.shuffled(Results.forPlan(plan, losses), seed))).next();
      assertEquals(span, next.span(), "span, shuffle seed " + seed);
      assertEquals(2, next.epoch());
      assertEquals(best, next.beams().get(0).candidateId());
      assertEquals(FactorSpan.defaults().factors(span), policy.factorsOf(next), "round 2 plans the adaptive grid");
      assertEquals(2 * 3, policy.plan(next).size());
    }
  }

  @Test
  void aRetriedOpeningTriesTheOpeningAgainFromHalfTheLr() {
    BeamSearch policy = opening(100, 5);
    SearchState s0 = policy.initial(0.08);
    List<Candidate> plan = policy.plan(s0);
    SearchState retry = assertInstanceOf(Decision.Retry.class,
        policy.decide(s0, plan, Results.forPlan(plan, new double[] {NAN, NAN, NAN, NAN, NAN}))).next();
    assertEquals(100.0, retry.span());
    List<Candidate> again = policy.plan(retry);
    assertEquals(5, again.size());
    assertEquals(0.04 / 100, again.get(0).lr(), 1e-15);
  }

  @Test
  void plannedCandidateEpochsCountTheOpening() {
    assertEquals(7 + 6 + 6, opening(1000, 7).plannedCandidateEpochs(3));
    assertEquals(3 + 6 + 6, new BeamSearch(2, null, 1e-6, 10.0, SelectOn.TRAIN, 3, FactorSpan.defaults())
        .plannedCandidateEpochs(3));
  }

  @Test
  void plannedCostCountsWhatHalvingStops() {
    assertEquals(31.0, opening(1000, 7).plannedCost(5, Halving.NONE), 1e-12);
    assertEquals(7 * 0.25 + 2 * 0.75 + 4 * (6 * 0.25 + 2 * 0.75), opening(1000, 7).plannedCost(5, new Halving(4, 2)),
        1e-12, "the default: 15.25 candidate-epochs");
    assertEquals(3 / 3.0 + 2 * 2 / 3.0 + 4 * (6 / 3.0 + 2 * 2 / 3.0),
        BeamSearch.of(2, 0.5, 1, 2).plannedCost(5, new Halving(3, 2)), 1e-12, "RESULTS §13: 15.67 of 27");
    assertEquals(27.0, BeamSearch.of(2, 0.5, 1, 2).plannedCost(5, Halving.NONE), 1e-12);
  }

  @Test
  void withoutAnOpeningTheFingerprintIsUnchanged() {
    assertEquals("FactorSpan[base=2.0, cap=16.0, count=3]", FactorSpan.defaults().toString());
    assertTrue(FactorSpan.defaults().withOpening().toString().contains("openSpan=1000.0, openCount=7"));
    ObjectMapper json = new ObjectMapper();
    assertEquals("{\"base\":2.0,\"cap\":16.0,\"count\":3}", json.valueToTree(FactorSpan.defaults()).toString(),
        "the JSON a checkpoint's configuration is compared on, as before openings existed");
    assertEquals("{\"base\":2.0,\"cap\":16.0,\"count\":3,\"openSpan\":1000.0,\"openCount\":7}",
        json.valueToTree(FactorSpan.defaults().withOpening()).toString());
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments(1.0, 7, "opening span"),
        arguments(0.5, 7, "opening span"),
        arguments(Double.POSITIVE_INFINITY, 7, "opening span"),
        arguments(NAN, 7, "opening span"),
        arguments(1000.0, 4, "opening factor count"),
        arguments(1000.0, 1, "opening factor count"),
        arguments(1000.0, 0, "opening factor count"));
  }

  @ParameterizedTest(name = "span {0}, count {1}")
  @MethodSource("refused")
  void badOpeningsAreRefusedNamingTheField(double span, int count, String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FactorSpan(2, 16, 3, span, count));
    assertTrue(e.getMessage().startsWith("factors: the " + field), e.getMessage());
  }
}
