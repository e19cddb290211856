package dev.alr.engine.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Log-spaced learning-rate grids. */
class GridTest {

  static Stream<Arguments> grids() {
    return Stream.of(
        arguments(1e-3, 1e-1, 3, new double[] {1e-3, 1e-2, 1e-1}),
        arguments(1e-4, 1.0, 5, new double[] {1e-4, 1e-3, 1e-2, 1e-1, 1.0}),
        arguments(0.1, 0.4, 3, new double[] {0.1, 0.2, 0.4}),
        arguments(0.5, 0.5, 4, new double[] {0.5, 0.5, 0.5, 0.5}),
        arguments(1e-4, 1e-1, 1, new double[] {Math.sqrt(1e-5)}),  // geometric centre
        arguments(0.3, 0.3, 1, new double[] {0.3}),
        arguments(0.01, 0.02, 2, new double[] {0.01, 0.02}));
  }

  @ParameterizedTest(name = "lrs({0}, {1}, {2}) = {3}")
  @MethodSource("grids")
  void logSpaced(double lo, double hi, int points, double[] expected) {
    double[] lrs = Grid.lrs(lo, hi, points);
    assertEquals(points, lrs.length);
    for (int i = 0; i < points; i++) {
      assertEquals(expected[i], lrs[i], 1e-12 * expected[i], "point " + i);
    }
  }

  @ParameterizedTest(name = "lrs({0}, {1}, {2}): exact ends, constant ratio")
  @CsvSource({"1e-5, 1.0, 11", "0.003, 0.7, 8", "1e-6, 1e-6, 3", "0.01, 10, 2"})
  void endsAreExactAndRatiosConstant(double lo, double hi, int points) {
    double[] lrs = Grid.lrs(lo, hi, points);
    assertEquals(lo, lrs[0], 0.0);
    assertEquals(hi, lrs[points - 1], 0.0);
    double ratio = Math.pow(hi / lo, 1.0 / (points - 1));
    for (int i = 1; i < points; i++) {
      assertEquals(ratio, lrs[i] / lrs[i - 1], 1e-12);
    }
  }

  @ParameterizedTest(name = "lrs({0}, {1}, {2}) -> {3}")
  @CsvSource(delimiter = '|', value = {
      "0     | 1   | 3 | grid: lo must be finite and > 0, got 0.0",
      "-1    | 1   | 3 | grid: lo must be finite and > 0, got -1.0",
      "0.1   | 0.01| 3 | grid: hi must be in [lo, +inf), got 0.01",
      "0.1   | NaN | 3 | grid: hi must be in [lo, +inf), got NaN",
      "0.1   | 1   | 0 | grid: points must be >= 1, got 0"
  })
  void rejectsBadRanges(double lo, double hi, int points, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> Grid.lrs(lo, hi, points)).getMessage());
  }

  @ParameterizedTest
  @CsvSource({"1e-3, 1e-1, 3"})
  void returnsAFreshArray(double lo, double hi, int points) {
    double[] a = Grid.lrs(lo, hi, points);
    a[0] = 42;
    assertArrayEquals(new double[] {1e-3, 1e-2, 1e-1}, Grid.lrs(lo, hi, points), 1e-15);
  }
}
