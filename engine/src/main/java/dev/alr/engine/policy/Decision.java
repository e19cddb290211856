package dev.alr.engine.policy;

/** A policy's verdict on an epoch's results. */
public sealed interface Decision {

  /** Keep {@code next.beams()} and go on with {@code next.epoch()}. */
  record Advance(SearchState next) implements Decision {
  }

  /** Every candidate diverged: run the same epoch again from the same parents at lower LRs. */
  record Retry(SearchState next) implements Decision {
  }

  /** Stop the search; {@code reason} is one line for the user. */
  record Stop(String reason) implements Decision {
  }
}
