package dev.alr.engine.policy;

import java.util.Objects;

/**
 * One model to train for one round: start from the state of {@code parentId} (or the seeded
 * initial model when it is {@link #ROOT}) and train at {@code rule} on the batches
 * {@code [fromBatch, toBatch)} of its epoch's data order — the whole epoch unless the run has
 * sub-epoch rounds ({@code --round-steps}).
 *
 * @param id       unique within a run, assigned by the policy in a fixed order (beam rank, factor)
 * @param parentId id of the candidate whose trained state this one starts from, or {@link #ROOT}
 * @param epoch    the epoch this candidate trains, from 1
 * @param line     index of the line (beam rank for ALR, grid point for grid search)
 * @param factor   the factor applied to the parent's LR (1 where no factor applies)
 * @param lr       the LR the candidate starts its epoch with
 * @param rule     how the LR moves during the epoch
 * @param fromBatch first batch of the epoch's data order it trains (0-based)
 * @param toBatch  the batch after its last one, or {@link #EPOCH_END} for the end of the epoch
 */
public record Candidate(int id, int parentId, int epoch, int line, double factor, double lr, LrRule rule,
                        int fromBatch, int toBatch) {
  /** Parent id of a candidate that starts from the seeded initial model. */
  public static final int ROOT = -1;
  /** {@link #toBatch()} of a candidate that trains to the end of its epoch. */
  public static final int EPOCH_END = -1;

  /** Validates. */
  public Candidate {
    Objects.requireNonNull(rule, "rule");
    if (id < 0) {
      throw new IllegalArgumentException("candidate id must be >= 0, got " + id);
    }
    if (epoch < 1) {
      throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
    }
    if (fromBatch < 0 || (toBatch != EPOCH_END && toBatch <= fromBatch)) {
      throw new IllegalArgumentException("batch slice must be [from >= 0, to > from), got [" + fromBatch + ", "
          + toBatch + ")");
    }
  }

  /** A candidate that trains its whole epoch. */
  public Candidate(int id, int parentId, int epoch, int line, double factor, double lr, LrRule rule) {
    this(id, parentId, epoch, line, factor, lr, rule, 0, EPOCH_END);
  }

  /** This candidate placed on the batches {@code [from, to)} of epoch {@code epoch}. */
  public Candidate inSlice(int epoch, int from, int to) {
    return new Candidate(id, parentId, epoch, line, factor, lr, rule, from, to);
  }
}
