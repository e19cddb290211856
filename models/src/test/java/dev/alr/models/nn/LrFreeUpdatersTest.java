package dev.alr.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.alr.models.data.DataException;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * The learning-rate-free updaters: their update rules against the papers' recursions on small
 * vectors, the quadratic bowl, and in a {@link NetworkModel} (learning, evaluation at x,
 * export/restore).
 */
class LrFreeUpdatersTest {
  private static final long SEED = 5;

  private static INDArray row(double... v) {
    return Nd4j.create(v, new long[] {1, v.length}, DataType.DOUBLE);
  }

  @Test
  void scheduleFreeFollowsThePapersRecursion() {
    double gamma = 0.1;
    double beta = 0.9;
    INDArray view = Nd4j.create(DataType.DOUBLE, 1, 6);
    GradientUpdater<?> u = new ScheduleFree(gamma, beta).instantiate(view, true);
    // the paper's recursion in absolute terms, from y = z = x = y0
    double[] y = {1.0, -2.0, 0.5};
    double[] z = y.clone();
    double[] x = y.clone();
    double[][] grads = {{0.3, -0.1, 2.0}, {-0.4, 0.2, 1.0}, {0.05, 0.5, -1.5}};
    for (int t = 0; t < grads.length; t++) {
      INDArray g = row(grads[t]);
      u.applyUpdater(g, t, 0);
      double c = 1.0 / (t + 1);
      for (int i = 0; i < 3; i++) {
        z[i] -= gamma * grads[t][i];
        x[i] = (1 - c) * x[i] + c * z[i];
        double yNext = (1 - beta) * z[i] + beta * x[i];
        assertEquals(y[i] - yNext, g.getDouble(0, i), 1e-12, "update, step " + t + ", element " + i);
        y[i] = yNext;
        assertEquals(z[i] - y[i], view.getDouble(0, i), 1e-12, "z - y");
        assertEquals(x[i] - y[i], view.getDouble(0, 3 + i), 1e-12, "x - y");
      }
    }
    // first step: c = 1, so x = z = y after it; the step is plain SGD
    INDArray fresh = Nd4j.create(DataType.DOUBLE, 1, 4);
    GradientUpdater<?> first = new ScheduleFree(0.5, beta).instantiate(fresh, true);
    INDArray g = row(2.0, -4.0);
    first.applyUpdater(g, 0, 0);
    assertArrayEquals(new double[] {1.0, -2.0}, g.toDoubleVector(), 0);
    assertArrayEquals(new double[4], fresh.toDoubleVector(), 0);
  }

  @Test
  void dogStepIsDistanceOverGradients() {
    double eps = 1e-3;
    INDArray view = Nd4j.create(DataType.DOUBLE, 1, 2 + 2);
    Dog.Updater u = (Dog.Updater) new Dog(1.0, eps).instantiate(view, true);
    INDArray x0 = row(3.0, 4.0);
    u.initialise(x0);
    double reps = eps * (1 + 5.0);
    assertEquals(reps, view.getDouble(0, 2), 1e-15);
    // step 0: eta = r_eps / sqrt(|g0|^2 + 1e-8)
    INDArray g0 = row(0.6, 0.8);
    u.applyUpdater(g0, 0, 0);
    double eta0 = reps / Math.sqrt(1.0 + Dog.G_EPSILON);
    assertEquals(eta0 * 0.6, g0.getDouble(0, 0), 1e-15);
    assertEquals(eta0 * 0.8, g0.getDouble(0, 1), 1e-15);
    assertEquals(-eta0 * 0.6, view.getDouble(0, 0), 1e-15, "x1 - x0");
    // step 1: the distance eta0 is still below r_eps (eta0 ≈ r_eps), G = 1 + 4
    INDArray g1 = row(0.0, 2.0);
    u.applyUpdater(g1, 1, 0);
    double rbar1 = Math.max(reps, eta0);
    double eta1 = rbar1 / Math.sqrt(5.0 + Dog.G_EPSILON);
    assertEquals(eta1 * 2.0, g1.getDouble(0, 1), 1e-15);
    // a large move: the distance then sets the step
    view.putScalar(0, 0, 3.0);
    view.putScalar(0, 1, 4.0);
    INDArray g2 = row(1.0, 0.0);
    u.applyUpdater(g2, 2, 0);
    assertEquals(5.0 / Math.sqrt(6.0 + Dog.G_EPSILON), g2.getDouble(0, 0), 1e-12);
    assertEquals(5.0, view.getDouble(0, 2), 0, "running max distance");
    assertEquals(6.0, view.getDouble(0, 3), 1e-12, "sum of squared gradient norms");
  }

