package dev.alr.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Named schedules: every name builds, stays positive, and has the documented defaults. */
class SchedulesTest {

  private static final double LR0 = 0.1;
  private static final long T = 1000;
  private static final long E = 100;

  @Test
  void namesAreInTheirFixedOrder() {
    assertEquals(List.of("constant", "step", "exponential", "linear", "cosine", "sgdr", "clr",
        "1cycle", "rex", "warmup-cosine"), Schedules.NAMES);
  }

  static Stream<Arguments> typeOfEachName() {
    return Stream.of(
        arguments("constant", Schedule.Constant.class),
        arguments("step", Schedule.MultiStep.class),
        arguments("exponential", Schedule.Exponential.class),
        arguments("linear", Schedule.Linear.class),
        arguments("cosine", Schedule.Cosine.class),
        arguments("sgdr", Schedule.Sgdr.class),
        arguments("clr", Schedule.Triangular.class),
        arguments("1cycle", Schedule.OneCycle.class),
        arguments("rex", Schedule.Rex.class),
        arguments("warmup-cosine", Schedule.Warmup.class));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("typeOfEachName")
  void eachNameBuildsItsSchedule(String name, Class<?> type) {
    assertInstanceOf(type, Schedules.create(name, LR0, T, E));
  }

  @Test
  void theTypeTableCoversEveryName() {
    assertEquals(Schedules.NAMES, typeOfEachName().map(a -> a.get()[0]).toList());
  }

  /** Every name over several run shapes: T steps of E per epoch. */
  static Stream<Arguments> namesAndShapes() {
    long[][] shapes = {{1000, 100}, {10, 3}, {7, 7}, {4, 1}, {100_000, 391}};
    return Schedules.NAMES.stream().flatMap(name -> Stream.of(shapes)
        .map(shape -> arguments(name, shape[0], shape[1])));
  }

  @ParameterizedTest(name = "{0} with T={1}, E={2}: finite, > 0, <= lr0 everywhere")
  @MethodSource("namesAndShapes")
  void positiveAndBoundedOverTheWholeRun(String name, long totalSteps, long stepsPerEpoch) {
    Schedule s = Schedules.create(name, LR0, totalSteps, stepsPerEpoch);
    for (long step = 0; step <= totalSteps + 2 * stepsPerEpoch; step++) {
      double lr = s.lr(step);
      assertTrue(lr > 0 && Double.isFinite(lr), name + " at " + step + " gave " + lr);
      assertTrue(lr <= LR0 * (1 + 1e-12), name + " exceeded lr0 at " + step + ": " + lr);
      assertEquals(lr, s.hyper(step).lr(), 0.0); // the model interface accepts it
    }
  }

  @ParameterizedTest(name = "{0}: lr({1}) = {2}")
  @CsvSource({
      "constant,      0,    0.1",
      "constant,      999,  0.1",
      "step,          499,  0.1",
      "step,          500,  0.01",    // x0.1 at 50%
      "step,          750,  0.001",   // and at 75%
      "exponential,   0,    0.1",
      "exponential,   1000, 0.001",   // lr0 * 0.01 at the end
      "linear,        500,  0.05",
      "linear,        1000, 1e-7",    // floor lr0 * 1e-6 instead of 0
      "cosine,        500,  0.05",
      "cosine,        1000, 1e-7",
      "sgdr,          50,   0.05",    // middle of the first 1-epoch cycle
      "sgdr,          100,  0.1",     // restart after 1 epoch
      "sgdr,          300,  0.1",     // then after 2 more
      "clr,           0,    0.01",    // lr0 / 10
      "clr,           200,  0.1",     // peak after 2 epochs
      "clr,           400,  0.01",
      "1cycle,        0,    0.004",   // lr0 / 25
      "1cycle,        299,  0.1",     // peak at 30%
      "1cycle,        999,  4e-7",    // lr0 / 25 / 1e4
      "rex,           500,  0.0666666666666667",
      "warmup-cosine, 0,    0.002",   // 50 warm-up steps: lr0 / 50
      "warmup-cosine, 49,   0.09940874595551404", // = cosine: 0.05 * (1 + cos(0.049 pi))
      "warmup-cosine, 500,  0.05"
  })
  void defaults(String name, long step, double expected) {
    assertEquals(expected, Schedules.create(name, LR0, T, E).lr(step), 1e-12);
  }

  @Test
  void oneCycleDefaultsCycleMomentum() {
    Schedule s = Schedules.create("1cycle", LR0, T, E);
    assertEquals(0.95, s.momentum(0), 1e-12);
    assertEquals(0.85, s.momentum(299), 1e-12);
    assertEquals(0.95, s.momentum(999), 1e-12);
    for (String name : Schedules.NAMES) {
      if (!name.equals("1cycle")) {
        assertTrue(Double.isNaN(Schedules.create(name, LR0, T, E).momentum(10)), name);
      }
    }
  }

  @Test
  void clrHalfCycleShrinksForShortRuns() {
    // 2 epochs of 100 would not fit a full cycle into 150 steps: half cycle is 75.
    assertEquals(new Schedule.Triangular(0.1 * LR0, LR0, 75), Schedules.create("clr", LR0, 150, E));
  }

  @Test
  void namesAreCaseInsensitive() {
    assertEquals(Schedules.create("cosine", LR0, T, E), Schedules.create(" COSINE ", LR0, T, E));
  }

  @ParameterizedTest
  @CsvSource({"x", "cos", "one-cycle", "''"})
  void unknownNameListsTheAllowedOnes(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Schedules.create(name, LR0, T, E));
    assertEquals("unknown schedule '" + name + "'; allowed: constant, step, exponential, linear,"
        + " cosine, sgdr, clr, 1cycle, rex, warmup-cosine", e.getMessage());
  }

