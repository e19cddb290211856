package dev.alr.engine.schedule;

/**
 * Parameter checks shared by the schedule records; every message names the schedule, the
 * parameter and what is allowed, e.g. {@code "cosine: minLr must be in [0, lr0], got 2.0"}.
 *
 * <p>Stateless and thread-safe.
 */
final class Require {
  private Require() {
  }

  /** {@code value} finite and &gt; 0. */
  static void positive(String owner, String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw fail(owner, name, "must be finite and > 0", value);
    }
  }

  /** {@code value} in {@code [lo, hi]} (and not NaN); {@code range} spells the bounds. */
  static void in(String owner, String name, double value, double lo, double hi, String range) {
    if (!(value >= lo && value <= hi)) {
      throw fail(owner, name, "must be in " + range, value);
    }
  }

  /** {@code value >= min}. */
  static void atLeast(String owner, String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(
          owner + ": " + name + " must be >= " + min + ", got " + value);
    }
  }

  /** A step index, which is never negative. */
  static void step(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
  }

  static IllegalArgumentException fail(String owner, String name, String what, double value) {
    return new IllegalArgumentException(owner + ": " + name + " " + what + ", got " + value);
  }
}
