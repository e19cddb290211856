package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.alr.engine.schedule.NProbeRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The N-probe rules: names, how a probe moves the level, the profile over the run, and the settings. */
class ProbeRuleTest {
  private static final double[] FACTORS = {2, 1, 0.5};
  /** lr 0.1, best loss at factor 2 (NProbeRuleTest: the paper's rule gives 0.1248466117300924). */
  private static final double UP = 0.1248466117300924;

  @ParameterizedTest
  @CsvSource({"paper, PAPER", "smooth, SMOOTH", "rex, REX", "cosine, COSINE"})
  void parsesTheCliNames(String name, ProbeRule expected) {
    assertEquals(expected, ProbeRule.parse(name));
    assertEquals(name, expected.cliName());
  }

  @ParameterizedTest
  @CsvSource({"PAPER", "Rex", "greedy", "''"})
  void unknownNamesAreRefusedNamingTheFlag(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeRule.parse(name));
    assertTrue(e.getMessage().startsWith("probeRule: must be paper, smooth, rex or cosine"), e.getMessage());
  }

  /** rule, level, losses, minLr, maxLr, next level. */
  static Stream<Arguments> nextLevelTable() {
    double[] up = {1, 2, 3};
    double[] down = {3, 2, 1};
    return Stream.of(
        arguments(ProbeRule.PAPER, 0.1, up, 1e-6, 10.0, UP),
        arguments(ProbeRule.SMOOTH, 0.1, up, 1e-6, 10.0, 0.1 * Math.sqrt(UP / 0.1)),
        arguments(ProbeRule.REX, 0.1, up, 1e-6, 10.0, 0.1 * Math.sqrt(UP / 0.1)),
        arguments(ProbeRule.COSINE, 0.1, up, 1e-6, 10.0, 0.1 * Math.sqrt(UP / 0.1)),
        // down by the paper's ratio 0.8009828910390566, the smoothed rules by its square root
        arguments(ProbeRule.PAPER, 0.1, down, 1e-6, 10.0, 0.08009828910390566),
        arguments(ProbeRule.REX, 0.1, down, 1e-6, 10.0, 0.1 * Math.sqrt(0.8009828910390566)),
        // equal losses: unchanged for every rule
        arguments(ProbeRule.SMOOTH, 0.1, new double[] {2, 2, 2}, 1e-6, 10.0, 0.1),
        // every probe diverged: the paper halves, the smoothed rules back off by sqrt(0.5)
        arguments(ProbeRule.PAPER, 0.1, new double[] {Double.NaN, Double.NaN, Double.NaN}, 1e-6, 10.0, 0.05),
        arguments(ProbeRule.COSINE, 0.1, new double[] {Double.NaN, Double.NaN, Double.NaN}, 1e-6, 10.0,
            0.1 * Math.sqrt(0.5)),
        // clamps hold for every rule
        arguments(ProbeRule.REX, 0.1, up, 1e-6, 0.105, 0.105),
        arguments(ProbeRule.SMOOTH, 0.1, down, 0.099, 10.0, 0.099),
        arguments(ProbeRule.PAPER, 0.1, up, 1e-6, 0.11, 0.11));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("nextLevelTable")
  void nextLevel(ProbeRule rule, double level, double[] losses, double minLr, double maxLr, double expected) {
    assertEquals(expected, rule.nextLevel(level, FACTORS, losses, minLr, maxLr), 1e-15);
  }

  /** The smoothed rules move the log LR by SMOOTHING times the paper's move, for any losses. */
  @ParameterizedTest
  @CsvSource({"0.3, 0.2, 0.25", "1, 1.5, 0.2", "0.5, 0.5, 0.9", "4, 1, 9"})
  void smoothingHalvesThePapersMoveInLogSpace(double l2, double l1, double l05) {
    double[] losses = {l2, l1, l05};
    double paper = NProbeRule.nextLr(0.05, FACTORS, losses, 1e-6, 10);
    assertEquals(ProbeRule.SMOOTHING * Math.log(paper / 0.05),
        Math.log(ProbeRule.SMOOTH.nextLevel(0.05, FACTORS, losses, 1e-6, 10) / 0.05), 1e-12);
  }

  /** rule, step, totalSteps, profile. */
  @ParameterizedTest(name = "{0} step {1} of {2}")
  @CsvSource({
      "PAPER, 50, 100, 1",
      "SMOOTH, 99, 100, 1",
      "REX, 0, 100, 1",
      "REX, 50, 100, 0.6666666666666666",
      "REX, 75, 100, 0.4",
      "REX, 100, 100, 1e-6",
      "COSINE, 0, 100, 1",
      "COSINE, 50, 100, 0.5",
      "COSINE, 100, 100, 1e-6",
      "REX, 50, 0, 1",
      "COSINE, 7, 0, 1"})
  void profile(ProbeRule rule, long step, long totalSteps, double expected) {
    assertEquals(expected, rule.profile(step, totalSteps), 1e-12);
  }

  @Test
  void defaultsAreTheRexRuleEveryFourStepsOnTheWholeBatch() {
    NProbeSettings d = NProbeSettings.defaults();
    assertEquals(List.of(ProbeRule.REX, 4, 0, true), List.of(d.rule(), d.every(), d.probeBatch(), d.sameBatch()));
    NProbeSettings p = NProbeSettings.paper();
    assertEquals(List.of(ProbeRule.PAPER, 1, 16, true), List.of(p.rule(), p.every(), p.probeBatch(), p.sameBatch()));
    assertEquals(ProbeRule.PAPER, new NProbeSettings(d.factors(), 1, 16, true, 1e-6, 10).rule());
  }

  @Test
  void aNullRuleIsRefusedNamingTheFlag() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new NProbeSettings(List.of(2.0, 0.5), 1, 0, true, 1e-6, 10, null));
    assertTrue(e.getMessage().startsWith("probeRule:"), e.getMessage());
  }

  /** The policy hands the run's length to its candidates. */
  @ParameterizedTest
  @CsvSource({"0", "780"})
  void theSearchPlansCandidatesWithTheRunLength(long totalSteps) {
    NProbeSearch policy = new NProbeSearch(NProbeSettings.defaults(), totalSteps);
    LrRule.Probed rule = (LrRule.Probed) policy.plan(policy.initial(0.05)).get(0).rule();
    assertEquals(new LrRule.Probed(0.05, NProbeSettings.defaults(), totalSteps), rule);
  }
}
