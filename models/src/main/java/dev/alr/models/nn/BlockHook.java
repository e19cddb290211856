package dev.alr.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a gradient updater of this package needs from the parameters of its DL4J updater block,
 * which DL4J's {@code GradientUpdater} SPI never shows it (it sees only the gradient and its
 * state). {@link NetworkModel} finds the hooks among its updater blocks at construction and calls
 * them with each block's parameter view.
 *
 * <p>Call order: {@link #initialise} once per model, right after construction (before any step;
 * {@code copy} and {@code restore} then overwrite the state it wrote); {@link #toEvaluationPoint}
 * around each evaluation, whose parameters the model copies back afterwards. Not thread-safe: one
 * model's thread.
 */
interface BlockHook {

  /** Writes the part of a fresh state that depends on the initial parameters (nothing by default). */
  default void initialise(INDArray blockParams) {
  }

  /** Whether the model must evaluate somewhere else than at its training parameters. */
  default boolean movesEvaluation() {
    return false;
  }

  /** Moves the block's parameters, in place, to where the model is evaluated (nothing by default). */
  default void toEvaluationPoint(INDArray blockParams) {
  }

  /**
   * For export: moves the block's parameters to the evaluation point for good and re-expresses the
   * updater state relative to them, so that a saved network predicts as the model evaluates
   * ({@link #toEvaluationPoint} by default).
   */
  default void rebaseToEvaluationPoint(INDArray blockParams) {
    toEvaluationPoint(blockParams);
  }
}
