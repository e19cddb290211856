package dev.alr.bench;

import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.NativeMemory;
import dev.alr.models.NativeThreads;
import dev.alr.models.Workloads;
import dev.alr.models.data.Dataset;
import dev.alr.models.data.PartitionedDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The baseline the engine is measured against: the same MLP (784-256-128-10, ReLU, softmax,
 * plain SGD, batch 64, float) trained with nothing but DL4J — batches sliced once up front,
 * {@code MultiLayerNetwork.fit(DataSet)} in a loop, one native thread. Run as its own JVM (twice
 * side by side for the machine's 2-core limit):
 * <pre>{@code java -cp 'cli/target/alr.jar:cli/target/lib/*' dev.alr.bench.BareTrainer EPOCHS LIMIT [DATASET [WARMUP]]}</pre>
 * It first trains {@code WARMUP} epochs (default 3) untimed, so the JIT has compiled the loop.
 * Prints one line: {@code bare samples=N seconds=S start=MS end=MS samplesPerSecond=X}, where
 * the seconds and wall-clock milliseconds cover the training loop only (not JVM start or data
 * loading). Single-threaded; one instance per JVM.
 */
public final class BareTrainer {
  private final MultiLayerNetwork net;
  private final List<DataSet> batches;

  /**
   * @param data  the training data (limit applied)
   * @param batch mini-batch size
   * @param lr    the constant learning rate
   * @param seed  initialisation seed
   */
  public BareTrainer(PartitionedDataset data, int batch, double lr, long seed) {
    NativeMemory.install();
    NativeThreads.configure(1);
    Dataset d = data.data();
    int features = d.featureCount();
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
        .weightInit(WeightInit.RELU).updater(new Sgd(lr))
        .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
        .list()
        .layer(new DenseLayer.Builder().nIn(features).nOut(256).activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(128).nOut(d.classes())
            .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build())
        .build();
    net = new MultiLayerNetwork(conf);
    net.init();
    batches = new ArrayList<>();
    int n = data.trainSize();
    float[] x = d.trainFeatures();
    byte[] y = d.trainLabels();
    for (int start = 0; start < n; start += batch) {
      int size = Math.min(batch, n - start);
      float[] fx = new float[size * features];
      System.arraycopy(x, start * features, fx, 0, fx.length);
      float[] fy = new float[size * d.classes()];
      for (int i = 0; i < size; i++) {
        fy[i * d.classes() + y[start + i]] = 1f;
      }
      INDArray features2d = Nd4j.create(fx, new long[] {size, features});
      INDArray labels = Nd4j.create(fy, new long[] {size, d.classes()});
      batches.add(new DataSet(features2d, labels));
    }
  }

  /** Trains {@code epochs} epochs; returns the samples trained. */
  public long train(int epochs) {
    long samples = 0;
    for (int e = 0; e < epochs; e++) {
      for (DataSet b : batches) {
        NativeMemory.enter();
        try {
          net.fit(b);
        } finally {
          NativeMemory.exit();
        }
        samples += b.numExamples();
      }
    }
    return samples;
  }

  /** Mean loss of the last fitted batch (keeps the work observable). */
  public double score() {
    return net.score();
  }

  /**
   * Trains {@code args[0]} timed epochs on the first {@code args[1]} samples of {@code args[2]}
   * (fashion-mnist) after {@code args[3]} (3) untimed warm-up epochs.
   */
  public static void main(String[] args) {
    int epochs = Integer.parseInt(args[0]);
    int limit = Integer.parseInt(args[1]);
    String dataset = args.length > 2 ? args[2] : "fashion-mnist";
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    BareTrainer t = new BareTrainer(Workloads.dataset(WorkloadSpec.of("mlp", dataset, 1).withLimit(limit)), 64, 0.05,
        1);
    t.train(warmup);
    long start = System.currentTimeMillis();
    long t0 = System.nanoTime();
    long samples = t.train(epochs);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long end = System.currentTimeMillis();
    System.out.printf(Locale.ROOT, "bare samples=%d seconds=%.3f start=%d end=%d samplesPerSecond=%.1f score=%.4f%n",
        samples, seconds, start, end, samples / seconds, t.score());
  }
}
