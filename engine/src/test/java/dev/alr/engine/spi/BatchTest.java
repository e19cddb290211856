package dev.alr.engine.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A mini-batch's head: the probe batch of N-probe's same-batch mode. */
class BatchTest {

  @Test
  void headKeepsTheFirstSamplesInOrder() {
    Batch b = new Batch(new int[] {9, 4, 7, 1, 3});
    assertArrayEquals(new int[] {9, 4}, b.head(2).indices());
    assertArrayEquals(new int[] {9}, b.head(1).indices());
  }

  @Test
  void headOfAtLeastTheSizeIsTheBatch() {
    Batch b = new Batch(new int[] {2, 0, 5});
    assertSame(b, b.head(3));
    assertSame(b, b.head(64));
  }

  @Test
  void headRejectsNonPositiveSizes() {
    Batch b = new Batch(new int[] {1, 2});
    assertThrows(IllegalArgumentException.class, () -> b.head(0));
  }
}
