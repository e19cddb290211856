package dev.alr.bench;

import dev.alr.engine.spi.DataOrder;
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
 * plain SGD, batch 64, float) trained with nothing but DL4J — {@code MultiLayerNetwork.fit(DataSet)}
 * in a loop, one native thread. Two loops:
 * <ul>
 *   <li>{@link #train(int)}: batches sliced once up front in a fixed order (the throughput of a
 *       plain DL4J loop, for the scaling runs);</li>
 *   <li>{@link #trainCandidateEpochs}: what ALR's candidate-epochs need and nothing more, on the
 *       same batches the engine trains — each epoch's seeded data order ({@link DataOrder})
 *       gathered into {@code DataSet}s once, then for each of the epoch's candidates the starting
 *       parameters restored, every batch fitted and the sample-weighted mean loss summed (the
 *       engine-overhead benchmark's baseline).</li>
 * </ul>
 * Run as its own JVM (twice side by side for the machine's 2-core limit):
 * <pre>{@code java -cp 'cli/target/alr.jar:cli/target/lib/*' dev.alr.bench.BareTrainer EPOCHS LIMIT [DATASET [WARMUP]]}</pre>
 * It first trains {@code WARMUP} epochs (default 3) untimed, so the JIT has compiled the loop.
 * Prints one line: {@code bare samples=N seconds=S start=MS end=MS samplesPerSecond=X}, where
 * the seconds and wall-clock milliseconds cover the training loop only (not JVM start or data
 * loading). Single-threaded; one instance per JVM.
 */
public final class BareTrainer {
  private final MultiLayerNetwork net;
  private final PartitionedDataset data;
  private final int batch;
  /** The starting parameters every candidate-epoch restores. */
  private final INDArray initial;
  private List<DataSet> batches;
  private double lastLoss = Double.NaN;

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
    initial = net.params().dup();
    this.data = data;
    this.batch = batch;
  }

  /** One DataSet per batch: the rows of {@code order} (null: 0..n-1), in its order, {@code batch} at a time. */
  private List<DataSet> gather(int[] order) {
    Dataset d = data.data();
    int features = d.featureCount();
    int classes = d.classes();
    int n = data.trainSize();
    float[] x = d.trainFeatures();
    byte[] y = d.trainLabels();
    List<DataSet> out = new ArrayList<>();
    for (int start = 0; start < n; start += batch) {
      int size = Math.min(batch, n - start);
      float[] fx = new float[size * features];
      float[] fy = new float[size * classes];
      for (int i = 0; i < size; i++) {
        int row = order == null ? start + i : order[start + i];
        System.arraycopy(x, row * features, fx, i * features, features);
        fy[i * classes + y[row]] = 1f;
      }
      INDArray features2d = Nd4j.create(fx, new long[] {size, features});
      INDArray labels = Nd4j.create(fy, new long[] {size, classes});
      out.add(new DataSet(features2d, labels));
    }
    return out;
  }

  /**
   * ALR's candidate-epochs, bare: for epoch {@code e} (from 1) of {@code candidatesPerEpoch}, the
   * batches of {@code new DataOrder(orderSeed, e)} are gathered once, then each of that epoch's
   * {@code candidatesPerEpoch[e - 1]} candidates restores the starting parameters, fits every
   * batch and sums the loss. Returns the samples trained.
   */
  public long trainCandidateEpochs(long orderSeed, int... candidatesPerEpoch) {
    long samples = 0;
    for (int e = 1; e <= candidatesPerEpoch.length; e++) {
      List<DataSet> epoch = gather(new DataOrder(orderSeed, e).permutation(data.trainSize()));
      try {
        for (int c = 0; c < candidatesPerEpoch[e - 1]; c++) {
          double lossSum = 0;
          long seen = 0;
          NativeMemory.enter();
          try {
            net.params().assign(initial);
          } finally {
            NativeMemory.exit();
          }
          for (DataSet b : epoch) {
            NativeMemory.enter();
            try {
              net.fit(b);
              lossSum += net.score() * b.numExamples();
            } finally {
              NativeMemory.exit();
            }
            seen += b.numExamples();
          }
          lastLoss = lossSum / seen;
          samples += seen;
        }
      } finally {
        NativeMemory.enter();
        try {
          epoch.forEach(b -> {
            b.getFeatures().close();
            b.getLabels().close();
          });
        } finally {
          NativeMemory.exit();
        }
      }
    }
    return samples;
  }

  /** The mean training loss of the last candidate-epoch of {@link #trainCandidateEpochs}. */
  public double lastCandidateLoss() {
    return lastLoss;
  }

  /** Trains {@code epochs} epochs over batches sliced once in a fixed order; returns the samples trained. */
  public long train(int epochs) {
    if (batches == null) {
      batches = gather(null);
    }
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
