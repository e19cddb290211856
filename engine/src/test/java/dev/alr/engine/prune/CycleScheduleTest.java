package dev.alr.engine.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The within-cycle schedule on a cycle of 100 steps, max_lr 0.5. */
class CycleScheduleTest {
  @ParameterizedTest
  @CsvSource({
      "0, 0.05", "4, 0.25", "9, 0.5", "10, 0.5", "49, 0.5", "50, 0.05", "63, 0.05", "64, 0.005", "99, 0.005"})
  void warmsUpThenDropsAtHalfAndSixtyFourPercent(long step, double expected) {
    assertEquals(expected, CycleSchedule.SILO.lr(0.5, step, 100), 1e-12);
  }

  @ParameterizedTest
  @CsvSource({"-1, 100", "100, 100", "0, 0"})
  void refusesStepsOutsideTheCycle(long step, long steps) {
    assertThrows(IllegalArgumentException.class, () -> CycleSchedule.SILO.lr(0.5, step, steps));
  }

  @ParameterizedTest
  @CsvSource({"0.6, 0.5, 0.64", "0, 0.7, 0.6", "0, 0.5, 1.1", "-0.1, 0.5, 0.6"})
  void refusesUnorderedFractions(double warmup, double first, double second) {
    assertThrows(IllegalArgumentException.class, () -> new CycleSchedule(warmup, first, second));
  }
}
