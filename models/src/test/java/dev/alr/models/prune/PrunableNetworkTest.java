package dev.alr.models.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.DataOrder;
import dev.alr.engine.spi.Hyper;
import dev.alr.engine.spi.ModelState;
import dev.alr.engine.spi.WorkloadSpec;
import dev.alr.models.Workloads;
import dev.alr.models.nn.NetworkModel;
import dev.alr.models.nn.NetworkModelFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Masks hold through training for SGD, momentum and Adam; prune, reset and the mask in the state. */
class PrunableNetworkTest {
  private static final long SEED = 7;

  private static NetworkModelFactory factory(String model, String updater) {
    return Workloads.factory(WorkloadSpec.of(model, "synthetic", SEED).withUpdater(updater, 0.9)
        .withLimit(1200).withVal(200));
  }

  private static void trainEpoch(PrunableNetwork net, int epoch, double lr) {
    net.beginEpoch();
    List<Batch> batches = new DataOrder(SEED, epoch).batches(net.model().trainSize(), 64).subList(0, 6);
    for (Batch b : batches) {
      net.model().step(b, Hyper.lr(lr));
    }
  }

  /** Every pruned weight and every updater value of a pruned weight is exactly zero. */
  private static void assertPrunedAreZero(NetworkModel model, String when) {
    ModelState s = model.export();
    byte[] mask = s.mask();
    float[] p = s.params();
    float[] u = s.updater();
    assertEquals(p.length, mask.length, when);
    assertEquals(0, u.length % p.length, "updater state is k segments of the parameters (one block)");
    int pruned = 0;
    for (int i = 0; i < p.length; i++) {
      if (mask[i] == 0) {
        pruned++;
        assertEquals(0f, Math.abs(p[i]), when + ": pruned weight " + i + " is " + p[i]);
        for (int k = 0; k < u.length / p.length; k++) {
          assertEquals(0f, Math.abs(u[k * p.length + i]), when + ": updater state of pruned weight " + i);
        }
      }
    }
    assertTrue(pruned > 0, when + ": nothing pruned");
  }

  @ParameterizedTest
  @CsvSource({"mlp,sgd,0.1", "mlp,momentum,0.05", "mlp,adam,0.003", "cnn,momentum,0.05"})
  void prunedWeightsStayExactlyZeroThroughEveryCycle(String modelKind, String updater, double lr) {
    try (NetworkModel model = factory(modelKind, updater).create()) {
      PrunableNetwork net = new PrunableNetwork(model, ResetMode.REWIND_INIT, null);
      trainEpoch(net, 1, lr);
      for (int cycle = 1; cycle <= 3; cycle++) {
        Sparsity sparsity = net.prune(0.2, PruneCriterion.MAGNITUDE);
        assertEquals(1 - Math.pow(0.8, cycle), sparsity.overall(), 1e-3, "sparsity after cycle " + cycle);
        assertPrunedAreZero(model, "after pruning in cycle " + cycle);
        net.reset();
        assertPrunedAreZero(model, "after reset in cycle " + cycle);
        float[] before = model.export().params();
        for (int e = 1; e <= 2; e++) {
          trainEpoch(net, 10 * cycle + e, lr);
          assertPrunedAreZero(model, "after epoch " + e + " of cycle " + cycle);
        }
        assertNotEquals(0, distance(before, model.export().params()), "surviving weights train");
      }
      for (Sparsity.Layer layer : net.sparsity().layers()) {
        assertTrue(layer.sparsity() > 0, layer.name() + " pruned under the global threshold");
      }
    }
  }

  @Test
  void biasesAreNeverPrunedAndOnlyWeightArraysAreListed() {
    try (NetworkModel model = factory("mlp", "sgd").create()) {
      List<WeightArray> arrays = model.weightArrays();
      long weights = arrays.stream().mapToLong(WeightArray::length).sum();
      assertTrue(weights > 0 && weights < model.parameterCount(), "biases are not weight arrays");
      assertTrue(arrays.stream().allMatch(a -> a.name().endsWith("W")), arrays.toString());
      PrunableNetwork net = new PrunableNetwork(model, ResetMode.REWIND_INIT, null);
      net.prune(0.5, PruneCriterion.MAGNITUDE);
      byte[] mask = model.mask();
      long zeros = 0;
      for (byte b : mask) {
        zeros += 1 - b;
      }
      assertEquals(Math.round(0.5 * weights), zeros);
      assertEquals(zeros, net.sparsity().pruned());
    }
  }

