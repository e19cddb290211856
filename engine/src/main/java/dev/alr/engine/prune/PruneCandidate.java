package dev.alr.engine.prune;

/**
 * One model to train for one prune cycle: take the trained state of {@code parentId} (or the
 * seeded initial model in cycle 0), prune it and reset it (from cycle 1 on), then train the
 * cycle with peak learning rate {@code maxLr}. Immutable.
 *
 * @param id       unique within a run, assigned by the policy in a fixed order (line, factor)
 * @param parentId the candidate of the previous cycle this one starts from, or {@link #ROOT}
 * @param cycle    the prune cycle, from 0 (dense)
 * @param line     the line (beam rank or grid point) the candidate belongs to
 * @param factor   the factor applied to the parent's {@code max_lr} (1 where none applies)
 * @param maxLr    the cycle's peak learning rate
 */
public record PruneCandidate(int id, int parentId, int cycle, int line, double factor, double maxLr) {
  /** Parent of a cycle-0 candidate: the seeded initial model. */
  public static final int ROOT = -1;

  /** Validates. */
  public PruneCandidate {
    if (id < 0 || cycle < 0) {
      throw new IllegalArgumentException("candidate id and cycle must be >= 0, got " + id + ", " + cycle);
    }
    if (!(maxLr > 0) || !Double.isFinite(maxLr)) {
      throw new IllegalArgumentException("max_lr must be positive and finite, got " + maxLr);
    }
  }
}
