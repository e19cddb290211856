package dev.alr.engine.spi;

import java.util.List;
import java.util.Objects;

/**
 * What to train, as plain data: model, dataset and the data options. Travels to workers (in one
 * JVM or across a cluster), which build a {@link ModelFactory} from it, so every node creates the
 * same models.
 *
 * @param model     model name: {@code mlp}, {@code cnn} or {@code resnet}
 * @param hidden    hidden layer widths for {@code mlp} (empty: the default 256,128)
 * @param dataset   {@code fashion-mnist}, {@code mnist}, {@code synthetic}, or a directory path
 *                  holding the four IDX files
 * @param dataDir   directory to look in first for named datasets, or {@code null}
 * @param limit     use only the first {@code limit} training samples (0: all)
 * @param val       hold out the last {@code val} training samples for validation (0: none;
 *                  {@link #VAL_TENTH}: a tenth of the training samples, as a search that ranks
 *                  on validation loss gets by default, see {@code Alr#config()})
 * @param batchSize mini-batch size, &ge; 1
 * @param updater   {@code sgd} (momentum 0), {@code momentum}/{@code nesterov} (with
 *                  {@code momentum}), {@code adam}, {@code schedule-free[:β]} or {@code dog[:ε]}
 *                  (the last two are set by their strategies, see {@code Strategy#workload})
 * @param momentum  momentum coefficient for {@code momentum}/{@code nesterov}, Adam's beta1 for
 *                  {@code adam}, ignored for {@code sgd}
 * @param seed      seed of the initial weights (and of synthetic data)
 */
public record WorkloadSpec(String model, List<Integer> hidden, String dataset, String dataDir, int limit,
                           int val, int batchSize, String updater, double momentum, long seed) {
  /** {@link #val()} that holds out a tenth of the training samples (after {@code limit}), rounded down. */
  public static final int VAL_TENTH = -1;

  /** Validates the fields; names the offending field in the message. */
  public WorkloadSpec {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(updater, "updater");
    hidden = List.copyOf(hidden);
    for (int w : hidden) {
      if (w < 1) {
        throw new IllegalArgumentException("hidden: widths must be >= 1, got " + w);
      }
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit: must be >= 0 (0 = all), got " + limit);
    }
    if (val < 0 && val != VAL_TENTH) {
      throw new IllegalArgumentException("val: must be >= 0 (or VAL_TENTH), got " + val);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum: must be in [0, 1), got " + momentum);
    }
  }

  /** An MLP on the named dataset with batch 64, plain SGD, all training samples. */
  public static WorkloadSpec of(String model, String dataset, long seed) {
    return new WorkloadSpec(model, List.of(), dataset, null, 0, 0, 64, "sgd", 0.0, seed);
  }

  public WorkloadSpec withLimit(int newLimit) {
    return new WorkloadSpec(model, hidden, dataset, dataDir, newLimit, val, batchSize, updater, momentum, seed);
  }

  public WorkloadSpec withVal(int newVal) {
    return new WorkloadSpec(model, hidden, dataset, dataDir, limit, newVal, batchSize, updater, momentum, seed);
  }

  public WorkloadSpec withBatchSize(int newBatch) {
    return new WorkloadSpec(model, hidden, dataset, dataDir, limit, val, newBatch, updater, momentum, seed);
  }

  public WorkloadSpec withUpdater(String newUpdater, double newMomentum) {
    return new WorkloadSpec(model, hidden, dataset, dataDir, limit, val, batchSize, newUpdater, newMomentum, seed);
  }

  public WorkloadSpec withHidden(List<Integer> newHidden) {
    return new WorkloadSpec(model, newHidden, dataset, dataDir, limit, val, batchSize, updater, momentum, seed);
  }

  public WorkloadSpec withDataDir(String newDataDir) {
    return new WorkloadSpec(model, hidden, dataset, newDataDir, limit, val, batchSize, updater, momentum, seed);
  }

  public WorkloadSpec withSeed(long newSeed) {
    return new WorkloadSpec(model, hidden, dataset, dataDir, limit, val, batchSize, updater, momentum, newSeed);
  }
}
