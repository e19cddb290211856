package dev.alr.engine.run;

import dev.alr.engine.fixture.QuadraticModel;
import dev.alr.engine.spi.Batch;
import dev.alr.engine.spi.Split;

/**
 * The quadratic bowl's heavy-ball SGD written out in double precision, independent of the
 * fixture's float code: per-sample loss ½‖w − t_i‖², gradient w − mean(t_batch), v = μv + g,
 * w −= lr·v.
 */
final class SgdReference {
  final double[] w;
  final double[] v;
  private final QuadraticModel.Problem problem;
  private final double mu;

  SgdReference(QuadraticModel.Problem problem, double mu) {
    this.problem = problem;
    this.mu = mu;
    this.w = new double[problem.dim()];
    this.v = new double[problem.dim()];
    for (int j = 0; j < w.length; j++) {
      w[j] = problem.w0()[j];
    }
  }

  /** One step; {@code momentum} NaN keeps μ. Returns the batch's mean loss before the update. */
  double step(Batch b, double lr, double momentum) {
    double loss = loss(b);
    double[] mean = new double[w.length];
    for (int i : b.indices()) {
      float[] t = problem.trainTarget(i);
      for (int j = 0; j < w.length; j++) {
        mean[j] += t[j];
      }
    }
    double m = Double.isNaN(momentum) ? mu : momentum;
    for (int j = 0; j < w.length; j++) {
      v[j] = m * v[j] + (w[j] - mean[j] / b.size());
      w[j] -= lr * v[j];
    }
    return loss;
  }

  double loss(Batch b) {
    double sum = 0;
    for (int i : b.indices()) {
      sum += sampleLoss(problem.trainTarget(i));
    }
    return sum / b.size();
  }

  double evaluate(Split split) {
    float[][] targets = problem.targets(split);
    double sum = 0;
    for (float[] t : targets) {
      sum += sampleLoss(t);
    }
    return sum / targets.length;
  }

  private double sampleLoss(float[] t) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      s += (w[j] - t[j]) * (w[j] - t[j]);
    }
    return 0.5 * s;
  }
}
