package dev.alr.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Models trained on several threads at once match a model trained alone, bit for bit. */
class ConcurrentTrainingTest {

  @Test
  void concurrentModelsFromOneFactoryTrainBitIdentically() throws Exception {
    NetworkModelFactory factory = Workloads.factory(
        WorkloadSpec.of("mlp", "synthetic", 5).withLimit(1000).withUpdater("adam", 0.9));
    List<Batch> batches = new DataOrder(5, 1).batches(factory.trainSize(), 50);
    ModelState alone = trainToState(factory, batches);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<ModelState>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(pool.submit(() -> trainToState(factory, batches)));
      }
      for (Future<ModelState> result : results) {
        assertEquals(alone, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ModelState trainToState(NetworkModelFactory factory, List<Batch> batches) {
    try (NetworkModel model = factory.create()) {
      for (Batch b : batches) {
        model.step(b, Hyper.lr(0.001));
      }
      return model.export();
    }
  }
}
