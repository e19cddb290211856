package dev.alr.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Evaluation;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.Split;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Model behaviour on the synthetic dataset: determinism, copy, export/restore, LR, probe. */
class NetworkModelTest {
  private static final long SEED = 42;

  private static WorkloadSpec spec(String model, String updater, double momentum) {
    return WorkloadSpec.of(model, "synthetic", SEED).withUpdater(updater, momentum).withLimit(2000).withVal(200);
  }

  private static List<Batch> batches(int trainSize, int epoch, int count) {
    return new DataOrder(SEED, epoch).batches(trainSize, 32).subList(0, count);
  }

  private static double[] train(NetworkModel model, List<Batch> batches, double lr) {
    double[] losses = new double[batches.size()];
    for (int i = 0; i < losses.length; i++) {
      losses[i] = model.step(batches.get(i), Hyper.lr(lr));
    }
    return losses;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn", "resnet"})
  void sameSeedGivesIdenticalInitialWeightsAndLosses(String modelName) {
    NetworkModelFactory factory = Workloads.factory(spec(modelName, "momentum", 0.9));
    List<Batch> batches = batches(factory.trainSize(), 1, 3);
    try (NetworkModel a = factory.create(); NetworkModel b = factory.create()) {
      assertArrayEquals(a.export().params(), b.export().params());
      assertArrayEquals(train(a, batches, 0.05), train(b, batches, 0.05));
      assertEquals(a.export(), b.export());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"momentum", "adam"})
  void copyIsIndependentAndContinuesIdentically(String updater) {
    NetworkModelFactory factory = Workloads.factory(spec("mlp", updater, 0.9));
    List<Batch> first = batches(factory.trainSize(), 1, 5);
    List<Batch> second = batches(factory.trainSize(), 2, 5);
    try (NetworkModel original = factory.create()) {
      train(original, first, 0.01);
      ModelState before = original.export();
      assertTrue(before.updater().length > 0, "updater state should be non-empty for " + updater);
      try (NetworkModel copy = original.copy()) {
        assertEquals(before, copy.export());
        train(copy, second, 0.01);
        assertEquals(before, original.export(), "training the copy changed the original");
        assertNotEquals(before, copy.export());
        train(original, second, 0.01);
        assertEquals(copy.export(), original.export(), "same training on original and copy must be bit-identical");
      }
    }
  }

  @Test
  void exportRestoreRoundTripContinuesBitIdentically() {
    NetworkModelFactory factory = Workloads.factory(spec("mlp", "adam", 0.9));
    List<Batch> first = batches(factory.trainSize(), 1, 4);
    List<Batch> second = batches(factory.trainSize(), 2, 4);
    try (NetworkModel trained = factory.create(); NetworkModel restored = factory.create()) {
      train(trained, first, 0.001);
      ModelState state = trained.export();
      restored.restore(state);
      assertEquals(state, restored.export());
      assertArrayEquals(train(trained, second, 0.001), train(restored, second, 0.001));
      assertEquals(trained.export(), restored.export());
    }
  }

  @Test
  void restoreRefusesAnotherArchitectureOrVersion() {
    try (NetworkModel mlp = Workloads.factory(spec("mlp", "sgd", 0)).create();
         NetworkModel wide = Workloads.factory(spec("mlp", "sgd", 0).withHidden(List.of(64))).create()) {
      ModelState state = mlp.export();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wide.restore(state));
      assertTrue(e.getMessage().contains("architecture"), e.getMessage());
      ModelState future = new ModelState(ModelState.FORMAT_VERSION + 1, state.architecture(), state.params(),
          state.updater(), state.iteration());
      e = assertThrows(IllegalArgumentException.class, () -> mlp.restore(future));
      assertTrue(e.getMessage().contains("format version"), e.getMessage());
    }
  }

  @Test
  void stepReturnsTheLossBeforeTheUpdate() {
    NetworkModelFactory factory = Workloads.factory(spec("mlp", "sgd", 0));
    Batch batch = batches(factory.trainSize(), 1, 1).get(0);
    try (NetworkModel model = factory.create()) {
      double before = model.loss(batch);
      double reported = model.step(batch, Hyper.lr(0.1));
      assertEquals(before, reported, 1e-6);
      assertTrue(model.loss(batch) < before, "a step at lr 0.1 should lower the batch loss");
    }
  }

  @Test
  void learningRateChangeTakesEffectWithoutRebuilding() {
    NetworkModelFactory factory = Workloads.factory(spec("mlp", "sgd", 0));
    Batch batch = batches(factory.trainSize(), 1, 1).get(0);
    try (NetworkModel tiny = factory.create(); NetworkModel large = factory.create()) {
      float[] initial = tiny.export().params();
      tiny.step(batch, Hyper.lr(0.1));
      large.step(batch, Hyper.lr(0.1));
      float[] afterSame = tiny.export().params();
      assertArrayEquals(afterSame, large.export().params());
      tiny.step(batch, Hyper.lr(0.001));
      large.step(batch, Hyper.lr(0.5));
      double tinyMove = distance(afterSame, tiny.export().params());
      double largeMove = distance(afterSame, large.export().params());
      assertTrue(tinyMove > 0, "lr 0.001 still moves the weights");
      assertEquals(500, largeMove / tinyMove, 5, "SGD step length scales with lr");
      assertTrue(distance(initial, afterSame) > 0);
    }
  }

