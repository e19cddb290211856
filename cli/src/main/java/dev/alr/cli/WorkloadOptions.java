package dev.alr.cli;

import dev.alr.engine.Strategy;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.nn.UpdaterKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say what to train, shared by {@code train}, {@code search} and the cluster roles. */
public final class WorkloadOptions {
  @Option(names = "--model", defaultValue = "mlp", description = "mlp, cnn or resnet (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--hidden", split = ",", paramLabel = "W1,W2",
      description = "hidden widths of the mlp (default: 256,128)")
  List<Integer> hidden = new ArrayList<>();

  @Option(names = "--dataset", defaultValue = "fashion-mnist",
      description = "fashion-mnist, mnist, synthetic, or a directory with the four IDX files (default: ${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "where to look first for named datasets (then $ALR_DATA, then /usr/share/datasets)")
  String dataDir;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "use the first N training samples (0: all)")
  int limit;

  @Option(names = "--val", paramLabel = "K",
      description = "hold out the last K training samples for validation (default: a tenth of the training samples "
          + "when candidates are ranked on validation loss, as alr's are; else 0)")
  Integer val;

  @Option(names = "--batch", defaultValue = "64", description = "mini-batch size (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--updater", defaultValue = "sgd",
      description = "sgd, momentum, nesterov, adam, schedule-free[:BETA] or dog[:EPS] (default: ${DEFAULT-VALUE}; "
          + "--momentum > 0 with sgd means nesterov)")
  String updater;

  @Option(names = "--momentum", defaultValue = "0", description = "momentum (Adam: beta1) (default: ${DEFAULT-VALUE})")
  double momentum;

  @Option(names = "--seed", defaultValue = "1", description = "run seed (default: ${DEFAULT-VALUE})")
  long seed;

  /** The validated workload. */
  WorkloadSpec spec() {
    String u = updater;
    if ("sgd".equals(u) && momentum > 0) {
      u = "nesterov";
    }
    UpdaterKind.option(u);
    double m = momentum;
    if ("adam".equals(u) && m == 0) {
      m = 0.9;
    }
    if (val != null && val < 0) {
      throw new IllegalArgumentException("--val: must be >= 0, got " + val);
    }
    return new WorkloadSpec(model, hidden, dataset, dataDir, limit, val == null ? 0 : val, batch, u, m, seed);
  }

  /**
   * Refuses {@code --val 0} for a strategy that ranks on validation loss (left out, the search holds
   * out a tenth of the training samples).
   */
  void checkValFor(Strategy strategy) {
    if (val != null && val == 0 && strategy.selectsOnValidation()) {
      throw new IllegalArgumentException("--val: 0 leaves no validation split to rank on; give K >= 1, leave it out "
          + "(a tenth of the training samples) or pass --select train");
    }
  }
}
