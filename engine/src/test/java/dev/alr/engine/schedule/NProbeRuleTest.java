package dev.alr.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The N-probe scores and update, with NaN losses and clamping. */
class NProbeRuleTest {

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final double E1 = Math.exp(-1);
  private static final double E05 = Math.exp(-0.5);
  private static final double[] FACTORS = {2, 1, 0.5};

  static Stream<Arguments> scoreTable() {
    return Stream.of(
        arguments(new double[] {1, 2, 3}, new double[] {1, E05, E1}),
        arguments(new double[] {3, 2, 1}, new double[] {E1, E05, 1}),
        arguments(new double[] {5, 5, 5}, new double[] {1, 1, 1}),        // all equal -> x = 0
        arguments(new double[] {0.7}, new double[] {1}),
        arguments(new double[] {1, NAN, 3}, new double[] {1, E1, E1}),    // NaN -> x = 1
        arguments(new double[] {1, INF, 1.5}, new double[] {1, E1, E1}),   // excluded from max
        arguments(new double[] {-INF, 2, 4}, new double[] {E1, 1, E1}),    // excluded from min
        arguments(new double[] {2, NAN}, new double[] {1, E1}),
        arguments(new double[] {NAN, INF}, new double[] {E1, E1}),
        arguments(new double[] {-1, 0, 3}, new double[] {1, Math.exp(-0.25), E1}));
  }

  @ParameterizedTest(name = "scores({0}) = {1}")
  @MethodSource("scoreTable")
  void scores(double[] losses, double[] expected) {
    double[] copy = losses.clone();
    assertArrayEquals(expected, NProbeRule.scores(losses), 1e-15);
    assertArrayEquals(copy, losses, 0.0, "input left untouched");
  }

  /** lr, factors, losses, minLr, maxLr, expected next lr. */
  static Stream<Arguments> nextLrTable() {
    return Stream.of(
        // equal losses: geometric mean of 2, 1, 0.5 is 1 -> unchanged
        arguments(0.1, FACTORS, new double[] {0.4, 0.4, 0.4}, 1e-6, 1.0, 0.1),
        // best at factor 2 -> grows: 0.1 * exp((ln2 - e^-1 ln2) / (1 + e^-.5 + e^-1))
        arguments(0.1, FACTORS, new double[] {1, 2, 3}, 1e-6, 1.0, 0.1248466117300924),
        // best at factor 0.5 -> shrinks by the same ratio
        arguments(0.1, FACTORS, new double[] {3, 2, 1}, 1e-6, 1.0, 0.08009828910390566),
        // the factor-2 probe diverged: weights e^-1, 1, e^-1 cancel -> unchanged
        arguments(0.1, FACTORS, new double[] {NAN, 1, 2}, 1e-6, 1.0, 0.1),
        // every probe diverged -> back off by the smallest factor
        arguments(0.1, FACTORS, new double[] {NAN, INF, NAN}, 1e-6, 1.0, 0.05),
        arguments(0.1, FACTORS, new double[] {NAN, NAN, NAN}, 0.08, 1.0, 0.08),
        // clamping at both ends
        arguments(0.1, new double[] {10, 1}, new double[] {0, 1}, 1e-6, 1.0, 0.5383423904685792),
        arguments(0.1, new double[] {10, 1}, new double[] {0, 1}, 1e-6, 0.3, 0.3),
        arguments(0.1, new double[] {0.01, 1}, new double[] {0, 1}, 0.05, 1.0, 0.05),
        // one probe: its factor is applied as is
        arguments(0.2, new double[] {1.5}, new double[] {7}, 1e-6, 1.0, 0.3),
        // a current rate outside the bounds is pulled back in
        arguments(5.0, FACTORS, new double[] {1, 1, 1}, 1e-6, 1.0, 1.0));
  }

  @ParameterizedTest(name = "nextLr({0}, {1}, {2}, [{3}, {4}]) = {5}")
  @MethodSource("nextLrTable")
  void nextLr(double lr, double[] factors, double[] losses, double minLr, double maxLr,
              double expected) {
    assertEquals(expected, NProbeRule.nextLr(lr, factors, losses, minLr, maxLr), 1e-15);
  }

  @Test
  void lowerLossAtTheLargerFactorAlwaysRaisesTheRate() {
    for (double gap = 1e-6; gap < 1e6; gap *= 10) {
      double next = NProbeRule.nextLr(0.01, FACTORS, new double[] {1, 1 + gap, 1 + 2 * gap},
          1e-9, 10);
      assertTrue(next > 0.01, "gap " + gap + " gave " + next);
      assertTrue(next < 0.02, "never more than the largest factor, gap " + gap);
    }
  }

  static Stream<Arguments> badArguments() {
    return Stream.of(
        arguments(0.0, FACTORS, new double[3], 1e-6, 1.0,
            "nProbe: lr must be finite and > 0, got 0.0"),
        arguments(0.1, FACTORS, new double[2], 1e-6, 1.0,
            "nProbe: factors and losses must have the same length >= 1, got 3 and 2"),
        arguments(0.1, new double[0], new double[0], 1e-6, 1.0,
            "nProbe: factors and losses must have the same length >= 1, got 0 and 0"),
        arguments(0.1, new double[] {2, 0}, new double[2], 1e-6, 1.0,
            "nProbe: factors[1] must be finite and > 0, got 0.0"),
        arguments(0.1, new double[] {NAN}, new double[1], 1e-6, 1.0,
            "nProbe: factors[0] must be finite and > 0, got NaN"),
        arguments(0.1, FACTORS, new double[3], 0.0, 1.0,
            "nProbe: minLr must be finite and > 0, got 0.0"),
        arguments(0.1, FACTORS, new double[3], 0.5, 0.4,
            "nProbe: maxLr must be in [minLr, +inf), got 0.4"));
  }

  @ParameterizedTest(name = "{5}")
  @MethodSource("badArguments")
  void rejectsBadArguments(double lr, double[] factors, double[] losses, double minLr,
                           double maxLr, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NProbeRule.nextLr(lr, factors, losses, minLr, maxLr));
    assertEquals(message, e.getMessage());
  }

  @Test
  void scoresRejectsEmptyAndNull() {
    assertThrows(IllegalArgumentException.class, () -> NProbeRule.scores(new double[0]));
    assertThrows(NullPointerException.class, () -> NProbeRule.scores(null));
  }
}
