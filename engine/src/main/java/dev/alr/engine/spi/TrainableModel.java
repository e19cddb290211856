package dev.alr.engine.spi;

/**
 * A neural network bound to its dataset, as the engine sees it: step on a batch of training
 * indices, measure a loss, probe LR factors, evaluate, copy, export and restore.
 *
 * <p>Lifecycle: obtained from a {@link ModelFactory}; any number of {@link #step} /
 * {@link #loss} / {@link #probe} / {@link #evaluate} / {@link #export} / {@link #restore} calls in
 * any order; {@link #close()} once, after which no method may be called. {@link #copy()} gives a
 * model with the same configuration and independent weights <em>and</em> updater state.
 *
 * <p>Not thread-safe: one thread uses a model at a time. Implementations run their math on one
 * native thread, so the same inputs give bit-identical results on CPU.
 */
public interface TrainableModel extends AutoCloseable {

  /** Number of training samples (after any limit and validation hold-out). */
  int trainSize();

  /**
   * One optimizer step on {@code batch} with the given learning rate (and momentum, if set).
   * The learning rate changes through the updater; the network is not rebuilt.
   *
   * @return the batch's mean loss before the update
   */
  double step(Batch batch, Hyper hyper);

  /** Mean loss on a batch of training samples, without updating anything. */
  double loss(Batch batch);

  /**
   * Computes the gradient g on {@code gradientBatch} once, then for each factor f the mean loss on
   * {@code probeBatch} of the parameters θ − f·lr·g, restoring θ afterwards (in place, no copy of
   * the model). The step is the raw gradient step, which equals the real step for plain SGD;
   * with momentum or Adam it is a first-order look-ahead, not the updater's step. A
   * {@link #step} on {@code gradientBatch} right after the probe may reuse g instead of computing
   * it again (the result must be the same as without the probe).
   *
   * @return one loss per factor, in the order given; non-finite when that probe diverged
   */
  double[] probe(Batch gradientBatch, Batch probeBatch, double lr, double[] factors);

  /** Loss and accuracy on the validation or test split. */
  Evaluation evaluate(Split split);

  /** An independent model: same configuration, copied weights and updater state. */
  TrainableModel copy();

  /** The model's full state: weights, updater state, iteration count. */
  ModelState export();

  /**
   * Replaces this model's weights, updater state and iteration count.
   *
   * @throws IllegalArgumentException if the state's format version or architecture differ
   */
  void restore(ModelState state);

  /** Releases native memory. */
  @Override
  void close();
}
