package dev.alr.models.nn;

import java.util.Objects;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A user's own DL4J network as a workload's {@code model}: the configuration's JSON
 * ({@code MultiLayerConfiguration.toJson()} or {@code ComputationGraphConfiguration.toJson()}).
 * A string, so it travels to every worker of a cluster inside the {@code WorkloadSpec}; each
 * worker rebuilds the network with {@code fromJson}.
 * <pre>{@code
 * WorkloadSpec spec = WorkloadSpec.of(UserNetworks.of(conf), UserData.register("mine", train, test), 7);
 * }</pre>
 * alr sets the updater of every layer (from the workload's {@code updater}, default plain SGD) and
 * the seed of the initial weights (the run seed), so that the search controls the learning rate
 * and the run is reproducible; every other setting is the user's. The network reads each sample
 * as one flat row of features (use {@code InputType.convolutionalFlat} for convolutional nets)
 * and its output layer must have one unit per class.
 *
 * <p>Stateless and thread-safe.
 */
public final class UserNetworks {
  private UserNetworks() {
  }

  /** The model string of a multi-layer network configuration. */
  public static String of(MultiLayerConfiguration configuration) {
    return Objects.requireNonNull(configuration, "configuration").toJson();
  }

  /** The model string of a computation graph configuration. */
  public static String of(ComputationGraphConfiguration configuration) {
    return Objects.requireNonNull(configuration, "configuration").toJson();
  }

  /** The model string of the configuration {@code builder} builds (called once, here). */
  public static String ofBuilder(Supplier<MultiLayerConfiguration> builder) {
    return of(builder.get());
  }

  /** Whether a workload's {@code model} is a user configuration (JSON) rather than a built-in name. */
  public static boolean isConfiguration(String model) {
    return model.stripLeading().startsWith("{");
  }

  /**
   * Parses a model string made by {@link #of}.
   *
   * @throws IllegalArgumentException naming the field {@code model} when it is not a DL4J
   *                                  configuration
   */
  public static Configuration parse(String json) {
    try {
      if (json.contains("\"vertices\"")) {
        ComputationGraphConfiguration.fromJson(json);
      } else {
        MultiLayerConfiguration.fromJson(json);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("model: not a DL4J MultiLayerConfiguration or ComputationGraphConfiguration"
          + " JSON (" + e.getMessage() + ")", e);
    }
    return new Configuration(json);
  }

  /**
   * A parsed user configuration; {@link #build} makes a fresh network from the JSON every time, so
   * no two networks share a configuration object.
   *
   * @param json the configuration's JSON
   */
  public record Configuration(String json) {
    /** A short name for exported states: {@code user-<hash>}. */
    String describe() {
      return "user-" + Integer.toHexString(json.hashCode());
    }

    /** A new initialised network with {@code updater} on every layer and {@code seed} for its weights. */
    NetworkAdapter build(IUpdater updater, long seed) {
      if (json.contains("\"vertices\"")) {
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(json);
        conf.getDefaultConfiguration().setSeed(seed);
        for (GraphVertex v : conf.getVertices().values()) {
          if (v instanceof LayerVertex lv) {
            lv.getLayerConf().setSeed(seed);
            setUpdater(lv.getLayerConf().getLayer(), updater);
          }
        }
        ComputationGraph network = new ComputationGraph(conf);
        network.init();
        return new GraphAdapter(network);
      }
      MultiLayerConfiguration conf = MultiLayerConfiguration.fromJson(json);
      for (NeuralNetConfiguration c : conf.getConfs()) {
        c.setSeed(seed);
        setUpdater(c.getLayer(), updater);
      }
      MultiLayerNetwork network = new MultiLayerNetwork(conf);
      network.init();
      return new MultiLayerAdapter(network);
    }

    private static void setUpdater(Layer layer, IUpdater updater) {
      if (layer instanceof BaseLayer base) {
        base.setIUpdater(updater.clone());
        base.setBiasUpdater(null);
      }
    }
  }
}
