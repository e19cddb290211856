package dev.alr.engine.spi;

/** Which held-out part of a dataset an evaluation runs on. */
public enum Split {
  /** The last {@code val} training samples, held out from training. */
  VALIDATION,
  /** The dataset's test set. */
  TEST
}
