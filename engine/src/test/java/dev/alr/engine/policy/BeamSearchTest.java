package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** ALR beam search: planning, top-M selection, divergence back-off, validation, accounting. */
class BeamSearchTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  private static BeamSearch beam(int m, List<Double> factors, double min, double max, int maxBackoffs) {
    return new BeamSearch(m, factors, min, max, SelectOn.TRAIN, maxBackoffs);
  }

  // ---------------------------------------------------------------- plan

  static Stream<Arguments> plans() {
    return Stream.of(
        arguments("root beam", List.of(new Beam(Candidate.ROOT, 0, 0.1, NAN)), List.of(0.5, 1.0, 2.0), 1e-6, 10.0, 0, 1),
        arguments("two beams, best first", List.of(new Beam(4, 0, 0.2, 1.0), new Beam(2, 0, 0.05, 2.0)),
            List.of(0.5, 1.0, 2.0), 1e-6, 10.0, 6, 3),
        arguments("upper clamp", List.of(new Beam(7, 0, 8.0, 1.0)), List.of(0.5, 1.0, 2.0), 1e-6, 10.0, 8, 4),
        arguments("lower clamp", List.of(new Beam(7, 0, 2e-6, 1.0), new Beam(9, 0, 1.0, 1.5)),
            List.of(0.25, 1.0, 4.0), 1e-6, 2.0, 10, 5),
        arguments("three beams, one factor", List.of(new Beam(30, 0, 0.3, 0.1), new Beam(31, 0, 0.2, 0.2),
            new Beam(35, 0, 0.1, 0.3)), List.of(1.0), 1e-6, 10.0, 36, 9),
        arguments("factor order kept", List.of(new Beam(1, 0, 0.1, 0.5)), List.of(3.0, 0.1, 1.0, 0.5), 1e-3, 1.0, 3, 2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void planAssignsIdsInBeamRankTimesFactorOrder(String name, List<Beam> beams, List<Double> factors, double min,
                                               double max, int nextId, int epoch) {
    BeamSearch policy = beam(beams.size(), factors, min, max, 3);
    List<Candidate> plan = policy.plan(new SearchState(epoch, beams, nextId, 0));

    assertEquals(beams.size() * factors.size(), plan.size());
    int k = 0;
    for (int m = 0; m < beams.size(); m++) {
      for (double f : factors) {
        Candidate c = plan.get(k);
        double lr = Math.max(min, Math.min(max, beams.get(m).lr() * f));
        assertEquals(nextId + k, c.id(), "id of #" + k);
        assertEquals(beams.get(m).candidateId(), c.parentId(), "parent of #" + k);
        assertEquals(epoch, c.epoch());
        assertEquals(m, c.line(), "line is the beam rank");
        assertEquals(f, c.factor());
        assertEquals(lr, c.lr(), "lr of #" + k);
        assertEquals(new LrRule.Fixed(lr), c.rule());
        k++;
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"0.05, 1e-6, 10, 0.05", "50, 1e-6, 10, 10", "1e-9, 1e-6, 10, 1e-6", "0.5, 0.5, 0.5, 0.5"})
  void initialIsOneClampedRootBeam(double lr0, double min, double max, double expected) {
    SearchState s = beam(2, List.of(0.5, 1.0, 2.0), min, max, 3).initial(lr0);
    assertEquals(new SearchState(1, List.of(new Beam(Candidate.ROOT, 0, expected, NAN)), 0, 0), s);
  }

  // ---------------------------------------------------------------- decide

  /** Two beams × factors 0.5, 1, 2 in epoch 4, ids 10..15; losses[i] for id 10 + i. */
  static Stream<Arguments> selections() {
    return Stream.of(
        arguments("distinct", 2, new double[] {3, 1, 2, 6, 5, 4}, new int[] {11, 12}),
        arguments("all tied: lowest ids", 2, new double[] {1, 1, 1, 1, 1, 1}, new int[] {10, 11}),
        arguments("tie across beams", 2, new double[] {2, 1, 3, 1, 5, 5}, new int[] {11, 13}),
        arguments("non-finite never survive", 2, new double[] {NAN, 2, INF, -INF, 3, NAN}, new int[] {11, 14}),
        arguments("fewer finite than M", 2, new double[] {NAN, INF, 0.5, NAN, NAN, INF}, new int[] {12}),
        arguments("M = 1", 1, new double[] {0.3, 0.2, 0.1, 0.4, 0.5, 0.6}, new int[] {12}),
        arguments("M = 3", 3, new double[] {6, 5, 4, 3, 2, 1}, new int[] {15, 14, 13}),
        arguments("M above candidates", 8, new double[] {6, NAN, 4, 3, 2, 1}, new int[] {15, 14, 13, 12, 10}),
        arguments("negative losses", 2, new double[] {-1, -3, 0, -2, 1, 2}, new int[] {11, 13}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void decideKeepsTheTopMAscendingWhateverTheResultOrder(String name, int m, double[] losses, int[] expected) {
    BeamSearch policy = beam(m, List.of(0.5, 1.0, 2.0), 1e-6, 10.0, 3);
    SearchState state = new SearchState(4, List.of(new Beam(3, 0, 0.1, 1.0), new Beam(5, 0, 0.4, 1.1)), 10, 2);
    List<Candidate> plan = policy.plan(state);
    List<CandidateResult> results = Results.forPlan(plan, losses);

    for (long seed = 0; seed < 6; seed++) {
      Decision d = policy.decide(state, plan, Results.shuffled(results, seed));
      SearchState next = assertInstanceOf(Decision.Advance.class, d).next();
      List<Beam> want = new ArrayList<>();
      for (int id : expected) {
        Candidate c = plan.get(id - 10);
        want.add(new Beam(id, 0, c.lr(), losses[id - 10]));
      }
      assertEquals(new SearchState(5, want, 16, 0), next, "shuffle seed " + seed);
    }
  }

  @Test
  void decideRanksOnValidationLossWhenAskedTo() {
    BeamSearch policy = new BeamSearch(1, List.of(0.5, 1.0, 2.0), 1e-6, 10.0, SelectOn.VAL, 3);
    SearchState state = policy.initial(0.1);
    List<Candidate> plan = policy.plan(state);
    List<CandidateResult> results = List.of(Results.both(0, 1.0, 3.0, 0.05), Results.both(1, 2.0, 2.0, 0.1),
        Results.both(2, 3.0, 1.0, 0.2));
    SearchState next = assertInstanceOf(Decision.Advance.class, policy.decide(state, plan, results)).next();
    assertEquals(List.of(new Beam(2, 0, 0.2, 1.0)), next.beams());
  }

  /** All diverged, with {@code backoffs} taken of {@code maxBackoffs}. */
  @ParameterizedTest
  @CsvSource({"3, 0", "3, 1", "3, 2", "1, 0", "5, 4"})
  void allDivergedRetriesTheSameEpochFromTheSameParentsAtHalfTheLrs(int maxBackoffs, int backoffs) {
    BeamSearch policy = beam(2, List.of(0.5, 1.0, 2.0), 1e-6, 10.0, maxBackoffs);
    SearchState state = new SearchState(3, List.of(new Beam(7, 0, 0.8, 0.5), new Beam(6, 0, 0.2, 0.6)), 8, backoffs);
    List<Candidate> plan = policy.plan(state);
    List<CandidateResult> results = Results.forPlan(plan, new double[] {NAN, INF, NAN, INF, -INF, NAN});

    Decision d = policy.decide(state, plan, Results.shuffled(results, backoffs));
    SearchState next = assertInstanceOf(Decision.Retry.class, d).next();
    assertEquals(new SearchState(3, List.of(new Beam(7, 0, 0.4, 0.5), new Beam(6, 0, 0.1, 0.6)), 14, backoffs + 1),
        next);

    List<Candidate> again = policy.plan(next);
    assertEquals(plan.size(), again.size());
    for (int i = 0; i < plan.size(); i++) {
      assertEquals(plan.get(i).parentId(), again.get(i).parentId(), "same parent");
      assertEquals(plan.get(i).epoch(), again.get(i).epoch(), "same epoch");
      assertEquals(plan.get(i).lr() / 2, again.get(i).lr(), 1e-15, "half the lr");
      assertEquals(14 + i, again.get(i).id(), "fresh ids");
    }
  }

  @Test
  void retryHalvesRespectTheLowerClamp() {
    BeamSearch policy = beam(1, List.of(1.0), 1e-3, 10.0, 3);
    SearchState state = new SearchState(1, List.of(new Beam(Candidate.ROOT, 0, 1.5e-3, NAN)), 0, 0);
    List<Candidate> plan = policy.plan(state);
    SearchState next = assertInstanceOf(Decision.Retry.class,
        policy.decide(state, plan, Results.forPlan(plan, new double[] {NAN}))).next();
    assertEquals(1e-3, next.beams().get(0).lr());
  }

  @ParameterizedTest
  @CsvSource({"0", "1", "3"})
  void allDivergedAfterMaxBackoffsStops(int maxBackoffs) {
    BeamSearch policy = beam(2, List.of(0.5, 2.0), 1e-6, 10.0, maxBackoffs);
    SearchState state = new SearchState(2, List.of(new Beam(1, 0, 0.1, 0.5)), 2, maxBackoffs);
    List<Candidate> plan = policy.plan(state);
    Decision d = policy.decide(state, plan, Results.forPlan(plan, new double[] {INF, NAN}));
    String reason = assertInstanceOf(Decision.Stop.class, d).reason();
    assertTrue(reason.contains("epoch 2") && reason.contains("diverged") && reason.contains(maxBackoffs + " back-offs"),
        reason);
  }

  // ---------------------------------------------------------------- validation

  static Stream<Arguments> invalid() {
    List<Double> f = List.of(0.5, 1.0, 2.0);
    return Stream.of(
        arguments("beams", (Runnable) () -> new BeamSearch(0, f, 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("beams", (Runnable) () -> new BeamSearch(-2, f, 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("factors", (Runnable) () -> new BeamSearch(2, List.of(), 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("factors", (Runnable) () -> new BeamSearch(2, null, 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("factors", (Runnable) () -> new BeamSearch(2, List.of(1.0, 0.0), 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("factors", (Runnable) () -> new BeamSearch(2, List.of(-1.0), 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("factors", (Runnable) () -> new BeamSearch(2, List.of(NAN), 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("factors", (Runnable) () -> new BeamSearch(2, List.of(INF), 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("factors", (Runnable) () -> new BeamSearch(2, Arrays.asList(1.0, null), 1e-6, 10, SelectOn.TRAIN, 3)),
        arguments("minLr", (Runnable) () -> new BeamSearch(2, f, 0, 10, SelectOn.TRAIN, 3)),
        arguments("minLr", (Runnable) () -> new BeamSearch(2, f, NAN, 10, SelectOn.TRAIN, 3)),
        arguments("minLr", (Runnable) () -> new BeamSearch(2, f, 1.0, 0.5, SelectOn.TRAIN, 3)),
        arguments("maxLr", (Runnable) () -> new BeamSearch(2, f, 1e-6, INF, SelectOn.TRAIN, 3)),
        arguments("maxLr", (Runnable) () -> new BeamSearch(2, f, 1e-6, -1, SelectOn.TRAIN, 3)),
        arguments("select", (Runnable) () -> new BeamSearch(2, f, 1e-6, 10, null, 3)),
        arguments("maxBackoffs", (Runnable) () -> new BeamSearch(2, f, 1e-6, 10, SelectOn.TRAIN, -1)),
        arguments("factors", (Runnable) () -> BeamSearch.of(2)),
        arguments("factors", (Runnable) () -> BeamSearch.of(2, 1, 1)),
        arguments("factors", (Runnable) () -> BeamSearch.of(2, 0.5, 1, 0.5)));
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("invalid")
  void validationMessagesNameTheField(String field, Runnable construct) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct::run);
    assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
  }

  @Test
  void factorsAreCopied() {
    List<Double> f = new ArrayList<>(List.of(0.5, 2.0));
    BeamSearch policy = beam(1, f, 1e-6, 10, 3);
    f.add(4.0);
    assertEquals(List.of(0.5, 2.0), policy.factors());
  }

  // ---------------------------------------------------------------- accounting

  /** N ≥ M: N candidates in epoch 1, then M beams × N factors: N + M·N·(E − 1). */
  @ParameterizedTest
  @CsvSource({"2, 3, 3", "1, 3, 5", "3, 3, 4", "2, 5, 1", "4, 4, 2", "1, 1, 7"})
  void plannedCandidateEpochsWhenFactorsAtLeastBeams(int m, int n, int e) {
    BeamSearch policy = BeamSearch.of(m, IntStream.range(0, n).mapToDouble(i -> 0.5 + i).toArray());
    assertEquals(n + (long) m * n * (e - 1), policy.plannedCandidateEpochs(e));
  }

  /** N < M: the beam count grows ×N per epoch until it reaches M. */
  @ParameterizedTest
  @CsvSource({
      "4, 2, 3, 14",   // 2 + 4 + 8
      "4, 2, 4, 22",   // 2 + 4 + 8 + 8
      "9, 2, 5, 48",   // 2 + 4 + 8 + 16 + 18 (min(9, 16) = 9 beams train in epoch 5)
      "3, 1, 5, 5"})   // one factor: a single line
  void plannedCandidateEpochsWhenBeamsExceedFactors(int m, int n, int e, long expected) {
    BeamSearch policy = BeamSearch.of(m, IntStream.range(0, n).mapToDouble(i -> 0.5 + i).toArray());
    assertEquals(expected, policy.plannedCandidateEpochs(e));
  }

  @Test
  void bestIsTheFirstBeam() {
    SearchState s = new SearchState(3, List.of(new Beam(9, 0, 0.1, 0.2), new Beam(4, 0, 0.2, 0.3)), 10, 0);
    assertEquals(9, BeamSearch.of(2, 1, 2).best(s).candidateId());
  }
}
