package dev.alr.models.nn;

import dev.alr.engine.spi.ModelFactory;
import dev.alr.models.NativeMemory;
import dev.alr.models.NativeThreads;
import dev.alr.models.data.Dataset;
import dev.alr.models.data.PartitionedDataset;
import java.util.List;
import java.util.Objects;

/**
 * Creates {@link NetworkModel}s of one architecture, updater and seed on one partitioned dataset.
 * Every {@link #create()} builds a new network from a new configuration with the same seed, so
 * all created models start from bit-identical weights and fresh updater state.
 *
 * <p>Immutable and thread-safe: workers may call {@link #create()} concurrently (DL4J seeds the
 * initialisation through ND4J's per-thread random generator). Creating a model first calls
 * {@link NativeMemory#install()} (collected arrays are freed only between native sections) and
 * {@link NativeThreads#configureDefault()} (one native thread unless configured otherwise).
 */
public final class NetworkModelFactory implements ModelFactory {
  /** Learning rate the updater configuration is built with; every step sets its own. */
  private static final double INITIAL_LEARNING_RATE = 0.01;

  private final ModelKind modelKind;
  private final List<Integer> hidden;
  private final UpdaterKind updaterKind;
  private final double momentum;
  private final double updaterOption;
  private final long seed;
  private final PartitionedDataset data;
  private final ModelKind.Shape shape;
  private final String architecture;
  private final UserNetworks.Configuration userConfiguration;

  /**
   * @param modelKind   the architecture
   * @param hidden      MLP hidden widths (empty: default)
   * @param updaterKind the optimizer
   * @param momentum    momentum (Nesterov) or beta1 (Adam); ignored for SGD
   * @param seed        seed of the initial weights
   * @param data        the dataset with limit and validation applied
   */
  public NetworkModelFactory(ModelKind modelKind, List<Integer> hidden, UpdaterKind updaterKind, double momentum,
                             long seed, PartitionedDataset data) {
    this(modelKind, hidden, updaterKind, momentum, Double.NaN, seed, data);
  }

  /**
   * @param modelKind     the architecture
   * @param hidden        MLP hidden widths (empty: default)
   * @param updaterKind   the optimizer
   * @param momentum      momentum (Nesterov) or beta1 (Adam); ignored for the others
   * @param updaterOption the updater's option (schedule-free's β, DoG's ε) or {@code NaN} for its default
   * @param seed          seed of the initial weights
   * @param data          the dataset with limit and validation applied
   */
  public NetworkModelFactory(ModelKind modelKind, List<Integer> hidden, UpdaterKind updaterKind, double momentum,
                             double updaterOption, long seed, PartitionedDataset data) {
    this(modelKind, null, hidden, updaterKind, momentum, updaterOption, seed, data);
  }

  /**
   * Models of a user's DL4J configuration (see {@link UserNetworks}); alr sets the configuration's
   * updater and seed from the workload, every other setting is the user's.
   *
   * @param configuration the user's network configuration
   * @param updaterKind   the optimizer
   * @param momentum      momentum (Nesterov) or beta1 (Adam); ignored for the others
   * @param updaterOption the updater's option or {@code NaN} for its default
   * @param seed          seed of the initial weights
   * @param data          the dataset with limit and validation applied
   */
  public static NetworkModelFactory user(UserNetworks.Configuration configuration, UpdaterKind updaterKind, double momentum,
                                         double updaterOption, long seed, PartitionedDataset data) {
    return new NetworkModelFactory(ModelKind.MLP, configuration, List.of(), updaterKind, momentum, updaterOption, seed,
        data);
  }

  private NetworkModelFactory(ModelKind modelKind, UserNetworks.Configuration userConfiguration, List<Integer> hidden,
                              UpdaterKind updaterKind, double momentum, double updaterOption, long seed,
                              PartitionedDataset data) {
    this.userConfiguration = userConfiguration;
    this.updaterOption = updaterOption;
    this.modelKind = Objects.requireNonNull(modelKind, "modelKind");
    this.hidden = List.copyOf(hidden);
    this.updaterKind = Objects.requireNonNull(updaterKind, "updaterKind");
    this.momentum = momentum;
    this.seed = seed;
    this.data = Objects.requireNonNull(data, "data");
    Dataset d = data.data();
    this.shape = new ModelKind.Shape(d.channels(), d.height(), d.width(), d.classes());
    this.architecture = (userConfiguration != null ? userConfiguration.describe() : modelKind.describe(shape, this.hidden))
        + "/" + updaterKind.flagValue();
  }

  @Override
  public NetworkModel create() {
    NativeMemory.install();
    NativeThreads.configureDefault();
    NativeMemory.enter();
    try {
      return new NetworkModel(newNetwork(), this::newNetwork, data, updaterKind, architecture);
    } finally {
      NativeMemory.exit();
    }
  }

  private NetworkAdapter newNetwork() {
    if (userConfiguration != null) {
      return userConfiguration.build(updaterKind.create(INITIAL_LEARNING_RATE, momentum, updaterOption), seed);
    }
    return modelKind.build(shape, hidden, updaterKind.create(INITIAL_LEARNING_RATE, momentum, updaterOption), seed);
  }

  @Override
  public int trainSize() {
    return data.trainSize();
  }

  @Override
  public int validationSize() {
    return data.validationSize();
  }

  /** The dataset the models train on. */
  public PartitionedDataset data() {
    return data;
  }

  /** The architecture string of the models' exported states. */
  public String architecture() {
    return architecture;
  }

  @Override
  public String toString() {
    return "NetworkModelFactory[" + architecture + ", seed=" + seed + ", train=" + data.trainSize() + ", val="
        + data.validationSize() + "]";
  }
}
