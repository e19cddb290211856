package dev.alr.examples;

import dev.alr.engine.Alr;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.events.ResultJson;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.data.UserData;
import dev.alr.models.nn.UserNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Your own DL4J network and data through alr's Java API: a {@code MultiLayerConfiguration} and two
 * {@code DataSetIterator}s (synthetic: four Gaussian blobs in 20 dimensions), searched by ALR's
 * beam search on 2 workers; prints the chosen learning-rate path, the test accuracy and the result
 * JSON. Exits 1 when the search did not complete.
 */
public final class Main {
  private static final int FEATURES = 20;
  private static final int CLASSES = 4;

  private Main() {
  }

  public static void main(String[] args) {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
        .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(32).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(CLASSES)
            .activation(Activation.SOFTMAX).build())
        .build();
    String data = UserData.register("blobs", blobs(2000, 1), blobs(500, 2));

    SearchResult r = Alr.search(WorkloadSpec.of(UserNetworks.of(conf), data, 7).withBatchSize(32))
        .strategy(Strategies.alr())   // the default search; ranks on a held-out tenth of the samples
        .lr(0.05).epochs(3).workers(2)
        .run();

    System.out.println("LR path: " + r.lrPath());
    System.out.printf("test accuracy %.3f, loss %.4f (%s)%n", r.finalTest().accuracy(), r.finalTest().loss(),
        r.termination());
    System.out.print(ResultJson.toJson("example", r));
    if (!r.completed()) {
      System.exit(1);
    }
  }

  /** {@code n} samples of {@code CLASSES} Gaussian blobs (class c shifted by +2 on axis c), batches of 64. */
  private static DataSetIterator blobs(int n, long seed) {
    Random random = new Random(seed);
    List<DataSet> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      float[] x = new float[FEATURES];
      for (int f = 0; f < FEATURES; f++) {
        x[f] = (float) (random.nextGaussian() + (f == c ? 2.0 : 0.0));
      }
      float[] y = new float[CLASSES];
      y[c] = 1;
      rows.add(new DataSet(Nd4j.create(x, 1, FEATURES), Nd4j.create(y, 1, CLASSES)));
    }
    return new ListDataSetIterator<>(rows, 64);
  }
}
