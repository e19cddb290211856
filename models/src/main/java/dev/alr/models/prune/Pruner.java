package dev.alr.models.prune;

import java.util.Arrays;
import java.util.List;

/**
 * Computes pruning masks from weights: removes the given fraction of the <em>surviving</em>
 * prunable weights with the smallest score ({@link PruneCriterion}), globally or per array. Ties
 * break by parameter index, so the result depends only on the inputs. Pure and stateless:
 * thread-safe.
 */
public final class Pruner {
  private Pruner() {
  }

  /**
   * The mask after one prune step.
   *
   * @param params    the current flattened parameters
   * @param previous  the parameters one epoch earlier (for {@link PruneCriterion#WEIGHT_CHANGE});
   *                  may be {@code null} otherwise
   * @param mask      the current mask (empty: dense); not modified
   * @param arrays    the prunable arrays; parameters outside them (biases) are never pruned
   * @param fraction  fraction of the surviving prunable weights to remove, in (0, 1)
   * @param criterion the score
   * @return a new mask of {@code params.length} bytes (1 kept, 0 pruned)
   * @throws IllegalArgumentException on a fraction outside (0, 1) or mismatched lengths
   */
  public static byte[] prune(float[] params, float[] previous, byte[] mask, List<WeightArray> arrays,
                             double fraction, PruneCriterion criterion) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("prune fraction must be in (0, 1), got " + fraction);
    }
    if (mask.length != 0 && mask.length != params.length) {
      throw new IllegalArgumentException("mask of " + mask.length + " for " + params.length + " parameters");
    }
    if (criterion.needsPreviousWeights() && (previous == null || previous.length != params.length)) {
      throw new IllegalArgumentException("criterion " + criterion.flagValue() + " needs the previous epoch's weights");
    }
    byte[] next = new byte[params.length];
    if (mask.length == 0) {
      Arrays.fill(next, (byte) 1);
    } else {
      System.arraycopy(mask, 0, next, 0, mask.length);
    }
    if (criterion.global()) {
      pruneSmallest(params, previous, next, arrays, fraction, criterion);
    } else {
      for (WeightArray a : arrays) {
        pruneSmallest(params, previous, next, List.of(a), fraction, criterion);
      }
    }
    return next;
  }

  /** Zeroes, in {@code mask}, round(fraction × survivors) of the survivors in {@code arrays} with the least score. */
  private static void pruneSmallest(float[] params, float[] previous, byte[] mask, List<WeightArray> arrays,
                                    double fraction, PruneCriterion criterion) {
    int survivors = 0;
    for (WeightArray a : arrays) {
      for (int i = (int) a.offset(); i < a.offset() + a.length(); i++) {
        survivors += mask[i];
      }
    }
    int remove = (int) Math.round(fraction * survivors);
    if (remove == 0) {
      return;
    }
    // A non-negative float's bits order like the float: score bits in the high word, index in the
    // low word, so one primitive sort ranks by score and breaks ties by index.
    long[] keys = new long[survivors];
    int n = 0;
    for (WeightArray a : arrays) {
      for (int i = (int) a.offset(); i < a.offset() + a.length(); i++) {
        if (mask[i] == 1) {
          float score = criterion == PruneCriterion.WEIGHT_CHANGE
              ? Math.abs(params[i] - previous[i]) : Math.abs(params[i]);
          if (Float.isNaN(score)) {
            score = Float.POSITIVE_INFINITY;
          }
          keys[n++] = ((long) Float.floatToIntBits(score) << 32) | i;
        }
      }
    }
    Arrays.sort(keys);
    for (int k = 0; k < remove; k++) {
      mask[(int) (keys[k] & 0xFFFFFFFFL)] = 0;
    }
  }
}
