package dev.alr.models;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.TrainableModel;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.nn.NetworkModelFactory;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures training throughput (samples per second) of one model on one thread, for the module
 * notes: which ND4J build (classifier) and which thread settings to use.
 *
 * <p>Usage: {@code ThroughputProbe MODEL DATASET SAMPLES [BATCH] [THREADS|none]} — trains
 * {@code MODEL} on the first {@code SAMPLES} training samples of {@code DATASET} for one warm-up
 * epoch and then one timed epoch, SGD at lr 0.01. {@code THREADS} becomes the
 * {@link NativeThreads#PROPERTY} setting; {@code none} leaves ND4J's defaults. Prints one line with
 * the setting, the ND4J backend information and the samples per second.
 *
 * <p>A command-line tool: not used by the library. Not thread-safe (one run per JVM).
 */
public final class ThroughputProbe {
  private ThroughputProbe() {
  }

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: ThroughputProbe MODEL DATASET SAMPLES [BATCH] [THREADS|none]");
      System.exit(2);
    }
    String model = args[0];
    String dataset = args[1];
    int samples = Integer.parseInt(args[2]);
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    String threads = args.length > 4 ? args[4] : "1";
    System.setProperty(NativeThreads.PROPERTY, threads);
    WorkloadSpec spec = WorkloadSpec.of(model, dataset, 1).withLimit(samples).withBatchSize(batch);
    NetworkModelFactory factory = Workloads.factory(spec);
    Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
    try (TrainableModel m = factory.create()) {
      epoch(m, 1, factory.trainSize(), batch);
      long start = System.nanoTime();
      epoch(m, 2, factory.trainSize(), batch);
      double seconds = (System.nanoTime() - start) / 1e9;
      String library = Loader.getLoadedLibraries().values().stream().filter(p -> p.contains("libnd4jcpu"))
          .map(p -> p.replaceAll(".*/bindings/", "")).findFirst().orElse("?");
      System.out.printf("model=%s samples=%d batch=%d configure=%s OMP_NUM_THREADS=%s library=%s blas=%s cores=%s"
              + " maxThreads=%d maxMasterThreads=%d seconds=%.2f samples/s=%.0f%n",
          model, factory.trainSize(), batch, threads, NativeThreads.ompNumThreads(), library, env.get("blas.vendor"),
          env.get("cores"), Nd4j.getEnvironment().maxThreads(), Nd4j.getEnvironment().maxMasterThreads(),
          seconds, factory.trainSize() / seconds);
    }
  }

  private static void epoch(TrainableModel model, int epoch, int samples, int batch) {
    for (Batch b : new DataOrder(1, epoch).batches(samples, batch)) {
      model.step(b, Hyper.lr(0.01));
    }
  }
}
