package dev.alr.models.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The network architectures a workload may name with {@code --model}. Each builds a freshly
 * initialised DL4J network whose weights are a function of the seed only, for images given as flat
 * rows of {@code channels·height·width} floats, ending in softmax with multi-class cross-entropy.
 *
 * <ul>
 *   <li>{@link #MLP}: dense ReLU layers (widths from {@code --hidden}, default 256, 128).</li>
 *   <li>{@link #CNN}: conv 5×5×8 → max-pool 2 → conv 5×5×16 → max-pool 2 → dense 64 → softmax.</li>
 *   <li>{@link #RESNET}: a small residual {@link ComputationGraph}: conv 3×3×16 stem → max-pool 2 →
 *       two residual blocks (conv-ReLU-conv, add the block input with an
 *       {@link ElementWiseVertex}, ReLU) → global average pooling → softmax.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; every call builds a new configuration (so no two networks share
 * an updater configuration object).
 */
public enum ModelKind {
  /** Multi-layer perceptron. */
  MLP {
    @Override
    NetworkAdapter build(Shape shape, List<Integer> hidden, IUpdater updater, long seed) {
      NeuralNetConfiguration.ListBuilder list = base(updater, seed).list();
      int inputs = shape.features();
      for (int width : widths(hidden)) {
        list.layer(new DenseLayer.Builder().nIn(inputs).nOut(width).activation(Activation.RELU).build());
        inputs = width;
      }
      list.layer(output(inputs, shape.classes()));
      return multiLayer(list.build());
    }

    @Override
    String describe(Shape shape, List<Integer> hidden) {
      return "mlp:" + shape.features() + "-" + widths(hidden).stream().map(String::valueOf)
          .collect(Collectors.joining("-")) + "-" + shape.classes();
    }
  },
  /** Two convolutions with pooling, then a dense layer. */
  CNN {
    @Override
    NetworkAdapter build(Shape shape, List<Integer> hidden, IUpdater updater, long seed) {
      MultiLayerConfiguration conf = base(updater, seed).list()
          .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
          .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
          .layer(new ConvolutionLayer.Builder(5, 5).nOut(16).activation(Activation.RELU).build())
          .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
          .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
          .layer(output(-1, shape.classes()))
          .setInputType(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels()))
          .build();
      return multiLayer(conf);
    }

    @Override
    String describe(Shape shape, List<Integer> hidden) {
      return "cnn:" + shape.channels() + "x" + shape.height() + "x" + shape.width() + "-c8-p-c16-p-d64-"
          + shape.classes();
    }
  },
  /** Small residual network (computation graph). */
  RESNET {
    @Override
    NetworkAdapter build(Shape shape, List<Integer> hidden, IUpdater updater, long seed) {
      ComputationGraphConfiguration.GraphBuilder graph = base(updater, seed)
          .convolutionMode(ConvolutionMode.Same)
          .graphBuilder()
          .addInputs("input")
          .setInputTypes(InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels()))
          .addLayer("stem", conv3x3(), "input")
          .addLayer("stem-pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
              .build(), "stem");
      String blockInput = "stem-pool";
      for (int block = 1; block <= 2; block++) {
        String name = "block" + block;
        graph.addLayer(name + "-conv1", conv3x3(), blockInput)
            .addLayer(name + "-conv2", new ConvolutionLayer.Builder(3, 3).nOut(RESNET_WIDTH)
                .activation(Activation.IDENTITY).build(), name + "-conv1")
            .addVertex(name + "-add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "-conv2", blockInput)
            .addLayer(name + "-relu", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                name + "-add");
        blockInput = name + "-relu";
      }
      ComputationGraphConfiguration conf = graph
          .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), blockInput)
          .addLayer("output", output(RESNET_WIDTH, shape.classes()), "pool")
          .setOutputs("output")
          .build();
      ComputationGraph network = new ComputationGraph(conf);
      network.init();
      return new GraphAdapter(network);
    }

    @Override
    String describe(Shape shape, List<Integer> hidden) {
      return "resnet:" + shape.channels() + "x" + shape.height() + "x" + shape.width() + "-c" + RESNET_WIDTH
          + "-p-2res-gap-" + shape.classes();
    }
  };

  /** Default hidden widths of the MLP. */
  public static final List<Integer> DEFAULT_HIDDEN = List.of(256, 128);
  private static final int RESNET_WIDTH = 16;

  /**
   * The shape of one sample and the number of classes.
   *
   * @param channels channels per sample
   * @param height   rows per sample
   * @param width    columns per sample
   * @param classes  number of classes
   */
  public record Shape(int channels, int height, int width, int classes) {
    /** Floats per sample. */
    public int features() {
      return channels * height * width;
    }
  }

  /** A new, initialised network of this kind; same arguments give bit-identical weights. */
  abstract NetworkAdapter build(Shape shape, List<Integer> hidden, IUpdater updater, long seed);

  /** The architecture string that exported states carry and restore checks. */
  abstract String describe(Shape shape, List<Integer> hidden);

  /** The name used on the command line. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The allowed {@code --model} values. */
  public static List<String> flagValues() {
    return Arrays.stream(values()).map(ModelKind::flagValue).toList();
  }

  /**
   * The kind named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming {@code --model} and the allowed values
   */
  public static ModelKind parse(String name) {
    for (ModelKind kind : values()) {
      if (kind.flagValue().equalsIgnoreCase(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("model: unknown model '" + name + "'; allowed: "
        + String.join(", ", flagValues()));
  }

  private static List<Integer> widths(List<Integer> hidden) {
    return hidden.isEmpty() ? DEFAULT_HIDDEN : hidden;
  }

  private static NeuralNetConfiguration.Builder base(IUpdater updater, long seed) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .dataType(DataType.FLOAT)
        .weightInit(WeightInit.RELU)
        .updater(updater)
        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
        .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
  }

  private static OutputLayer output(int inputs, int classes) {
    OutputLayer.Builder builder = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
        .nOut(classes).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER);
    if (inputs > 0) {
      builder.nIn(inputs);
    }
    return builder.build();
  }

  private static ConvolutionLayer conv3x3() {
    return new ConvolutionLayer.Builder(3, 3).nOut(RESNET_WIDTH).activation(Activation.RELU).build();
  }

  private static NetworkAdapter multiLayer(MultiLayerConfiguration conf) {
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    return new MultiLayerAdapter(network);
  }
}
