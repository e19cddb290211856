package dev.alr.models;

import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.data.Dataset;
import dev.alr.models.data.Datasets;
import dev.alr.models.data.PartitionedDataset;
import dev.alr.models.nn.ModelKind;
import dev.alr.models.nn.NetworkModelFactory;
import dev.alr.models.nn.UpdaterKind;
import dev.alr.models.nn.UserNetworks;

/**
 * The entry point of the {@code models} module: turns a {@link WorkloadSpec} into a model factory
 * over a loaded dataset.
 *
 * <p>Stateless and thread-safe. Datasets are loaded once per JVM and shared (see
 * {@link Datasets}).
 */
public final class Workloads {
  private Workloads() {
  }

  /**
   * The factory of the models {@code spec} describes. The names are checked before any data is
   * loaded.
   *
   * @throws IllegalArgumentException for an unknown model, updater or dataset name (one line
   *                                  naming {@code --model}, {@code --updater} or
   *                                  {@code --dataset} and the allowed values), or when
   *                                  {@code --limit}/{@code --val} leave no training sample
   * @throws dev.alr.models.data.DataException when the dataset files are missing or malformed
   */
  public static NetworkModelFactory factory(WorkloadSpec spec) {
    UpdaterKind updaterKind = UpdaterKind.parse(spec.updater());
    double updaterOption = UpdaterKind.option(spec.updater());
    if (UserNetworks.isConfiguration(spec.model())) {
      return NetworkModelFactory.user(UserNetworks.parse(spec.model()), updaterKind, spec.momentum(), updaterOption,
          spec.seed(), dataset(spec));
    }
    ModelKind modelKind = ModelKind.parse(spec.model());
    return new NetworkModelFactory(modelKind, spec.hidden(), updaterKind, spec.momentum(), updaterOption, spec.seed(),
        dataset(spec));
  }

  /**
   * The dataset of {@code spec} with {@code --limit} and {@code --val} applied (loaded once per JVM).
   *
   * @throws IllegalArgumentException for an unknown dataset name or a limit/val that leaves no
   *                                  training sample
   * @throws dev.alr.models.data.DataException when the dataset files are missing or malformed
   */
  public static PartitionedDataset dataset(WorkloadSpec spec) {
    Dataset data = Datasets.load(spec.dataset(), spec.dataDir(), spec.seed());
    return PartitionedDataset.of(data, spec.limit(), spec.val());
  }
}
