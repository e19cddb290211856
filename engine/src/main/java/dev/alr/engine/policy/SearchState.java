package dev.alr.engine.policy;

import java.util.List;

/**
 * Immutable snapshot of a search between epochs.
 *
 * @param epoch    the epoch about to be planned, from 1
 * @param beams    the kept models, best first
 * @param nextId   the next candidate id to assign
 * @param backoffs divergence back-offs taken for this epoch so far
 */
public record SearchState(int epoch, List<Beam> beams, int nextId, int backoffs) {

  /** Copies the beam list. */
  public SearchState {
    beams = List.copyOf(beams);
  }
}
