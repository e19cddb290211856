package dev.alr.models.prune;

import java.util.ArrayList;
import java.util.List;

/**
 * The fraction of prunable weights that are pruned, per weight array and overall. Immutable.
 *
 * @param layers  one entry per prunable array, in parameter order
 * @param pruned  pruned weights over all arrays
 * @param total   prunable weights over all arrays
 */
public record Sparsity(List<Layer> layers, long pruned, long total) {
  /** One array's counts. */
  public record Layer(String name, long pruned, long total) {
    /** Pruned fraction (0 for an empty array). */
    public double sparsity() {
      return total == 0 ? 0 : (double) pruned / total;
    }
  }

  /** Copies the list. */
  public Sparsity {
    layers = List.copyOf(layers);
  }

  /** Overall pruned fraction of the prunable weights. */
  public double overall() {
    return total == 0 ? 0 : (double) pruned / total;
  }

  /** Counts the zeros of {@code mask} (empty: dense) in each array. */
  public static Sparsity of(byte[] mask, List<WeightArray> arrays) {
    List<Layer> layers = new ArrayList<>();
    long pruned = 0;
    long total = 0;
    for (WeightArray a : arrays) {
      long zeros = 0;
      if (mask.length > 0) {
        for (long i = a.offset(); i < a.offset() + a.length(); i++) {
          if (mask[(int) i] == 0) {
            zeros++;
          }
        }
      }
      layers.add(new Layer(a.name(), zeros, a.length()));
      pruned += zeros;
      total += a.length();
    }
    return new Sparsity(layers, pruned, total);
  }
}
