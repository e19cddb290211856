package dev.alr.engine.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The adaptive factor grid: its factors per span, widening at an edge, narrowing inside, the cap, validation. */
class FactorSpanTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  static Stream<Arguments> grids() {
    return Stream.of(
        arguments(3, 2.0, List.of(0.5, 1.0, 2.0)),
        arguments(3, 4.0, List.of(0.25, 1.0, 4.0)),
        arguments(3, 16.0, List.of(1 / 16.0, 1.0, 16.0)),
        arguments(5, 4.0, List.of(0.25, 0.5, 1.0, 2.0, 4.0)),
        arguments(5, 16.0, List.of(1 / 16.0, 0.25, 1.0, 4.0, 16.0)));
  }

  @ParameterizedTest(name = "N={0} span={1}")
  @MethodSource("grids")
  void factorsAreAGeometricGridAroundOneExactForPowersOfTwo(int count, double span, List<Double> expected) {
    assertEquals(expected, new FactorSpan(2, 256, count).factors(span));
  }

  @Test
  void aNonPowerOfTwoSpanIsSymmetricInLogSpace() {
    List<Double> f = new FactorSpan(3, 9, 5).factors(3);
    assertEquals(1.0, f.get(2));
    assertEquals(3.0, f.get(4), 1e-15);
    assertEquals(Math.sqrt(3), f.get(3), 1e-15);
    for (int i = 0; i < 5; i++) {
      assertEquals(1.0, f.get(i) * f.get(4 - i), 1e-15, "factor " + i + " times its mirror");
    }
  }

  /** span, best factor → next span, for base 2, cap 16, 3 factors. */
  @ParameterizedTest(name = "span {0}, best factor {1} -> {2}")
  @CsvSource({
      "2, 2, 4",          // largest factor won: widen
      "2, 0.5, 4",        // smallest factor won: widen
      "4, 4, 16",         // widen again: s²
      "4, 0.25, 16",
      "16, 16, 16",       // at the cap: stays
      "16, 0.0625, 16",
      "16, 1, 4",         // inner factor won: narrow, √s
      "4, 1, 2",
      "2, 1, 2"})         // at the base: stays
  void nextWidensAtAnEdgeAndNarrowsInside(double span, double best, double expected) {
    assertEquals(expected, FactorSpan.defaults().next(span, best));
  }

  /** With 5 factors the two inner non-unit factors narrow as 1 does; a cap that is not a square is still respected. */
  @ParameterizedTest(name = "base {0} cap {1}: span {2}, best {3} -> {4}")
  @CsvSource({
      "2, 16, 4, 2, 2",
      "2, 16, 4, 0.5, 2",
      "2, 16, 4, 4, 16",
      "2, 10, 4, 4, 10",
      "2, 10, 10, 1, 3.1622776601683795",
      "3, 100, 3, 3, 9",
      "3, 100, 9, 1, 3",
      "2, 2, 2, 2, 2"})
  void nextWithFiveFactorsAndOtherCaps(double base, double cap, double span, double best, double expected) {
    assertEquals(expected, new FactorSpan(base, cap, 5).next(span, best));
  }

  @Test
  void aSequenceOfEdgeWinsClimbsToTheCapAndInnerWinsComeBackToTheBase() {
    FactorSpan s = FactorSpan.defaults();
    double span = s.base();
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      List<Double> f = s.factors(span);
      span = s.next(span, f.get(f.size() - 1));
      path.append(span).append(' ');
    }
    for (int i = 0; i < 4; i++) {
      span = s.next(span, 1.0);
      path.append(span).append(' ');
    }
    assertEquals("4.0 16.0 16.0 16.0 4.0 2.0 2.0 2.0 ", path.toString());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        arguments(1.0, 16.0, 3, "base"),
        arguments(0.5, 16.0, 3, "base"),
        arguments(NAN, 16.0, 3, "base"),
        arguments(INF, INF, 3, "base"),
        arguments(2.0, 1.5, 3, "cap"),
        arguments(4.0, 2.0, 3, "cap"),
        arguments(2.0, NAN, 3, "cap"),
        arguments(2.0, INF, 3, "cap"),
        arguments(2.0, 16.0, 2, "count"),
        arguments(2.0, 16.0, 4, "count"),
        arguments(2.0, 16.0, 1, "count"),
        arguments(2.0, 16.0, -3, "count"));
  }

  @ParameterizedTest(name = "base {0} cap {1} N {2}")
  @MethodSource("invalid")
  void badSpansAreRefusedNamingTheFlagAndTheField(double base, double cap, int count, String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FactorSpan(base, cap, count));
    assertTrue(e.getMessage().startsWith("factors: "), e.getMessage());
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }
}
