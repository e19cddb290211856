package dev.alr.bench.suite;

import java.util.Locale;

/** How long a suite run trains. CSV and JSON use the lower-case names ({@link #toString()}). */
public enum Budget {
  /** The suite's epoch count. */
  EPOCHS,
  /** A fixed schedule trained as many sample-gradients as ALR spent (equal compute). */
  COMPUTE;

  /** The lower-case name, as written in results ({@code "epochs"}, {@code "compute"}). */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
