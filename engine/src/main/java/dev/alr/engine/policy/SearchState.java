package dev.alr.engine.policy;

import java.util.List;

/**
 * Immutable snapshot of a search between epochs.
 *
 * @param epoch    the epoch about to be planned, from 1
 * @param beams    the kept models, best first
 * @param nextId   the next candidate id to assign
 * @param backoffs divergence back-offs taken for this epoch so far
 * @param span     the factor span the epoch is planned with (see {@link FactorSpan}), or NaN for a
 *                 policy without an adaptive span
 */
public record SearchState(int epoch, List<Beam> beams, int nextId, int backoffs, double span) {

  /** Copies the beam list. */
  public SearchState {
    beams = List.copyOf(beams);
  }

  /** A snapshot without an adaptive span. */
  public SearchState(int epoch, List<Beam> beams, int nextId, int backoffs) {
    this(epoch, beams, nextId, backoffs, Double.NaN);
  }
}
