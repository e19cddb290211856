package dev.alr.models.prune;

import dev.alr.engine.spi.ModelState;
import java.util.Objects;

/**
 * What a pruning line carries from one cycle to the next: the trained model state (weights,
 * updater state, mask) and the weights its resets need. Immutable by contract, like
 * {@link ModelState}: the arrays are not copied, so neither producer nor reader may write to them.
 *
 * @param trained     the state after the cycle's training
 * @param rewindPoint the weights a {@code rewind-epoch} reset goes back to, or null when not recorded
 * @param epochStart  the weights at the start of the last epoch (for the weight-change criteria), or null
 */
public record LineState(ModelState trained, float[] rewindPoint, float[] epochStart) {
  /** Checks that the trained state is present. */
  public LineState {
    Objects.requireNonNull(trained, "trained");
  }
}
