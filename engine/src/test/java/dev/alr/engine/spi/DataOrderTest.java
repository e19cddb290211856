package dev.alr.engine.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-epoch data order: a seeded permutation and its mini-batches. */
class DataOrderTest {

  @ParameterizedTest
  @CsvSource({"7, 1, 1", "7, 1, 2", "7, 3, 10", "-5, 2, 64", "123456789, 9, 1000"})
  void permutationIsAPermutation(long seed, int epoch, int n) {
    int[] p = new DataOrder(seed, epoch).permutation(n);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < n; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @ParameterizedTest
  @CsvSource({"7, 1", "7, 2", "0, 5", "-1, 3"})
  void sameSeedAndEpochGiveTheSameOrder(long seed, int epoch) {
    assertArrayEquals(new DataOrder(seed, epoch).permutation(100), new DataOrder(seed, epoch).permutation(100));
    assertEquals(new DataOrder(seed, epoch).batches(100, 7), new DataOrder(seed, epoch).batches(100, 7));
  }

  @ParameterizedTest
  @CsvSource({"7, 1, 2", "7, 2, 3", "0, 1, 9"})
  void differentEpochsGiveDifferentOrders(long seed, int e1, int e2) {
    assertFalse(Arrays.equals(new DataOrder(seed, e1).permutation(100), new DataOrder(seed, e2).permutation(100)));
  }

  @Test
  void differentSeedsGiveDifferentOrders() {
    assertFalse(Arrays.equals(new DataOrder(1, 1).permutation(100), new DataOrder(2, 1).permutation(100)));
  }

  @Test
  void theOrderIsShuffled() {
    int[] p = new DataOrder(7, 1).permutation(100);
    int fixed = 0;
    for (int i = 0; i < p.length; i++) {
      fixed += p[i] == i ? 1 : 0;
    }
    // a uniform permutation has one fixed point on average; 10 or more would be astronomically rare
    assertFalse(fixed >= 10, "fixed points: " + fixed);
  }

  @ParameterizedTest
  @CsvSource({"10, 3", "10, 5", "10, 10", "10, 11", "1, 1", "64, 8", "65, 8", "7, 1"})
  void batchesCoverThePermutationInOrderWithASmallerLastBatch(int n, int batchSize) {
    DataOrder order = new DataOrder(11, 2);
    List<Batch> batches = order.batches(n, batchSize);
    int expectedBatches = (n + batchSize - 1) / batchSize;
    assertEquals(expectedBatches, batches.size());
    assertEquals(expectedBatches, DataOrder.batchesPerEpoch(n, batchSize));
    List<Integer> flat = new ArrayList<>();
    for (int b = 0; b < batches.size(); b++) {
      int want = b < batches.size() - 1 ? batchSize : n - batchSize * (expectedBatches - 1);
      assertEquals(want, batches.get(b).size(), "size of batch " + b);
      for (int i : batches.get(b).indices()) {
        flat.add(i);
      }
    }
    assertEquals(Arrays.stream(order.permutation(n)).boxed().toList(), flat);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void epochStartsAtOne(int epoch) {
    assertThrows(IllegalArgumentException.class, () -> new DataOrder(1, epoch));
  }

  @Test
  void batchesRejectEmptyInput() {
    assertThrows(IllegalArgumentException.class, () -> new DataOrder(1, 1).batches(0, 4));
    assertThrows(IllegalArgumentException.class, () -> new DataOrder(1, 1).batches(4, 0));
  }
}
