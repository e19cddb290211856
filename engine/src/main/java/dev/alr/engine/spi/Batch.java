package dev.alr.engine.spi;

import java.util.Arrays;

/**
 * One mini-batch: indices into the training split of the model's dataset, in the order they are
 * fed. Immutable: the constructor copies the array and {@link #indices()} returns a copy.
 *
 * <p>Thread-safe.
 */
public final class Batch {
  private final int[] indices;

  /**
   * @param indices training-sample indices, at least one
   * @throws IllegalArgumentException if empty or an index is negative
   */
  public Batch(int[] indices) {
    if (indices.length == 0) {
      throw new IllegalArgumentException("batch: at least one index is required");
    }
    for (int i : indices) {
      if (i < 0) {
        throw new IllegalArgumentException("batch: index " + i + " is negative");
      }
    }
    this.indices = indices.clone();
  }

  /** Number of samples. */
  public int size() {
    return indices.length;
  }

  /** The sample index at position {@code i} of the batch. */
  public int index(int i) {
    return indices[i];
  }

  /**
   * The first {@code k} samples of this batch, or this batch when it has {@code k} or fewer.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public Batch head(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("batch: head size must be >= 1, got " + k);
    }
    return k >= indices.length ? this : new Batch(Arrays.copyOf(indices, k));
  }

  /** A copy of the indices. */
  public int[] indices() {
    return indices.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Batch b && Arrays.equals(indices, b.indices);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(indices);
  }

  @Override
  public String toString() {
    return "Batch[size=" + indices.length + "]";
  }
}
