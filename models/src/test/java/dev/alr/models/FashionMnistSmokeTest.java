package dev.alr.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.data.DataException;
import dev.alr.models.nn.NetworkModel;
import dev.alr.models.nn.NetworkModelFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A short run on real Fashion-MNIST (2000 training samples, one epoch). Skipped, with the reason
 * printed, when the dataset is not installed.
 */
class FashionMnistSmokeTest {

  @Test
  void mlpLearnsFashionMnistInOneShortEpoch() {
    WorkloadSpec spec = WorkloadSpec.of("mlp", "fashion-mnist", 3).withLimit(2000);
    NetworkModelFactory factory;
    try {
      factory = Workloads.factory(spec);
    } catch (DataException e) {
      System.out.println("FashionMnistSmokeTest skipped: " + e.getMessage());
      Assumptions.abort("Fashion-MNIST not installed: " + e.getMessage());
      return;
    }
    try (NetworkModel model = factory.create()) {
      for (Batch b : new DataOrder(3, 1).batches(factory.trainSize(), 16)) {
        model.step(b, Hyper.lr(0.05));
      }
      Evaluation test = model.evaluate(Split.TEST);
      System.out.println("Fashion-MNIST smoke: 2000 samples, 1 epoch -> test " + test);
      assertTrue(test.accuracy() > 0.6, "test accuracy " + test.accuracy());
    }
  }
}