  /** f(w) = ½ Σ a_i (w_i − c_i)², from w = 0, through the DL4J SPI: params −= update. */
  private static double bowl(GradientUpdater<?> u, INDArray params, int steps, INDArray evaluationOffset) {
    double[] a = {1.0, 4.0, 0.25};
    double[] c = {1.0, -2.0, 3.0};
    for (int t = 0; t < steps; t++) {
      double[] g = new double[3];
      for (int i = 0; i < 3; i++) {
        g[i] = a[i] * (params.getDouble(0, i) - c[i]);
      }
      INDArray grad = row(g);
      u.applyUpdater(grad, t, 0);
      params.subi(grad);
    }
    INDArray at = evaluationOffset == null ? params : params.add(evaluationOffset);
    double f = 0;
    for (int i = 0; i < 3; i++) {
      double d = at.getDouble(0, i) - c[i];
      f += 0.5 * a[i] * d * d;
    }
    return f;
  }

  @Test
  void bothMinimiseTheQuadraticBowl() {
    double f0 = 0.5 * (1 + 4 * 4 + 0.25 * 9);
    INDArray sfView = Nd4j.create(DataType.DOUBLE, 1, 6);
    GradientUpdater<?> sf = new ScheduleFree(0.2, 0.9).instantiate(sfView, true);
    INDArray y = Nd4j.create(DataType.DOUBLE, 1, 3);
    double sfLoss = bowl(sf, y, 2000, sfView.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(3, 6)));
    assertTrue(sfLoss < 1e-3 * f0, "schedule-free at x: " + sfLoss);