  @Test
  void momentumChangeTakesEffect() {
    NetworkModelFactory factory = Workloads.factory(spec("mlp", "nesterov", 0.9));
    List<Batch> batches = batches(factory.trainSize(), 1, 3);
    try (NetworkModel keep = factory.create(); NetworkModel zero = factory.create()) {
      for (Batch b : batches) {
        keep.step(b, Hyper.lr(0.05));
        zero.step(b, new Hyper(0.05, 0.0));
      }
      assertNotEquals(keep.export(), zero.export());
    }
  }

  @Test
  void probeLeavesParametersUnchangedAndMatchesAnSgdStep() {
    NetworkModelFactory factory = Workloads.factory(spec("mlp", "sgd", 0));
    List<Batch> batches = batches(factory.trainSize(), 1, 2);
    Batch gradientBatch = batches.get(0);
    Batch probeBatch = batches.get(1);
    try (NetworkModel model = factory.create()) {
      ModelState before = model.export();
      double[] factors = {0.0, 0.5, 1.0, 2.0, 1000.0};
      double[] losses = model.probe(gradientBatch, probeBatch, 0.1, factors);
      assertEquals(before, model.export(), "probe must restore the parameters bit-identically");
      assertEquals(model.loss(probeBatch), losses[0], 1e-6, "factor 0 is the current loss");
      assertTrue(losses[1] < losses[0], "a small gradient step lowers the loss: " + Arrays.toString(losses));
      assertTrue(losses[4] > losses[2] || !Double.isFinite(losses[4]), "a huge step is worse: "
          + Arrays.toString(losses));
      try (NetworkModel stepped = model.copy()) {
        stepped.step(gradientBatch, Hyper.lr(0.1));
        assertEquals(stepped.loss(probeBatch), losses[2], 1e-4, "factor 1 equals a real SGD step");
      }
      assertArrayEquals(losses, model.probe(gradientBatch, probeBatch, 0.1, factors));
    }
  }

  @ParameterizedTest
  @CsvSource({"mlp, sgd, 0", "mlp, nesterov, 0.9", "mlp, adam, 0.9", "resnet, nesterov, 0.9"})
  void aStepAfterAProbeReusesItsGradientBitIdentically(String modelName, String updater, double momentum) {
    NetworkModelFactory factory = Workloads.factory(spec(modelName, updater, momentum));
    List<Batch> batches = batches(factory.trainSize(), 1, 4);
    try (NetworkModel probed = factory.create(); NetworkModel plain = factory.create()) {
      for (int i = 0; i < 3; i++) {
        Batch b = batches.get(i);
        probed.probe(b, batches.get(i + 1), 0.05, new double[] {2, 1, 0.5});
        double probedLoss = probed.step(b, Hyper.lr(0.05 + 0.01 * i));
        double plainLoss = plain.step(b, Hyper.lr(0.05 + 0.01 * i));
        assertEquals(Double.doubleToLongBits(plainLoss), Double.doubleToLongBits(probedLoss), "loss of step " + i);
        assertEquals(plain.export(), probed.export(), "weights, updater state and iteration after step " + i);
      }
      probed.probe(batches.get(0), batches.get(1), 0.05, new double[] {2, 1, 0.5});
      probed.step(batches.get(3), Hyper.lr(0.05));
      plain.step(batches.get(3), Hyper.lr(0.05));
      assertEquals(plain.export(), probed.export(), "a step on another batch computes its own gradient");
    }
  }

  @Test
  void trainingOnSyntheticDataLowersTheLossAndBeatsChance() {
    NetworkModelFactory factory = Workloads.factory(WorkloadSpec.of("mlp", "synthetic", SEED).withVal(1000));
    try (NetworkModel model = factory.create()) {
      Evaluation start = model.evaluate(Split.VALIDATION);
      for (int epoch = 1; epoch <= 2; epoch++) {
        for (Batch b : new DataOrder(SEED, epoch).batches(factory.trainSize(), 64)) {
          model.step(b, Hyper.lr(0.05));
        }
      }
      Evaluation validation = model.evaluate(Split.VALIDATION);
      Evaluation test = model.evaluate(Split.TEST);
      System.out.println("synthetic mlp: start " + start + ", after 2 epochs validation " + validation + ", test " + test);
      assertEquals(1000, validation.samples());
      assertTrue(validation.loss() < start.loss() * 0.8, "loss fell: " + start + " -> " + validation);
      assertTrue(test.accuracy() > 0.5, "well above chance (0.1): " + test);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cnn", "resnet"})
  void convolutionalModelsTrainAndEvaluate(String modelName) {
    NetworkModelFactory factory = Workloads.factory(spec(modelName, "adam", 0.9));
    List<Batch> batches = batches(factory.trainSize(), 1, 8);
    try (NetworkModel model = factory.create()) {
      double first = model.loss(batches.get(0));
      train(model, batches, 0.003);
      assertTrue(model.loss(batches.get(0)) < first, "a few Adam steps lower the loss");
      Evaluation e = model.evaluate(Split.VALIDATION);
      assertEquals(200, e.samples());
      assertTrue(Double.isFinite(e.loss()));
      assertFalse(Double.isNaN(e.accuracy()));
    }
  }

  @Test
  void unknownNamesNameTheirFlag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Workloads.factory(WorkloadSpec.of("transformer", "synthetic", 1)));
    assertTrue(e.getMessage().startsWith("model:") && e.getMessage().contains("mlp, cnn, resnet"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Workloads.factory(WorkloadSpec.of("mlp", "synthetic", 1).withUpdater("rmsprop", 0)));
    assertTrue(e.getMessage().startsWith("updater:") && e.getMessage().contains("sgd, momentum, nesterov, adam"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Workloads.factory(WorkloadSpec.of("mlp", "cifar", 1)));
    assertTrue(e.getMessage().startsWith("dataset:"), e.getMessage());
  }

  private static double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
