package dev.alr.models.nn;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DoG, "Distance over Gradients" (Ivgi, Hinder &amp; Carmon, ICML 2023), as a DL4J updater
 * configuration, applied per DL4J updater block. At step t (from 0), with g<sub>t</sub> the mean
 * gradient of the block and x<sub>0</sub> its initial parameters:
 * <pre>
 *   r̄<sub>t</sub> = max(r<sub>ε</sub>, max<sub>i≤t</sub>‖x<sub>i</sub> − x<sub>0</sub>‖),
 *   G<sub>t</sub> = Σ<sub>i≤t</sub>‖g<sub>i</sub>‖²,
 *   x<sub>t+1</sub> = x<sub>t</sub> − lr · r̄<sub>t</sub> / √(G<sub>t</sub> + 1e-8) · g<sub>t</sub>,
 * </pre>
 * with r<sub>ε</sub> = ε(1 + ‖x<sub>0</sub>‖) (the reference implementation's relative initial
 * movement, {@code reps_rel}, default 1e-6) and lr a multiplier (1 in the {@code dog} strategy).
 * A block spans adjacent layers with equal updater configurations; the models here use one
 * configuration for all layers, so a network is one block and this is the paper's (global) DoG,
 * not the layer-wise LDoG.
 *
 * <p>State (in DL4J's updater state view, so exported, copied, checkpointed and sent like any
 * other state): DL4J gives a block of k variables (weights, biases) with N parameters N + 2k
 * values; they hold x − x<sub>0</sub> (N values, updated by minus each applied update), r̄ and G;
 * the rest stays 0. r̄ starts at r<sub>ε</sub>, which needs ‖x<sub>0</sub>‖: the model writes it
 * through {@link BlockHook#initialise} when it is built.
 *
 * <p>Mutable like every DL4J updater configuration (the model sets the multiplier between steps);
 * not thread-safe.
 */
public final class Dog implements IUpdater {
  /** The reference implementation's default relative initial movement. */
  public static final double DEFAULT_EPSILON = 1e-6;
  /** Added to G under the square root, as in the reference implementation. */
  static final double G_EPSILON = 1e-8;
  private static final long serialVersionUID = 1L;

  private double learningRate;
  private double epsilon;

  /** For DL4J's configuration cloning (multiplier 1, ε {@value #DEFAULT_EPSILON}). */
  public Dog() {
    this(1.0, DEFAULT_EPSILON);
  }

  /**
   * @param learningRate multiplier of DoG's step size (1: the paper's DoG)
   * @param epsilon      relative initial movement: r<sub>ε</sub> = ε(1 + ‖x<sub>0</sub>‖), &gt; 0
   */
  public Dog(double learningRate, double epsilon) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("dog.epsilon: must be finite and > 0, got " + epsilon);
    }
    this.learningRate = learningRate;
    this.epsilon = epsilon;
  }

  /** The relative initial movement ε. */
  public double epsilon() {
    return epsilon;
  }

  @Override
  public long stateSize(long numParams) {
    return numParams + 2;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    Updater u = new Updater(this);
    u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
    return u;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    throw new UnsupportedOperationException("Dog keeps its state in DL4J's updater state view only");
  }

  @Override
  public Dog clone() {
    return new Dog(learningRate, epsilon);
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
      throw new UnsupportedOperationException("Dog takes a multiplier, not a DL4J schedule");
    }
    this.learningRate = lr;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dog d && d.learningRate == learningRate && d.epsilon == epsilon;
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, epsilon);
  }

  @Override
  public String toString() {
    return "Dog(lr=" + learningRate + ", eps=" + epsilon + ")";
  }

  /**
   * The per-block gradient updater. Its state view is [x − x₀ (N), r̄, G, zeros]; N is known
   * from the first gradient (or {@link #initialise}). Not thread-safe.
   */
  static final class Updater implements GradientUpdater<Dog>, BlockHook {
    private final Dog config;
    private INDArray view;
    private INDArray displacement;
    private long n = -1;

    Updater(Dog config) {
      this.config = config;
    }

    @Override
    public Dog getConfig() {
      return config;
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
      throw new UnsupportedOperationException("Dog keeps its state in DL4J's updater state view only");
    }

    @Override
    public Map<String, INDArray> getState() {
      return Map.of("state", view);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
      if (initialize) {
        viewArray.assign(0);
      }
      view = viewArray;
      displacement = null;
      n = -1;
    }

    private void bind(long parameters) {
      if (n == parameters) {
        return;
      }
      if (n >= 0 || parameters + 2 > view.length()) {
        throw new IllegalStateException("Dog: a block of " + parameters + " parameters for a state of "
            + view.length() + " values" + (n >= 0 ? " bound to " + n + " parameters" : ""));
      }
      n = parameters;
      displacement = VectorViews.slice(view, 0, parameters);
    }

    /** r̄ = r_ε = ε(1 + ‖x₀‖), from the block's initial parameters. */
    @Override
    public void initialise(INDArray blockParams) {
      bind(blockParams.length());
      view.putScalar(n, config.epsilon * (1 + blockParams.norm2Number().doubleValue()));
    }

    /** The step size of this step; the gradient becomes η·g and x − x₀ moves by −η·g. */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      bind(gradient.length());
      displacement = VectorViews.shaped(displacement, gradient.shape(), "Dog");
      double gradNorm = gradient.norm2Number().doubleValue();
      double sumSquares = view.getDouble(n + 1) + gradNorm * gradNorm;
      double rbar = Math.max(view.getDouble(n), displacement.norm2Number().doubleValue());
      view.putScalar(n, rbar);
      view.putScalar(n + 1, sumSquares);
      double eta = config.getLearningRate(iteration, epoch) * rbar / Math.sqrt(sumSquares + G_EPSILON);
      gradient.muli(eta);
      displacement.subi(gradient);
    }
  }
}
