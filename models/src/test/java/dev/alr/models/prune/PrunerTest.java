package dev.alr.models.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Table-driven checks of the mask computation (no DL4J). */
class PrunerTest {
  /** Two arrays of 4 weights each, with a bias between them at index 4. */
  private static final List<WeightArray> ARRAYS = List.of(new WeightArray("0_W", 0, 4), new WeightArray("1_W", 5, 4));
  private static final float[] PARAMS = {0.1f, -0.9f, 0.3f, -0.05f, 0.0f, 2f, 3f, -4f, 5f};
  private static final float[] PREVIOUS = {0.1f, -0.1f, 0.3f, 0.95f, 9f, 2f, 3.5f, -4f, 1f};

  static Stream<Arguments> table() {
    byte[] dense = new byte[0];
    byte[] partly = {1, 1, 1, 0, 1, 1, 1, 1, 1};
    return Stream.of(
        // global magnitude: 0.25·8 = 2 smallest |w|: indices 3 (0.05) and 0 (0.1); the bias (0.0) is never pruned
        Arguments.of(PruneCriterion.MAGNITUDE, dense, 0.25, new byte[] {0, 1, 1, 0, 1, 1, 1, 1, 1}),
        // layer-wise: 0.25·4 = 1 per array: index 3 in the first, index 5 (2) in the second
        Arguments.of(PruneCriterion.MAGNITUDE_LAYERWISE, dense, 0.25, new byte[] {1, 1, 1, 0, 1, 0, 1, 1, 1}),
        // weight change |w − w_prev|: 0, 0.8, 0, 1.0 | 0, 0.5, 0, 4 → 2 smallest, ties by index: 0, 2
        Arguments.of(PruneCriterion.WEIGHT_CHANGE, dense, 0.25, new byte[] {0, 1, 0, 1, 1, 1, 1, 1, 1}),
        // of the 7 survivors, round(0.3·7) = 2 more: indices 0 (0.1) and 2 (0.3); index 3 stays pruned
        Arguments.of(PruneCriterion.MAGNITUDE, partly, 0.3, new byte[] {0, 1, 0, 0, 1, 1, 1, 1, 1}));
  }

  @ParameterizedTest
  @MethodSource("table")
  void prunesTheSmallestSurvivors(PruneCriterion criterion, byte[] mask, double fraction, byte[] expected) {
    assertArrayEquals(expected, Pruner.prune(PARAMS, PREVIOUS, mask, ARRAYS, fraction, criterion));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 1, -0.1, 1.5, Double.NaN})
  void refusesAFractionOutsideTheOpenUnitInterval(double fraction) {
    assertThrows(IllegalArgumentException.class,
        () -> Pruner.prune(PARAMS, null, new byte[0], ARRAYS, fraction, PruneCriterion.MAGNITUDE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"magnitude", "magnitude-layerwise", "weight-change"})
  void criterionNamesRoundTrip(String name) {
    assertEquals(name, PruneCriterion.parse(name).flagValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rewind-init", "rewind-epoch 2", "reinit", "none"})
  void resetNamesRoundTrip(String name) {
    assertEquals(name, ResetMode.parse(name).flagValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rewind", "rewind-epoch 0", "rewind-epoch x", "magnitude"})
  void badResetNamesAreRefused(String name) {
    assertThrows(IllegalArgumentException.class, () -> ResetMode.parse(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"l1", ""})
  void badCriterionNamesAreRefused(String name) {
    assertThrows(IllegalArgumentException.class, () -> PruneCriterion.parse(name));
  }

  @org.junit.jupiter.api.Test
  void weightChangeNeedsThePreviousWeights() {
    assertThrows(IllegalArgumentException.class,
        () -> Pruner.prune(PARAMS, null, new byte[0], ARRAYS, 0.2, PruneCriterion.WEIGHT_CHANGE));
  }
}