  @Test
  void resetModesRestoreTheRightWeightsWithAFreshUpdater() {
    NetworkModelFactory f = factory("mlp", "momentum");
    try (NetworkModel model = f.create(); NetworkModel other = Workloads.factory(WorkloadSpec.of("mlp",
        "synthetic", SEED + 1).withUpdater("momentum", 0.9).withLimit(1200).withVal(200)).create()) {
      float[] theta0 = model.export().params();
      float[] fresh = other.export().params();
      for (ResetMode mode : List.of(ResetMode.REWIND_INIT, ResetMode.parse("rewind-epoch 1"),
          ResetMode.parse("reinit"), ResetMode.parse("none"))) {
        model.restore(new ModelState(ModelState.FORMAT_VERSION, model.architecture(), theta0,
            new float[model.export().updater().length], 0));
        PrunableNetwork net = new PrunableNetwork(model, mode, fresh);
        trainEpoch(net, 1, 0.05);
        net.endDenseEpoch(1);
        float[] afterEpoch1 = model.export().params();
        trainEpoch(net, 2, 0.05);
        net.endDenseEpoch(2);
        net.prune(0.3, PruneCriterion.MAGNITUDE);
        float[] pruned = model.export().params();
        net.reset();
        ModelState s = model.export();
        float[] expected = switch (mode.kind()) {
          case REWIND_INIT -> theta0;
          case REWIND_EPOCH -> afterEpoch1;
          case REINIT -> fresh;
          case NONE -> pruned;
        };
        for (int i = 0; i < expected.length; i++) {
          assertEquals(s.mask()[i] == 0 ? 0f : expected[i], s.params()[i], mode.flagValue() + " at " + i);
        }
        assertEquals(0, s.iteration(), "fresh updater: iteration 0");
        for (float v : s.updater()) {
          assertEquals(0f, v, "fresh updater state");
        }
      }
    }
  }

  @Test
  void rewindToAnEpochTheDenseCycleNeverReachedFails() {
    try (NetworkModel model = factory("mlp", "sgd").create()) {
      PrunableNetwork net = new PrunableNetwork(model, ResetMode.parse("rewind-epoch 3"), null);
      trainEpoch(net, 1, 0.1);
      net.endDenseEpoch(1);
      net.prune(0.2, PruneCriterion.MAGNITUDE);
      IllegalStateException e = assertThrows(IllegalStateException.class, net::reset);
      assertTrue(e.getMessage().contains("rewind-epoch 3"), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam"})
  void maskTravelsInExportRestoreAndCopyAndTrainingContinuesIdentically(String updater) {
    NetworkModelFactory f = factory("mlp", updater);
    try (NetworkModel a = f.create(); NetworkModel b = f.create()) {
      PrunableNetwork net = new PrunableNetwork(a, ResetMode.REWIND_INIT, null);
      trainEpoch(net, 1, 0.01);
      net.prune(0.4, PruneCriterion.WEIGHT_CHANGE);
      ModelState state = a.export();
      assertTrue(state.masked());
      b.restore(state);
      assertEquals(state, b.export());
      try (NetworkModel c = a.copy()) {
        assertArrayEquals(state.mask(), c.mask());
        List<Batch> batches = new DataOrder(SEED, 5).batches(a.trainSize(), 64).subList(0, 4);
        for (Batch batch : batches) {
          a.step(batch, Hyper.lr(0.01));
          b.step(batch, Hyper.lr(0.01));
          c.step(batch, Hyper.lr(0.01));
        }
        assertEquals(a.export(), b.export());
        assertEquals(a.export(), c.export());
        assertPrunedAreZero(b, "restored model after training");
      }
    }
  }

  @Test
  void setMaskRefusesWrongLengthOrValues() {
    try (NetworkModel model = factory("mlp", "sgd").create()) {
      assertThrows(IllegalArgumentException.class, () -> model.setMask(new byte[3]));
      byte[] bad = new byte[(int) model.parameterCount()];
      bad[0] = 2;
      assertThrows(IllegalArgumentException.class, () -> model.setMask(bad));
    }
  }

  private static double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  }
}