  @Test
  void rejectsBadRunShapes() {
    assertEquals("schedules: lr0 must be finite and > 0, got 0.0", assertThrows(
        IllegalArgumentException.class, () -> Schedules.create("cosine", 0, T, E)).getMessage());
    assertEquals("schedules: totalSteps must be >= 1, got 0", assertThrows(
        IllegalArgumentException.class, () -> Schedules.create("cosine", LR0, 0, E))
        .getMessage());
    assertEquals("schedules: stepsPerEpoch must be >= 1, got 0", assertThrows(
        IllegalArgumentException.class, () -> Schedules.create("cosine", LR0, T, 0))
        .getMessage());
    assertThrows(IllegalArgumentException.class, () -> Schedules.create(null, LR0, T, E));
  }

  @ParameterizedTest(name = "every {0} epochs of {1} steps over {2}: {3}")
  @MethodSource("everyEpochsCases")
  void everyEpochsBuildsMilestones(int every, long stepsPerEpoch, long total, List<Long> expected) {
    Schedule.MultiStep s = Schedules.everyEpochs(1.0, 0.5, every, stepsPerEpoch, total);
    assertEquals(expected, s.milestones());
    assertEquals(0.5, s.gamma(), 0.0);
  }

  static Stream<Arguments> everyEpochsCases() {
    return Stream.of(
        arguments(2, 10, 100, List.of(20L, 40L, 60L, 80L)),
        arguments(1, 10, 31, List.of(10L, 20L, 30L)),
        arguments(3, 10, 30, List.of()),
        arguments(5, 10, 30, List.of()));
  }

  @Test
  void everyEpochsDecaysAtEachBoundary() {
    Schedule s = Schedules.everyEpochs(1.0, 0.1, 2, 10, 100);
    assertEquals(1.0, s.lr(19), 1e-12);
    assertEquals(0.1, s.lr(20), 1e-12);
    assertEquals(1e-4, s.lr(80), 1e-15);
  }
}
