package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.policy.LrRangeTest.Pick;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LrRangeTestTest {

  @Test
  void stepsRiseGeometricallyFromStartToEnd() {
    LrRangeTest t = LrRangeTest.defaults();
    assertEquals(1e-7, t.lr(0), 0);
    assertEquals(10, t.lr(99), 0);
    double ratio = t.lr(1) / t.lr(0);
    for (int i = 1; i < 99; i++) {
      assertEquals(ratio, t.lr(i + 1) / t.lr(i), 1e-9);
    }
    assertEquals(Math.pow(1e8, 1.0 / 99), ratio, 1e-12);
    assertThrows(IllegalArgumentException.class, () -> t.lr(100));
  }

  @ParameterizedTest
  @CsvSource({
      "1e-3, 1e-3, 100, 4, lr range end must be finite and > the start",
      "1e-3, 1e-4, 100, 4, lr range end must be finite and > the start",
      "0,    1,    100, 4, lr range start must be finite and > 0",
      "1e-7, 10,   9,   4, lr range steps must be >= 10",
      "1e-7, 10,   100, 1, lr range divergence must be finite and > 1",
  })
  void rejectsBadSettings(double start, double end, int steps, double div, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LrRangeTest(start, end, steps, div, Pick.VALLEY));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void smoothingIsBiasCorrected() {
    List<Double> s = LrRangeTest.smooth(List.of(2.0, 2.0, 2.0));
    s.forEach(v -> assertEquals(2.0, v, 1e-12));
    List<Double> step = LrRangeTest.smooth(List.of(1.0, 3.0));
    assertEquals(1.0, step.get(0), 1e-12);
    assertEquals((0.98 * 0.02 * 1 + 0.02 * 3) / (1 - 0.98 * 0.98), step.get(1), 1e-12);
  }

  @Test
  void divergesAboveTheThresholdOrWhenNotFinite() {
    LrRangeTest t = LrRangeTest.defaults();
    assertFalse(t.diverged(List.of(1.0, 0.5, 1.9)));
    assertTrue(t.diverged(List.of(1.0, 0.5, 2.1)));
    assertTrue(t.diverged(List.of(1.0, Double.NaN)));
    assertFalse(t.diverged(List.of(5.0)));
  }

  /**
   * A textbook curve: flat until 1e-4, falling along a half cosine in log10(lr) (steepest at
   * 10^-2.5) to its bottom at 0.1, then blowing up.
   */
  private static List<List<Double>> curve(LrRangeTest t) {
    List<Double> lrs = new ArrayList<>();
    List<Double> loss = new ArrayList<>();
    for (int i = 0; i < t.steps(); i++) {
      double lr = t.lr(i);
      double d = Math.log10(lr);
      double y = d < -4 ? 2.3 : d < -1 ? 2.3 - 0.9 * (1 - Math.cos(Math.PI * (d + 4) / 3)) : 0.5 + 5 * (d + 1) * (d + 1);
      lrs.add(lr);
      loss.add(y);
      if (t.diverged(loss)) {
        break;
      }
    }
    return List.of(lrs, loss);
  }

  @ParameterizedTest
  @CsvSource({
      // the valley is the whole fall from 1e-4 to 1e-1: half-way is about 3e-3
      "VALLEY,   1e-3, 1e-2",
      // the fall is steepest at 10^-2.5 = 3.2e-3
      "STEEPEST, 2.5e-3, 4e-3",
      // the minimum is at 0.1: one tenth of it
      "MINIMUM,  8e-3, 1.2e-2",
  })
  void picksFromTheCurve(Pick pick, double low, double high) {
    LrRangeTest t = LrRangeTest.defaults().withPick(pick);
    List<List<Double>> c = curve(t);
    double lr = t.choose(c.get(0), c.get(1));
    assertTrue(lr >= low && lr <= high, pick + " chose " + lr);
  }

  @Test
  void theSmoothedCurveOfADivergingRunIsCutWhereItDiverged() {
    LrRangeTest t = LrRangeTest.defaults().withPick(Pick.MINIMUM);
    List<Double> lrs = List.of(1e-3, 1e-2, 1e-1, 1.0);
    List<Double> smoothed = List.of(2.0, 1.0, 0.5, Double.POSITIVE_INFINITY);
    assertEquals(1e-2, t.choose(lrs, smoothed), 1e-15);
  }

  @Test
  void parsesPickNames() {
    assertEquals(Pick.STEEPEST, Pick.parse("Steepest"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pick.parse("median"));
    assertTrue(e.getMessage().contains("valley, steepest or minimum"));
  }
}
