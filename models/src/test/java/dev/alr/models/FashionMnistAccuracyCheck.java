package dev.alr.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.nn.NetworkModel;
import dev.alr.models.nn.NetworkModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The reference accuracy check, run by hand (several minutes): the default MLP on all of
 * Fashion-MNIST, SGD at lr 0.05, batch 64, three epochs, must reach test accuracy ≥ 0.84.
 *
 * <p>{@code mvn -o -pl models -am test -Dtest=FashionMnistAccuracyCheck -Dalr.accuracyCheck=true
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "alr.accuracyCheck", matches = "true")
class FashionMnistAccuracyCheck {

  @Test
  void mlpReachesReferenceAccuracyInThreeEpochs() {
    NetworkModelFactory factory = Workloads.factory(WorkloadSpec.of("mlp", "fashion-mnist", 1));
    try (NetworkModel model = factory.create()) {
      for (int epoch = 1; epoch <= 3; epoch++) {
        long start = System.nanoTime();
        double lossSum = 0;
        int steps = 0;
        for (Batch b : new DataOrder(1, epoch).batches(factory.trainSize(), 64)) {
          lossSum += model.step(b, Hyper.lr(0.05));
          steps++;
        }
        Evaluation test = model.evaluate(Split.TEST);
        System.out.printf("epoch %d: train loss %.4f, test %s, %.1f s%n", epoch, lossSum / steps, test,
            (System.nanoTime() - start) / 1e9);
        if (epoch == 3) {
          assertTrue(test.accuracy() >= 0.84, "test accuracy " + test.accuracy());
        }
      }
    }
  }
}
