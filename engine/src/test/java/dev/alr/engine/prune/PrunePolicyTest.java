package dev.alr.engine.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The four policies planned and decided over three cycles against a fake validation loss
 * {@code |log(max_lr / target(cycle))|} whose best peak rises with the cycle.
 */
class PrunePolicyTest {
  private static final SiloCurve CURVE = new SiloCurve(0.1, 0.15, 5, 1);

  /** A validation loss that is least at max_lr = 0.1·2^cycle. */
  private static double fakeLoss(PruneCandidate c) {
    return Math.abs(Math.log(c.maxLr() / (0.1 * Math.pow(2, c.cycle()))));
  }

  private static List<PruneResult> train(List<PruneCandidate> plan, ToDoubleFunction<PruneCandidate> loss) {
    List<PruneResult> out = new ArrayList<>();
    for (int i = plan.size() - 1; i >= 0; i--) {
      PruneCandidate c = plan.get(i);
      out.add(new PruneResult(c.id(), 0, loss.applyAsDouble(c), 0.5, 1 - Math.pow(0.8, c.cycle()), 100));
    }
    return out;
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // policy, max_lr per cycle of the best line, candidates per cycle, parent of cycle 2's first candidate
        Arguments.of(new SiloPolicy(CURVE, 0.2), List.of(0.1, 0.1, CURVE.maxLr(2, 0.2)), List.of(1, 1, 1), 1),
        Arguments.of(new ConstantPolicy(0.3), List.of(0.3, 0.3, 0.3), List.of(1, 1, 1), 1),
        // grid 0.1, 0.2, 0.4: the best of each cycle is 0.1, 0.2, 0.4; cycle 1's winner is id 4 (0.2)
        Arguments.of(new OraclePolicy(List.of(0.1, 0.2, 0.4)), List.of(0.1, 0.2, 0.4), List.of(3, 3, 3), 4),
        // M 2 × factors 0.5, 1, 2 from 0.1: cycle 0 {0.05, 0.1, 0.2} → keep 0.1 (id 1), 0.2 (id 2);
        // cycle 1 from 0.1: {0.05, 0.1, 0.2}, from 0.2: {0.1, 0.2, 0.4} → keep 0.2 (id 5), 0.2 (id 7);
        // cycle 2 first candidate's parent is id 5
        Arguments.of(new BeamPolicy(0.1, 2, List.of(0.5, 1.0, 2.0)), List.of(0.1, 0.2, 0.4), List.of(3, 6, 6), 5));
  }

  @ParameterizedTest
  @MethodSource("table")
  void plansAndKeepsTheBestByValidationLoss(PrunePolicy policy, List<Double> bestLr, List<Integer> sizes,
                                            int cycleTwoParent) {
    PruneState state = PruneState.start();
    for (int cycle = 0; cycle < 3; cycle++) {
      List<PruneCandidate> plan = policy.plan(state);
      assertEquals(sizes.get(cycle), plan.size(), "candidates of cycle " + cycle);
      assertEquals(sizes.get(cycle), policy.candidatesPerCycle(cycle));
      for (int i = 0; i < plan.size(); i++) {
        assertEquals(state.nextId() + i, plan.get(i).id(), "ids in plan order");
        assertEquals(cycle, plan.get(i).cycle());
        assertEquals(cycle == 0 ? PruneCandidate.ROOT : state.survivors().stream()
            .filter(l -> l.candidateId() == plan.get(0).parentId()).findFirst().orElseThrow().candidateId(),
            plan.get(0).parentId());
      }
      if (cycle == 2) {
        assertEquals(cycleTwoParent, plan.get(0).parentId());
      }
      state = policy.decide(state, plan, train(plan, PrunePolicyTest::fakeLoss));
      assertEquals(cycle + 1, state.cycle());
      assertEquals(bestLr.get(cycle), state.best().maxLr(), 1e-12, policy.name() + " cycle " + cycle);
      assertEquals(Math.min(policy.survivors(), plan.size()), state.survivors().size());
    }
  }

  @Test
  void divergedCandidatesRankLastAndTiesBreakById() {
    OraclePolicy oracle = new OraclePolicy(List.of(0.1, 0.2, 0.4));
    List<PruneCandidate> plan = oracle.plan(PruneState.start());
    PruneState next = oracle.decide(PruneState.start(), plan, List.of(
        new PruneResult(0, 0, Double.NaN, 0, 0, 1), new PruneResult(2, 0, 0.5, 0, 0, 1),
        new PruneResult(1, 0, 0.5, 0, 0, 1)));
    assertEquals(1, next.best().candidateId());
    assertEquals(3, next.nextId());
  }

  @Test
  void aMissingResultIsRefused() {
    ConstantPolicy constant = new ConstantPolicy(0.1);
    List<PruneCandidate> plan = constant.plan(PruneState.start());
    assertThrows(IllegalArgumentException.class, () -> constant.decide(PruneState.start(), plan, List.of()));
  }

  @Test
  void badOptionsAreRefusedNamingTheFlag() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new OraclePolicy(List.of())).getMessage()
        .startsWith("grid"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConstantPolicy(0)).getMessage()
        .startsWith("maxLr"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ConstantPolicy(Double.POSITIVE_INFINITY))
        .getMessage().startsWith("maxLr"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new BeamPolicy(0.1, 0, List.of(1.0)))
        .getMessage().startsWith("beams"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SiloPolicy(CURVE, 1)).getMessage()
        .startsWith("pruneFraction"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PrunePolicy.of("grid", 0.1, 0.2, CURVE, List.of(), 1, List.of())).getMessage().startsWith("policy"));
  }

  @Test
  void ofBuildsEachPolicyByName() {
    for (String name : List.of("silo", "constant", "oracle", "alr")) {
      assertEquals(name, PrunePolicy.of(name, 0.1, 0.2, CURVE, List.of(0.1), 2, List.of(1.0)).name());
    }
  }
}
