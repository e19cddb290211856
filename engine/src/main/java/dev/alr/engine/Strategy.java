package dev.alr.engine;

import dev.alr.engine.policy.SearchPolicy;

/**
 * A named way to choose learning rates — ALR beam search, N-probe, a fixed schedule or a grid —
 * as immutable configuration. It becomes a {@link SearchPolicy} once the run knows its initial LR,
 * epoch count and steps per epoch. Build one with {@link Strategies}.
 *
 * <p>Implementations are immutable records and thread-safe; {@code toString()} is stable and part
 * of a checkpoint's configuration fingerprint.
 */
public interface Strategy {

  /** The CLI name: {@code alr}, {@code nprobe}, {@code schedule:<name>} or {@code grid:<name>}. */
  String name();

  /** The policy for a run of {@code epochs} epochs starting at {@code lr0}. */
  SearchPolicy policy(double lr0, int epochs, long stepsPerEpoch);

  /**
   * Checks the run's initial LR against this strategy's constraints (e.g. its LR clamps);
   * throws {@link IllegalArgumentException} naming {@code --lr}. No constraint by default.
   */
  default void checkInitialLr(double lr0) {
  }

  /** Whether candidates are ranked on the validation loss (which then needs a validation split). */
  default boolean selectsOnValidation() {
    return false;
  }
}
