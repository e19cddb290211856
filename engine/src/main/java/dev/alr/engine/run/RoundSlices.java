package dev.alr.engine.run;

import dev.alr.engine.SearchException;
import dev.alr.engine.policy.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run's rounds map onto its epochs: one round per epoch, or with {@code --round-steps K}
 * each epoch's batches cut into contiguous slices of K (the last one of an epoch may be shorter; a
 * round never spans two epochs). The policy counts rounds as its "epochs"; this maps its round
 * index to (epoch, slice) and places the planned candidates there, so every candidate of a round
 * sees the same batches of the epoch's data order.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stepsPerEpoch batches per epoch (&ge; 1)
 * @param roundSteps    batches per round, or 0 for one round per epoch
 */
public record RoundSlices(long stepsPerEpoch, int roundSteps) {

  /**
   * Validates; a bad {@code roundSteps} is bad input ({@link SearchException} naming
   * {@code --round-steps}).
   */
  public RoundSlices {
    if (stepsPerEpoch < 1 || stepsPerEpoch > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("steps per epoch must be in [1, 2^31), got " + stepsPerEpoch);
    }
    if (roundSteps < 0 || roundSteps > stepsPerEpoch) {
      throw new SearchException("roundSteps: must be between 1 and the " + stepsPerEpoch
          + " batches of an epoch, got " + roundSteps);
    }
  }

  /** Whether rounds are slices of epochs rather than whole epochs. */
  public boolean subEpoch() {
    return roundSteps > 0;
  }

  /** Rounds per epoch. */
  public int perEpoch() {
    return subEpoch() ? (int) ((stepsPerEpoch + roundSteps - 1) / roundSteps) : 1;
  }

  /** Rounds in a run of {@code epochs} epochs. */
  public int total(int epochs) {
    long n = (long) epochs * perEpoch();
    if (n > Integer.MAX_VALUE) {
      throw new SearchException("roundSteps: " + epochs + " epochs of " + perEpoch()
          + " rounds are too many rounds; use larger rounds");
    }
    return (int) n;
  }

  /** The epoch (from 1) of round {@code round} (from 1). */
  public int epochOf(int round) {
    return (round - 1) / perEpoch() + 1;
  }

  /** The first batch of round {@code round} within its epoch. */
  public int fromBatch(int round) {
    return subEpoch() ? ((round - 1) % perEpoch()) * roundSteps : 0;
  }

  /** The batch after round {@code round}'s last one within its epoch. */
  public int toBatch(int round) {
    return subEpoch() ? (int) Math.min(stepsPerEpoch, (long) fromBatch(round) + roundSteps) : (int) stepsPerEpoch;
  }

  /** Whether round {@code round} is the last of its epoch. */
  public boolean endsEpoch(int round) {
    return round % perEpoch() == 0;
  }

  /**
   * The candidates the policy planned for round {@code round}, placed in the round's epoch and
   * slice; unchanged when rounds are epochs.
   */
  public List<Candidate> place(int round, List<Candidate> planned) {
    if (!subEpoch()) {
      return planned;
    }
    List<Candidate> out = new ArrayList<>(planned.size());
    for (Candidate c : planned) {
      out.add(c.inSlice(epochOf(round), fromBatch(round), toBatch(round)));
    }
    return List.copyOf(out);
  }
}