    INDArray dogView = Nd4j.create(DataType.DOUBLE, 1, 5);
    Dog.Updater dog = (Dog.Updater) new Dog(1.0, 1e-4).instantiate(dogView, true);
    INDArray w = Nd4j.create(DataType.DOUBLE, 1, 3);
    dog.initialise(w);
    double dogLoss = bowl(dog, w, 2000, null);
    assertTrue(dogLoss < 1e-3 * f0, "dog: " + dogLoss);
    assertTrue(dogView.getDouble(0, 3) > 1, "DoG's distance grew from r_eps to the scale of the solution");
  }

  private static WorkloadSpec spec(String updater) {
    return WorkloadSpec.of("mlp", "synthetic", SEED).withUpdater(updater, 0).withLimit(2000).withHidden(List.of(32));
  }

  private static void train(NetworkModel model, int epoch, double lr) {
    for (Batch b : new DataOrder(SEED, epoch).batches(model.trainSize(), 32)) {
      model.step(b, Hyper.lr(lr));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"schedule-free", "dog"})
  void mlpLearnsSyntheticData(String updater) {
    double lr = updater.equals("dog") ? 1.0 : 0.1;
    try (NetworkModel model = Workloads.factory(spec(updater)).create()) {
      Evaluation before = model.evaluate(Split.TEST);
      // DoG starts at r_eps and grows its step over a few hundred steps (its warm-up)
      for (int epoch = 1; epoch <= 6; epoch++) {
        train(model, epoch, lr);
      }
      Evaluation after = model.evaluate(Split.TEST);
      assertTrue(after.loss() < 0.7 * before.loss(), before + " -> " + after);
      assertTrue(after.accuracy() > 0.6, "accuracy " + after.accuracy());
    }
  }

  @Test
  void scheduleFreeEvaluatesAtXAndLeavesTheTrainingPointAlone() {
    try (NetworkModel sf = Workloads.factory(spec("schedule-free:0.9")).create()) {
      train(sf, 1, 0.1);
      ModelState before = sf.export();
      Evaluation atX = sf.evaluate(Split.TEST);
      assertEquals(before, sf.export(), "evaluation must not change the parameters or the state");
      // β = 0 would evaluate the same network at y, so evaluate a y-only copy for comparison:
      // the copy's state is zeroed (x − y = 0), hence it evaluates at y
      try (NetworkModel atY = sf.copy()) {
        atY.restore(new ModelState(before.formatVersion(), before.architecture(), before.params(),
            new float[before.updater().length], before.iteration()));
        assertNotEquals(atX.loss(), atY.evaluate(Split.TEST).loss(), "x and y differ after training");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"schedule-free", "dog:1e-5"})
  void exportRestoreContinuesBitIdentically(String updater) {
    NetworkModelFactory factory = Workloads.factory(spec(updater));
    double lr = updater.startsWith("dog") ? 1.0 : 0.1;
    try (NetworkModel uninterrupted = factory.create(); NetworkModel resumed = factory.create()) {
      train(uninterrupted, 1, lr);
      ModelState state = uninterrupted.export();
      assertTrue(state.updater().length > state.params().length, "updater state holds the optimizer's vectors");
      resumed.restore(state);
      train(uninterrupted, 2, lr);
      train(resumed, 2, lr);
      assertEquals(uninterrupted.export(), resumed.export());
      assertEquals(uninterrupted.evaluate(Split.TEST), resumed.evaluate(Split.TEST));
      try (NetworkModel copy = uninterrupted.copy()) {
        train(copy, 3, lr);
        train(uninterrupted, 3, lr);
        assertArrayEquals(uninterrupted.export().params(), copy.export().params());
      }
    }
  }

  @Test
  void optionsAreValidatedAndPartOfTheArchitecture() {
    assertEquals(0.5, UpdaterKind.option("schedule-free:0.5"));
    assertTrue(Double.isNaN(UpdaterKind.option("dog")));
    assertEquals(UpdaterKind.DOG, UpdaterKind.parse("dog:1e-4"));
    for (String bad : List.of("schedule-free:1", "schedule-free:-0.1", "dog:0", "dog:-1", "dog:x", "adam:0.5")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UpdaterKind.option(bad));
      assertTrue(e.getMessage().startsWith("updater"), e.getMessage());
    }
    assertTrue(Workloads.factory(spec("dog")).architecture().endsWith("/dog"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"schedule-free", "dog"})
  void fashionMnistReachesASaneAccuracy(String updater) {
    WorkloadSpec s = WorkloadSpec.of("mlp", "fashion-mnist", 3).withUpdater(updater, 0).withLimit(2000);
    NetworkModelFactory factory;
    try {
      factory = Workloads.factory(s);
    } catch (DataException e) {
      System.out.println("LrFreeUpdatersTest skipped: " + e.getMessage());
      Assumptions.abort("Fashion-MNIST not installed: " + e.getMessage());
      return;
    }
    try (NetworkModel model = factory.create()) {
      double lr = updater.equals("dog") ? 1.0 : 0.05;
      for (int epoch = 1; epoch <= 3; epoch++) {
        for (Batch b : new DataOrder(3, epoch).batches(factory.trainSize(), 16)) {
          model.step(b, Hyper.lr(lr));
        }
      }
      Evaluation test = model.evaluate(Split.TEST);
      System.out.println("Fashion-MNIST " + updater + ": 2000 samples, 3 epochs -> test " + test);
      assertTrue(test.accuracy() > 0.7, "test accuracy " + test.accuracy());
    }
  }
}
