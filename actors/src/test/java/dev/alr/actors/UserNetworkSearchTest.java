package dev.alr.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.Alr;
import dev.alr.engine.SearchResult;
import dev.alr.engine.Strategies;
import dev.alr.engine.Termination;
import dev.alr.engine.run.LocalExecutor;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A user's own {@code MultiLayerConfiguration} on the user's own {@code DataSetIterator}s: the
 * local executor and the actor executor (2 workers) find the same search bit for bit, and the
 * network learns the data (three separable Gaussian blobs).
 */
class UserNetworkSearchTest {
  private static final int FEATURES = 8;
  private static final int CLASSES = 3;

  private static WorkloadSpec workload;

  @BeforeAll
  static void register() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
        .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(CLASSES)
            .activation(Activation.SOFTMAX).build())
        .build();
    String data = UserData.register("blobs", blobs(600, 1), blobs(150, 2));
    workload = WorkloadSpec.of(UserNetworks.of(conf), data, 5).withBatchSize(30);
  }

  /** {@code n} samples of three blobs centred at ±2 on different axes, in batches of 50. */
  static DataSetIterator blobs(int n, long seed) {
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
    return new ListDataSetIterator<>(rows, 50);
  }

  @Test
  void localAndActorExecutorsAgreeAndTheNetworkLearns() {
    SearchResult local = Alr.search(workload).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.1).epochs(3).workers(1)
        .executor(new LocalExecutor(Workloads::factory)).run();
    SearchResult actors = Alr.search(workload).strategy(Strategies.beam(2, 0.5, 1, 2)).lr(0.1).epochs(3).workers(2)
        .executor(new ActorExecutor()).run();

    DeterminismTest.assertSameSearch(local, actors, "user network, local vs actors");
    assertEquals(local.finalTest(), actors.finalTest());
    assertEquals(Termination.COMPLETED, actors.termination());
    assertEquals(150, actors.finalTest().samples());
    assertTrue(actors.finalTest().accuracy() > 0.8, "accuracy " + actors.finalTest().accuracy());
    double first = actors.epochs().get(0).beams().get(0).loss();
    double last = actors.epochs().get(2).beams().get(0).loss();
    assertTrue(last < first, "loss " + first + " -> " + last);
  }

  @Test
  void anUnregisteredDatasetNamesTheField() {
    WorkloadSpec missing = WorkloadSpec.of(workload.model(), "user:nobody", 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.factory(missing));
    assertTrue(e.getMessage().startsWith("dataset: nothing registered as 'user:nobody'"), e.getMessage());
  }

  @Test
  void aModelThatIsNotADl4jConfigurationNamesTheField() {
    WorkloadSpec bad = WorkloadSpec.of("{\"confs\": 3}", workload.dataset(), 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.factory(bad));
    assertTrue(e.getMessage().startsWith("model: not a DL4J"), e.getMessage());
  }
}
