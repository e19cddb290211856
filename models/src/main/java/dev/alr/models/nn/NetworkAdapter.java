package dev.alr.models.nn;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The few operations {@link NetworkModel} needs from one DL4J network, over the calls that differ
 * between network types (fit, score, output, inputs, iteration counter). One implementation per
 * DL4J network type: {@link MultiLayerAdapter} and {@link GraphAdapter}. Everything the types
 * share (parameters, gradient, score) is reached through {@link #model()}.
 *
 * <p>Lifecycle: built around an initialised network; used by one model; {@link #close()} once.
 * Not thread-safe.
 */
interface NetworkAdapter extends AutoCloseable {

  /** The network as DL4J's common model type. */
  Model model();

  /** One optimizer step on a batch (one DL4J fit iteration); the score is then {@code model().score()}. */
  void fit(INDArray features, INDArray labels);

  /** Mean loss on a batch, without updating anything. */
  double score(INDArray features, INDArray labels);

  /** Class probabilities, one row per sample (inference mode). */
  INDArray output(INDArray features);

  /**
   * Computes the loss gradient on a batch without updating anything.
   *
   * @return the network's flattened gradient array (summed over the batch, not averaged), valid
   *         until the next call that computes gradients
   */
  INDArray computeGradient(INDArray features, INDArray labels);

  /** The network's updater, created if needed (its blocks and state view array). */
  BaseMultiLayerUpdater<?> updater();

  /**
   * Applies the gradient left by the last {@link #computeGradient} through the updater and takes
   * the step, as {@code fit} would after computing that same gradient (updater, step, iteration
   * count), without computing it again.
   */
  void applyComputedGradient(int batchSize);

  /** Optimizer steps taken so far. */
  int iterationCount();

  /** Sets the step counter (Adam's bias correction reads it). */
  void setIterationCount(int iteration);

  /** Releases the network's native memory. */
  @Override
  void close();
}
