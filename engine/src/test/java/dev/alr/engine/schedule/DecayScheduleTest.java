package dev.alr.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known values and monotonicity of the decaying schedules. */
class DecayScheduleTest {

  private static final double TOL = 1e-12;

  static Stream<Arguments> knownValues() {
    Schedule constant = new Schedule.Constant(0.1);
    Schedule multiStep = new Schedule.MultiStep(1.0, List.of(10L, 20L), 0.1);
    Schedule exponential = new Schedule.Exponential(1.0, 0.5);
    Schedule linearDown = new Schedule.Linear(1.0, 0.0, 100);
    Schedule linearUp = new Schedule.Linear(0.1, 0.3, 10);
    Schedule cosine = new Schedule.Cosine(1.0, 0.0, 100);
    Schedule cosineMin = new Schedule.Cosine(0.4, 0.1, 10);
    Schedule rex = new Schedule.Rex(1.0, 100);
    return Stream.of(
        arguments(constant, 0, 0.1),
        arguments(constant, 1_000_000, 0.1),
        arguments(multiStep, 0, 1.0),
        arguments(multiStep, 9, 1.0),
        arguments(multiStep, 10, 0.1),
        arguments(multiStep, 19, 0.1),
        arguments(multiStep, 20, 0.01),
        arguments(multiStep, 5000, 0.01),
        arguments(exponential, 0, 1.0),
        arguments(exponential, 1, 0.5),
        arguments(exponential, 3, 0.125),
        arguments(exponential, 100, 1e-6), // 2^-100 is below the floor
        arguments(linearDown, 0, 1.0),
        arguments(linearDown, 50, 0.5),
        arguments(linearDown, 75, 0.25),
        arguments(linearDown, 100, 1e-6), // floor instead of 0
        arguments(linearDown, 500, 1e-6),
        arguments(linearUp, 5, 0.2),
        arguments(linearUp, 10, 0.3),
        arguments(linearUp, 99, 0.3),
        arguments(cosine, 0, 1.0),
        arguments(cosine, 25, 0.8535533905932737), // (1 + cos(pi/4)) / 2
        arguments(cosine, 50, 0.5), // midpoint = (lr0 + min) / 2
        arguments(cosine, 100, 1e-6),
        arguments(cosineMin, 5, 0.25),
        arguments(cosineMin, 10, 0.1),
        arguments(cosineMin, 20, 0.1),
        arguments(rex, 0, 1.0),
        arguments(rex, 25, 0.75 / 0.875),
        arguments(rex, 50, 0.5 / 0.75),
        arguments(rex, 90, 0.1 / 0.55),
        arguments(rex, 100, 1e-6),
        arguments(rex, 1000, 1e-6));
  }

  @ParameterizedTest(name = "{0} at step {1} = {2}")
  @MethodSource("knownValues")
  void knownValue(Schedule schedule, long step, double expected) {
    assertEquals(expected, schedule.lr(step), TOL * Math.max(1, expected));
    assertTrue(Double.isNaN(schedule.momentum(step)), "only 1cycle sets momentum");
  }

  /** Schedule, steps to scan, and the last step up to which it must strictly decrease. */
  static Stream<Arguments> decaying() {
    return Stream.of(
        arguments(new Schedule.MultiStep(0.5, List.of(3L, 7L, 40L), 0.5), 60, 0), // steps
        arguments(new Schedule.Exponential(0.5, 0.9), 300, 100), // floor from ~131 on
        arguments(new Schedule.Linear(0.5, 0.0, 50), 60, 50),
        arguments(new Schedule.Cosine(0.5, 0.0, 50), 60, 50),
        arguments(new Schedule.Cosine(0.5, 0.05, 7), 20, 7),
        arguments(new Schedule.Rex(0.5, 50), 60, 50),
        arguments(new Schedule.Rex(0.5, 1), 5, 1));
  }

  @ParameterizedTest(name = "{0} never rises and stays > 0")
  @MethodSource("decaying")
  void nonIncreasingAndPositive(Schedule schedule, long steps, long strictUntil) {
    double previous = Double.POSITIVE_INFINITY;
    for (long step = 0; step <= steps; step++) {
      double lr = schedule.lr(step);
      assertTrue(lr > 0 && Double.isFinite(lr), schedule + " at " + step + " gave " + lr);
      assertTrue(lr <= previous, schedule + " rose at " + step + ": " + previous + " -> " + lr);
      previous = lr;
    }
  }

  @ParameterizedTest(name = "{0} strictly decreases up to step {2}")
  @MethodSource("decaying")
  void strictlyDecreasingBeforeItsEnd(Schedule schedule, long steps, long strictUntil) {
    for (long step = 1; step <= strictUntil; step++) {
      assertTrue(schedule.lr(step) < schedule.lr(step - 1), schedule + " flat at " + step);
    }
  }

  @Test
  void multiStepCopiesItsMilestones() {
    List<Long> milestones = new ArrayList<>(List.of(5L, 10L));
    Schedule.MultiStep s = new Schedule.MultiStep(1.0, milestones, 0.1);
    milestones.add(1L);
    assertEquals(List.of(5L, 10L), s.milestones());
    assertEquals(new Schedule.MultiStep(1.0, List.of(5L, 10L), 0.1), s);
  }
}
