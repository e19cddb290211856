package dev.alr.engine.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The S-curve against hand-computed values (SILO's ResNet-20 setting: 0.03, 0.04, β 5, delay 1). */
class SiloCurveTest {
  private static final SiloCurve RESNET20 = new SiloCurve(0.03, 0.04, 5, 1);

  @ParameterizedTest
  @CsvSource({
      // cycle, expected max_lr with p = 0.2: x = 1 − 0.8^(c−1); s = x^5 / (x^5 + (1−x)^5)
      "0, 0.03",
      "1, 0.03",
      // x = 0.2: s = 0.00032 / (0.00032 + 0.32768) = 0.000975610
      "2, 0.030039024",
      // x = 0.36: s = 0.0060466 / (0.0060466 + 0.1073742) = 0.0533116
      "3, 0.032132465",
      // x = 0.5904: s = 0.0717351 / (0.0717351 + 0.0115292) = 0.861535
      "5, 0.064461390"})
  void matchesHandComputedValues(int cycle, double expected) {
    assertEquals(expected, RESNET20.maxLr(cycle, 0.2), 1e-6);
  }

  @Test
  void risesMonotonicallyTowardsOffsetPlusAlpha() {
    double previous = 0;
    for (int c = 0; c <= 40; c++) {
      double lr = RESNET20.maxLr(c, 0.2);
      assertTrue(lr >= previous, "cycle " + c);
      previous = lr;
    }
    assertEquals(0.07, previous, 1e-4);
  }

  @Test
  void delayShiftsTheCurve() {
    SiloCurve late = new SiloCurve(0.03, 0.04, 5, 3);
    assertEquals(RESNET20.maxLr(4, 0.2), late.maxLr(6, 0.2), 0);
    assertEquals(0.03, late.maxLr(3, 0.2), 0);
  }

  @Test
  void forDenseDerivesTheCurveFromTheDensePeak() {
    SiloCurve c = SiloCurve.forDense(0.1);
    assertEquals(0.1, c.offset());
    assertEquals(0.15, c.alpha(), 1e-12);
    assertEquals(5, c.beta());
    assertEquals(1, c.delay());
  }

  @ParameterizedTest
  @CsvSource({"0, 0.04, 5, 1, silo.offset", "0.03, -1, 5, 1, silo.alpha", "0.03, 0.04, 0, 1, silo.beta",
      "0.03, 0.04, NaN, 1, silo.beta", "0.03, 0.04, 5, -1, silo.delay", "Infinity, 0.04, 5, 1, silo.offset"})
  void refusesBadParameters(double offset, double alpha, double beta, int delay, String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SiloCurve(offset, alpha, beta, delay));
    assertTrue(e.getMessage().startsWith(field), e.getMessage());
  }
}
