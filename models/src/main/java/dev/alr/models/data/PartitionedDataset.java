package dev.alr.models.data;

import dev.alr.engine.spi.WorkloadSpec;
import java.util.Objects;

/**
 * A {@link Dataset} with the workload's training limit and validation hold-out applied: of the
 * first {@code limit} training samples, the last {@code validationSize} are held out for
 * validation and the rest are trained on. Training index {@code i} is dataset row {@code i};
 * validation index {@code j} is dataset row {@code trainSize + j}. No data is copied.
 *
 * <p>Immutable and thread-safe (the underlying arrays are shared and never written).
 *
 * @param data           the shared dataset
 * @param trainSize      rows {@code 0..trainSize-1} are trained on
 * @param validationSize rows {@code trainSize..trainSize+validationSize-1} are the validation split
 */
public record PartitionedDataset(Dataset data, int trainSize, int validationSize) {

  /** Validates the sizes against the dataset. */
  public PartitionedDataset {
    Objects.requireNonNull(data, "data");
    if (trainSize < 1 || validationSize < 0 || (long) trainSize + validationSize > data.trainCount()) {
      throw new IllegalArgumentException("partition of " + data.name() + ": train " + trainSize + " + validation "
          + validationSize + " does not fit " + data.trainCount() + " training samples");
    }
  }

  /**
   * Applies {@code --limit} and {@code --val}.
   *
   * @param limit first {@code limit} training samples (0: all; more than the dataset has is refused)
   * @param val   last {@code val} of those held out for validation, or
   *              {@link WorkloadSpec#VAL_TENTH}: a tenth of them (rounded down)
   * @throws IllegalArgumentException when {@code limit} exceeds the dataset or no training sample is
   *                                  left; the message names the flag(s)
   */
  public static PartitionedDataset of(Dataset data, int limit, int val) {
    if (limit < 0 || val < 0 && val != WorkloadSpec.VAL_TENTH) {
      throw new IllegalArgumentException("limit and val must be >= 0, got " + limit + " and " + val);
    }
    if (limit > data.trainCount()) {
      throw new IllegalArgumentException("limit " + limit + ": " + data.name() + " has " + data.trainCount()
          + " training samples (0 = all)");
    }
    int used = limit == 0 ? data.trainCount() : limit;
    if (val == WorkloadSpec.VAL_TENTH) {
      val = used / 10;
    }
    int train = used - val;
    if (train < 1) {
      throw new IllegalArgumentException("limit/val leave no training sample: " + used + " samples used (limit "
          + limit + ", dataset " + data.name() + " has " + data.trainCount() + "), " + val + " held out by val");
    }
    return new PartitionedDataset(data, train, val);
  }
}
