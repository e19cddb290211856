package dev.alr.engine.policy;

import java.util.Objects;

/**
 * One model to train for one epoch: start from the state of {@code parentId} (or the seeded
 * initial model when it is {@link #ROOT}) and train at {@code rule}.
 *
 * @param id       unique within a run, assigned by the policy in a fixed order (beam rank, factor)
 * @param parentId id of the candidate whose trained state this one starts from, or {@link #ROOT}
 * @param epoch    the epoch this candidate trains, from 1
 * @param line     index of the line (beam rank for ALR, grid point for grid search)
 * @param factor   the factor applied to the parent's LR (1 where no factor applies)
 * @param lr       the LR the candidate starts its epoch with
 * @param rule     how the LR moves during the epoch
 */
public record Candidate(int id, int parentId, int epoch, int line, double factor, double lr, LrRule rule) {
  /** Parent id of a candidate that starts from the seeded initial model. */
  public static final int ROOT = -1;

  /** Validates. */
  public Candidate {
    Objects.requireNonNull(rule, "rule");
    if (id < 0) {
      throw new IllegalArgumentException("candidate id must be >= 0, got " + id);
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
    }
  }
}
