package dev.alr.engine.policy;

import java.util.List;

/**
 * One N-probe probe: the LR it probed around and the loss after a look-ahead step at
 * {@code lr * factor} for each factor, in the order of the settings' factors. Immutable.
 *
 * @param step   global optimizer step the probe came before, 0-based
 * @param lr     the LR the factors multiplied (the rule's level)
 * @param losses one probe loss per factor; non-finite (NaN) where that probe diverged
 */
public record ProbeRecord(long step, double lr, List<Double> losses) {
  /** Copies the list. */
  public ProbeRecord {
    losses = List.copyOf(losses);
  }
}
