package dev.alr.engine.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which one epoch visits the training samples: a permutation that is a pure
 * function of (run seed, epoch), so every candidate of an epoch — on any worker, in any JVM —
 * sees the same order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seed  the run seed
 * @param epoch the epoch number, from 1
 */
public record DataOrder(long seed, int epoch) {

  /** Validates the epoch. */
  public DataOrder {
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
    }
  }

  /** A seeded Fisher–Yates permutation of {@code 0..n-1}. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, 0x5EED_0D0EL, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * The epoch's mini-batches over {@code n} samples; the last one is smaller when
   * {@code batchSize} does not divide {@code n}.
   */
  public List<Batch> batches(int n, int batchSize) {
    if (n < 1 || batchSize < 1) {
      throw new IllegalArgumentException("need n >= 1 and batchSize >= 1, got " + n + ", " + batchSize);
    }
    int[] p = permutation(n);
    List<Batch> out = new ArrayList<>((n + batchSize - 1) / batchSize);
    for (int start = 0; start < n; start += batchSize) {
      int len = Math.min(batchSize, n - start);
      int[] idx = new int[len];
      System.arraycopy(p, start, idx, 0, len);
      out.add(new Batch(idx));
    }
    return out;
  }

  /** Number of batches per epoch for {@code n} samples. */
  public static int batchesPerEpoch(int n, int batchSize) {
    return (n + batchSize - 1) / batchSize;
  }
}
