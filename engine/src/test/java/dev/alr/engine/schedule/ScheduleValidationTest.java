package dev.alr.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad parameters fail in the constructor with a message naming the parameter and the range. */
class ScheduleValidationTest {

  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  static Stream<Arguments> badParameters() {
    return Stream.of(
        bad(() -> new Schedule.Constant(0), "constant: lr must be finite and > 0, got 0.0"),
        bad(() -> new Schedule.Constant(-1), "constant: lr must be finite and > 0, got -1.0"),
        bad(() -> new Schedule.Constant(NAN), "constant: lr must be finite and > 0, got NaN"),
        bad(() -> new Schedule.Constant(INF),
            "constant: lr must be finite and > 0, got Infinity"),
        bad(() -> new Schedule.MultiStep(1, List.of(5L, 5L), 0.1),
            "step: milestones must be strictly increasing and >= 1, got [5, 5]"),
        bad(() -> new Schedule.MultiStep(1, List.of(0L), 0.1),
            "step: milestones must be strictly increasing and >= 1, got [0]"),
        bad(() -> new Schedule.MultiStep(1, List.of(5L), 1.5),
            "step: gamma must be in (0, 1], got 1.5"),
        bad(() -> new Schedule.MultiStep(1, List.of(5L), 0),
            "step: gamma must be in (0, 1], got 0.0"),
        bad(() -> new Schedule.Exponential(0.1, 1.01),
            "exponential: gammaPerStep must be in (0, 1], got 1.01"),
        bad(() -> new Schedule.Exponential(0, 0.5),
            "exponential: lr0 must be finite and > 0, got 0.0"),
        bad(() -> new Schedule.Linear(1, -0.1, 10),
            "linear: lrEnd must be in [0, +inf), got -0.1"),
        bad(() -> new Schedule.Linear(1, 0, 0), "linear: totalSteps must be >= 1, got 0"),
        bad(() -> new Schedule.Cosine(1, 2, 10), "cosine: minLr must be in [0, lr0], got 2.0"),
        bad(() -> new Schedule.Cosine(1, -1e-3, 10),
            "cosine: minLr must be in [0, lr0], got -0.001"),
        bad(() -> new Schedule.Cosine(1, NAN, 10), "cosine: minLr must be in [0, lr0], got NaN"),
        bad(() -> new Schedule.Cosine(1, 0, -5), "cosine: totalSteps must be >= 1, got -5"),
        bad(() -> new Schedule.Sgdr(1, 0, 0, 2), "sgdr: t0Steps must be >= 1, got 0"),
        bad(() -> new Schedule.Sgdr(1, 0, 10, 0), "sgdr: tMult must be >= 1, got 0"),
        bad(() -> new Schedule.Sgdr(1, 1.5, 10, 2), "sgdr: minLr must be in [0, lr0], got 1.5"),
        bad(() -> new Schedule.Triangular(0.1, 0.01, 5),
            "clr: maxLr must be in [baseLr, +inf), got 0.01"),
        bad(() -> new Schedule.Triangular(0, 0.1, 5),
            "clr: baseLr must be finite and > 0, got 0.0"),
        bad(() -> new Schedule.Triangular(0.01, 0.1, 0), "clr: halfCycleSteps must be >= 1, got 0"),
        bad(() -> new Schedule.OneCycle(1, 100, 0, 25, 1e4, 0.95, 0.85),
            "1cycle: pctStart must be in (0, 1), got 0.0"),
        bad(() -> new Schedule.OneCycle(1, 100, 1, 25, 1e4, 0.95, 0.85),
            "1cycle: pctStart must be in (0, 1), got 1.0"),
        bad(() -> new Schedule.OneCycle(1, 3, 0.3, 25, 1e4, 0.95, 0.85),
            "1cycle: pctStart * totalSteps must be > 1 (the rise needs at least one step),"
                + " got 0.3 * 3"),
        bad(() -> new Schedule.OneCycle(1, 1, 0.3, 25, 1e4, 0.95, 0.85),
            "1cycle: totalSteps must be >= 2, got 1"),
        bad(() -> new Schedule.OneCycle(1, 100, 0.3, 0.5, 1e4, 0.95, 0.85),
            "1cycle: divFactor must be in [1, +inf), got 0.5"),
        bad(() -> new Schedule.OneCycle(1, 100, 0.3, 25, 0, 0.95, 0.85),
            "1cycle: finalDivFactor must be in [1, +inf), got 0.0"),
        bad(() -> new Schedule.OneCycle(1, 100, 0.3, 25, 1e4, 1.0, 0.85),
            "1cycle: maxMomentum must be in [0, 1), got 1.0"),
        bad(() -> new Schedule.OneCycle(1, 100, 0.3, 25, 1e4, 0.85, 0.95),
            "1cycle: minMomentum must be in [0, maxMomentum], got 0.95"),
        bad(() -> new Schedule.OneCycle(-1, 100, 0.3, 25, 1e4, 0.95, 0.85),
            "1cycle: maxLr must be finite and > 0, got -1.0"),
        bad(() -> new Schedule.Rex(1, 0), "rex: totalSteps must be >= 1, got 0"),
        bad(() -> new Schedule.Rex(INF, 10), "rex: lr0 must be finite and > 0, got Infinity"),
        bad(() -> new Schedule.Warmup(new Schedule.Constant(1), 0),
            "warmup: warmupSteps must be >= 1, got 0"),
        bad(() -> new Schedule.Constant(1).lr(-1), "step must be >= 0, got -1"),
        bad(() -> new Schedule.Cosine(1, 0, 10).lr(-3), "step must be >= 0, got -3"),
        bad(() -> new Schedule.OneCycle(1, 100, 0.3, 25, 1e4, 0.95, 0.85).momentum(-1),
            "step must be >= 0, got -1"),
        bad(() -> new Schedule.Warmup(new Schedule.Constant(1), 2).lr(-2),
            "step must be >= 0, got -2"));
  }

  private static Arguments bad(Supplier<Object> build, String message) {
    return arguments(build, message);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badParameters")
  void rejectsWithAMessageNamingTheParameter(Supplier<Object> build, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
    assertEquals(message, e.getMessage());
  }

  static Stream<Arguments> nulls() {
    return Stream.of(
        arguments((Supplier<Object>) () -> new Schedule.MultiStep(1, null, 0.1)),
        arguments((Supplier<Object>) () -> new Schedule.MultiStep(1,
            Arrays.asList(1L, null), 0.1)),
        arguments((Supplier<Object>) () -> new Schedule.Warmup(null, 3)));
  }

  @ParameterizedTest
  @MethodSource("nulls")
  void rejectsNulls(Supplier<Object> build) {
    assertThrows(NullPointerException.class, build::get);
  }
}
