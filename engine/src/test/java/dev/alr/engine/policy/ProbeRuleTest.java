package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
  @CsvSource({"paper, PAPER", "smooth, SMOOTH", "rex, REX", "cosine, COSINE", "calibrated, CALIBRATED"})
  void parsesTheCliNames(String name, ProbeRule expected) {
    assertEquals(expected, ProbeRule.parse(name));
    assertEquals(name, expected.cliName());
  }

  @ParameterizedTest
  @CsvSource({"PAPER", "Rex", "greedy", "''"})
  void unknownNamesAreRefusedNamingTheFlag(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProbeRule.parse(name));
    assertTrue(e.getMessage().startsWith("probeRule: must be paper, smooth, rex, cosine or calibrated"), e.getMessage());
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
        arguments(ProbeRule.PAPER, 0.1, up, 1e-6, 0.11, 0.11),
        // after its calibration CALIBRATED's level only comes down: halfway like REX's ...
        arguments(ProbeRule.CALIBRATED, 0.1, up, 1e-6, 10.0, 0.1),
        arguments(ProbeRule.CALIBRATED, 0.1, down, 1e-6, 10.0, 0.1 * Math.sqrt(0.8009828910390566)),
        // ... at full strength (the paper's move) when a probe diverged
        arguments(ProbeRule.CALIBRATED, 0.1, new double[] {Double.NaN, 2, 1}, 1e-6, 10.0,
            NProbeRule.nextLr(0.1, FACTORS, new double[] {Double.NaN, 2, 1}, 1e-6, 10.0)),
        arguments(ProbeRule.CALIBRATED, 0.1, new double[] {Double.NaN, Double.NaN, Double.NaN}, 1e-6, 10.0, 0.05),
        // ... and not at all when the probes, diverged or not, say larger
        arguments(ProbeRule.CALIBRATED, 0.1, new double[] {1, 2, Double.NaN}, 1e-6, 10.0, 0.1),
        arguments(ProbeRule.CALIBRATED, 0.1, down, 0.099, 10.0, 0.099),
        arguments(ProbeRule.REX, 0.1, new double[] {Double.NaN, 2, 1}, 1e-6, 10.0,
            0.1 * Math.sqrt(NProbeRule.nextLr(0.1, FACTORS, new double[] {Double.NaN, 2, 1}, 1e-6, 10.0) / 0.1)));
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

  /** Only CALIBRATED calibrates, on its first CALIBRATION_PROBES probes, whatever the cadence. */
  @ParameterizedTest(name = "{0} step {1} every {2}")
  @CsvSource({
      "CALIBRATED, 0, 1, true",
      "CALIBRATED, 15, 1, true",
      "CALIBRATED, 16, 1, false",
      "CALIBRATED, 60, 4, true",
      "CALIBRATED, 64, 4, false",
      "CALIBRATED, 1000, 4, false",
      "REX, 0, 4, false",
      "PAPER, 0, 1, false"})
  void calibratesOnTheFirstProbes(ProbeRule rule, long step, int every, boolean expected) {
    assertEquals(16, ProbeRule.CALIBRATION_PROBES);
    assertEquals(expected, rule.calibrating(step, every));
    assertArrayEquals(expected ? new double[] {0.25, 0.5, 1, 2, 4} : FACTORS, rule.factorsAt(FACTORS, step, every));
  }

  /**
   * losses for factors 1/4 … 4 in the first half of the calibration, next level from 0.1: the
   * factor with the lowest finite loss.
   */
  static Stream<Arguments> calibrationTable() {
    double nan = Double.NaN;
    double inf = Double.POSITIVE_INFINITY;
    return Stream.of(
        arguments(new double[] {5, 4, 3, 2, 1}, 1e-6, 10.0, 0.4),
        arguments(new double[] {1, 2, 3, 4, 5}, 1e-6, 10.0, 0.025),
        arguments(new double[] {3, 1, 2, 2, 3}, 1e-6, 10.0, 0.05),
        // ties: the first (smallest) factor
        arguments(new double[] {2, 2, 1, 1, 2}, 1e-6, 10.0, 0.1),
        // diverged probes do not count; all diverged: the smallest factor
        arguments(new double[] {3, 2, 1, nan, inf}, 1e-6, 10.0, 0.1),
        arguments(new double[] {nan, nan, nan, nan, nan}, 1e-6, 10.0, 0.025),
        // clamped
        arguments(new double[] {5, 4, 3, 2, 1}, 1e-6, 0.3, 0.3),
        arguments(new double[] {1, 2, 3, 4, 5}, 0.05, 10.0, 0.05));
  }

  @ParameterizedTest
  @MethodSource("calibrationTable")
  void calibrationMovesToTheBestFactor(double[] losses, double minLr, double maxLr, double expected) {
    double[] wide = ProbeRule.CALIBRATED.factorsAt(FACTORS, 0, 4);
    assertEquals(expected, ProbeRule.CALIBRATED.nextLevel(0.1, wide, losses, minLr, maxLr, 0, 4), 1e-15);
  }

  /** In the second half of the calibration the level moves halfway (in log space) to the best factor. */
  @ParameterizedTest
  @CsvSource({"28, false", "32, true", "63, true"})
  void theSecondHalfOfTheCalibrationMovesHalfway(long step, boolean halfway) {
    double[] wide = ProbeRule.CALIBRATED.factorsAt(FACTORS, step, 4);
    double[] bestAt4 = {5, 4, 3, 2, 1};
    assertEquals(halfway ? 0.2 : 0.4, ProbeRule.CALIBRATED.nextLevel(0.1, wide, bestAt4, 1e-6, 10, step, 4), 1e-15);
  }

  /** Past the calibration, and for every other rule, the step-aware move is the plain one. */
  @ParameterizedTest
  @CsvSource({"CALIBRATED, 64", "REX, 0", "PAPER, 0", "SMOOTH, 4"})
  void pastCalibrationTheMoveIsThePlainOne(ProbeRule rule, long step) {
    double[] losses = {1, 2, 3};
    assertEquals(rule.nextLevel(0.1, FACTORS, losses, 1e-6, 10),
        rule.nextLevel(0.1, FACTORS, losses, 1e-6, 10, step, 4), 0);
  }

  /** rule, step, totalSteps, every, step factor: the profile, times the bias after CALIBRATED's calibration. */
  @ParameterizedTest(name = "{0} step {1} of {2} every {3}")
  @CsvSource({
      "CALIBRATED, 0, 1000, 4, false",
      "CALIBRATED, 63, 0, 4, false",
      "CALIBRATED, 64, 0, 4, true",
      "CALIBRATED, 16, 1000, 1, true",
      "REX, 64, 0, 4, false",
      "PAPER, 500, 1000, 4, false"})
  void stepFactor(ProbeRule rule, long step, long totalSteps, int every, boolean biased) {
    double bias = biased ? ProbeRule.STEP_BIAS : 1;
    assertEquals(bias * rule.profile(step, totalSteps), rule.stepFactor(step, totalSteps, every), 1e-15);
  }

  @Test
  void calibratedStepsAboveTheLevelAfterCalibrating() {
    assertEquals(ProbeRule.STEP_BIAS * ProbeRule.REX.profile(500, 1000),
        ProbeRule.CALIBRATED.stepFactor(500, 1000, 4), 1e-15);
    assertTrue(ProbeRule.STEP_BIAS >= 1);
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
      "COSINE, 7, 0, 1",
      "CALIBRATED, 75, 100, 0.4"})
  void profile(ProbeRule rule, long step, long totalSteps, double expected) {
    assertEquals(expected, rule.profile(step, totalSteps), 1e-12);
  }

  @Test
  void defaultsAreTheCalibratedRuleEveryFourStepsOnTheWholeBatch() {
    NProbeSettings d = NProbeSettings.defaults();
    assertEquals(List.of(ProbeRule.CALIBRATED, 4, 0, true), List.of(d.rule(), d.every(), d.probeBatch(), d.sameBatch()));
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
