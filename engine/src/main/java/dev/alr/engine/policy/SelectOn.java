package dev.alr.engine.policy;

/** Which loss ranks candidates. */
public enum SelectOn {
  /** The epoch's mean training loss (as in the ALR paper). */
  TRAIN,
  /** The loss on the validation split after the epoch (needs {@code --val}). */
  VAL;

  /** The loss of {@code r} this selection ranks on. */
  public double loss(CandidateResult r) {
    return this == TRAIN ? r.trainLoss() : r.valLoss();
  }
}
