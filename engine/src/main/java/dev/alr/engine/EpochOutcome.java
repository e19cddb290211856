package dev.alr.engine;

import java.util.Locale;

/** What a round decided for its epoch. JSON and tables use the lower-case names ({@link #toString()}). */
public enum EpochOutcome {
  /** The beams moved on to the next epoch. */
  ADVANCED,
  /** Every candidate diverged; the epoch is tried again at lower LRs. */
  RETRIED,
  /** Every candidate diverged after all back-offs; the run stops. */
  STOPPED;

  /** The lower-case name, as written in JSON ({@code "advanced"}, …). */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
