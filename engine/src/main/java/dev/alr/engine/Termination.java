package dev.alr.engine;

import java.util.Locale;

/** How a run ended. JSON and tables use the lower-case names ({@link #toString()}). */
public enum Termination {
  /** All epochs trained. */
  COMPLETED,
  /** Training diverged beyond recovery; the run stopped early. */
  DIVERGED,
  /** Not ended: a result taken before the last round (never returned by an executor). */
  RUNNING;

  /** The lower-case name, as written in JSON ({@code "completed"}, …). */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
