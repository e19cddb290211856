package dev.alr.models.nn;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Schedule-Free SGD (Defazio et al., "The Road Less Scheduled", NeurIPS 2024) as a DL4J updater
 * configuration. With γ the learning rate, β the interpolation and c<sub>t</sub> = 1/(t+1) (t the
 * step index, from 0), each step takes the gradient at y and sets
 * <pre>
 *   z ← z − γ∇f(y),   x ← (1 − c<sub>t</sub>)x + c<sub>t</sub>z,   y = (1 − β)z + βx.
 * </pre>
 * The network's parameters are y. The updater state (2 values per parameter, in DL4J's updater
 * state view, so exported, copied, checkpointed and sent like any other state) holds z − y and
 * x − y: a zeroed state is exactly the start z = x = y, and the returned update is y − y'. The
 * model is evaluated at x = y + (x − y) ({@link BlockHook#toEvaluationPoint}). With a constant γ
 * and no warm-up, the paper's weights c<sub>t</sub> = γ²/Σγ² reduce to 1/(t+1).
 *
 * <p>Mutable like every DL4J updater configuration (the model sets the learning rate between
 * steps); not thread-safe.
 */
public final class ScheduleFree implements IUpdater {
  private static final long serialVersionUID = 1L;

  private double learningRate;
  private double beta;

  /** For DL4J's configuration cloning (learning rate 0.01, β 0.9). */
  public ScheduleFree() {
    this(0.01, 0.9);
  }

  /**
   * @param learningRate γ, the step of z
   * @param beta         β in [0, 1): y's weight on x
   */
  public ScheduleFree(double learningRate, double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("scheduleFree.beta: must be in [0, 1), got " + beta);
    }
    this.learningRate = learningRate;
    this.beta = beta;
  }

  /** β: y = (1 − β)z + βx. */
  public double beta() {
    return beta;
  }

  @Override
  public long stateSize(long numParams) {
    return 2 * numParams;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    Updater u = new Updater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    throw new UnsupportedOperationException("ScheduleFree keeps its state in DL4J's updater state view only");
  }

  @Override
  public ScheduleFree clone() {
    return new ScheduleFree(learningRate, beta);
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return learningRate;
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    if (lrSchedule != null) {
      throw new UnsupportedOperationException("ScheduleFree takes a learning rate, not a DL4J schedule");
    }
    this.learningRate = lr;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScheduleFree s && s.learningRate == learningRate && s.beta == beta;
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, beta);
  }

  @Override
  public String toString() {
    return "ScheduleFree(lr=" + learningRate + ", beta=" + beta + ")";
  }

  /** The per-block gradient updater; its state view is [z − y, x − y]. Not thread-safe. */
  static final class Updater implements GradientUpdater<ScheduleFree>, BlockHook {
    private final ScheduleFree config;
    private INDArray zOffset;
    private INDArray xOffset;

    Updater(ScheduleFree config) {
      this.config = config;
    }

    @Override
    public ScheduleFree getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
      throw new UnsupportedOperationException("ScheduleFree keeps its state in DL4J's updater state view only");
    }

    @Override
    public Map<String, INDArray> getState() {
      return Map.of("zOffset", zOffset, "xOffset", xOffset);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
      if (initialize) {
        viewArray.assign(0);
      }
      long n = viewArray.length() / 2;
      zOffset = VectorViews.slice(viewArray, 0, n);
      xOffset = VectorViews.slice(viewArray, n, 2 * n);
    }

    /**
     * Turns the gradient g (at y) into the update y − y': with s = γg, a = z − y, b = x − y:
     * a₁ = a − s, b₁ = (1 − c)b + c·a₁, w = (1 − β)a₁ + βb₁ = y' − y; then a ← a₁ − w,
     * b ← b₁ − w and the update is −w. No allocation.
     */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      double c = 1.0 / (iteration + 1.0);
      double beta = config.beta;
      INDArray g = gradient;
      zOffset = VectorViews.shaped(zOffset, g.shape(), "ScheduleFree");
      xOffset = VectorViews.shaped(xOffset, g.shape(), "ScheduleFree");
      g.muli(config.getLearningRate(iteration, epoch));
      zOffset.subi(g);
      xOffset.muli(1 - c);
      Nd4j.getBlasWrapper().axpy(c, zOffset, xOffset);
      g.assign(zOffset).muli(1 - beta);
      Nd4j.getBlasWrapper().axpy(beta, xOffset, g);
      zOffset.subi(g);
      xOffset.subi(g);
      g.negi();
    }

    @Override
    public boolean movesEvaluation() {
      return true;
    }

    /** y → x = y + (x − y). */
    @Override
    public void toEvaluationPoint(INDArray blockParams) {
      blockParams.addi(VectorViews.shaped(xOffset, blockParams.shape(), "ScheduleFree"));
    }

    /** y → x, the state → [z − x, 0]: continuing from the export restarts with y = x and the same z. */
    @Override
    public void rebaseToEvaluationPoint(INDArray blockParams) {
      toEvaluationPoint(blockParams);
      zOffset.subi(xOffset);
      xOffset.assign(0);
    }
  }
}
