package dev.alr.bench.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatsTest {

  @Test
  void meanAndSampleStd() {
    assertEquals(5.0, Stats.mean(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0)), 1e-12);
    assertEquals(2.138089935, Stats.std(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0)), 1e-9);
    assertEquals(0.0, Stats.std(List.of(0.7)));
    assertTrue(Double.isNaN(Stats.mean(List.of())));
    assertTrue(Double.isNaN(Stats.std(List.of())));
  }

  @Test
  void nonFiniteValuesAreLeftOut() {
    assertEquals(2.0, Stats.mean(List.of(1.0, Double.NaN, 3.0)), 1e-12);
    assertEquals(Math.sqrt(2), Stats.std(List.of(1.0, Double.NaN, 3.0)), 1e-12);
  }

  @Test
  void ranksShareTies() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Stats.ranksDescending(new double[] {0.9, 0.8, 0.8, 0.7}));
    assertArrayEquals(new double[] {3, 1, 2}, Stats.ranksDescending(new double[] {0.1, 0.5, 0.3}));
    assertArrayEquals(new double[] {2, 2, 2}, Stats.ranksDescending(new double[] {0.5, 0.5, 0.5}));
  }

  @Test
  void nonFiniteScoresRankLastTogether() {
    assertArrayEquals(new double[] {3.5, 1, 3.5, 2},
        Stats.ranksDescending(new double[] {Double.NaN, 0.9, Double.NaN, 0.2}));
    assertArrayEquals(new double[] {1, 4, 4, 2, 4},
        Stats.ranksDescending(new double[] {0.9, Double.POSITIVE_INFINITY, Double.NaN, 0.1, Double.NEGATIVE_INFINITY}));
  }

  @ParameterizedTest
  @CsvSource({"27000, 1000, 27", "27001, 1000, 28", "0, 1000, 1", "999, 1000, 1"})
  void equalComputeEpochsRoundUp(long grads, long perEpoch, int epochs) {
    assertEquals(epochs, Stats.equalComputeEpochs(grads, perEpoch));
  }

  @Test
  void equalComputeEpochsRejectEmptyEpochs() {
    assertThrows(IllegalArgumentException.class, () -> Stats.equalComputeEpochs(10, 0));
  }

  @ParameterizedTest
  @CsvSource({"1, 3", "3, 8", "5, 14"})
  void equalComputeBudgetMatchesAlrSpend(int epochs, int expected) {
    Suite s = Suite.named("quick").withEpochs(epochs).withDatasets(List.of("synthetic"));
    List<Cell> compute = Cell.expand(s, List.of("synthetic")).stream()
        .filter(c -> Cell.EQUAL_COMPUTE.equals(c.budget())).toList();
    assertEquals(s.computeSchedules().size(), compute.size());
    compute.forEach(c -> assertEquals(expected, c.epochs(),
        "the default ALR's planned spend: (7/4 + 2·3/4) + (E−1)·(6/4 + 2·3/4) candidate-epochs on 0.9 of the samples"));
  }
}
