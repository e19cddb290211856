package dev.alr.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** SGDR restarts, CLR peaks and troughs, and 1cycle's rate and inverse momentum. */
// a cycle search that loops per step would hang far out: fail instead
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CyclicScheduleTest {

  private static final double TOL = 1e-12;

  /** Cycles of 10, 20, 40, … steps: restarts at 10, 30, 70, 150. */
  private static final Schedule SGDR = new Schedule.Sgdr(1.0, 0.0, 10, 2);

  @ParameterizedTest(name = "sgdr(1, 0, 10, 2) at {0} = {1}")
  @CsvSource({
      "0,   1.0",
      "5,   0.5",
      "9,   0.024471741852423234", // (1 + cos(0.9 pi)) / 2, last step of cycle 1
      "10,  1.0",                  // restart at t0
      "20,  0.5",                  // middle of the 20-step cycle
      "29,  0.00615582970243117",  // (1 + cos(0.95 pi)) / 2
      "30,  1.0",                  // restart at t0 + t0 * tMult
      "50,  0.5",
      "70,  1.0",                  // restart at t0 + t0*2 + t0*4
      "150, 1.0",
      "110, 0.5"
  })
  void sgdrRestartsWithGrowingCycles(long step, double expected) {
    assertEquals(expected, SGDR.lr(step), TOL);
  }

  @ParameterizedTest(name = "sgdr(1, 0.2, 4, 1) at {0} = {1}")
  @CsvSource({"0, 1.0", "2, 0.6", "4, 1.0", "6, 0.6", "8, 1.0", "4002, 0.6",
      "9223372036854775804, 1.0"}) // Long.MAX_VALUE - 3: a restart, found without looping
  void sgdrWithEqualCycles(long step, double expected) {
    assertEquals(expected, new Schedule.Sgdr(1.0, 0.2, 4, 1).lr(step), TOL);
  }

  @Test
  void sgdrStaysPositiveAndBoundedFarOut() {
    Schedule s = new Schedule.Sgdr(0.1, 0.0, 3, 3);
    for (long step = 0; step < 5_000; step++) {
      double lr = s.lr(step);
      assertTrue(lr > 0 && lr <= 0.1, "step " + step + " gave " + lr);
    }
    double far = s.lr(Long.MAX_VALUE);
    assertTrue(far > 0 && far <= 0.1, "far step gave " + far);
  }

  @ParameterizedTest(name = "triangular(0.1, 1, 5) at {0} = {1}")
  @CsvSource({
      "0,  0.1",  // trough
      "2,  0.46",
      "5,  1.0",  // peak at halfCycleSteps
      "7,  0.64",
      "10, 0.1",  // trough at a full cycle
      "15, 1.0",
      "20, 0.1",
      "1005, 1.0"
  })
  void triangularPeaksAndTroughs(long step, double expected) {
    assertEquals(expected, new Schedule.Triangular(0.1, 1.0, 5).lr(step), TOL);
  }

  @Test
  void triangularStaysBetweenBaseAndMax() {
    Schedule s = new Schedule.Triangular(0.01, 0.1, 7);
    for (long step = 0; step < 100; step++) {
      double lr = s.lr(step);
      assertTrue(lr >= 0.01 - TOL && lr <= 0.1 + TOL, "step " + step + " gave " + lr);
    }
  }

  /** PyTorch OneCycleLR(max_lr=1, total_steps=1000) defaults, values from its formulas. */
  private static final Schedule.OneCycle ONE_CYCLE =
      new Schedule.OneCycle(1.0, 1000, 0.3, 25, 1e4, 0.95, 0.85);

  static Stream<Arguments> oneCycleValues() {
    return Stream.of(
        arguments(0, 0.04, 0.95),                              // maxLr / divFactor
        arguments(100, 0.2814573614486898, 0.9248481915157615),
        arguments(299, 1.0, 0.85),                             // peak at pctStart * T - 1
        arguments(500, 0.8099881015401794, 0.8690012658510454),
        arguments(649, 0.500002, 0.9),                         // middle of the fall
        arguments(999, 4e-6, 0.95),                            // maxLr / (25 * 1e4)
        arguments(5000, 4e-6, 0.95));                          // held after the end
  }

  @ParameterizedTest(name = "1cycle at {0}: lr {1}, momentum {2}")
  @MethodSource("oneCycleValues")
  void oneCycleMatchesPyTorch(long step, double lr, double momentum) {
    assertEquals(lr, ONE_CYCLE.lr(step), 1e-12);
    assertEquals(momentum, ONE_CYCLE.momentum(step), 1e-12);
    assertEquals(lr, ONE_CYCLE.hyper(step).lr(), 1e-12);
    assertEquals(momentum, ONE_CYCLE.hyper(step).momentum(), 1e-12);
  }

  @Test
  void oneCycleMomentumMovesInverselyToTheRate() {
    double lrSpan = ONE_CYCLE.maxLr() - ONE_CYCLE.initialLr();
    double mSpan = ONE_CYCLE.maxMomentum() - ONE_CYCLE.minMomentum();
    for (long step = 1; step < 1000; step++) {
      double dLr = ONE_CYCLE.lr(step) - ONE_CYCLE.lr(step - 1);
      double dM = ONE_CYCLE.momentum(step) - ONE_CYCLE.momentum(step - 1);
      assertTrue(dLr * dM < 0, "step " + step + ": lr and momentum moved the same way");
      if (step <= 299) {
        double riseDone = (ONE_CYCLE.lr(step) - ONE_CYCLE.initialLr()) / lrSpan;
        double dropDone = (ONE_CYCLE.maxMomentum() - ONE_CYCLE.momentum(step)) / mSpan;
        assertEquals(riseDone, dropDone, 1e-9, "same phase position at " + step);
      }
      assertEquals(step <= 299, dLr > 0, "rises exactly until the peak, step " + step);
    }
  }

  @Test
  void oneCycleAccessors() {
    assertEquals(0.04, ONE_CYCLE.initialLr(), TOL);
    assertEquals(4e-6, ONE_CYCLE.finalLr(), TOL);
    assertEquals(299.0, ONE_CYCLE.peakStep(), 1e-9);
  }
}
