package dev.alr.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The linear warm-up multiplies the (unshifted) inner schedule by min(1, (step+1)/warmup). */
class WarmupTest {

  private static final double TOL = 1e-12;

  @ParameterizedTest(name = "warmup(constant 1, 4) at {0} = {1}")
  @CsvSource({"0, 0.25", "1, 0.5", "2, 0.75", "3, 1.0", "4, 1.0", "1000, 1.0"})
  void rampsLinearlyToTheInnerValue(long step, double expected) {
    assertEquals(expected, new Schedule.Warmup(new Schedule.Constant(1.0), 4).lr(step), TOL);
  }

  @ParameterizedTest(name = "warmup(cosine(1, 0, 100), 10) at {0} = inner * {1}")
  @CsvSource({"0, 0.1", "4, 0.5", "9, 1.0", "10, 1.0", "50, 1.0", "100, 1.0"})
  void innerScheduleIsNotShifted(long step, double ramp) {
    Schedule inner = new Schedule.Cosine(1.0, 0.0, 100);
    Schedule warm = new Schedule.Warmup(inner, 10);
    assertEquals(inner.lr(step) * ramp, warm.lr(step), TOL);
  }

  @Test
  void warmupOfOneStepIsTheInnerSchedule() {
    Schedule inner = new Schedule.Rex(0.3, 20);
    Schedule warm = new Schedule.Warmup(inner, 1);
    for (long step = 0; step <= 25; step++) {
      assertEquals(inner.lr(step), warm.lr(step), 0.0);
    }
  }

  @Test
  void risesDuringWarmupAndKeepsTheInnerMomentum() {
    Schedule.OneCycle inner = new Schedule.OneCycle(1.0, 100, 0.3, 25, 1e4, 0.95, 0.85);
    Schedule warm = new Schedule.Warmup(inner, 20);
    for (long step = 1; step < 20; step++) {
      assertTrue(warm.lr(step) > warm.lr(step - 1), "rises at " + step);
    }
    for (long step = 0; step < 100; step++) {
      assertEquals(inner.momentum(step), warm.momentum(step), 0.0);
    }
    assertTrue(Double.isNaN(new Schedule.Warmup(new Schedule.Constant(1), 3).momentum(0)));
  }
}
