package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alr.engine.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Fixed schedules and the grid: one line per schedule, every finite line survives. */
class ScheduleSearchTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final long SPE = 10;

  private static final List<Schedule> THREE = List.of(
      new Schedule.Constant(0.1),
      new Schedule.Linear(0.5, 0.05, 3 * SPE),
      new Schedule.Exponential(1.0, 0.9));

  private static ScheduleSearch search(List<Schedule> schedules, SelectOn on) {
    return new ScheduleSearch(schedules, SPE, on);
  }

  @Test
  void initialHasOneRootBeamPerLineAtTheScheduleStart() {
    SearchState s = search(THREE, SelectOn.TRAIN).initial(123.0);
    List<Beam> want = new ArrayList<>();
    for (int g = 0; g < THREE.size(); g++) {
      want.add(new Beam(Candidate.ROOT, g, THREE.get(g).lr(0), NAN));
    }
    assertEquals(new SearchState(1, want, 0, 0), s);
  }

  /** Beams best first: line 2, line 0, line 1. */
  @ParameterizedTest
  @CsvSource({"1, 0", "2, 3", "3, 6", "7, 18"})
  void planHasOneCandidatePerLineInLineOrderStartingAtTheGlobalStep(int epoch, int nextId) {
    ScheduleSearch policy = search(THREE, SelectOn.TRAIN);
    List<Beam> beams = List.of(new Beam(42, 2, 0.3, 0.1), new Beam(40, 0, 0.1, 0.2), new Beam(41, 1, 0.2, 0.3));
    List<Candidate> plan = policy.plan(new SearchState(epoch, beams, nextId, 0));

    int[] parentOfLine = {40, 41, 42};
    assertEquals(3, plan.size());
    for (int g = 0; g < 3; g++) {
      Candidate c = plan.get(g);
      assertEquals(nextId + g, c.id());
      assertEquals(g, c.line());
      assertEquals(parentOfLine[g], c.parentId());
      assertEquals(epoch, c.epoch());
      assertEquals(1.0, c.factor());
      assertEquals(THREE.get(g).lr((epoch - 1) * SPE), c.lr(), "start LR of line " + g);
      assertEquals(new LrRule.Scheduled(THREE.get(g)), c.rule());
    }
  }

  /** losses[g] is line g's; expected: surviving lines best first. */
  static Stream<Arguments> decisions() {
    return Stream.of(
        arguments("ascending", new double[] {1, 2, 3}, new int[] {0, 1, 2}),
        arguments("reversed", new double[] {3, 2, 1}, new int[] {2, 1, 0}),
        arguments("tie by id", new double[] {2, 1, 2}, new int[] {1, 0, 2}),
        arguments("diverged line dropped", new double[] {1, NAN, 0.5}, new int[] {2, 0}),
        arguments("two diverged", new double[] {INF, NAN, 0.5}, new int[] {2}),
        arguments("minus infinity is divergence too", new double[] {-INF, 3, 4}, new int[] {1, 2}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decideKeepsEveryFiniteLineBestFirstCarryingItsEndLr(String name, double[] losses, int[] expected) {
    ScheduleSearch policy = search(THREE, SelectOn.TRAIN);
    SearchState state = new SearchState(2, List.of(new Beam(0, 0, 0.1, 1), new Beam(1, 1, 0.2, 2),
        new Beam(2, 2, 0.3, 3)), 3, 0);
    List<Candidate> plan = policy.plan(state);
    List<CandidateResult> results = new ArrayList<>();
    for (int g = 0; g < 3; g++) {
      results.add(Results.train(plan.get(g).id(), losses[g], 0.01 * (g + 1)));
    }
    for (long seed = 0; seed < 4; seed++) {
      SearchState next = assertInstanceOf(Decision.Advance.class,
          policy.decide(state, plan, Results.shuffled(results, seed))).next();
      List<Beam> want = new ArrayList<>();
      for (int g : expected) {
        want.add(new Beam(3 + g, g, 0.01 * (g + 1), losses[g]));
      }
      assertEquals(new SearchState(3, want, 6, 0), next);
    }
  }

  @Test
  void aDroppedLineIsNotPlannedAgain() {
    ScheduleSearch policy = search(THREE, SelectOn.TRAIN);
    SearchState s1 = policy.initial(0.1);
    List<Candidate> plan1 = policy.plan(s1);
    List<CandidateResult> r1 = List.of(Results.train(0, 1.0, 0.1), Results.train(1, NAN, 0.5),
        Results.train(2, 0.5, 0.9));
    SearchState s2 = assertInstanceOf(Decision.Advance.class, policy.decide(s1, plan1, r1)).next();
    List<Candidate> plan2 = policy.plan(s2);
    assertEquals(List.of(0, 2), plan2.stream().map(Candidate::line).toList());
    assertEquals(List.of(0, 2), plan2.stream().map(Candidate::parentId).toList());
    assertEquals(List.of(3, 4), plan2.stream().map(Candidate::id).toList());
  }

  @Test
  void allLinesDivergedStops() {
    ScheduleSearch policy = search(THREE, SelectOn.TRAIN);
    SearchState s = new SearchState(4, List.of(new Beam(0, 0, 0.1, 1), new Beam(1, 1, 0.2, 2),
        new Beam(2, 2, 0.3, 3)), 3, 0);
    List<Candidate> plan = policy.plan(s);
    Decision d = policy.decide(s, plan, Results.forPlan(plan, new double[] {NAN, INF, NAN}));
    String reason = assertInstanceOf(Decision.Stop.class, d).reason();
    assertTrue(reason.contains("diverged") && reason.contains("epoch 4"), reason);
  }

  @Test
  void gridCanRankOnValidationLoss() {
    ScheduleSearch policy = search(THREE, SelectOn.VAL);
    SearchState s = policy.initial(0.1);
    List<Candidate> plan = policy.plan(s);
    List<CandidateResult> r = List.of(Results.both(0, 1, 3, 0.1), Results.both(1, 2, 2, 0.4),
        Results.both(2, 3, 1, 0.9));
    SearchState next = assertInstanceOf(Decision.Advance.class, policy.decide(s, plan, r)).next();
    assertEquals(List.of(2, 1, 0), next.beams().stream().map(Beam::line).toList());
    assertEquals(2, policy.best(next).candidateId());
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 1", "3, 4", "10, 2"})
  void plannedCandidateEpochsIsEpochsTimesLines(int epochs, int lines) {
    List<Schedule> s = new ArrayList<>();
    for (int g = 0; g < lines; g++) {
      s.add(new Schedule.Constant(0.1 * (g + 1)));
    }
    assertEquals((long) epochs * lines, search(s, SelectOn.TRAIN).plannedCandidateEpochs(epochs));
  }

  @Test
  void validation() {
    assertThrows(IllegalArgumentException.class, () -> new ScheduleSearch(List.of(), SPE, SelectOn.TRAIN));
    assertThrows(IllegalArgumentException.class, () -> new ScheduleSearch(THREE, 0, SelectOn.TRAIN));
  }
}
